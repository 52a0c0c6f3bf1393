import { defineMigration } from '@cppcc/kit';

/** A branch's secretary is changed as of a day, and a branch can be dissolved on a day. */
export const branchDissolution = defineMigration(
  'Migration20261129093000_organization_branch_dissolution',
  (knex) =>
    knex.schema.alterTable('party_branch', (t) => {
      t.string('secretary_since', 10).nullable();
      t.string('dissolved_on', 10).nullable();
    }),
);
