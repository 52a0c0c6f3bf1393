import { defineFilterIndexes } from '@cppcc/kit';

/** The founding day the party branches' `from`/`to` reads is a filter like any other: indexed. */
export const branchPeriodIndex = defineFilterIndexes(
  'Migration20261231100000_organization_branch_period_index',
  { party_branch: ['established_on'] },
);
