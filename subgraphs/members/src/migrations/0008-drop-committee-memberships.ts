import { defineMigration } from '@cppcc/kit';

/** Committee seats moved to the organization subgraph, which owns the committees. */
export const dropCommitteeMemberships = defineMigration(
  'Migration20261128202400_members_drop_committee_membership',
  (knex) => knex.schema.dropTableIfExists('committee_membership'),
);
