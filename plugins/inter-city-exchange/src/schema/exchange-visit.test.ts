import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginTest } from '@cppcc/plugin-sdk/testing';
import { members as demoMembers } from '@cppcc/demo';
import { operation, publishDemoMembers, testCaller } from '@cppcc/testing';
import { as, count, setups, start } from '../test-support.js';

const CITY = '341000';
const TUNXI = '341002';
const staff = as(['staff'], CITY);

const registerPartner = operation<{ registerPartnerCommittee: { id: string } }>(
  `mutation ($i: RegisterPartnerCommitteeInput!) { registerPartnerCommittee(input: $i) { id } }`,
);
const plan = operation<{ planExchangeVisit: { id: string } }>(
  `mutation ($i: PlanExchangeVisitInput!) { planExchangeVisit(input: $i) { id status fromCommittee toCommittee leader { id } delegation { member { id } leader } } }`,
);
const hold = operation<{ holdExchangeVisit: { status: string } }>(
  `mutation ($id: ID!) { holdExchangeVisit(visitId: $id) { status } }`,
);
const report = operation<{ reportExchangeVisit: unknown }>(
  `mutation ($id: ID!, $o: String!, $on: Date!) { reportExchangeVisit(visitId: $id, outcomes: $o, reportedOn: $on) { status outcomes reportedOn reportDueOn reportLate } }`,
);
const visitsOfMember = operation<{
  _entities: {
    exchangeVisits: { id: string }[];
    exchangeVisitsConnection: { totalCount: number; nodes: { id: string }[] };
  }[];
}>(
  `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Member { exchangeVisits { id } exchangeVisitsConnection(first: 5) { totalCount nodes { id } } } } }`,
);

/** The duty archive's payload, as far as the test orders it. */
interface DutyPayload {
  memberId: string;
}

const dutyEvents = (t: PluginTest) =>
  t.plugin.orm.em
    .fork()
    .getConnection()
    .execute(`select payload from outbox_event where type = 'duty.reported'`);

