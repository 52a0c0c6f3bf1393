import { defineMigration } from '@cppcc/kit';

export const inbox = defineMigration('Migration20261206000001_platform_inbox', (knex) => [
  knex.schema.createTable('inbox_item', (t) => {
    t.increments('id').primary();
    t.string('key', 120).notNullable();
    t.string('party', 80).notNullable().index();
    t.string('source', 40).notNullable();
    t.string('record_type', 64).notNullable();
    t.string('record_id', 64).notNullable();
    t.string('about_type', 64).nullable();
    t.string('about_id', 64).nullable();
    t.string('kind', 80).notNullable().index();
    t.string('why', 200).notNullable();
    t.string('title', 400).notNullable();
    t.string('district', 12).notNullable();
    t.string('due_on', 10).nullable();
    t.json('actions').notNullable();
    t.datetime('changed_at').notNullable();
    t.unique(['key', 'party']);
  }),
  knex.schema.createTable('inbox_record', (t) => {
    t.string('key', 120).primary();
    t.string('event_id', 36).notNullable();
    t.string('district', 12).notNullable();
    t.json('parties').notNullable();
    t.json('previous').notNullable();
    t.datetime('changed_at').notNullable();
  }),
]);
