import { bodyMeetings, CITY, policyDocuments, relayedDecisions } from '@cppcc/demo';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayedDecisionSchema } from '../entities/relayed-decision.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const record = `mutation($input: RecordRelayedDecisionInput!) { recordRelayedDecision(input: $input) { id agendaItem decision relayedOn meeting { title } document { title } } }`;

describe.each(databases())('decisions relayed at meetings (传达学习) on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  const tunxiStaff = testCaller(['staff'], '341002');
  const held = (title: string) => bodyMeetings.find((m) => m.title === title)!;
  const doc = (title: string) => policyDocuments.find((d) => d.title.includes(title))!;

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());
  const rows = () => systemEm(org.orm).count(RelayedDecisionSchema, {});

  it("answers the report's 常委会议学习传达 from the demo rows, with the meeting and the document", async () => {
    const r = await org.execute<{
      relayedDecisions: { totalCount: number; nodes: Record<string, unknown>[] };
    }>(
      `{ relayedDecisions(district: "${CITY}", from: "2026-01-01", to: "2026-12-31") { totalCount nodes { agendaItem relayedOn meeting { title body } document { title relays { decision } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const thisYear = relayedDecisions.filter((d) =>
      bodyMeetings.find((m) => m.id === d.meetingId)!.heldOn!.startsWith('2026'),
    );
    expect(r.data!.relayedDecisions.totalCount).toBe(thisYear.length);
    expect(r.data!.relayedDecisions.nodes[0]).toEqual({
      agendaItem: '学习传达考察重要讲话精神',
      relayedOn: '2026-03-20',
      meeting: { title: '十届常委会第十六次会议', body: 'STANDING_COMMITTEE' },
      document: {
        title: '学习宣传贯彻考察重要讲话精神工作意见',
        relays: [{ decision: '考察重要讲话精神' }],
      },
    });
    const all = await org.execute<{ relayedDecisions: { totalCount: number } }>(
      `{ relayedDecisions(district: "${CITY}") { totalCount } }`,
    );
    expect(all.data!.relayedDecisions.totalCount).toBe(relayedDecisions.length);
  });

  it('refuses bad input naming the field and the rule, writing nothing', async () => {
    const standing = held('十届常委会第十八次会议');
    const base = {
      meeting: String(standing.id),
      document: String(doc('关于加强新时代人民政协党的建设工作的实施意见').id),
      agendaItem: standing.agenda[0],
      decision: '省委政协工作会议精神',
    };
    const planned = bodyMeetings.find((m) => m.status === 'PLANNED' && m.district === CITY)!;
    // A district's own document cannot be what the city relays: decisions go down, not up.
    const tunxiDoc = await org.execute<{ recordPolicyDocument: { id: string } }>(
      `mutation { recordPolicyDocument(input: { district: "341002", kind: WORK_OPINION, title: "屯溪区政协关于加强委员联系群众工作的意见", issuedBy: "屯溪区政协", issuedOn: "2026-05-01", summary: "联系群众" }) { id } }`,
      {},
      tunxiStaff,
    );
    expect(tunxiDoc.errors).toBeUndefined();
    const before = await rows();
    const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [{ decision: ' ' }, cityStaff, { code: 'BAD_USER_INPUT', field: 'input.decision' }],
      [
        { agendaItem: '不在议程上的事项' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.agendaItem', rule: 'onAgenda' },
      ],
      [
        { meeting: String(planned.id), agendaItem: planned.agenda[0] },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.meeting', rule: 'held' },
      ],
      [{ meeting: '9999' }, cityStaff, { code: 'NOT_FOUND', field: 'input.meeting' }],
      [{ document: '9999' }, cityStaff, { code: 'NOT_FOUND', field: 'input.document' }],
      [
        { document: tunxiDoc.data!.recordPolicyDocument.id },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.document', rule: 'district' },
      ],
      [{}, tunxiStaff, { code: 'CROSS_DISTRICT', field: 'input.meeting' }],
      [{}, testCaller(['member'], CITY, '1'), { code: 'FORBIDDEN' }],
    ];
    for (const [input, caller, error] of bad)
      expect(
        (await org.execute(record, { input: { ...base, ...input } }, caller)).errors?.[0]
          .extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await rows()).toBe(before);

    const made = await org.execute<{ recordRelayedDecision: { id: string } }>(
      record,
      { input: base },
      cityStaff,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.recordRelayedDecision).toMatchObject({
      agendaItem: standing.agenda[0],
      relayedOn: standing.heldOn,
      meeting: { title: standing.title },
    });
    const again = await org.execute(record, { input: base }, cityStaff);
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.agendaItem',
    });
    expect(await rows()).toBe(before + 1);
    const trail = await systemEm(org.orm).find(AuditEntrySchema, {
      entity: 'relayed_decision',
      entityId: made.data!.recordRelayedDecision.id,
    });
    expect(trail.map((a) => a.toState)).toEqual(['RELAYED']);
  });

  it("lets a county's standing committee relay the city's decision", async () => {
    const tunxiMeeting = bodyMeetings.find(
      (m) => m.district === '341002' && m.body === 'STANDING_COMMITTEE' && m.status === 'HELD',
    )!;
    const r = await org.execute<{ recordRelayedDecision: { document: { title: string } } }>(
      record,
      {
        input: {
          meeting: String(tunxiMeeting.id),
          document: String(doc('关于新时代加强和改进人民政协工作的实施意见').id),
          agendaItem: tunxiMeeting.agenda[0],
          decision: '市政协全会精神',
        },
      },
      tunxiStaff,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordRelayedDecision.document.title).toBe(
      '关于新时代加强和改进人民政协工作的实施意见',
    );
  });

  it("keeps a relay at a closed meeting (主席会议) to the district's own staff", async () => {
    const chair = bodyMeetings.find((m) => m.district === CITY && m.body === 'CHAIR_MEETING')!;
    const made = await org.execute(
      record,
      {
        input: {
          meeting: String(chair.id),
          document: String(doc('学习宣传贯彻').id),
          agendaItem: chair.agenda[0],
          decision: '学习宣传贯彻工作意见落实情况',
        },
      },
      cityStaff,
    );
    expect(made.errors).toBeUndefined();
    const seen = async (caller?: Caller) =>
      (
        await org.execute<{ relayedDecisions: { nodes: { agendaItem: string }[] } }>(
          `{ relayedDecisions(district: "${CITY}", from: "${chair.heldOn}", to: "${chair.heldOn}") { nodes { agendaItem } } }`,
          {},
          caller,
        )
      ).data!.relayedDecisions.nodes.length;
    expect(await seen(cityStaff)).toBe(1);
    expect(await seen(tunxiStaff)).toBe(0);
    expect(await seen()).toBe(0);
  });

  it('counts them in organizationStatistics for a period, with the districts below as the sum of each', async () => {
    const stats = async (from: string, to: string) => {
      const r = await org.execute<{
        organizationStatistics: {
          relayedDecisions: number;
          byDistrict: { district: { code: string }; relayedDecisions: number }[];
        };
        relayedDecisions: { totalCount: number };
        own: { totalCount: number };
      }>(
        `{ organizationStatistics(district: "${CITY}", from: "${from}", to: "${to}", scope: WITH_DISTRICTS_BELOW) { relayedDecisions byDistrict { district { code } relayedDecisions } }
           relayedDecisions(district: "${CITY}", includeBelow: true, from: "${from}", to: "${to}") { totalCount }
           own: relayedDecisions(district: "${CITY}", from: "${from}", to: "${to}") { totalCount } }`,
        {},
        cityStaff,
      );
      expect(r.errors).toBeUndefined();
      return r.data!;
    };
    for (const year of ['2025', '2026']) {
      const s = await stats(`${year}-01-01`, `${year}-12-31`);
      const city = s.organizationStatistics.byDistrict.find((d) => d.district.code === CITY)!;
      expect(city.relayedDecisions, year).toBe(s.own.totalCount);
      expect(city.relayedDecisions, year).toBeGreaterThan(0);
      expect(s.organizationStatistics.relayedDecisions, year).toBe(s.relayedDecisions.totalCount);
      expect(
        s.organizationStatistics.byDistrict.reduce((n, d) => n + d.relayedDecisions, 0),
        year,
      ).toBe(s.organizationStatistics.relayedDecisions);
    }
    // A period without a relay counts none.
    expect((await stats('2020-01-01', '2020-12-31')).organizationStatistics.relayedDecisions).toBe(
      0,
    );
  });
});
