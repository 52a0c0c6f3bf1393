import { defineMigration } from '@cppcc/kit';

/** Dated history of each member's replicated facts; starts from what the replica holds. */
export const memberFacts = defineMigration(
  'Migration20261129100000_organization_member_facts',
  (knex) => [
    knex.schema.createTable('member_fact', (t) => {
      t.increments('id').primary();
      t.integer('member_id').notNullable().index();
      t.string('changed_at').notNullable();
      t.string('district', 12).notNullable().index();
      t.string('party').notNullable();
      t.boolean('cpc_member').notNullable();
      t.string('status').notNullable();
      t.unique(['member_id', 'changed_at']);
    }),
    // The replica keeps only each member's current facts and the time of their last change, not
    // their history. Dating the backfilled fact at that change would drop the member from every
    // period before it, so each is dated at the beginning of time instead: the approximation is
    // that a member's current district, party and status held for all past periods (history
    // recorded from here on is exact).
    knex.schema.raw(
      "insert into member_fact (member_id, changed_at, district, party, cpc_member, status) select member_id, '0001-01-01T00:00:00.000Z', district, party, cpc_member, status from member_ref",
    ),
  ],
);
