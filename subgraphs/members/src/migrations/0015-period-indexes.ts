import { defineFilterIndexes } from '@cppcc/kit';

/** The date the donation drives' `from`/`to` reads is a filter like any other: indexed (issue 16's rule). */
export const periodIndexes = defineFilterIndexes('Migration20261223090000_members_period_indexes', {
  donation_campaign: ['starts_on'],
});
