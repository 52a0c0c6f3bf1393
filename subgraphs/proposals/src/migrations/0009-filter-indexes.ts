import { defineFilterIndexes } from '@cppcc/kit';

/** Every filter the proposal and opinion lists offer reads an index (tests/sql-indexes.e2e.ts checks). */
export const filterIndexes = defineFilterIndexes(
  'Migration20261222090000_proposals_filter_indexes',
  {
    proposal: ['status', 'category', 'year', 'kind', 'window', 'term', 'session'],
    opinion_item: ['status', 'source'],
  },
);
