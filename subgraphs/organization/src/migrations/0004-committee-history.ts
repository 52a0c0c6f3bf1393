import { defineMigration } from '@cppcc/kit';

/** Dated committee history (the institutional reform) and committee–department liaison. */
export const committeeHistory = defineMigration(
  'Migration20261128204000_organization_committee_history',
  (knex) =>
    knex.schema
      .createTable('committee_change', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('committee_id').notNullable().index();
        t.string('kind').notNullable();
        t.string('changed_on', 10).notNullable();
        t.string('name_before').nullable();
        t.string('name_after').nullable();
        t.text('functions_before').nullable();
        t.text('functions_after').nullable();
        t.integer('merged_into_id').nullable();
        t.text('note').nullable();
        t.boolean('public').notNullable().defaultTo(true);
      })
      .createTable('liaison_pair', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('committee_id').notNullable().index();
        t.integer('unit_id').notNullable().index();
        t.string('since', 10).notNullable();
        t.string('until', 10).nullable();
        t.string('status').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      })
      .createTable('liaison_activity', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('pair_id').notNullable().index();
        t.string('title').notNullable();
        t.string('held_on', 10).notNullable();
        t.text('summary').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      }),
);
