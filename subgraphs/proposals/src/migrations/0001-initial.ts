import { defineMigration } from '@cppcc/kit';

export const initial = defineMigration('Migration20261127000001_proposals', (knex) =>
  knex.schema.createTable('proposal', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('case_number').nullable();
    t.string('title').notNullable();
    t.string('category').notNullable();
    t.integer('year').notNullable();
    t.text('situation').notNullable();
    t.text('analysis').notNullable();
    t.text('suggestions').notNullable();
    t.string('status').notNullable();
    t.integer('author_id').notNullable().index();
    t.datetime('submitted_at').notNullable();
    t.datetime('filed_at').nullable();
    t.boolean('public').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
  }),
);
