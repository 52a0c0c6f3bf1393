import { CITY } from '@cppcc/demo';
import { ROLES, type Caller, type RequestContext } from '@cppcc/kit';
import { testCaller } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATUSES } from './entities/consultation-activity.entity.js';
import { CAMPAIGN_STATUSES, CONTRIBUTION_STATUSES } from './entities/input-campaign.entity.js';
import { LEDGER_STATUSES } from './entities/instruction.entity.js';
import { PLAN_STATUSES } from './entities/plan.entity.js';
import { RECOMMENDATION_STATUSES } from './entities/recommendation.entity.js';
import { RESEARCH_PHASES } from './entities/research-project.entity.js';
import { TASK_STATUSES } from './entities/result.entity.js';
import {
  activityWorkflow,
  campaignWorkflow,
  contributionWorkflow,
  ledgerWorkflow,
  planWorkflow,
  recommendationWorkflow,
  researchWorkflow,
  type TaskAction,
  taskWorkflow,
} from './workflow.js';

/** The callers every step is tried by: each role alone, and the relations the tables name. */
const LEAD = '31';
const UNIT = '42';
const callers: Record<string, Caller> = {
  ...Object.fromEntries(
    ROLES.map((r) => [
      r,
      testCaller([r], CITY, r === 'member' ? '7' : null, r === 'unit' ? '5' : null),
    ]),
  ),
  'team lead': testCaller(['member'], CITY, LEAD),
  'assigned department': testCaller(['unit'], CITY, null, UNIT),
  anonymous: testCaller([], null),
};

type Table = {
  transitions: { from: string; action: string; to: string }[];
  // Methods, as each workflow's are: its record and action are the workflow's own types.
  available(ctx: { caller: Caller }, r: { id: number; status: string }): string[];
  apply(
    ctx: RequestContext,
    r: { id: number; status: string },
    a: string,
    n?: string | null,
  ): string;
};

/**
 * The spec each table is held to, written out by hand: for each state the actions it allows,
 * where they lead, and exactly who may take them. Any other action from that state is refused
 * ILLEGAL_TRANSITION naming state and action, whoever asks; a listed action is refused
 * FORBIDDEN to everyone not listed.
 */
