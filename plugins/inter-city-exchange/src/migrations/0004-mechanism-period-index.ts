import { defineMigration } from '@cppcc/plugin-sdk';

/** The mechanisms' `from`/`to` reads the agreement's signing day: indexed like every list filter. */
export const mechanismPeriodIndex = defineMigration(
  'Migration20270101090000_inter_city_exchange_mechanism_period_index',
  (knex) =>
    knex.schema.alterTable('intercity_mechanism', (t) => {
      t.index(['agreement_signed_on', 'id'], 'intercity_mechanism_agreement_signed_on_id_index');
    }),
);