describe.each(setups())('exchange visits on $name', (setup) => {
  let t: PluginTest;
  let hangzhou: string;
  let visitId: string;

  beforeAll(async () => {
    t = await start(setup);
    await t.enable(CITY);
    await t.enable(TUNXI, { visitReportDeadlineDays: 5 });
    const r = await t.post(
      registerPartner,
      { i: { district: CITY, name: '杭州市政协', city: '杭州市', province: '浙江省' } },
      staff,
    );
    hangzhou = r.data!.registerPartnerCommittee.id;
  }, 120_000);
  afterAll(() => t?.stop());

  const base = () => ({
    district: CITY,
    partnerId: hangzhou,
    direction: 'OUTGOING',
    startsOn: '2020-11-12',
    endsOn: '2020-11-13',
    topics: ['融杭接沪'],
    delegation: ['11', '12'],
    leaderId: '11',
    public: false,
  });

  it('refuses bad visits naming the field, writing nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ endsOn: '2020-11-11' }, 'input.endsOn', 'BAD_USER_INPUT'],
      [{ partnerId: '9999' }, 'input.partnerId', 'BAD_USER_INPUT'],
      [{ mechanismId: '9999' }, 'input.mechanismId', 'BAD_USER_INPUT'],
      [{ leaderId: '13' }, 'input.leaderId', 'BAD_USER_INPUT'],
      [{ delegation: ['11', '11'] }, 'input.delegation', 'BAD_USER_INPUT'],
      [{ delegation: [], leaderId: null }, 'input.delegation', 'BAD_USER_INPUT'],
      [{ topics: [] }, 'input.topics', 'BAD_USER_INPUT'],
      [{ delegation: ['11', '999999'] }, 'input.delegation.1', 'BAD_USER_INPUT'],
      [{ district: '999999' }, 'input.district', 'UNKNOWN_DISTRICT'],
    ];
    for (const [change, field, code] of cases) {
      const r = await t.post(plan, { i: { ...base(), ...change } }, staff);
      expect(r.errors?.[0].extensions, field).toMatchObject({ code, field });
    }
    const member = await t.post(plan, { i: base() }, as(['member'], CITY, '11'));
    expect(member.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'visit.record',
    });
    const crossDistrict = await t.post(plan, { i: base() }, as(['staff'], TUNXI));
    expect(crossDistrict.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    expect(await count(t, 'select count(*) from intercity_visit')).toBe(0);
    expect(await count(t, 'select count(*) from intercity_visit_delegate')).toBe(0);
  });

  it('refuses a delegate who has left the committee, as the members subgraph announced', async () => {
    const leaver = demoMembers().find((m) => m.id === 13)!;
    await publishDemoMembers(t.transport, [
      { ...leaver, status: 'LEFT', changedAt: '2026-06-01T00:00:00.000Z' },
    ]);
    for (
      const deadline = Date.now() + 10_000;
      (await count(
        t,
        `select count(*) from plugin_member where member_id = '13' and status = 'LEFT'`,
      )) === 0;
    ) {
      if (Date.now() > deadline) throw new Error('the plugin did not hear that member 13 left');
      await new Promise((r) => setTimeout(r, 25));
    }
    const r = await t.post(plan, { i: { ...base(), delegation: ['11', '13'] } }, staff);
    expect(r.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.delegation.1',
      rule: 'active-member',
    });
    expect(await count(t, 'select count(*) from intercity_visit')).toBe(0);
  });

  it('plans a visit with its delegation and leader', async () => {
    const r = await t.post(plan, { i: base() }, staff);
    expect(r.errors).toBeUndefined();
    visitId = r.data!.planExchangeVisit.id;
    expect(r.data!.planExchangeVisit).toMatchObject({
      status: 'PLANNED',
      fromCommittee: '黄山市政协',
      toCommittee: '杭州市政协',
      leader: { id: '11' },
      delegation: [
        { member: { id: '11' }, leader: true },
        { member: { id: '12' }, leader: false },
      ],
    });
  });

  it('reports a duty event for each delegate when the visit is held, once', async () => {
    expect(await dutyEvents(t)).toHaveLength(0);
    const early = await t.post(report, { id: visitId, o: '成果', on: '2020-11-20' }, staff);
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'PLANNED',
    });
    const byMember = await t.post(hold, { id: visitId }, as(['member'], CITY, '11'));
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.post(hold, { id: visitId }, staff)).data!.holdExchangeVisit.status).toBe(
      'HELD',
    );
    // One transaction writes both: their outbox order is not theirs, so compare by member.
    const events = (await dutyEvents(t))
      .map(
        (e: { payload: string | DutyPayload }): DutyPayload =>
          typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload,
      )
      .sort((a: DutyPayload, b: DutyPayload) => a.memberId.localeCompare(b.memberId));
    expect(events).toEqual([
      {
        memberId: '11',
        kind: 'plugin.inter-city-exchange.visit',
        sourceId: `exchange-visit:${visitId}`,
        summary: '赴杭州市政协考察交流：融杭接沪',
        occurredOn: '2020-11-12',
      },
      {
        memberId: '12',
        kind: 'plugin.inter-city-exchange.visit',
        sourceId: `exchange-visit:${visitId}`,
        summary: '赴杭州市政协考察交流：融杭接沪',
        occurredOn: '2020-11-12',
      },
    ]);
    const again = await t.post(hold, { id: visitId }, staff);
    expect(again.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(await dutyEvents(t)).toHaveLength(2);
  });

  it('reports the outcomes, due the district’s visitReportDeadlineDays after the visit', async () => {
    const before = await t.post(
      report,
      { id: visitId, o: '商定常态化联系机制', on: '2020-11-10' },
      staff,
    );
    expect(before.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reportedOn',
    });
    const r = await t.post(
      report,
      { id: visitId, o: '商定常态化联系机制', on: '2020-11-20' },
      staff,
    );
    expect(r.data!.reportExchangeVisit).toEqual({
      status: 'REPORTED',
      outcomes: '商定常态化联系机制',
      reportedOn: '2020-11-20',
      reportDueOn: '2020-11-28',
      reportLate: false,
    });
  });

  it('applies visitReportDeadlineDays of the district', async () => {
    const tunxi = as(['staff'], TUNXI);
    const partner = await t.post(
      registerPartner,
      { i: { district: TUNXI, name: '上海市普陀区政协', city: '上海市', province: '上海市' } },
      tunxi,
    );
    const v = await t.post(
      plan,
      {
        i: {
          ...base(),
          district: TUNXI,
          partnerId: partner.data!.registerPartnerCommittee.id,
          delegation: ['111'],
          leaderId: '111',
          startsOn: '2021-06-10',
          endsOn: '2021-06-11',
        },
      },
      tunxi,
    );
    await t.post(hold, { id: v.data!.planExchangeVisit.id }, tunxi);
    const r = await t.post(
      report,
      { id: v.data!.planExchangeVisit.id, o: '交流老街保护经验', on: '2021-06-20' },
      tunxi,
    );
    expect(r.data!.reportExchangeVisit).toMatchObject({
      reportDueOn: '2021-06-16',
      reportLate: true,
    });
  });

  it('shows a non-public visit to its delegates and district staff, not to other members', async () => {
    const representations = { r: [{ __typename: 'Member', id: '11' }] };
    const own = await t.execute(
      visitsOfMember,
      representations,
      testCaller(['member'], CITY, '11'),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0].exchangeVisits).toEqual([{ id: visitId }]);
    // The connection pages what the deprecated list shows, under the same rule.
    expect(own.data!._entities[0].exchangeVisitsConnection).toEqual({
      totalCount: 1,
      nodes: [{ id: visitId }],
    });
    const other = await t.execute(
      visitsOfMember,
      representations,
      testCaller(['member'], CITY, '20'),
    );
    expect(other.data!._entities[0].exchangeVisits).toEqual([]);
    expect(other.data!._entities[0].exchangeVisitsConnection).toEqual({ totalCount: 0, nodes: [] });
    const cityStaff = await t.execute(visitsOfMember, representations, testCaller(['staff'], CITY));
    expect(cityStaff.data!._entities[0].exchangeVisits).toEqual([{ id: visitId }]);
    const publicList = await t.post<{ exchangeVisits: { totalCount: number } }>(
      `{ exchangeVisits { totalCount } }`,
      {},
      as(['member'], CITY, '20'),
    );
    expect(publicList.data!.exchangeVisits.totalCount).toBe(0);
  });

  it('lists visits by their first day: from and to are inclusive, and to before from is refused', async () => {
    const planned: string[] = [];
    for (const [startsOn, endsOn] of [
      ['2021-03-30', '2021-04-02'],
      ['2021-04-01', '2021-04-01'],
    ]) {
      const r = await t.post(plan, { i: { ...base(), startsOn, endsOn } }, staff);
      expect(r.errors).toBeUndefined();
      planned.push(r.data!.planExchangeVisit.id);
    }
    const ids = async (from?: string, to?: string) =>
      (
        await t.post<{ exchangeVisits: { nodes: { id: string }[] } }>(
          `query ($from: Date, $to: Date) { exchangeVisits(district: "${CITY}", from: $from, to: $to, first: 100) { nodes { id } } }`,
          { from, to },
          staff,
        )
      ).data!.exchangeVisits.nodes.map((v) => v.id);
    expect(await ids('2021-01-01', '2021-12-31')).toEqual(planned);
    // A visit that started in March is March's, though it ended in April.
    expect(await ids('2021-04-01', '2021-04-30')).toEqual([planned[1]]);
    expect(await ids('2021-03-30', '2021-03-30')).toEqual([planned[0]]);
    const before = await ids(undefined, '2020-12-31');
    expect(before).toContain(visitId);
    expect(before.filter((id) => planned.includes(id))).toEqual([]);
    const refused = await t.post(
      `{ exchangeVisits(from: "2021-04-02", to: "2021-04-01") { totalCount } }`,
      {},
      staff,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      rule: 'order',
    });
  });
});
