import { defineMigration } from '@cppcc/kit';

/** A committee's leadership (班子成员) with terms, and agenda items that relay a decision (传达学习). */
export const leadershipAndRelays = defineMigration(
  'Migration20261230090000_organization_leadership_and_relays',
  (knex) => [
    knex.schema.createTable('leadership_post', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('term_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('role').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('relayed_decision', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('meeting_id').notNullable().index();
      t.integer('document_id').notNullable().index();
      t.string('agenda_item').notNullable();
      t.string('decision').notNullable();
      t.string('relayed_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['meeting_id', 'agenda_item']);
      t.index(['relayed_on', 'id'], 'relayed_decision_relayed_on_id_index');
    }),
  ],
);
