import { defineMigration } from '@cppcc/plugin-sdk';

type Knex = Parameters<Parameters<typeof defineMigration>[1]>[0];
type TableBuilder = Parameters<NonNullable<Parameters<Knex['schema']['createTable']>[1]>>[0];

/** The columns every district-owned table starts with, so the district filter applies. */
function owned(t: TableBuilder): void {
  t.increments('id').primary();
  t.string('district', 12).notNullable().index();
  t.boolean('public').notNullable().defaultTo(true);
}

export const initial = defineMigration(
  'Migration20261128213000_eco_compensation_initial',
  (knex) => [
    knex.schema.createTable('eco_section', (t) => {
      owned(t);
      t.string('code').notNullable().unique();
      t.string('name').notNullable();
      t.text('description').nullable();
      t.datetime('created_at').notNullable();
    }),
    knex.schema.createTable('eco_round', (t) => {
      owned(t);
      t.string('basin').notNullable();
      t.integer('start_year').notNullable();
      t.integer('end_year').notNullable();
      t.string('agreement_title').notNullable();
      t.string('agreement_signed_on', 10).nullable();
      t.text('parties').notNullable();
      t.string('upstream').notNullable();
      t.string('downstream').notNullable();
      t.integer('section_id').notNullable().index();
      t.text('rule').notNullable();
      t.integer('transfer_amount').notNullable();
      t.string('status').notNullable();
      t.string('created_by').nullable();
      t.datetime('created_at').notNullable();
    }),
    knex.schema.createTable('eco_fund_contribution', (t) => {
      owned(t);
      t.integer('round_id').notNullable().index();
      t.string('payer_kind').notNullable();
      t.string('payer_name').notNullable();
      t.integer('year').notNullable();
      t.integer('amount').notNullable();
      t.string('created_by').nullable();
      t.datetime('created_at').notNullable();
    }),
    knex.schema.createTable('eco_sample', (t) => {
      owned(t);
      t.integer('section_id').notNullable().index();
      t.string('sampled_on', 10).notNullable();
      t.integer('year').notNullable().index();
      t.text('values').notNullable();
      t.string('party').nullable();
      t.string('recorded_by').nullable();
      t.datetime('recorded_at').notNullable();
    }),
    knex.schema.createTable('eco_assessment', (t) => {
      owned(t);
      t.integer('round_id').notNullable().index();
      t.integer('year').notNullable();
      t.text('result').notNullable();
      t.string('computed_by').nullable();
      t.datetime('computed_at').notNullable();
      // One assessment per round and year: recomputing rewrites it.
      t.unique(['round_id', 'year']);
    }),
    knex.schema.createTable('eco_task', (t) => {
      owned(t);
      t.integer('round_id').notNullable().index();
      t.integer('year').notNullable();
      t.string('title').notNullable();
      t.string('owners').notNullable();
      t.integer('progress').notNullable();
      t.string('status').notNullable();
      t.string('results_url').nullable();
      t.string('created_by').nullable();
      t.datetime('created_at').notNullable();
    }),
    knex.schema.createTable('eco_link', (t) => {
      owned(t);
      t.integer('round_id').notNullable().index();
      t.string('kind').notNullable();
      t.string('target_id').notNullable().index();
      t.text('note').nullable();
      t.string('created_by').nullable();
      t.datetime('created_at').notNullable();
      t.unique(['round_id', 'kind', 'target_id']);
    }),
    knex.schema.createTable('eco_escalation', (t) => {
      owned(t);
      t.integer('round_id').notNullable().index();
      t.string('level').notNullable();
      t.string('agenda').notNullable();
      t.string('listed_on', 10).notNullable();
      t.string('held_on', 10).nullable();
      t.text('note').nullable();
      t.string('created_by').nullable();
      t.datetime('created_at').notNullable();
    }),
  ],
);
