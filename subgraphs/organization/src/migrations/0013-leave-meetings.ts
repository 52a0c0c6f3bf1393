import { defineMigration } from '@cppcc/kit';

/**
 * An approved leave names the meeting on record it excuses (`meeting_kind`, `meeting_id`: a body
 * meeting or study session); leaves copied before, asked for by free text, keep null and are
 * matched by day and level as before.
 */
export const leaveMeetings = defineMigration(
  'Migration20261222090000_organization_leave_meetings',
  (knex) =>
    knex.schema.alterTable('approved_leave', (t) => {
      t.string('meeting_kind').nullable();
      t.integer('meeting_id').nullable();
    }),
);
