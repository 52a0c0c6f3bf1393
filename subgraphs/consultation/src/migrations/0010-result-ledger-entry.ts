import { defineMigration } from '@cppcc/kit';

/**
 * A department's task in a results tree may stand for its entry on the conversion ledger, so
 * one follow-up is written once: the task points at the entry (at most one task per entry).
 */
export const resultLedgerEntry = defineMigration(
  'Migration20261222100000_consultation_result_ledger_entry',
  (knex) =>
    knex.schema.alterTable('result', (t) => {
      t.integer('ledger_entry_id').nullable().unique();
    }),
);
