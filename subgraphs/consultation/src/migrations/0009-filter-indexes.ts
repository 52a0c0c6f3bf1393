import { defineFilterIndexes } from '@cppcc/kit';

/** Every filter the consultation lists offer reads an index (tests/sql-indexes.e2e.ts checks). */
export const filterIndexes = defineFilterIndexes(
  'Migration20261222090000_consultation_filter_indexes',
  {
    consultation_activity: ['form', 'topic', 'status', 'held_on'],
    research_project: ['status', 'topic', 'joint'],
    recommendation: ['kind', 'status'],
    instruction: ['subject_type', 'rank', 'instructed_on'],
    result: ['kind', 'status'],
    ledger_entry: ['status'],
  },
);
