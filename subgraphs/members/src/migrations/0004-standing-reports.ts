import { defineMigration } from '@cppcc/kit';

export const standingReports = defineMigration(
  'Migration20261127000004_members_standing_reports',
  (knex) =>
    knex.schema.createTable('standing_report', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('member_id').notNullable();
      t.integer('year').notNullable();
      t.text('text').notNullable();
      t.string('status').notNullable();
      t.datetime('submitted_at').nullable();
      t.datetime('filed_at').nullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
      t.unique(['member_id', 'year']);
    }),
);