const specs: {
  name: string;
  table: Table;
  states: readonly string[];
  actions: string[];
  allowed: Record<string, [string, string[]]>;
}[] = [
  {
    name: 'consultation_activity',
    table: activityWorkflow,
    states: ACTIVITY_STATUSES,
    actions: [
      'prepare',
      'hold',
      'submitOutcome',
      'close',
      'cancel',
      'invite',
      'recordMinutes',
      'speak',
      'handInSpeech',
    ],
    allowed: {
      'HELD speak': ['HELD', ['staff']],
      'OUTCOME_SUBMITTED speak': ['OUTCOME_SUBMITTED', ['staff']],
      'PREPARING handInSpeech': ['PREPARING', ['staff', 'team lead']],
      'HELD handInSpeech': ['HELD', ['staff', 'team lead']],
      'OUTCOME_SUBMITTED handInSpeech': ['OUTCOME_SUBMITTED', ['staff', 'team lead']],
      'PLANNED invite': ['PLANNED', ['staff']],
      'PREPARING invite': ['PREPARING', ['staff']],
      'HELD recordMinutes': ['HELD', ['staff']],
      'OUTCOME_SUBMITTED recordMinutes': ['OUTCOME_SUBMITTED', ['staff']],
      'PLANNED prepare': ['PREPARING', ['staff']],
      'PLANNED cancel': ['CANCELLED', ['staff']],
      'PREPARING cancel': ['CANCELLED', ['staff']],
      'PREPARING hold': ['HELD', ['staff']],
      'HELD submitOutcome': ['OUTCOME_SUBMITTED', ['staff']],
      'HELD close': ['CLOSED', ['staff']],
      'OUTCOME_SUBMITTED close': ['CLOSED', ['staff']],
    },
  },
  {
    name: 'research_project',
    table: researchWorkflow,
    states: RESEARCH_PHASES,
    actions: [
      'approvePlan',
      'startFieldwork',
      'startDrafting',
      'review',
      'returnDraft',
      'submit',
      'convert',
      'close',
      'setPlan',
      'addTeamMembers',
      'recordFieldVisit',
      'writeReport',
    ],
    allowed: {
      'TOPIC_SELECTED setPlan': ['TOPIC_SELECTED', ['staff', 'team lead']],
      'TOPIC_SELECTED addTeamMembers': ['TOPIC_SELECTED', ['staff']],
      'PLAN_APPROVED addTeamMembers': ['PLAN_APPROVED', ['staff']],
      'FIELDWORK addTeamMembers': ['FIELDWORK', ['staff']],
      'DRAFTING addTeamMembers': ['DRAFTING', ['staff']],
      'FIELDWORK recordFieldVisit': ['FIELDWORK', ['staff', 'team lead']],
      'DRAFTING recordFieldVisit': ['DRAFTING', ['staff', 'team lead']],
      'DRAFTING writeReport': ['DRAFTING', ['staff', 'team lead']],
      'TOPIC_SELECTED approvePlan': ['PLAN_APPROVED', ['leader', 'staff']],
      'PLAN_APPROVED startFieldwork': ['FIELDWORK', ['staff', 'team lead']],
      'FIELDWORK startDrafting': ['DRAFTING', ['staff', 'team lead']],
      'DRAFTING review': ['REVIEWED', ['leader', 'staff']],
      'REVIEWED returnDraft': ['DRAFTING', ['leader', 'staff']],
      'REVIEWED submit': ['SUBMITTED', ['staff']],
      'SUBMITTED convert': ['CONVERTED', ['staff']],
      'SUBMITTED close': ['CLOSED', ['staff']],
      'CONVERTED close': ['CLOSED', ['staff']],
    },
  },
  {
    name: 'recommendation',
    table: recommendationWorkflow,
    states: RECOMMENDATION_STATUSES,
    actions: ['submit', 'adopt', 'decline'],
    allowed: {
      'DRAFT submit': ['SUBMITTED', ['staff']],
      'SUBMITTED adopt': ['ADOPTED', ['staff']],
      'SUBMITTED decline': ['NOT_ADOPTED', ['staff']],
    },
  },
  {
    name: 'ledger_entry',
    table: ledgerWorkflow,
    states: LEDGER_STATUSES,
    actions: ['reply', 'accept', 'return'],
    allowed: {
      'ASSIGNED reply': ['REPLIED', ['assigned department']],
      'REPLIED accept': ['DONE', ['staff']],
      'REPLIED return': ['ASSIGNED', ['staff']],
    },
  },
  {
    name: 'result (task)',
    table: taskWorkflow,
    states: TASK_STATUSES,
    actions: ['start', 'complete', 'reopen', 'reportProgress'],
    allowed: {
      'IN_PROGRESS reportProgress': ['IN_PROGRESS', ['assigned department']],
      'NOT_STARTED start': ['IN_PROGRESS', ['assigned department']],
      'IN_PROGRESS complete': ['DONE', ['assigned department']],
      'DONE reopen': ['IN_PROGRESS', ['staff']],
    },
  },
  {
    name: 'consultation_plan',
    table: planWorkflow,
    states: PLAN_STATUSES,
    actions: ['approve', 'revise', 'publish', 'addTopic', 'removeTopic', 'proposeAmendment'],
    allowed: {
      'DRAFT addTopic': ['DRAFT', ['staff']],
      'DRAFT removeTopic': ['DRAFT', ['staff']],
      'DRAFT approve': ['APPROVED', ['staff']],
      'APPROVED revise': ['DRAFT', ['staff']],
      'APPROVED publish': ['PUBLISHED', ['staff']],
      'PUBLISHED proposeAmendment': ['PUBLISHED', ['staff']],
    },
  },
  {
    name: 'input_campaign',
    table: campaignWorkflow,
    states: CAMPAIGN_STATUSES,
    actions: [
      'open',
      'close',
      'reopen',
      'compile',
      'addQuestionnaire',
      'distribute',
      'respond',
      'contribute',
    ],
    allowed: {
      'DRAFT addQuestionnaire': ['DRAFT', ['staff']],
      'OPEN distribute': ['OPEN', ['staff']],
      'CLOSED distribute': ['CLOSED', ['staff']],
      'OPEN respond': ['OPEN', Object.keys(callers)],
      'OPEN contribute': ['OPEN', Object.keys(callers)],
      'DRAFT open': ['OPEN', ['staff']],
      'OPEN close': ['CLOSED', ['staff']],
      'CLOSED reopen': ['OPEN', ['staff']],
      'CLOSED compile': ['COMPILED', ['staff']],
    },
  },
  {
    name: 'input_contribution',
    table: contributionWorkflow,
    states: CONTRIBUTION_STATUSES,
    actions: ['accept', 'reject'],
    allowed: {
      'RECEIVED accept': ['ACCEPTED', ['staff']],
      'RECEIVED reject': ['REJECTED', ['staff']],
    },
  },
];

