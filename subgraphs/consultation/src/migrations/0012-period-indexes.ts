import { defineFilterIndexes } from '@cppcc/kit';

/**
 * The days the campaigns', results' and escalations' `from`/`to` read are filters like any
 * other: indexed (an escalation to a higher body has no escalatedOn and is placed by takenUpOn).
 */
export const periodIndexes = defineFilterIndexes(
  'Migration20270101090000_consultation_period_indexes',
  {
    input_campaign: ['opens_on'],
    result: ['start_on'],
    escalation: ['escalated_on', 'taken_up_on'],
  },
);
