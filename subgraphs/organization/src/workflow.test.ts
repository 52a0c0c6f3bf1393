import { CITY, committees, currentTerm, partyBranches, partyGroups } from '@cppcc/demo';
import { AuditEntrySchema, ROLES, systemEm, type RequestContext } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { publishMembers } from './test-support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEETING_STATUSES } from './entities/body-meeting.entity.js';
import { CAMPAIGN_STATUSES, COMMUNICATION_STATUSES } from './entities/communication.entity.js';
import { MEMBERSHIP_STATUSES } from './entities/committee-membership.entity.js';
import { LIAISON_STATUSES } from './entities/liaison.entity.js';
import { BRANCH_STATUSES, PLACEMENT_STATUSES } from './entities/party-branch.entity.js';
import { PARTY_GROUP_MEMBERSHIP_STATUSES } from './entities/party-group.entity.js';
import { REVIEW_STATUSES } from './entities/policy-document.entity.js';
import { COMMITTEE_STATUSES } from './entities/special-committee.entity.js';
import { STUDY_STATUSES } from './entities/study-session.entity.js';
import { organization } from './module.js';
import * as workflows from './workflow.js';

/** Each table with every state its records can be in. */
const TABLES: [
  string,
  {
    transitions: { from: string; action: string; who: unknown[]; to: string }[];
    // A method, as each workflow's is: its record and action are the workflow's own types.
    apply(
      ctx: RequestContext,
      record: { id: number; status: string },
      action: string,
      note?: string | null,
    ): string;
  },
  readonly string[],
][] = [
  ['committee_membership', workflows.membershipWorkflow, MEMBERSHIP_STATUSES],
  ['body_meeting', workflows.bodyMeetingWorkflow, MEETING_STATUSES],
  ['special_committee', workflows.committeeWorkflow, COMMITTEE_STATUSES],
  ['liaison_pair', workflows.liaisonWorkflow, LIAISON_STATUSES],
  ['study_session', workflows.studySessionWorkflow, STUDY_STATUSES],
  ['party_branch', workflows.branchWorkflow, BRANCH_STATUSES],
  ['branch_placement', workflows.placementWorkflow, PLACEMENT_STATUSES],
  [
    'party_group_membership',
    workflows.partyGroupMembershipWorkflow,
    PARTY_GROUP_MEMBERSHIP_STATUSES,
  ],
  ['implementation_review', workflows.reviewWorkflow, REVIEW_STATUSES],
  ['communication', workflows.communicationWorkflow, COMMUNICATION_STATUSES],
  ['consensus_campaign', workflows.campaignWorkflow, CAMPAIGN_STATUSES],
];

/**
 * The tables walked whole: for every state and every action of a table, each role either takes
 * the step (exactly the roles listed, and admin, whom the kit lets act for any role) to the
 * listed state with one audit row, or is refused — ILLEGAL_TRANSITION naming state and action
 * where the table has no such row, FORBIDDEN where the row is not the role's.
 */
describe.each(databases())('organization transition tables on $name', ({ url }) => {
  let org: TestModule;
  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url });
  });
  afterAll(() => org?.stop());

  it('covers every workflow the module defines', () => {
    const defined = Object.values(workflows).filter(
      (w) => typeof w === 'object' && w !== null && 'transitions' in w,
    );
    expect(defined).toHaveLength(TABLES.length);
    for (const [, table] of TABLES) expect(defined).toContain(table);
  });

  it.each(TABLES)('walks %s', async (entity, table, states) => {
    const actions = [...new Set(table.transitions.map((t) => t.action))];
    let steps = 0;
    for (const state of states) {
      for (const action of actions) {
        const row = table.transitions.find((t) => t.from === state && t.action === action);
        for (const role of ROLES) {
          const em = systemEm(org.orm);
          const ctx = { caller: testCaller([role], CITY), em } as unknown as RequestContext;
          const record = { id: 1, status: state };
          const listed = row !== undefined && (role === 'admin' || row.who.includes(role));
          const label = `${entity}: ${state} ${action} by ${role}`;
          if (listed) {
            expect(table.apply(ctx, record, action, 'walk'), label).toBe(row!.to);
            expect(record.status, label).toBe(row!.to);
            const written = em.getUnitOfWork().getPersistStack();
            expect(
              [...written].filter(
                (e) =>
                  e.entity === entity &&
                  e.action === action &&
                  e.fromState === state &&
                  e.toState === row!.to,
              ),
              label,
            ).toHaveLength(1);
            steps++;
          } else {
            let code: unknown;
            try {
              table.apply(ctx, record, action, 'walk');
            } catch (e) {
              code = (e as { extensions?: Record<string, unknown> }).extensions;
            }
            expect(code, label).toMatchObject({
              code: row ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION',
              state,
              action,
            });
            expect(record.status, label).toBe(state);
            expect(em.getUnitOfWork().getPersistStack().size, label).toBe(0);
          }
        }
      }
    }
    expect(steps).toBeGreaterThanOrEqual(table.transitions.length);
    expect(await systemEm(org.orm).count(AuditEntrySchema, {})).toBe(0);
  });
});

