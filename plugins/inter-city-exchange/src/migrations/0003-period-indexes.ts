import { defineMigration } from '@cppcc/plugin-sdk';

/** The visits' `from`/`to` reads their first day: indexed like every list filter (issue 16's rule). */
export const periodIndexes = defineMigration(
  'Migration20261223090000_inter_city_exchange_period_indexes',
  (knex) =>
    knex.schema.alterTable('intercity_visit', (t) => {
      t.index(['starts_on', 'id'], 'intercity_visit_starts_on_id_index');
    }),
);
