import { defineMigration } from '@cppcc/kit';

/**
 * A proposal remembers the review state its conversion was proposed from (SUBMITTED, or
 * NOT_FILED since a proposal not filed may be converted too), so declining goes back to it.
 * Conversions proposed before were all proposed from SUBMITTED.
 */
export const conversionOrigin = defineMigration(
  'Migration20261221090000_proposals_conversion_origin',
  (knex) => [
    knex.schema.alterTable('proposal', (t) => {
      t.string('conversion_from').nullable();
    }),
    knex.schema.raw(
      "update proposal set conversion_from = 'SUBMITTED' where status = 'CONVERSION_PROPOSED'",
    ),
  ],
);
