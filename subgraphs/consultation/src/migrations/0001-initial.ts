import { defineMigration } from '@cppcc/kit';

export const initial = defineMigration('Migration20261127000001_consultation', (knex) =>
  knex.schema
    .createTable('consultation_activity', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('title').notNullable();
      t.string('form').notNullable();
      t.string('topic').notNullable();
      t.string('held_on', 10).notNullable();
      t.string('counterpart').nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('participant', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('activity_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['activity_id', 'member_id']);
    }),
);