/**
 * The same tables through the GraphQL mutations a client calls: for each table one step the
 * table has no row for, refused with ILLEGAL_TRANSITION naming the record's state and the action,
 * leaving the record and the audit trail as they were.
 */
describe.each(databases())('illegal moves through the API on $name', ({ url }) => {
  let org: TestModule;
  const staff = testCaller(['staff'], CITY);
  const newcomer = {
    id: 9801,
    district: CITY,
    name: '流程测试委员',
    party: '中共党员',
    sectorId: 1,
    standingCommittee: false,
  };
  const committee = committees.find((c) => c.district === CITY)!.id;
  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport, [newcomer]);
  });
  afterAll(() => org?.stop());

  /** Runs the mutations in order as city staff, each answering { id }; returns the last id. */
  const steps = async (...mutations: ((id: string) => string)[]): Promise<string> => {
    let id = '';
    for (const m of mutations) {
      const r = await org.execute(`mutation { ${m(id)} }`, {}, staff);
      expect(r.errors, m(id)).toBeUndefined();
      id = (Object.values(r.data!)[0] as { id: string }).id;
    }
    return id;
  };

  /** [table, how to bring a record to `state`, the illegal step from there, state, action]. */
  const MOVES: [string, () => Promise<string>, (id: string) => string, string, string][] = [
    [
      'committee_membership',
      () =>
        steps(
          () =>
            `assignCommitteeSeat(input: { committee: "${committee}", member: "9801", role: MEMBER, joinedOn: "2026-11-01" }) { id }`,
          (id) => `endCommitteeSeat(input: { id: "${id}", leftOn: "2026-11-10" }) { id }`,
        ),
      (id) => `endCommitteeSeat(input: { id: "${id}", leftOn: "2026-11-20" }) { id }`,
      'ENDED',
      'end',
    ],
    [
      'body_meeting',
      () =>
        steps(
          () =>
            `planBodyMeeting(input: { term: "${currentTerm(CITY).id}", body: CHAIR_MEETING, title: "十届主席会议", plannedOn: "2026-11-05", agenda: ["议题"] }) { id }`,
          (id) => `cancelBodyMeeting(input: { id: "${id}" }) { id }`,
        ),
      (id) =>
        `holdBodyMeeting(input: { id: "${id}", heldOn: "2026-11-05", attendance: [] }) { id }`,
      'CANCELLED',
      'hold',
    ],
    [
      'special_committee',
      () =>
        steps(
          () =>
            `createSpecialCommittee(input: { district: "${CITY}", name: "流程测试委员会", functions: "职能", establishedOn: "2026-01-01" }) { id }`,
          (id) => `dissolveCommittee(input: { id: "${id}", on: "2026-06-01" }) { id }`,
        ),
      (id) =>
        `adjustCommitteeFunctions(input: { id: "${id}", functions: "新职能", on: "2026-07-01" }) { id }`,
      'DISSOLVED',
      'adjustFunctions',
    ],
    [
      'liaison_pair',
      () =>
        steps(
          () =>
            `registerGovernmentUnit(input: { district: "${CITY}", name: "流程测试局", short: "流程局" }) { id }`,
          (unit) =>
            `pairCommitteeWithUnit(input: { committee: "${committee}", unit: "${unit}", since: "2026-01-01" }) { id }`,
          (id) => `endLiaison(input: { id: "${id}", until: "2026-06-30" }) { id }`,
        ),
      (id) => `endLiaison(input: { id: "${id}", until: "2026-07-31" }) { id }`,
      'ENDED',
      'end',
    ],
    [
      'study_session',
      () =>
        steps(
          () =>
            `planStudySession(input: { district: "${CITY}", kind: SPECIAL, topic: "专题学习", plannedOn: "2026-11-12", materials: ["材料"] }) { id }`,
        ),
      (id) => `archiveStudySession(input: { id: "${id}", minutes: "纪要" }) { id }`,
      'PLANNED',
      'archive',
    ],
    [
      'party_branch',
      () =>
        steps(
          () =>
            `createSpecialCommittee(input: { district: "${CITY}", name: "支部流程委员会", functions: "职能", establishedOn: "2026-01-01" }) { id }`,
          (c) =>
            `establishPartyBranch(input: { committee: "${c}", name: "支部流程委员会功能型党支部", establishedOn: "2026-02-01" }) { id }`,
          (id) => `dissolvePartyBranch(input: { id: "${id}", on: "2026-06-01" }) { id }`,
        ),
      (id) =>
        `setBranchSecretary(input: { branch: "${id}", member: "9801", on: "2026-07-01" }) { id }`,
      'DISSOLVED',
      'changeSecretary',
    ],
    [
      'branch_placement',
      () =>
        steps(
          () =>
            `placeInBranch(input: { branch: "${partyBranches.find((b) => b.district === CITY)!.id}", member: "9801", joinedOn: "2026-11-01" }) { id }`,
          (id) => `endBranchPlacement(input: { id: "${id}", leftOn: "2026-11-10" }) { id }`,
        ),
      (id) => `endBranchPlacement(input: { id: "${id}", leftOn: "2026-11-20" }) { id }`,
      'ENDED',
      'end',
    ],
    [
      'party_group_membership',
      () =>
        steps(
          () =>
            `appointToPartyGroup(input: { group: "${partyGroups.find((g) => g.district === CITY)!.id}", member: "9801", role: MEMBER, joinedOn: "2026-11-01" }) { id }`,
          (id) => `endPartyGroupMembership(input: { id: "${id}", leftOn: "2026-11-10" }) { id }`,
        ),
      (id) => `endPartyGroupMembership(input: { id: "${id}", leftOn: "2026-11-20" }) { id }`,
      'ENDED',
      'end',
    ],
    [
      'implementation_review',
      () =>
        steps(
          () =>
            `recordPolicyDocument(input: { district: "${CITY}", kind: WORK_OPINION, title: "流程测试实施意见", issuedBy: "市委办公室", issuedOn: "2026-01-01", summary: "意见" }) { id }`,
          (d) =>
            `planImplementationReview(input: { document: "${d}", kind: INSPECTION, title: "落实情况督查", plannedOn: "2026-03-01", districtsVisited: ["${CITY}"] }) { id }`,
        ),
      (id) =>
        `moveImplementationReview(input: { id: "${id}", action: REPORT, findings: "发现", reportedOn: "2026-04-01" }) { id }`,
      'PLANNED',
      'report',
    ],
    [
      'communication',
      () =>
        steps(
          () =>
            `draftCommunication(input: { district: "${CITY}", kind: OPEN_LETTER, title: "致全体委员的一封信", audience: "全体委员", occasion: "新春", body: "信" }) { id }`,
          (id) => `issueCommunication(input: { id: "${id}", issuedOn: "2026-02-01" }) { id }`,
        ),
      (id) => `withdrawCommunication(input: { id: "${id}" }) { id }`,
      'ISSUED',
      'withdraw',
    ],
    [
      'consensus_campaign',
      () =>
        steps(
          () =>
            `openCampaign(input: { district: "${CITY}", kind: ESSAY_CONTEST, title: "流程测试征文", theme: "主题", opensOn: "2026-01-01", closesOn: "2026-06-30" }) { id }`,
          (id) => `closeCampaign(input: { id: "${id}" }) { id }`,
        ),
      (id) => `closeCampaign(input: { id: "${id}" }) { id }`,
      'CLOSED',
      'close',
    ],
  ];

  it('tries an illegal move on every table', () => {
    expect(MOVES.map(([entity]) => entity).sort()).toEqual(TABLES.map(([entity]) => entity).sort());
  });

  it.each(MOVES)(
    '%s: refuses a step off the table, writing no audit row',
    async (entity, bring, illegal, state, action) => {
      const id = await bring();
      const trail = () => systemEm(org.orm).find(AuditEntrySchema, {}, { orderBy: { id: 'asc' } });
      const before = await trail();
      const r = await org.execute(`mutation { ${illegal(id)} }`, {}, staff);
      expect(r.errors?.[0].extensions, illegal(id)).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state,
        action,
      });
      expect(r.data, 'the mutation answers no record').toBeNull();
      expect(await trail(), `${entity}: no audit row`).toEqual(before);
      expect(
        before.filter((a) => a.entity === entity && a.entityId === id).at(-1)?.toState,
        `${entity} stays ${state}`,
      ).toBe(state);
    },
  );
});
