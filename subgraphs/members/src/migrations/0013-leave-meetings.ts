import { defineMigration } from '@cppcc/kit';

/**
 * A leave request names the meeting on record it asks leave from (`meeting_kind`, `meeting_id`:
 * organization's body meeting or study session), checked against a replica of organization's
 * meetings (`meeting_ref`, fed by `meeting.registered`). Requests asked for by free text before
 * are linked when organization announces its meetings (the first start after this upgrade): the
 * meeting of the request's district, level and day whose title matches the text (see
 * `linkFreeTextLeaves`); those that match none keep only their text.
 */
export const leaveMeetings = defineMigration(
  'Migration20261222090000_members_leave_meetings',
  (knex) => [
    knex.schema.createTable('meeting_ref', (t) => {
      t.string('kind').notNullable();
      t.integer('id').notNullable();
      t.string('district', 12).notNullable().index();
      t.string('title').notNullable();
      t.string('level').notNullable();
      t.string('planned_on', 10).notNullable();
      t.string('held_on', 10).nullable();
      t.string('status').notNullable();
      t.string('changed_at').notNullable();
      t.primary(['kind', 'id']);
    }),
    knex.schema.alterTable('leave_request', (t) => {
      t.string('meeting_kind').nullable();
      t.integer('meeting_id').nullable();
    }),
  ],
);
