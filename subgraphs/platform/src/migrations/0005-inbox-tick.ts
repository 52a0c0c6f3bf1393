import { defineMigration } from '@cppcc/kit';

export const inboxTick = defineMigration('Migration20261207000001_platform_inbox_tick', (knex) =>
  knex.schema.createTable('inbox_tick', (t) => {
    t.integer('id').primary();
    t.string('day', 10).notNullable();
  }),
);
