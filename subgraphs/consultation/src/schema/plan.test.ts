import { CITY, escalations, plans } from '@cppcc/demo';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const fields =
  'id year status version approvedBy approvedOn publishedOn availableActions topics { id title source proposedBy form quarter activities { title } }';

interface Plan {
  id: string;
  year: number;
  version: number;
  history?: { toState: string }[];
  topics: { id: string; source: string; form: string; activities: unknown[] }[];
}

describe.each(databases())('annual consultation plans and escalation on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  it('drafts a plan, adds topics with their source, has it approved and published', async () => {
    let plan = (
      await ok<{ draftConsultationPlan: Plan }>(
        module,
        `mutation { draftConsultationPlan(district: "${CITY}", year: 2028, title: "黄山市政协2028年度协商工作计划") { ${fields} } }`,
        {},
        staff,
      )
    ).draftConsultationPlan;
    const again = await module.execute(
      `mutation { draftConsultationPlan(district: "${CITY}", year: 2028, title: "重复的年度计划") { id } }`,
      {},
      staff,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'year' });
    const empty = await module.execute(
      `mutation { approveConsultationPlan(id: "${plan.id}", version: ${plan.version}, approvedBy: "中共黄山市委") { id } }`,
      {},
      staff,
    );
    expect(empty.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'topics',
    });

    const add = (input: Record<string, unknown>) =>
      module.execute<{ addConsultationPlanTopic: { id: string } }>(
        `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${plan.id}", input: $i) { id source } }`,
        { i: input },
        staff,
      );
    expect(
      (await add({ title: '界别提出但没说谁', source: 'SECTOR', form: 'SECTOR' })).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'input.proposedBy' });
    expect(
      (
        await add({
          title: '第五季度的议题',
          source: 'GOVERNMENT',
          form: 'COUNTERPART',
          quarter: 5,
        })
      ).errors?.[0].extensions,
    ).toMatchObject({ field: 'input.quarter' });
    expect(
      (
        await add({
          title: '推进城乡统筹发展',
          source: 'PARTY_COMMITTEE',
          form: 'THEMATIC',
          leadCommitteeId: '2',
          quarter: 2,
        })
      ).errors,
    ).toBeUndefined();
    const extra = (
      await add({
        title: '加强社区居家养老服务',
        source: 'PUBLIC',
        proposedBy: '社会征集',
        form: 'SECTOR',
      })
    ).data!.addConsultationPlanTopic;
    await ok<{ removeConsultationPlanTopic: { id: string } }>(
      module,
      `mutation { removeConsultationPlanTopic(topicId: "${extra.id}") { id } }`,
      {},
      staff,
    );

    const member = await module.execute(
      `mutation { approveConsultationPlan(id: "${plan.id}", version: ${plan.version}, approvedBy: "中共黄山市委") { id } }`,
      {},
      testCaller(['member'], CITY, '1'),
    );
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    plan = (
      await ok<{
        approveConsultationPlan: {
          id: string;
          year: number;
          status: string;
          version: number;
          approvedBy: string | null;
          approvedOn: string | null;
          publishedOn: string | null;
          availableActions: string[];
          topics: {
            id: string;
            title: string;
            source: string;
            proposedBy: string | null;
            form: string;
            quarter: number | null;
            activities: { title: string }[];
          }[];
        };
      }>(
        module,
        `mutation { approveConsultationPlan(id: "${plan.id}", version: ${plan.version}, approvedBy: "中共黄山市委", on: "2028-01-18") { ${fields} } }`,
        {},
        staff,
      )
    ).approveConsultationPlan;
    expect(plan).toMatchObject({
      status: 'APPROVED',
      approvedBy: '中共黄山市委',
      approvedOn: '2028-01-18',
      availableActions: ['revise', 'publish'],
    });
    const late = await module.execute(
      `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${plan.id}", input: $i) { id } }`,
      { i: { title: '批准后再加的议题', source: 'GOVERNMENT', form: 'COUNTERPART' } },
      staff,
    );
    expect(late.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'APPROVED',
    });

    const hidden = await module.execute(`{ consultationPlan(id: "${plan.id}") { id } }`);
    expect(hidden).toEqual({ data: { consultationPlan: null } });
    plan = (
      await ok<{ publishConsultationPlan: Plan }>(
        module,
        `mutation { publishConsultationPlan(id: "${plan.id}", version: ${plan.version}, on: "2028-02-01") { ${fields} history { toState } } }`,
        {},
        staff,
      )
    ).publishConsultationPlan;
    expect(plan).toMatchObject({ status: 'PUBLISHED', publishedOn: '2028-02-01' });
    expect(plan.history?.map((h) => h.toState)).toEqual(['DRAFT', 'APPROVED', 'PUBLISHED']);
    const seen = await ok<{ consultationPlan: { topics: { title: string; source: string }[] } }>(
      module,
      `{ consultationPlan(id: "${plan.id}") { topics { title source } } }`,
      {},
      undefined,
    );
    expect(seen.consultationPlan.topics).toEqual([
      { title: '推进城乡统筹发展', source: 'PARTY_COMMITTEE' },
    ]);

    const topicId = plan.topics[0].id;
    const activity = await ok<{ planConsultationActivity: { id: string } }>(
      module,
      `mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { id } }`,
      {
        i: {
          district: CITY,
          title: '城乡统筹发展专题协商',
          form: 'THEMATIC',
          topic: '城乡统筹',
          heldOn: '2028-05-10',
          planTopicId: topicId,
        },
      },
      staff,
    );
    expect(activity.planConsultationActivity.id).toBeTruthy();
    const draft2027 = (
      await ok<{ consultationPlans: { nodes: { topics: { id: string }[] }[] } }>(
        module,
        `{ consultationPlans(year: 2027) { nodes { topics { id } } } }`,
        {},
        staff,
      )
    ).consultationPlans.nodes[0];
    const unapproved = await module.execute(
      `mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { id } }`,
      {
        i: {
          district: CITY,
          title: '未批准议题的协商',
          form: 'THEMATIC',
          topic: '生态补偿',
          heldOn: '2027-05-10',
          planTopicId: draft2027.topics[0].id,
        },
      },
      staff,
    );
    expect(unapproved.errors?.[0].extensions).toMatchObject({
      field: 'input.planTopicId',
      rule: 'approved',
    });
  });

  it('shows the demo plans, with planned activities under their topics, and the eco-compensation escalations', async () => {
    const listed = (
      await ok<{ consultationPlans: { nodes: Plan[] } }>(
        module,
        `{ consultationPlans(district: "${CITY}") { nodes { ${fields} } } }`,
        {},
        staff,
      )
    ).consultationPlans.nodes;
    for (const demo of plans) {
      const plan = listed.find((p) => p.year === demo.year);
      expect(plan).toMatchObject({ status: demo.status, approvedBy: demo.approvedBy });
      expect(plan!.topics.map((t) => t.source)).toEqual(demo.topics.map((t) => t.source));
    }
    const y2026 = listed.find((p) => p.year === 2026);
    expect(y2026!.topics.find((t) => t.form === 'BIWEEKLY_FORUM')!.activities).toEqual([
      { title: '双周协商座谈会：民营企业融资难融资贵问题' },
    ]);

    const up = (
      await ok<{ consultationEscalations: { nodes: { body: string }[] } }>(
        module,
        `{ consultationEscalations(district: "${CITY}") { nodes { body title takenUpOn heldOn researchProject { title } activity { form } } } }`,
        {},
        undefined,
      )
    ).consultationEscalations.nodes;
    expect(up.map((e) => e.body)).toEqual(escalations.map((e) => e.body));
    expect(up[0]).toMatchObject({
      researchProject: { title: '深化新安江流域生态补偿机制试点调研' },
      activity: { form: 'STANDING_COMMITTEE' },
    });
  });

  it('refuses an escalation without its source or with dates out of order', async () => {
    const record = `mutation($i: RecordConsultationEscalationInput!) { recordConsultationEscalation(input: $i) { id } }`;
    const base = {
      body: 'PROVINCIAL_KEY_AGENDA',
      title: '茶产业品牌建设',
      activityId: '7',
      takenUpOn: '2026-03-01',
    };
    expect(
      (await module.execute(record, { i: { ...base, activityId: null } }, staff)).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'input.researchProjectId' });
    expect(
      (await module.execute(record, { i: { ...base, heldOn: '2026-02-01' } }, staff)).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'input.heldOn' });
    expect(
      (await module.execute(record, { i: { ...base, activityId: '99999' } }, staff)).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'input.activityId' });
    expect(
      (await module.execute(record, { i: base }, testCaller(['staff'], '341002'))).errors?.[0]
        .extensions?.code,
    ).toBe('CROSS_DISTRICT');
    expect((await module.execute(record, { i: base }, staff)).errors).toBeUndefined();
  });
});
