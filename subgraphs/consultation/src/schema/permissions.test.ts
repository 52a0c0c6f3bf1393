import { ADVISORY_MEETING, cityActivity, CITY, unitByShort } from '@cppcc/demo';
import { systemEm } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const leader = testCaller(['leader'], CITY);
const water = unitByShort(CITY, '水利局');

/** Callers who take part, instruct or carry out, but do not organise. */
const others = {
  member: testCaller(['member'], CITY, '1'),
  leader,
  department: testCaller(['unit'], CITY, null, String(water.id)),
  operator: testCaller(['operator'], CITY),
  anonymous: testCaller([], null),
};

/** Every table consultation writes, and the audit trail and outbox: a refusal leaves each as it was. */
const TABLES = [
  'consultation_activity',
  'participant',
  'activity_guest',
  'speech',
  'research_project',
  'research_phase',
  'research_team_member',
  'field_visit',
  'recommendation',
  'recommendation_source',
  'instruction',
  'ledger_entry',
  'result',
  'result_timeline_entry',
  'consultation_plan',
  'plan_topic',
  'escalation',
  'input_campaign',
  'input_contribution',
  'questionnaire',
  'questionnaire_question',
  'questionnaire_response',
  'questionnaire_answer',
  'audit_entry',
  'outbox_event',
];

