import { CITY, governmentUnits } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStack, type Stack } from './harness.js';

// Whole workflows through the gateway on a seeded stack: a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const DISTRICT = '341002';
const OTHER = '341021';

interface GraphError {
  message: string;
  extensions: Record<string, unknown>;
}

interface Escalation {
  id: string;
  body: string;
  status: string;
  version: number;
  title: string;
  note: string | null;
  answer: string | null;
  escalatedOn: string | null;
  takenUpOn: string | null;
  answeredOn: string | null;
  availableActions: string[];
  district: { code: string; name: string | null };
  toDistrict: { code: string; name: string | null } | null;
  recommendation: { id: string; title: string } | null;
  history: { action: string; fromState: string | null; toState: string }[];
}
type Escalations = { consultationEscalations: { totalCount: number; nodes: Escalation[] } };

/**
 * Consultation workflows the way the staff back office drives them (issue 18 item 3): a district
 * committee escalating to the city committee and the city answering; amending a published plan;
 * a department's follow-up of a leader's instruction, written once on the ledger and shown in
 * the results tree.
 */
describe.each(databases())('consultation workflows through the gateway on $name', ({ url }) => {
  let stack: Stack;
  let cityStaff: string;
  let districtStaff: string;
  let otherStaff: string;
  const call = async <T = unknown>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const { body } = await stack.post({ query, variables }, { token });
    return body as { data?: T; errors?: GraphError[] };
  };
  const ok = async <T = unknown>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const r = await call<T>(token, query, variables);
    expect(r.errors, query).toBeUndefined();
    return r.data!;
  };
  const refusal = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const r = await call(token, query, variables);
    expect(r.errors, query).toBeDefined();
    return r.errors![0].extensions;
  };

  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url });
    cityStaff = await stack.token({ roles: ['staff'], district: CITY });
    districtStaff = await stack.token({ roles: ['staff'], district: DISTRICT });
    otherStaff = await stack.token({ roles: ['staff'], district: OTHER });
  });
  afterAll(() => stack?.stop());

  let activityId: string;

  /** A recommendation the district drafts from its held activity, submitted to its Party committee (today) if asked. */
  const recommendation = async (title: string, submit: boolean) => {
    const r = (
      await ok<{ draftRecommendation: { id: string; version: number } }>(
        districtStaff,
        `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id version } }`,
        {
          i: {
            district: DISTRICT,
            kind: 'RECOMMENDATION',
            title,
            text: `${title}：一是统筹规划，二是资金支持，三是跟踪落实。`,
            activityId,
          },
        },
      )
    ).draftRecommendation;
    if (!submit) return r.id as string;
    await ok(
      districtStaff,
      `mutation { submitRecommendation(id: "${r.id}", version: ${r.version}, submittedTo: "中共屯溪区委") { id } }`,
    );
    return r.id as string;
  };

  beforeAll(async () => {
    const held = await ok<{ consultationActivities: { nodes: { id: string }[] } }>(
      districtStaff,
      `query { consultationActivities(filter: { district: "${DISTRICT}", status: HELD }, first: 1) { nodes { id } } }`,
    );
    activityId = held.consultationActivities.nodes[0].id;
  });

  describe('escalation from a district committee to the city committee (提请市政协)', () => {
    const fields =
      'id body status version title note answer escalatedOn takenUpOn answeredOn availableActions district { code name } toDistrict { code name } recommendation { id title } history { action fromState toState }';
    const escalate = `mutation($i: EscalateToCityCommitteeInput!) { escalateToCityCommittee(input: $i) { ${fields} } }`;
    const toCity = `query($city: ID!, $status: ConsultationEscalationStatus) { consultationEscalations(city: $city, status: $status, first: 50) { totalCount nodes { ${fields} } } }`;

    it("shows the city what its districts escalated, naming each district, and the demo's waiting one", async () => {
      const { consultationEscalations } = await ok<Escalations>(cityStaff, toCity, { city: CITY });
      const byStatus = consultationEscalations.nodes.map((e: Escalation) => [
        e.district.code,
        e.status,
      ]);
      expect(byStatus).toEqual(
        expect.arrayContaining([
          [DISTRICT, 'ACCEPTED'],
          ['341024', 'SUBMITTED'],
        ]),
      );
      for (const e of consultationEscalations.nodes) {
        expect(e.body).toBe('CITY_COMMITTEE');
        expect(e.toDistrict?.code).toBe(CITY);
        expect(e.district.name).toBeTruthy();
      }
      const waiting = consultationEscalations.nodes.find(
        (e: Escalation) => e.status === 'SUBMITTED',
      );
      expect(waiting?.availableActions).toEqual(['accept', 'decline']);
      expect(waiting?.takenUpOn).toBeNull();
      // The provincial and national escalations are recorded as taken up: no steps.
      const higher = await ok<Escalations>(
        cityStaff,
        `query { consultationEscalations(district: "${CITY}", first: 10) { nodes { body status availableActions takenUpOn } } }`,
      );
      for (const e of higher.consultationEscalations.nodes) {
        expect(e.status).toBe('TAKEN_UP');
        expect(e.availableActions).toEqual([]);
        expect(e.takenUpOn).toBeTruthy();
      }
    });

    it('escalates a submitted recommendation; the city accepts it with its answer; the steps are audited', async () => {
      const recId = await recommendation('推动老街历史文化街区保护利用', true);
      const reason = '街区保护涉及市级文物和旅游规划，提请市政协统筹协商。';
      const sent = (
        await ok<{ escalateToCityCommittee: Escalation }>(districtStaff, escalate, {
          i: { recommendationId: recId, title: '老街历史文化街区保护利用', reason },
        })
      ).escalateToCityCommittee;
      expect(sent).toMatchObject({
        body: 'CITY_COMMITTEE',
        status: 'SUBMITTED',
        note: reason,
        district: { code: DISTRICT },
        toDistrict: { code: CITY },
        recommendation: { id: recId },
        takenUpOn: null,
        availableActions: ['withdraw'],
      });

      // The district cannot answer its own escalation; another district does not see it.
      const accept = `mutation($id: ID!, $v: Int!, $a: String!) { acceptConsultationEscalation(id: $id, version: $v, answer: $a) { ${fields} } }`;
      const answer = '采纳：列入市政协年度协商计划，由文化文史和学习委员会牵头开展对口协商。';
      expect(
        await refusal(districtStaff, accept, { id: sent.id, v: sent.version, a: answer }),
      ).toMatchObject({ code: 'FORBIDDEN', action: 'accept' });
      expect(
        await refusal(otherStaff, accept, { id: sent.id, v: sent.version, a: answer }),
      ).toMatchObject({ code: 'NOT_FOUND' });
      const other = await ok<Escalations>(otherStaff, toCity, { city: CITY });
      expect(other.consultationEscalations.nodes.map((e: Escalation) => e.id)).not.toContain(
        sent.id,
      );

      // The city sees it waiting, and accepts it.
      const waiting = await ok<Escalations>(cityStaff, toCity, { city: CITY, status: 'SUBMITTED' });
      const seen = waiting.consultationEscalations.nodes.find((e: Escalation) => e.id === sent.id);
      expect(seen).toMatchObject({
        district: { code: DISTRICT },
        availableActions: ['accept', 'decline'],
      });
      expect(
        await refusal(cityStaff, accept, { id: sent.id, v: sent.version, a: '好' }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer' });
      const done = (
        await ok<{ acceptConsultationEscalation: Escalation }>(cityStaff, accept, {
          id: sent.id,
          v: sent.version,
          a: answer,
        })
      ).acceptConsultationEscalation;
      expect(done).toMatchObject({ status: 'ACCEPTED', answer, availableActions: [] });
      expect(done.takenUpOn).toBe(done.answeredOn);
      expect(
        done.history.map((h: Escalation['history'][number]) => [h.action, h.fromState, h.toState]),
      ).toEqual([
        ['escalate', null, 'SUBMITTED'],
        ['accept', 'SUBMITTED', 'ACCEPTED'],
      ]);
      // Answered once: a second answer is refused by the table, naming the rule.
      expect(
        await refusal(cityStaff, accept, { id: sent.id, v: done.version, a: answer }),
      ).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'ACCEPTED',
        action: 'accept',
        rule: 'answered',
      });
      // It stands with the city: escalating it again is a conflict.
      expect(
        await refusal(districtStaff, escalate, {
          i: { recommendationId: recId, title: '老街历史文化街区保护利用', reason },
        }),
      ).toMatchObject({ code: 'CONFLICT', field: 'input.recommendationId' });
    });

    it('lets the district withdraw one while it waits and the city decline another, saying why', async () => {
      const recId = await recommendation('加快黎阳老街夜间经济发展', true);
      const reason = '夜间经济需要市级层面统一政策支持，提请市政协协商。';
      const sent = (
        await ok<{ escalateToCityCommittee: Escalation }>(districtStaff, escalate, {
          i: { recommendationId: recId, title: '黎阳老街夜间经济发展', reason },
        })
      ).escalateToCityCommittee;
      const withdrawn = (
        await ok<{ withdrawConsultationEscalation: Escalation }>(
          districtStaff,
          `mutation { withdrawConsultationEscalation(id: "${sent.id}", version: ${sent.version}, note: "区内先行协商") { ${fields} } }`,
        )
      ).withdrawConsultationEscalation;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', availableActions: [] });

      // Withdrawn, it may be sent up again; this time the city declines it.
      const again = (
        await ok<{ escalateToCityCommittee: Escalation }>(districtStaff, escalate, {
          i: { recommendationId: recId, title: '黎阳老街夜间经济发展', reason },
        })
      ).escalateToCityCommittee;
      const why = '不予采纳：该事项属区级事权，建议由区政协继续跟踪协商。';
      const declined = (
        await ok<{ declineConsultationEscalation: Escalation }>(
          cityStaff,
          `mutation($id: ID!, $v: Int!, $a: String!) { declineConsultationEscalation(id: $id, version: $v, answer: $a) { ${fields} } }`,
          { id: again.id, v: again.version, a: why },
        )
      ).declineConsultationEscalation;
      expect(declined).toMatchObject({ status: 'DECLINED', answer: why, takenUpOn: null });
    });

    it('refuses bad input naming the field and the rule, writing nothing', async () => {
      const before = (await ok<Escalations>(cityStaff, toCity, { city: CITY }))
        .consultationEscalations.totalCount;
      const draft = await recommendation('完善社区养老服务设施布局', false);
      const reason = '养老设施布局需要市级统筹，提请市政协协商。';
      expect(
        await refusal(districtStaff, escalate, { i: { title: '社区养老服务设施', reason } }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.recommendationId',
        rule: 'required',
      });
      expect(
        await refusal(districtStaff, escalate, {
          i: { recommendationId: draft, title: '社区养老服务设施', reason },
        }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.recommendationId',
        rule: 'submitted',
      });
      expect(
        await refusal(districtStaff, escalate, {
          i: { recommendationId: '999999', title: '社区养老服务设施', reason },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recommendationId', rule: 'exists' });
      expect(
        await refusal(districtStaff, escalate, {
          i: { activityId, title: '社区养老服务设施', reason: '太短' },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      // The city itself has no committee above it on this platform.
      const cityRec = await ok<{ recommendations: { nodes: { id: string }[] } }>(
        cityStaff,
        `query { recommendations(filter: { district: "${CITY}" }, first: 1) { nodes { id } } }`,
      );
      expect(
        await refusal(cityStaff, escalate, {
          i: {
            recommendationId: cityRec.recommendations.nodes[0].id,
            title: '社区养老服务设施',
            reason,
          },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recommendationId', rule: 'city' });
      // Recorded as taken up by the city is not a thing: the city answers escalations.
      expect(
        await refusal(
          districtStaff,
          `mutation($i: RecordConsultationEscalationInput!) { recordConsultationEscalation(input: $i) { id } }`,
          {
            i: {
              body: 'CITY_COMMITTEE',
              title: '社区养老服务设施',
              activityId,
              takenUpOn: '2026-11-01',
            },
          },
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body', rule: 'escalate' });
      expect(
        (await ok<Escalations>(cityStaff, toCity, { city: CITY })).consultationEscalations
          .totalCount,
      ).toBe(before);
    });
  });

  describe('amending a published annual plan (年度协商计划调整), approved before it takes effect', () => {
    interface Topic {
      id: string;
      title: string;
      droppedOn: string | null;
    }
    interface Amendment {
      id: string;
      kind: string;
      status: string;
      version: number;
      reason: string;
      proposedOn: string;
      proposedBy: string | null;
      approvedBy: string | null;
      decidedOn: string | null;
      decisionNote: string | null;
      availableActions: string[];
      topic: { id: string; title: string } | null;
      proposed: { title: string; form: string } | null;
      before: { title: string; form: string } | null;
      history: { action: string; fromState: string | null; toState: string }[];
    }
    interface Plan {
      id: string;
      status: string;
      version: number;
      topics: Topic[];
      all: Topic[];
      amendments: Amendment[];
      history: { action: string; note: string | null }[];
    }
    const amendmentFields =
      'id kind status version reason proposedOn proposedBy approvedBy decidedOn decisionNote availableActions topic { id title } proposed { title form } before { title form } history { action fromState toState }';
    const planFields = `id status version topics { id title droppedOn } all: topics(includeDropped: true) { id title droppedOn } amendments { ${amendmentFields} } history { action note }`;
    const propose = `mutation($p: ID!, $i: ProposeConsultationPlanAmendmentInput!) { proposeConsultationPlanAmendment(planId: $p, input: $i) { ${amendmentFields} } }`;
    const approve = `mutation($id: ID!, $v: Int!) { approveConsultationPlanAmendment(id: $id, version: $v, approvedBy: "中共黄山市委") { ${amendmentFields} } }`;
    const topicInput = (title: string) => ({
      title,
      source: 'PARTY_COMMITTEE',
      form: 'THEMATIC',
      quarter: 3,
    });
    let planId: string;
    const readPlan = async (token = cityStaff) =>
      (
        await ok<{ consultationPlan: Plan }>(
          token,
          `query { consultationPlan(id: "${planId}") { ${planFields} } }`,
        )
      ).consultationPlan;
    const proposed = async (input: Record<string, unknown>) =>
      (
        await ok<{ proposeConsultationPlanAmendment: Amendment }>(cityStaff, propose, {
          p: planId,
          i: input,
        })
      ).proposeConsultationPlanAmendment;

    beforeAll(async () => {
      const plan = (
        await ok<{ draftConsultationPlan: { id: string } }>(
          cityStaff,
          `mutation { draftConsultationPlan(district: "${CITY}", year: 2031, title: "黄山市政协2031年度协商工作计划") { id } }`,
        )
      ).draftConsultationPlan;
      planId = plan.id;
      for (const title of ['推进新安江流域生态补偿', '提升黄山旅游国际化水平'])
        await ok(
          cityStaff,
          `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${planId}", input: $i) { id } }`,
          { i: topicInput(title) },
        );
      // Proposing an amendment to a draft is refused: a draft's topics are edited directly.
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: {
            kind: 'ADD_TOPIC',
            topic: topicInput('草稿阶段的调整'),
            reason: '草稿阶段不需要走调整程序。',
          },
        }),
      ).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'DRAFT',
        action: 'proposeAmendment',
        rule: 'not-published',
      });
      let { version } = await readPlan();
      version = (
        await ok<{ approveConsultationPlan: { version: number } }>(
          cityStaff,
          `mutation { approveConsultationPlan(id: "${planId}", version: ${version}, approvedBy: "中共黄山市委") { version } }`,
        )
      ).approveConsultationPlan.version;
      await ok(
        cityStaff,
        `mutation { publishConsultationPlan(id: "${planId}", version: ${version}) { id } }`,
      );
    });

    it("shows the demo's amendment of the city's 2026 plan waiting for the Party committee", async () => {
      const demo = await ok<{ consultationPlans: { nodes: Plan[] } }>(
        cityStaff,
        `query { consultationPlans(district: "${CITY}", year: 2026, first: 1) { nodes { ${planFields} } } }`,
      );
      const [plan] = demo.consultationPlans.nodes;
      expect(plan.amendments.map((a) => [a.kind, a.status, a.proposed?.title])).toEqual([
        ['ADD_TOPIC', 'PROPOSED', '推进徽州古建筑保护利用'],
      ]);
      expect(plan.amendments[0].availableActions).toEqual(['approve', 'reject', 'withdraw']);
      expect(plan.topics.map((t) => t.title)).not.toContain('推进徽州古建筑保护利用');
    });

    it("refuses changing a published plan's topics directly, naming the amendment as the way", async () => {
      const plan = await readPlan();
      expect(plan.status).toBe('PUBLISHED');
      const add = await call(
        cityStaff,
        `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${planId}", input: $i) { id } }`,
        { i: topicInput('直接加入的议题') },
      );
      expect(add.errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        action: 'addTopic',
        rule: 'not-draft',
      });
      expect(add.errors?.[0].message).toMatch(/amendment/);
      expect(
        await refusal(
          cityStaff,
          `mutation { removeConsultationPlanTopic(topicId: "${plan.topics[0].id}") { id } }`,
        ),
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', action: 'removeTopic', rule: 'not-draft' });
      expect((await readPlan()).topics).toHaveLength(2);
    });

    it('adds a topic once the amendment is approved, and keeps who, when, what and why', async () => {
      const reason = '市委新部署数字经济发展任务，需增加协商议题。';
      const a = await proposed({
        kind: 'ADD_TOPIC',
        topic: topicInput('加快数字经济发展'),
        reason,
      });
      expect(a).toMatchObject({
        status: 'PROPOSED',
        reason,
        topic: null,
        availableActions: ['approve', 'reject', 'withdraw'],
      });
      expect(a.proposedBy).toBeTruthy();
      // Nothing changes until it is approved.
      expect((await readPlan()).topics.map((t) => t.title)).not.toContain('加快数字经济发展');
      // Anonymous readers see the published plan, not an amendment still proposed.
      const anonymous = await stack.post<{ consultationPlan: { amendments: { id: string }[] } }>({
        query: `query { consultationPlan(id: "${planId}") { amendments { id } } }`,
      });
      expect(anonymous.body.data!.consultationPlan.amendments).toEqual([]);
      // Another district's staff cannot decide it.
      expect(await refusal(otherStaff, approve, { id: a.id, v: a.version })).toMatchObject({
        code: 'NOT_FOUND',
      });

      const done = (
        await ok<{ approveConsultationPlanAmendment: Amendment }>(cityStaff, approve, {
          id: a.id,
          v: a.version,
        })
      ).approveConsultationPlanAmendment;
      expect(done).toMatchObject({
        status: 'APPROVED',
        approvedBy: '中共黄山市委',
        topic: { title: '加快数字经济发展' },
        availableActions: [],
      });
      expect(done.history.map((h) => h.action)).toEqual(['propose', 'approve']);
      const plan = await readPlan();
      expect(plan.topics.map((t) => t.title)).toContain('加快数字经济发展');
      expect(plan.history.at(-1)).toMatchObject({ action: 'amend' });
      expect(plan.history.at(-1)?.note).toContain(reason);
      expect(await refusal(cityStaff, approve, { id: a.id, v: done.version })).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'APPROVED',
        action: 'approve',
        rule: 'decided',
      });
      // Approved on a public plan: the public sees it, but not the accounts.
      const anon = await stack.post<{
        consultationPlan: { amendments: { kind: string; proposedBy: string | null }[] };
      }>({
        query: `query { consultationPlan(id: "${planId}") { amendments { kind proposedBy } } }`,
      });
      expect(anon.body.data!.consultationPlan.amendments).toEqual([
        { kind: 'ADD_TOPIC', proposedBy: null },
      ]);
    });

    it('changes a topic (what it read before kept), one amendment of a topic at a time', async () => {
      const [first] = (await readPlan()).topics;
      const change = await proposed({
        kind: 'CHANGE_TOPIC',
        topicId: first.id,
        topic: { ...topicInput('深化新安江—千岛湖生态补偿合作'), form: 'BIWEEKLY_FORUM' },
        reason: '省际协商推进，议题调整为双周协商座谈会。',
      });
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: { kind: 'DROP_TOPIC', topicId: first.id, reason: '同一议题已有待批准的调整。' },
        }),
      ).toMatchObject({ code: 'CONFLICT', field: 'input.topicId' });
      const done = (
        await ok<{ approveConsultationPlanAmendment: Amendment }>(cityStaff, approve, {
          id: change.id,
          v: change.version,
        })
      ).approveConsultationPlanAmendment;
      expect(done.before).toEqual({ title: '推进新安江流域生态补偿', form: 'THEMATIC' });
      expect(done.proposed).toEqual({
        title: '深化新安江—千岛湖生态补偿合作',
        form: 'BIWEEKLY_FORUM',
      });
      expect((await readPlan()).topics.find((t) => t.id === first.id)?.title).toBe(
        '深化新安江—千岛湖生态补偿合作',
      );
    });

    it('drops a topic only when approved: rejected and withdrawn ones leave the plan as it was', async () => {
      const topic = (await readPlan()).topics.find((t) => t.title === '提升黄山旅游国际化水平')!;
      const drop = {
        kind: 'DROP_TOPIC',
        topicId: topic.id,
        reason: '该议题已纳入省政协协商计划，本年度不再单独安排。',
      };
      const rejected = await proposed(drop);
      const r = (
        await ok<{ rejectConsultationPlanAmendment: Amendment }>(
          cityStaff,
          `mutation { rejectConsultationPlanAmendment(id: "${rejected.id}", version: ${rejected.version}, note: "市委意见：保留该议题") { ${amendmentFields} } }`,
        )
      ).rejectConsultationPlanAmendment;
      expect(r).toMatchObject({ status: 'REJECTED', decisionNote: '市委意见：保留该议题' });
      const withdrawn = await proposed(drop);
      expect(
        (
          await ok<{ withdrawConsultationPlanAmendment: Amendment }>(
            cityStaff,
            `mutation { withdrawConsultationPlanAmendment(id: "${withdrawn.id}", version: ${withdrawn.version}) { status } }`,
          )
        ).withdrawConsultationPlanAmendment.status,
      ).toBe('WITHDRAWN');
      expect((await readPlan()).topics.map((t) => t.id)).toContain(topic.id);

      const approved = await proposed(drop);
      await ok(cityStaff, approve, { id: approved.id, v: approved.version });
      const plan = await readPlan();
      expect(plan.topics.map((t) => t.id)).not.toContain(topic.id);
      expect(plan.all.find((t) => t.id === topic.id)?.droppedOn).toBeTruthy();
      expect(plan.amendments.map((a) => [a.kind, a.status])).toEqual([
        ['ADD_TOPIC', 'APPROVED'],
        ['CHANGE_TOPIC', 'APPROVED'],
        ['DROP_TOPIC', 'REJECTED'],
        ['DROP_TOPIC', 'WITHDRAWN'],
        ['DROP_TOPIC', 'APPROVED'],
      ]);
      // A dropped topic is not amended again.
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: {
            kind: 'CHANGE_TOPIC',
            topicId: topic.id,
            topic: topicInput('再次调整已取消议题'),
            reason: '已取消的议题不能再调整。',
          },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.topicId', rule: 'dropped' });
    });

    it('refuses an amendment whose shape does not fit its kind, naming the field, writing nothing', async () => {
      const before = (await readPlan()).amendments.length;
      const reason = '用于检查输入规则的调整理由。';
      expect(
        await refusal(cityStaff, propose, { p: planId, i: { kind: 'ADD_TOPIC', reason } }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.topic',
        rule: 'required',
      });
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: { kind: 'DROP_TOPIC', reason, topic: topicInput('多余的议题内容') },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.topic', rule: 'shape' });
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: { kind: 'CHANGE_TOPIC', reason, topic: topicInput('没有指明议题') },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.topicId', rule: 'required' });
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: { kind: 'DROP_TOPIC', topicId: '999999', reason },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.topicId', rule: 'exists' });
      expect(
        await refusal(cityStaff, propose, {
          p: planId,
          i: { kind: 'ADD_TOPIC', topic: topicInput('理由太短的议题'), reason: '太短' },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      expect((await readPlan()).amendments).toHaveLength(before);
    });
  });

  describe("a department's follow-up, once on the ledger and shown in the results tree", () => {
    const unit = governmentUnits.find((u) => u.district === DISTRICT)!;
    const taskFields =
      'id status progress availableActions timeline { text } ledgerEntry { id status }';
    interface Task {
      id: string;
      status: string;
      progress: number;
      availableActions: string[];
      timeline: { text: string }[];
      ledgerEntry: { id: string; status: string } | null;
    }
    interface Item {
      kind: string;
      actions: string[];
      record: { type: string; id: string };
    }
    /** The caller's inbox, of the ledger's kinds when named (a district staff's inbox is long). */
    const inbox = async (token: string, kinds?: string[]) =>
      (
        await ok<{ inbox: { items: { nodes: Item[] } } }>(
          token,
          'query($f: InboxFilter) { inbox(filter: $f) { items(first: 100) { nodes { kind actions record { type id } } } } }',
          kinds ? { f: { kinds } } : {},
        )
      ).inbox.items.nodes;
    const LEDGER = ['ledger.reply', 'ledger.check'];

    it("shows a unit's reply on the ledger on its results-tree task, one item in its inbox, nothing to another district", async () => {
      const unitToken = await stack.token({
        roles: ['unit'],
        district: DISTRICT,
        unitId: String(unit.id),
      });
      const leader = await stack.token({ roles: ['leader'], district: DISTRICT });
      const recId = await recommendation('关于推进老街业态提升的建议', false);
      await ok(
        districtStaff,
        `mutation { submitRecommendation(id: "${recId}", version: 1, submittedTo: "中共屯溪区委", on: "2026-03-02") { id } }`,
      );
      const instruction = (
        await ok<{ recordLeaderInstruction: { id: string } }>(
          leader,
          `mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id } }`,
          {
            i: {
              subjectType: 'RECOMMENDATION',
              subjectId: recId,
              leader: '区委主要负责同志',
              rank: 'PRINCIPAL',
              level: 'DISTRICT',
              instructedOn: '2026-03-10',
              text: '请有关部门研究落实。',
            },
          },
        )
      ).recordLeaderInstruction;
      const node = async (i: Record<string, unknown>) =>
        (
          await ok<{ createImplementationResult: Task }>(
            districtStaff,
            `mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { ${taskFields} } }`,
            { i },
          )
        ).createImplementationResult;
      const topic = await node({
        district: DISTRICT,
        kind: 'TOPIC',
        title: '党委出题：老街业态提升',
      });
      const adoption = await node({
        parentId: topic.id,
        kind: 'ADOPTION',
        title: '区政府采纳：实施老街业态提升行动',
        recommendationId: recId,
        document: '老街业态提升行动方案',
        adoptedOn: '2026-04-01',
      });
      // The department already has its task in the tree; the assignment takes it as its entry.
      const task = await node({
        parentId: adoption.id,
        kind: 'TASK',
        title: '制定老街业态提升方案',
        unitId: String(unit.id),
        dueOn: '2026-12-31',
      });
      const [entry] = (
        await ok<{ assignInstruction: { id: string; version: number; result: { id: string } }[] }>(
          districtStaff,
          `mutation { assignInstruction(instructionId: "${instruction.id}", assignments: [{ unitId: "${unit.id}", task: "牵头制定老街业态提升方案", dueOn: "2026-09-30" }]) { id version result { id } } }`,
        )
      ).assignInstruction;
      expect(entry.result.id).toBe(task.id);

      // The unit's inbox holds the follow-up once: the ledger entry to reply to, not the task.
      const mine = (items: Item[]) =>
        items.filter(
          (i) =>
            (i.record.type === 'LedgerEntry' && i.record.id === entry.id) ||
            (i.record.type === 'ImplementationResult' && i.record.id === task.id),
        );
      const waiting = await stack.settle(async () => {
        const found = mine(await inbox(unitToken));
        return found.length > 0 && found;
      });
      expect(waiting).toEqual([
        { kind: 'ledger.reply', actions: ['reply'], record: { type: 'LedgerEntry', id: entry.id } },
      ]);
      expect(mine(await inbox(otherStaff, LEDGER))).toEqual([]);

      const feedback = '已完成老街业态摸底，提升方案已形成初稿。';
      await ok(
        unitToken,
        `mutation($f: String!) { replyToLedgerEntry(id: "${entry.id}", version: ${entry.version}, feedback: $f) { id } }`,
        { f: feedback },
      );
      const read = async (token: string) =>
        (
          await ok<{ implementationResult: Task }>(
            token,
            `{ implementationResult(id: "${task.id}") { ${taskFields} } }`,
          )
        ).implementationResult;
      const shown = await read(unitToken);
      expect(shown).toMatchObject({
        status: 'IN_PROGRESS',
        availableActions: [],
        ledgerEntry: { id: entry.id, status: 'REPLIED' },
      });
      expect(shown.timeline.map((t) => t.text)).toContain(feedback);
      // Staff now check the reply; the unit has nothing waiting on this follow-up any more.
      const checking = await stack.settle(async () => {
        const found = mine(await inbox(districtStaff, LEDGER));
        return found.length > 0 && found;
      });
      expect(checking.map((i) => [i.kind, i.record.type])).toEqual([
        ['ledger.check', 'LedgerEntry'],
      ]);
      expect(mine(await inbox(unitToken))).toEqual([]);

      // Another district sees neither the entry, the feedback, nor an item for it.
      const elsewhere = await read(otherStaff);
      expect(elsewhere.ledgerEntry).toBeNull();
      expect(elsewhere.timeline.map((t) => t.text)).not.toContain(feedback);
      expect(mine(await inbox(otherStaff, LEDGER))).toEqual([]);
    });
  });
});
