import { defineFilterIndexes } from '@cppcc/kit';

/** The opening day the studios' `from`/`to` reads is a filter like any other: indexed. */
export const studioPeriodIndex = defineFilterIndexes(
  'Migration20261223100000_members_studio_period_index',
  { member_studio: ['opened_on'] },
);
