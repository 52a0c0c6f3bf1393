import { defineMigration } from '@cppcc/kit';

export const initial = defineMigration('Migration20261127000001_organization', (knex) =>
  knex.schema
    .createTable('district', (t) => {
      t.string('code', 12).primary();
      t.string('name').notNullable();
      t.string('level').notNullable();
      t.string('parent_code', 12).nullable().index();
    })
    .createTable('special_committee', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('name').notNullable();
      t.text('functions').notNullable();
      t.string('status').notNullable().defaultTo('ACTIVE');
      t.date('established_on').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('sector', (t) => {
      t.increments('id').primary();
      t.string('name').notNullable().unique();
      t.string('group').notNullable();
    }),
);
