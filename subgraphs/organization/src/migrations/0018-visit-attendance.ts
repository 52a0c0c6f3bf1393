import { defineMigration } from '@cppcc/kit';

/** Members on visits, from `duty.reported`: what tells a visit of the leadership together. */
export const visitAttendance = defineMigration(
  'Migration20270101100000_organization_visit_attendance',
  (knex) =>
    knex.schema.createTable('visit_attendance', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('source_id').notNullable();
      t.integer('member_id').notNullable();
      t.string('kind').notNullable();
      t.string('occurred_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['source_id', 'member_id']);
      t.index(['occurred_on', 'id'], 'visit_attendance_occurred_on_id_index');
    }),
);
