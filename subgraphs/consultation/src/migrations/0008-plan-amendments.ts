import { defineMigration } from '@cppcc/kit';

/**
 * A published annual plan changes its topics only through amendments approved by the Party
 * committee: the amendments and their history, and the day a topic was dropped (it stays, for
 * the record and for the activities that carried it out).
 */
export const planAmendments = defineMigration(
  'Migration20261206170000_consultation_plan_amendments',
  (knex) => [
    knex.schema.createTable('plan_amendment', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('plan_id').notNullable().index();
      t.string('kind').notNullable();
      t.integer('topic_id').nullable().index();
      t.jsonb('proposed').nullable();
      t.jsonb('before').nullable();
      t.text('reason').notNullable();
      t.string('proposed_on', 10).notNullable();
      t.string('proposed_by').nullable();
      t.string('approved_by').nullable();
      t.string('decided_on', 10).nullable();
      t.string('decided_by').nullable();
      t.text('decision_note').nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.alterTable('plan_topic', (t) => {
      t.string('dropped_on', 10).nullable();
    }),
  ],
);
