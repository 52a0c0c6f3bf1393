import { defineMigration } from '@cppcc/kit';

export const inboxDone = defineMigration('Migration20261206000002_platform_inbox_done', (knex) =>
  knex.schema.createTable('inbox_done', (t) => {
    t.increments('id').primary();
    t.string('key', 120).notNullable();
    t.string('party', 80).notNullable().index();
    t.unique(['key', 'party']);
  }),
);
