import { defineMigration } from '@cppcc/kit';

export const assessment = defineMigration('Migration20261127000002_members_assessment', (knex) =>
  knex.schema
    .alterTable('duty_event', (t) => {
      t.string('role').nullable();
    })
    .createTable('scoring_rule_set', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('year').notNullable();
      t.integer('version').notNullable();
      t.jsonb('rules').notNullable();
      t.string('created_by').nullable();
      t.datetime('created_at').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['district', 'year', 'version']);
    }),
);
