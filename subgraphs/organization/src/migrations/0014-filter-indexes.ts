import { defineFilterIndexes, defineMigration } from '@cppcc/kit';

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

/** Not a list filter: the leaves of a page of meetings are read by meeting id. */
export const leaveMeetingIndex = defineMigration(
  'Migration20261222090100_organization_leave_meeting_index',
  (knex) =>
    knex.schema.alterTable('approved_leave', (t) => {
      t.index(['meeting_id'], 'approved_leave_meeting_id_index');
    }),
);
