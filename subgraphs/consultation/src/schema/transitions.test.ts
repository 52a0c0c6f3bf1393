import { ADVISORY_MEETING, cityActivity, CITY } from '@cppcc/demo';
import { systemEm } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';
import {
  ACTIVITY_STATUSES,
  ConsultationActivitySchema,
} from '../entities/consultation-activity.entity.js';
import {
  CAMPAIGN_STATUSES,
  CONTRIBUTION_STATUSES,
  InputCampaignSchema,
  InputContributionSchema,
} from '../entities/input-campaign.entity.js';
import { LEDGER_STATUSES, LedgerEntrySchema } from '../entities/instruction.entity.js';
import { ConsultationPlanSchema, PLAN_STATUSES } from '../entities/plan.entity.js';
import {
  RECOMMENDATION_STATUSES,
  RecommendationSchema,
} from '../entities/recommendation.entity.js';
import { RESEARCH_PHASES, ResearchProjectSchema } from '../entities/research-project.entity.js';
import { ResultSchema, TASK_STATUSES } from '../entities/result.entity.js';
import {
  activityWorkflow,
  campaignWorkflow,
  contributionWorkflow,
  ledgerWorkflow,
  planWorkflow,
  recommendationWorkflow,
  researchWorkflow,
  taskWorkflow,
} from '../workflow.js';

// Every state times every action, through GraphQL on both databases: it takes a while.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);

/**
 * Every move the tables do not hold is refused through the API with ILLEGAL_TRANSITION naming
 * the state and the action, and changes nothing: each table is walked state by state, action by
 * action, with the caller the step would be allowed to (so the refusal is the table's, not a
 * permission).
 */
