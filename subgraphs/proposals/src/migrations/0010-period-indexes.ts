import { defineFilterIndexes } from '@cppcc/kit';

/** The date the key proposals' `from`/`to` reads is a filter like any other: indexed (issue 16's rule). */
export const periodIndexes = defineFilterIndexes(
  'Migration20261223090000_proposals_period_indexes',
  { key_proposal: ['chair_meeting_on'] },
);
