import { defineMigration } from '@cppcc/kit';

export const memberCommitteeRefs = defineMigration(
  'Migration20261128213000_consultation_member_committee_refs',
  (knex) => [
    knex.schema.createTable('member_ref', (t) => {
      t.integer('member_id').primary();
      t.string('district', 12).notNullable();
      t.string('name').notNullable();
      t.string('status').notNullable();
      t.string('changed_at').notNullable();
    }),
    knex.schema.createTable('committee_ref', (t) => {
      t.integer('id').primary();
      t.string('district', 12).notNullable();
      t.string('name').notNullable();
      t.string('status').notNullable();
      t.integer('merged_into_id').nullable();
      t.string('changed_on', 10).notNullable();
    }),
  ],
);
