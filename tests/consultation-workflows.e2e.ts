import { CITY } from '@cppcc/demo';
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
 * committee escalating to the city committee and the city answering.
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

  describe('escalation from a district committee to the city committee (提请市政协)', () => {
    const fields =
      'id body status version title note answer escalatedOn takenUpOn answeredOn availableActions district { code name } toDistrict { code name } recommendation { id title } history { action fromState toState }';
    const escalate = `mutation($i: EscalateToCityCommitteeInput!) { escalateToCityCommittee(input: $i) { ${fields} } }`;
    const toCity = `query($to: ID!, $status: ConsultationEscalationStatus) { consultationEscalations(to: $to, status: $status, first: 50) { totalCount nodes { ${fields} } } }`;
    let activityId: string;

    /** A recommendation the district drafts from its held activity, submitted to its Party committee if asked. */
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

    it("shows the city what its districts escalated, naming each district, and the demo's waiting one", async () => {
      const { consultationEscalations } = await ok<Escalations>(cityStaff, toCity, { to: CITY });
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
      const other = await ok<Escalations>(otherStaff, toCity, { to: CITY });
      expect(other.consultationEscalations.nodes.map((e: Escalation) => e.id)).not.toContain(
        sent.id,
      );

      // The city sees it waiting, and accepts it.
      const waiting = await ok<Escalations>(cityStaff, toCity, { to: CITY, status: 'SUBMITTED' });
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
      const before = (await ok<Escalations>(cityStaff, toCity, { to: CITY }))
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
        (await ok<Escalations>(cityStaff, toCity, { to: CITY })).consultationEscalations.totalCount,
      ).toBe(before);
    });
  });
});
