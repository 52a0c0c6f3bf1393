import { defineFilterIndexes } from '@cppcc/kit';

/** Every filter the organization lists offer reads an index (tests/sql-indexes.e2e.ts checks). */
export const filterIndexes = defineFilterIndexes(
  'Migration20261222090000_organization_filter_indexes',
  {
    special_committee: ['status'],
    committee_membership: ['status'],
    body_meeting: ['body', 'status', 'planned_on'],
    study_session: ['status', 'kind', 'planned_on'],
  },
);
