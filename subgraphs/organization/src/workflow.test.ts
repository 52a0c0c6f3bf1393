import { CITY } from '@cppcc/demo';
import { AuditEntrySchema, ROLES, systemEm, type RequestContext } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
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
const TABLES: [string, { transitions: { from: string; action: string; who: unknown[]; to: string }[]; apply: (...a: any[]) => string }, readonly string[]][] = [
  ['committee_membership', workflows.membershipWorkflow, MEMBERSHIP_STATUSES],
  ['body_meeting', workflows.bodyMeetingWorkflow, MEETING_STATUSES],
  ['special_committee', workflows.committeeWorkflow, COMMITTEE_STATUSES],
  ['liaison_pair', workflows.liaisonWorkflow, LIAISON_STATUSES],
  ['study_session', workflows.studySessionWorkflow, STUDY_STATUSES],
  ['party_branch', workflows.branchWorkflow, BRANCH_STATUSES],
  ['branch_placement', workflows.placementWorkflow, PLACEMENT_STATUSES],
  ['party_group_membership', workflows.partyGroupMembershipWorkflow, PARTY_GROUP_MEMBERSHIP_STATUSES],
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
    const defined = Object.values(workflows).filter((w): w is any => typeof w === 'object' && w !== null && 'transitions' in w);
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
            expect([...written].filter((e: any) => e.entity === entity && e.action === action && e.fromState === state && e.toState === row!.to), label).toHaveLength(1);
            steps++;
          } else {
            let code: unknown;
            try {
              table.apply(ctx, record, action, 'walk');
            } catch (e) {
              code = (e as { extensions?: Record<string, unknown> }).extensions;
            }
            expect(code, label).toMatchObject({ code: row ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION', state, action });
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
