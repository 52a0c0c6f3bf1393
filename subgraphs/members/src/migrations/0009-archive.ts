import { defineMigration } from '@cppcc/kit';

/** Duty events carry a qualifier and the type of their source; terms are replicated for the archive. */
export const archive = defineMigration('Migration20261128203000_members_archive', (knex) => [
  knex.schema.alterTable('duty_event', (t) => {
    t.string('qualifier').nullable();
    t.string('source_type').nullable();
  }),
  knex.schema.alterTable('member', (t) => {
    t.integer('term_id').nullable();
  }),
  knex.schema.alterTable('parked_event', (t) => {
    t.boolean('refused').notNullable().defaultTo(false);
  }),
  knex.schema.createTable('term_ref', (t) => {
    t.integer('id').primary();
    t.string('district', 12).notNullable().index();
    t.integer('ordinal').notNullable();
    t.string('name').notNullable();
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).nullable();
  }),
]);