describe.each(databases())("moves outside consultation's transition tables on $name", ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  const em = () => systemEm(module.orm);
  type Mutations = Record<string, [string, ReturnType<typeof testCaller>]>;

  /** Tries each action from each state the table does not allow it from. */
  async function walk(
    table: { transitions: { from: string; action: string }[] },
    states: readonly string[],
    mutations: Mutations,
    id: string,
    setState: (s: string) => Promise<unknown>,
    read: () => Promise<{ status: string; version: number }>,
  ) {
    let checked = 0;
    for (const state of states) {
      await setState(state);
      const { version } = await read();
      for (const [action, [template, caller]] of Object.entries(mutations)) {
        if (table.transitions.some((t) => t.from === state && t.action === action)) continue;
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const r = await module.execute(
          `mutation { ${name}(id: "${id}", version: ${version}${args ? `, ${args}` : ''}) { __typename } }`,
          {},
          caller,
        );
        expect(r.errors?.[0].extensions, `${state} ${action}`).toMatchObject({
          code: 'ILLEGAL_TRANSITION',
          state,
          action,
        });
        checked++;
      }
      // A refused step changes nothing.
      expect(await read(), state).toEqual({ status: state, version });
    }
    expect(checked).toBe(
      states.length * Object.keys(mutations).length -
        table.transitions.filter((t) => t.action in mutations).length,
    );
  }

  it('walks the activity table', async () => {
    const a = (
      await ok<{ planConsultationActivity: { id: string } }>(
        module,
        `mutation { planConsultationActivity(input: { district: "${CITY}", title: "走表测试协商活动", form: THEMATIC, topic: "测试", heldOn: "2026-12-01", memberIds: ["1"] }) { id } }`,
        {},
        staff,
      )
    ).planConsultationActivity;
    // The minutes are kept, so submitting the outcome is refused by the table alone.
    await em().nativeUpdate(
      ConsultationActivitySchema,
      { id: Number(a.id) },
      { minutes: '会议纪要：与会委员充分协商。' },
    );
    await walk(
      activityWorkflow,
      ACTIVITY_STATUSES,
      {
        prepare: ['prepareConsultationActivity', staff],
        hold: ['holdConsultationActivity', staff],
        submitOutcome: ['submitConsultationOutcome', staff],
        close: ['closeConsultationActivity', staff],
        cancel: ['cancelConsultationActivity', staff],
      },
      a.id,
      (status) =>
        em().nativeUpdate(
          ConsultationActivitySchema,
          { id: Number(a.id) },
          { status: status as never },
        ),
      async () =>
        (
          await ok<{ consultationActivity: { status: string; version: number } }>(
            module,
            `{ consultationActivity(id: "${a.id}") { status version } }`,
            {},
            staff,
          )
        ).consultationActivity,
    );
  });

  it('walks the research table', async () => {
    const p = (
      await ok<{ startResearchProject: { id: string } }>(
        module,
        `mutation { startResearchProject(input: { district: "${CITY}", title: "走表测试调研课题", topic: "测试", team: [{ memberId: "31", role: LEAD }] }) { id } }`,
        {},
        staff,
      )
    ).startResearchProject;
    // Plan and report written: only the table decides.
    await em().nativeUpdate(
      ResearchProjectSchema,
      { id: Number(p.id) },
      {
        plan: '调研方案：走访座谈。',
        reportTitle: '专题调研报告',
        reportText: '调研报告正文，提出若干建议。',
      },
    );
    await walk(
      researchWorkflow,
      RESEARCH_PHASES,
      {
        approvePlan: ['approveResearchPlan', staff],
        startFieldwork: ['startResearchFieldwork', staff],
        startDrafting: ['startResearchDrafting', staff],
        review: ['reviewResearchReport', staff],
        returnDraft: ['returnResearchDraft', staff],
        submit: ['submitResearchReport', staff],
        convert: ['convertResearchProject', staff],
        close: ['closeResearchProject', staff],
      },
      p.id,
      (status) =>
        em().nativeUpdate(ResearchProjectSchema, { id: Number(p.id) }, { status: status as never }),
      async () =>
        (
          await ok<{ researchProject: { status: string; version: number } }>(
            module,
            `{ researchProject(id: "${p.id}") { status version } }`,
            {},
            staff,
          )
        ).researchProject,
    );
  });

  it('walks the recommendation table', async () => {
    const r = (
      await ok<{ draftRecommendation: { id: string } }>(
        module,
        `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }`,
        {
          i: {
            district: CITY,
            kind: 'RECOMMENDATION',
            title: '走表测试建议',
            text: '走表测试建议正文：一是加强统筹谋划，二是完善政策支持，三是强化督促落实。',
            activityId: String(cityActivity(ADVISORY_MEETING).id),
          },
        },
        staff,
      )
    ).draftRecommendation;
    await walk(
      recommendationWorkflow,
      RECOMMENDATION_STATUSES,
      {
        submit: ['submitRecommendation(submittedTo: "市委、市政府")', staff],
        adopt: ['adoptRecommendation(adoption: "市政府出台实施意见")', staff],
        decline: ['declineRecommendation', staff],
      },
      r.id,
      (status) =>
        em().nativeUpdate(RecommendationSchema, { id: Number(r.id) }, { status: status as never }),
      async () =>
        (
          await ok<{ recommendation: { status: string; version: number } }>(
            module,
            `{ recommendation(id: "${r.id}") { status version } }`,
            {},
            staff,
          )
        ).recommendation,
    );
  });

  it('walks the conversion-ledger table', async () => {
    const entry = (await em().find(LedgerEntrySchema, {}, { orderBy: { id: 'asc' }, limit: 1 }))[0];
    const department = testCaller(['unit'], CITY, null, String(entry.unitId));
    await walk(
      ledgerWorkflow,
      LEDGER_STATUSES,
      {
        reply: ['replyToLedgerEntry(feedback: "已按要求完成相关工作并形成报告。")', department],
        accept: ['acceptLedgerReply', staff],
        return: ['returnLedgerReply', staff],
      },
      String(entry.id),
      (status) =>
        em().nativeUpdate(LedgerEntrySchema, { id: entry.id }, { status: status as never }),
      async () => {
        const row = await em().findOneOrFail(
          LedgerEntrySchema,
          { id: entry.id },
          { refresh: true },
        );
        return { status: row.status, version: row.version };
      },
    );
  });

  it('walks the results-tree task table', async () => {
    const task = (
      await em().find(ResultSchema, { kind: 'TASK' }, { orderBy: { id: 'asc' }, limit: 1 })
    )[0];
    const department = testCaller(['unit'], CITY, null, String(task.unitId));
    await walk(
      taskWorkflow,
      TASK_STATUSES,
      {
        start: ['startResultTask', department],
        complete: ['completeResultTask', department],
        reopen: ['reopenResultTask', staff],
      },
      String(task.id),
      (status) => em().nativeUpdate(ResultSchema, { id: task.id }, { status: status as never }),
      async () =>
        (
          await ok<{ implementationResult: { status: string; version: number } }>(
            module,
            `{ implementationResult(id: "${task.id}") { status version } }`,
            {},
            staff,
          )
        ).implementationResult,
    );
  });

  it('walks the plan table', async () => {
    const plan = (
      await ok<{ draftConsultationPlan: { id: string } }>(
        module,
        `mutation { draftConsultationPlan(district: "${CITY}", year: 2040, title: "走表测试年度计划") { id } }`,
        {},
        staff,
      )
    ).draftConsultationPlan;
    await ok<{ addConsultationPlanTopic: { id: string } }>(
      module,
      `mutation { addConsultationPlanTopic(planId: "${plan.id}", input: { title: "走表测试议题", source: PARTY_COMMITTEE, form: THEMATIC }) { id } }`,
      {},
      staff,
    );
    await walk(
      planWorkflow,
      PLAN_STATUSES,
      {
        approve: ['approveConsultationPlan(approvedBy: "中共黄山市委")', staff],
        revise: ['reviseConsultationPlan', staff],
        publish: ['publishConsultationPlan', staff],
      },
      plan.id,
      (status) =>
        em().nativeUpdate(
          ConsultationPlanSchema,
          { id: Number(plan.id) },
          { status: status as never },
        ),
      async () =>
        (
          await ok<{ consultationPlan: { status: string; version: number } }>(
            module,
            `{ consultationPlan(id: "${plan.id}") { status version } }`,
            {},
            staff,
          )
        ).consultationPlan,
    );
  });

  const draftCampaign = async () =>
    (
      await ok<{ draftInputCampaign: { id: string; version: number } }>(
        module,
        `mutation { draftInputCampaign(input: { district: "${CITY}", title: "走表测试建言征集", purpose: "走表测试", opensOn: "2026-01-01", closesOn: "2099-12-31", themes: ["测试"] }) { id version } }`,
        {},
        staff,
      )
    ).draftInputCampaign;

  it('walks the input-campaign table', async () => {
    const c = await draftCampaign();
    await walk(
      campaignWorkflow,
      CAMPAIGN_STATUSES,
      {
        open: ['openInputCampaign', staff],
        close: ['closeInputCampaign', staff],
        reopen: ['reopenInputCampaign', staff],
        compile: ['compileInputCampaign', staff],
      },
      c.id,
      (status) =>
        em().nativeUpdate(InputCampaignSchema, { id: Number(c.id) }, { status: status as never }),
      async () =>
        (
          await ok<{ inputCampaign: { status: string; version: number } }>(
            module,
            `{ inputCampaign(id: "${c.id}") { status version } }`,
            {},
            staff,
          )
        ).inputCampaign,
    );
  });

  it('walks the contribution-screening table', async () => {
    const c = await draftCampaign();
    await ok<{ openInputCampaign: { id: string } }>(
      module,
      `mutation { openInputCampaign(id: "${c.id}", version: ${c.version}) { id } }`,
      {},
      staff,
    );
    const x = (
      await ok<{ submitInputContribution: { id: string } }>(
        module,
        `mutation { submitInputContribution(campaignId: "${c.id}", input: { kind: SUGGESTION, theme: "测试", title: "走表测试建议", text: "走表测试建议正文内容。", contributorName: "汪志明" }) { id } }`,
        {},
        staff,
      )
    ).submitInputContribution;
    await walk(
      contributionWorkflow,
      CONTRIBUTION_STATUSES,
      {
        accept: ['acceptInputContribution', staff],
        reject: ['rejectInputContribution(reason: "与已收集建议重复")', staff],
      },
      x.id,
      (status) =>
        em().nativeUpdate(
          InputContributionSchema,
          { id: Number(x.id) },
          { status: status as never },
        ),
      async () =>
        (
          await ok<{ inputContribution: { status: string; version: number } }>(
            module,
            `{ inputContribution(id: "${x.id}") { status version } }`,
            {},
            staff,
          )
        ).inputContribution,
    );
  });
});
