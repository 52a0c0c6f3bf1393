import { neverLies, POOL, type Rng } from '@cppcc/testing';
import { addDays, today } from '@cppcc/kit';
import { it } from 'vitest';
import { COSIGNER_STATUSES } from './entities/cosigner.entity.js';
import { TASK_ROLES, TASK_STATUSES } from './entities/handling-task.entity.js';
import { ISSUE_STATUSES, OPINION_STATUSES } from './entities/opinion-item.entity.js';
import { PROPOSAL_KINDS, PROPOSAL_STATUSES, RATINGS } from './entities/proposal.entity.js';
import { SUGGESTION_STATUSES } from './entities/suggestion.entity.js';
import {
  coUnitsWaiting,
  cosignerWorkflow,
  issueWorkflow,
  opinionWorkflow,
  proposalFacts,
  proposalWorkflow,
  suggestionWorkflow,
  taskWorkflow,
  URGE_EVERY_DAYS,
} from './workflow.js';

/*
 * The tables never lie: for random records in random states, with random facts (built the way
 * commands and resolvers build them) and random callers, availableActions lists an action
 * exactly when the step's check lets it through. Bounded by count, with a fixed seed.
 */
const CASES = 2000;
const SEED = 18_2;

const base = (rng: Rng, status: string) => ({
  id: 1 + rng.int(1000),
  status,
  district: rng.pick(POOL.districts),
});

const tables = [
  [
    'proposal',
    proposalWorkflow,
    PROPOSAL_STATUSES,
    (rng: Rng, status: string) => {
      const proposal = {
        ...base(rng, status),
        authorId: rng.pick(POOL.members),
        // Joint half the time: the submission guards are a joint proposal's.
        kind: rng.bool() ? 'JOINT' : rng.pick(PROPOSAL_KINDS),
        round: 1 + rng.int(2),
        // Where a conversion was proposed from, or nothing recorded.
        conversionFrom: rng.pick([null, 'SUBMITTED', 'NOT_FILED']),
      };
      const cosigners = rng.some(POOL.members).map((memberId) => ({
        memberId,
        status: rng.pick(COSIGNER_STATUSES),
        respondBy: rng.pick(POOL.days()),
      }));
      const ratings = rng.some(POOL.members).map((memberId) => ({
        memberId,
        round: 1 + rng.int(2),
        rating: rng.pick(RATINGS),
      }));
      return { ...proposal, ...proposalFacts(proposal, cosigners, ratings) } as never;
    },
  ],
  [
    'proposal_cosigner',
    cosignerWorkflow,
    COSIGNER_STATUSES,
    (rng: Rng, status: string) =>
      ({
        ...base(rng, status),
        proposalId: 1,
        memberId: rng.pick(POOL.members),
        respondBy: rng.pick(POOL.days()),
        proposalAuthorId: rng.pick(POOL.members),
        // A draft half the time: an invitation is answered only while its proposal is one.
        proposalStatus: rng.bool() ? 'DRAFT' : rng.pick(PROPOSAL_STATUSES),
      }) as never,
  ],
  [
    'handling_task',
    taskWorkflow,
    TASK_STATUSES,
    (rng: Rng, status: string) =>
      ({
        ...base(rng, status),
        unitId: rng.pick(POOL.units),
        role: rng.pick(TASK_ROLES),
        receiptDueOn: rng.pick(POOL.days()),
        dueOn: rng.pick(POOL.days()),
        // Never, lately (within the week) or long enough ago to urge again.
        urgedOn: rng.pick([null, addDays(today(), -2), addDays(today(), -URGE_EVERY_DAYS)]),
        coUnitsWaiting: coUnitsWaiting(
          rng.some(TASK_ROLES).map((role) => ({ role, status: rng.pick(TASK_STATUSES) })),
        ),
      }) as never,
  ],
  [
    'opinion_item',
    opinionWorkflow,
    OPINION_STATUSES,
    (rng: Rng, status: string) =>
      ({ ...base(rng, status), authorIds: rng.some(POOL.members) }) as never,
  ],
  [
    'bulletin_issue',
    issueWorkflow,
    ISSUE_STATUSES,
    (rng: Rng, status: string) => ({ ...base(rng, status), itemCount: rng.int(3) }) as never,
  ],
  [
    'member_suggestion',
    suggestionWorkflow,
    SUGGESTION_STATUSES,
    (rng: Rng, status: string) =>
      ({ ...base(rng, status), unitId: rng.pick([null, ...POOL.units]) }) as never,
  ],
] as const;

it.each(tables)(
  `the %s table offers a step exactly when its check lets it through (${CASES} cases, seed ${SEED})`,
  neverLies({ cases: CASES, seed: SEED }),
);
