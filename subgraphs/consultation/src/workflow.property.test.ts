import { neverLies, POOL, type Rng } from '@cppcc/testing';
import { it } from 'vitest';
import { ACTIVITY_STATUSES } from './entities/consultation-activity.entity.js';
import { CAMPAIGN_STATUSES, CONTRIBUTION_STATUSES } from './entities/input-campaign.entity.js';
import { LEDGER_STATUSES } from './entities/instruction.entity.js';
import {
  AMENDMENT_KINDS,
  AMENDMENT_STATUSES,
  ESCALATION_STATUSES,
  PLAN_STATUSES,
} from './entities/plan.entity.js';
import { RECOMMENDATION_STATUSES } from './entities/recommendation.entity.js';
import { RESEARCH_PHASES } from './entities/research-project.entity.js';
import { TASK_STATUSES } from './entities/result.entity.js';
import {
  activityWorkflow,
  amendmentWorkflow,
  campaignWorkflow,
  contributionWorkflow,
  escalationWorkflow,
  ledgerWorkflow,
  planWorkflow,
  recommendationWorkflow,
  researchWorkflow,
  taskWorkflow,
} from './workflow.js';

/*
 * The tables never lie: for random records in random states, with random facts and random
 * callers, availableActions lists an action exactly when the step's check lets it through.
 * Bounded by count, with a fixed seed.
 */
const CASES = 2000;
const SEED = 18_2;

const base = (rng: Rng, status: string) => ({
  id: 1 + rng.int(1000),
  status,
  district: rng.pick(POOL.districts),
  unitId: rng.pick([null, ...POOL.units]),
});
const maybe = (rng: Rng, text: string) => (rng.bool() ? text : null);

const tables = [
  [
    'consultation_activity',
    activityWorkflow,
    ACTIVITY_STATUSES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      minutes: maybe(rng, '纪要'),
      participantIds: rng.some(POOL.members),
    }),
  ],
  [
    'research_project',
    researchWorkflow,
    RESEARCH_PHASES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      plan: maybe(rng, '方案'),
      reportText: maybe(rng, '报告'),
      leadMemberId: rng.pick([null, ...POOL.members]),
      fieldVisits: rng.int(2),
      recommendations: rng.int(2),
    }),
  ],
  ['recommendation', recommendationWorkflow, RECOMMENDATION_STATUSES, base],
  ['ledger_entry', ledgerWorkflow, LEDGER_STATUSES, base],
  [
    'result',
    taskWorkflow,
    TASK_STATUSES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      ledgerEntryId: rng.pick([null, 1 + rng.int(1000)]),
    }),
  ],
  [
    'consultation_plan',
    planWorkflow,
    PLAN_STATUSES,
    (rng: Rng, status: string) => ({ ...base(rng, status), topics: rng.int(2) }),
  ],
  [
    'input_campaign',
    campaignWorkflow,
    CAMPAIGN_STATUSES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      unscreened: rng.int(2),
      recommendations: rng.some(RECOMMENDATION_STATUSES),
    }),
  ],
  [
    'input_contribution',
    contributionWorkflow,
    CONTRIBUTION_STATUSES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      campaignStatus: rng.pick(CAMPAIGN_STATUSES),
    }),
  ],
  [
    'escalation',
    escalationWorkflow,
    ESCALATION_STATUSES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      toDistrict: rng.pick([null, ...POOL.districts]),
    }),
  ],
  [
    'plan_amendment',
    amendmentWorkflow,
    AMENDMENT_STATUSES,
    (rng: Rng, status: string) => ({
      ...base(rng, status),
      kind: rng.pick(AMENDMENT_KINDS),
      topicCurrent: rng.bool(),
    }),
  ],
] as const;

it.each(tables)(
  `the %s table offers a step exactly when its check lets it through (${CASES} cases, seed ${SEED})`,
  neverLies({ cases: CASES, seed: SEED }),
);