/** An admin holds every role (not a relation): they may take whatever a role may. */
const mayTake = (listed: string[], who: string) =>
  listed.includes(who) ||
  (who === 'admin' && listed.some((w) => (ROLES as readonly string[]).includes(w)));

/** A context for a step the table refuses: it is refused before anything would be written. */
const refusing = (caller: Caller) => ({ caller, em: undefined }) as unknown as RequestContext;

describe.each(specs)('the $name table, walked', ({ table, states, actions, allowed }) => {
  it('holds exactly the listed steps, from known states to known states', () => {
    expect(table.transitions.map((t) => `${t.from} ${t.action}`).sort()).toEqual(
      Object.keys(allowed).sort(),
    );
    for (const t of table.transitions) {
      expect(t.to, `${t.from} ${t.action}`).toBe(allowed[`${t.from} ${t.action}`][0]);
      expect(states).toContain(t.from);
      expect(states).toContain(t.to);
      expect(actions).toContain(t.action);
    }
  });

  it('allows each step to exactly the listed callers, and refuses every other step with a stable code', () => {
    let tried = 0;
    for (const state of states) {
      for (const action of actions) {
        for (const [who, caller] of Object.entries(callers)) {
          // The facts the guards read, such that every guard holds: this walks who may, not the rules.
          const record = {
            id: 1,
            status: state,
            unitId: Number(UNIT),
            leadMemberId: Number(LEAD),
            minutes: '纪要',
            plan: '方案',
            reportText: '报告',
            fieldVisits: 1,
            topics: 1,
            unscreened: 0,
            recommendations: action === 'reopen' ? [] : ['SUBMITTED'],
            campaignStatus: 'OPEN',
            ledgerEntryId: null,
            // The team lead (member 31) takes part in the activity.
            participantIds: [Number(LEAD)],
          } as { id: number; status: string; recommendations: unknown };
          if (table === researchWorkflow) record.recommendations = 1;
          const step = allowed[`${state} ${action}`];
          const may = table.available({ caller }, record).includes(action);
          if (step && mayTake(step[1], who)) {
            expect(may, `${state} ${action} by ${who}`).toBe(true);
          } else {
            expect(may, `${state} ${action} by ${who}`).toBe(false);
            let error: unknown;
            try {
              table.apply(refusing(caller), record, action);
            } catch (e) {
              error = e;
            }
            expect(error, `${state} ${action} by ${who}`).toMatchObject({
              extensions: { code: step ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION', state, action },
            });
            expect(record.status).toBe(state);
          }
          tried++;
        }
      }
    }
    expect(tried).toBe(states.length * actions.length * Object.keys(callers).length);
  });
});

describe('a task that stands for a ledger entry', () => {
  const linked = (status: string) =>
    ({ id: 9, status, unitId: Number(UNIT), ledgerEntryId: 4 }) as never;

  it('offers none of its own steps to anyone: the department replies on the entry', () => {
    for (const status of TASK_STATUSES)
      for (const caller of Object.values(callers))
        expect(taskWorkflow.available({ caller } as RequestContext, linked(status))).toEqual([]);
  });

  it('refuses them naming the ledger rule, even to the department that carries it out', () => {
    const refusal = (caller: Caller, status: string, action: TaskAction) => {
      try {
        taskWorkflow.check({ caller } as RequestContext, linked(status), action);
      } catch (e) {
        return e;
      }
      return 'offered';
    };
    for (const [caller, status, action] of [
      [callers['assigned department'], 'NOT_STARTED', 'start'],
      [callers['assigned department'], 'IN_PROGRESS', 'reportProgress'],
      [callers['assigned department'], 'IN_PROGRESS', 'complete'],
      [callers.staff, 'DONE', 'reopen'],
    ] as const)
      expect(refusal(caller, status, action), `${status} ${action}`).toMatchObject({
        message: expect.stringMatching(/stands for ledger entry 4: the department replies there/),
        extensions: { code: 'ILLEGAL_TRANSITION', rule: 'on-ledger', blockedBy: 'ledgerEntry' },
      });
  });
});
