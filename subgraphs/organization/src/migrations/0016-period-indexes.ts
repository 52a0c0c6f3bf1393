import { defineFilterIndexes } from '@cppcc/kit';

/** The date each list's `from`/`to` reads is a filter like any other: indexed (issue 16's rule). */
export const periodIndexes = defineFilterIndexes(
  'Migration20261231090000_organization_period_indexes',
  {
    policy_document: ['issued_on'],
    communication: ['issued_on'],
    consensus_campaign: ['opens_on'],
    liaison_pair: ['since'],
  },
);
