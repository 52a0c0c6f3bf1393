import { defineMigration } from '@cppcc/kit';

/** Replica of approved leaves, so attendance takers count those members ON_LEAVE. */
export const approvedLeaves = defineMigration(
  'Migration20261129103000_organization_approved_leaves',
  (knex) =>
    knex.schema.createTable('approved_leave', (t) => {
      t.integer('leave_id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('meeting').notNullable();
      t.string('meeting_level').notNullable();
      t.string('meeting_on', 10).notNullable().index();
      t.boolean('public').notNullable().defaultTo(false);
    }),
);
