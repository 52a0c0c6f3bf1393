import { defineMigration } from '@cppcc/kit';

export const parkedEvents = defineMigration(
  'Migration20261127000003_members_parked_events',
  (knex) =>
    knex.schema.createTable('parked_event', (t) => {
      t.increments('id').primary();
      t.string('event_id', 36).notNullable();
      t.integer('member_id').notNullable();
      t.string('type').notNullable();
      t.string('source').notNullable();
      t.string('district', 12).nullable();
      t.jsonb('entry').notNullable();
      t.string('reason').notNullable();
      t.datetime('parked_at').notNullable();
      t.datetime('resolved_at').nullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['event_id', 'member_id']);
    }),
);
