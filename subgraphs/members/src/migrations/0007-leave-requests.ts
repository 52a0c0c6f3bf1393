import { defineMigration } from '@cppcc/kit';

export const leaveRequests = defineMigration(
  'Migration20261127000007_members_leave_requests',
  (knex) =>
    knex.schema.createTable('leave_request', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('member_id').notNullable().index();
      t.string('meeting').notNullable();
      t.string('meeting_level').notNullable();
      t.string('meeting_on', 10).notNullable();
      t.text('reason').notNullable();
      t.string('status').notNullable();
      t.string('decided_by').nullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
);