describe.each(databases())(
  'permissions per role, and bad input writing nothing, on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startConsultation(url);
    });
    afterAll(() => module?.stop());

    const rows = async () => {
      const connection = systemEm(module.orm).getConnection();
      return Object.fromEntries(
        await Promise.all(
          TABLES.map(async (t) => [
            t,
            Number((await connection.execute(`select count(*) as n from ${t}`))[0].n),
          ]),
        ),
      );
    };

    /** What staff organise, one write each. */
    const organising: [string, string, Record<string, unknown>][] = [
      [
        'planConsultationActivity',
        'mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { id } }',
        {
          i: {
            district: CITY,
            title: '权限测试协商活动',
            form: 'THEMATIC',
            topic: '测试',
            heldOn: '2026-12-01',
            memberIds: ['1'],
          },
        },
      ],
      [
        'recordConsultationActivity',
        'mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id } }',
        {
          i: {
            district: CITY,
            title: '权限测试协商活动',
            form: 'THEMATIC',
            topic: '测试',
            heldOn: '2026-06-01',
            participantIds: ['1'],
          },
        },
      ],
      [
        'startResearchProject',
        'mutation($i: StartResearchProjectInput!) { startResearchProject(input: $i) { id } }',
        {
          i: {
            district: CITY,
            title: '权限测试调研课题',
            topic: '测试',
            team: [{ memberId: '1', role: 'LEAD' }],
          },
        },
      ],
      [
        'draftRecommendation',
        'mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }',
        {
          i: {
            district: CITY,
            kind: 'RECOMMENDATION',
            title: '权限测试建议',
            text: '权限测试建议正文：一是加强统筹，二是完善政策。',
            activityId: String(cityActivity(ADVISORY_MEETING).id),
          },
        },
      ],
      [
        'draftConsultationPlan',
        `mutation { draftConsultationPlan(district: "${CITY}", year: 2050, title: "权限测试年度计划") { id } }`,
        {},
      ],
      [
        'createImplementationResult',
        'mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { id } }',
        { i: { district: CITY, kind: 'TOPIC', title: '党委出题：权限测试' } },
      ],
      [
        'recordConsultationEscalation',
        'mutation($i: RecordConsultationEscalationInput!) { recordConsultationEscalation(input: $i) { id } }',
        {
          i: {
            body: 'PROVINCIAL_KEY_AGENDA',
            title: '权限测试议题',
            activityId: String(cityActivity(ADVISORY_MEETING).id),
            takenUpOn: '2026-03-01',
          },
        },
      ],
      [
        'draftInputCampaign',
        'mutation($i: DraftInputCampaignInput!) { draftInputCampaign(input: $i) { id } }',
        {
          i: {
            district: CITY,
            title: '权限测试建言征集',
            purpose: '权限测试',
            opensOn: '2026-01-01',
            closesOn: '2026-12-31',
            themes: ['测试'],
          },
        },
      ],
    ];

    it('lets committee staff organise, and no one else', async () => {
      const before = await rows();
      for (const [name, query, variables] of organising) {
        for (const [who, caller] of Object.entries(others)) {
          const r = await module.execute(query, variables, caller);
          expect(r.errors?.[0].extensions?.code, `${name} by ${who}`).toBe(
            who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
          );
        }
        // Staff of another district are refused for the district named.
        expect(
          (await module.execute(query, variables, testCaller(['staff'], '341002'))).errors?.[0]
            .extensions?.code,
          `${name} by another district`,
        ).toBe('CROSS_DISTRICT');
      }
      expect(await rows()).toEqual(before);
      for (const [name, query, variables] of organising)
        expect((await module.execute(query, variables, staff)).errors, name).toBeUndefined();
    });

    it('refuses bad outcomes, instructions, ledger assignments, chain nodes, plan topics and escalations, writing nothing', async () => {
      const rec = (
        await ok<{ draftRecommendation: { id: string } }>(
          module,
          organising[3][1],
          organising[3][2],
          staff,
        )
      ).draftRecommendation;
      await ok<{ submitRecommendation: { id: string } }>(
        module,
        `mutation { submitRecommendation(id: "${rec.id}", version: 1, submittedTo: "市委", on: "2026-05-01") { id } }`,
        {},
        staff,
      );
      const instruction = (
        await ok<{ recordLeaderInstruction: { id: string } }>(
          module,
          `mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id } }`,
          {
            i: {
              subjectType: 'RECOMMENDATION',
              subjectId: rec.id,
              leader: '分管副市长',
              rank: 'IN_CHARGE',
              level: 'CITY',
              instructedOn: '2026-05-10',
              text: '请研究落实。',
            },
          },
          leader,
        )
      ).recordLeaderInstruction;
      const topic = (
        await ok<{ createImplementationResult: { id: string } }>(
          module,
          organising[5][1],
          organising[5][2],
          staff,
        )
      ).createImplementationResult;
      const plan = (
        await ok<{ draftConsultationPlan: { id: string } }>(
          module,
          `mutation { draftConsultationPlan(district: "${CITY}", year: 2051, title: "坏输入测试年度计划") { id } }`,
          {},
          staff,
        )
      ).draftConsultationPlan;
      const before = await rows();
      const cases: [string, Record<string, unknown>, string, typeof staff][] = [
        [
          'mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }',
          { i: { ...(organising[3][2].i as object), researchProjectId: '99999' } },
          'input.researchProjectId',
          staff,
        ],
        [
          'mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }',
          { i: { ...(organising[3][2].i as object), authorIds: ['1', '99999'] } },
          'input.authorIds.1',
          staff,
        ],
        [
          'mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id } }',
          {
            i: {
              subjectType: 'RECOMMENDATION',
              subjectId: rec.id,
              leader: '分管副市长',
              rank: 'IN_CHARGE',
              level: 'CITY',
              instructedOn: '2026-04-01',
              text: '请研究落实。',
            },
          },
          'input.instructedOn',
          leader,
        ],
        [
          'mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id } }',
          {
            i: {
              subjectType: 'RECOMMENDATION',
              subjectId: '99999',
              leader: '分管副市长',
              rank: 'IN_CHARGE',
              level: 'CITY',
              instructedOn: '2026-05-10',
              text: '请研究落实。',
            },
          },
          'input.subjectId',
          leader,
        ],
        [
          `mutation($a: [LedgerAssignmentInput!]!) { assignInstruction(instructionId: "${instruction.id}", assignments: $a) { id } }`,
          {
            a: [
              { unitId: String(water.id), task: '研究落实建议', dueOn: '2026-08-01' },
              { unitId: '9999', task: '研究落实建议', dueOn: '2026-08-01' },
            ],
          },
          'assignments.1.unitId',
          staff,
        ],
        [
          `mutation($a: [LedgerAssignmentInput!]!) { assignInstruction(instructionId: "${instruction.id}", assignments: $a) { id } }`,
          { a: [] },
          'assignments',
          staff,
        ],
        [
          'mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { id } }',
          {
            i: {
              parentId: topic.id,
              kind: 'TASK',
              title: '没有期限的任务',
              unitId: String(water.id),
            },
          },
          'input.kind',
          staff,
        ],
        [
          'mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { id } }',
          {
            i: {
              parentId: topic.id,
              kind: 'ADOPTION',
              title: '日期颠倒的采纳',
              document: '某某实施意见',
              adoptedOn: '2026-03-01',
              startOn: '2026-05-01',
              dueOn: '2026-04-01',
            },
          },
          'input.dueOn',
          staff,
        ],
        [
          'mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { id } }',
          {
            i: {
              parentId: topic.id,
              kind: 'ADOPTION',
              title: '权重越界的采纳',
              document: '某某实施意见',
              adoptedOn: '2026-03-01',
              weight: -1,
            },
          },
          'input.weight',
          staff,
        ],
        [
          `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${plan.id}", input: $i) { id } }`,
          { i: { title: '公众提出但没说谁', source: 'PUBLIC', form: 'SECTOR' } },
          'input.proposedBy',
          staff,
        ],
        [
          `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${plan.id}", input: $i) { id } }`,
          {
            i: {
              title: '已撤销委员会牵头',
              source: 'GOVERNMENT',
              form: 'COUNTERPART',
              leadCommitteeId: '999',
            },
          },
          'input.leadCommitteeId',
          staff,
        ],
        [
          'mutation($i: RecordConsultationEscalationInput!) { recordConsultationEscalation(input: $i) { id } }',
          {
            i: {
              body: 'NATIONAL_BIWEEKLY',
              title: '日期颠倒的议题',
              researchProjectId: '1',
              takenUpOn: '2026-03-01',
              heldOn: '2026-01-01',
            },
          },
          'input.heldOn',
          staff,
        ],
        [
          'mutation($i: RecordConsultationEscalationInput!) { recordConsultationEscalation(input: $i) { id } }',
          {
            i: {
              body: 'NATIONAL_BIWEEKLY',
              title: '来源不明的议题',
              researchProjectId: '99999',
              takenUpOn: '2026-03-01',
            },
          },
          'input.researchProjectId',
          staff,
        ],
      ];
      for (const [query, variables, field, caller] of cases) {
        const r = await module.execute(query, variables, caller);
        expect(r.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(await rows()).toEqual(before);
    });
  },
);
