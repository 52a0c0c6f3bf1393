import { defineFilterIndexes } from '@cppcc/kit';

/** The dates the key proposals' and bulletin issues' `from`/`to` read are filters like any other: indexed (issue 16's rule). */
export const periodIndexes = defineFilterIndexes(
  'Migration20261231090000_proposals_period_indexes',
  { key_proposal: ['chair_meeting_on'], bulletin_issue: ['published_on'] },
);
