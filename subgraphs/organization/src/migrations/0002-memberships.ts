import { defineMigration } from '@cppcc/kit';

/** Committee seats move here from the members subgraph; member facts arrive as a replica. */
export const memberships = defineMigration(
  'Migration20261128202100_organization_memberships',
  (knex) =>
    knex.schema
      .createTable('committee_membership', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('member_id').notNullable().index();
        t.integer('committee_id').notNullable().index();
        t.string('role').notNullable();
        t.string('joined_on', 10).notNullable();
        t.string('left_on', 10).nullable();
        t.string('status').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      })
      .createTable('member_ref', (t) => {
        t.integer('member_id').primary();
        t.string('district', 12).notNullable().index();
        t.string('name').notNullable();
        t.string('party').notNullable();
        t.boolean('cpc_member').notNullable();
        t.integer('sector_id').notNullable();
        t.boolean('standing_committee').notNullable();
        t.string('status').notNullable();
        t.string('changed_at').notNullable();
      }),
);
