import { CITY, demoStudios, members as demoMembers, studioShifts } from '@cppcc/demo';
import { studioIssueRaised } from '@cppcc/events';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import {
  databases,
  operation,
  outbox,
  startTestModule,
  testCaller,
  type TestModule,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const [lead, resident, outsider] = demoMembers()
  .filter((m) => m.district === CITY)
  .map((m) => String(m.id));
const other = String(demoMembers().find((m) => m.district === '341002')!.id);
const asMember = (id: string) => testCaller(['member'], CITY, id);

/** A shift or reception as the steps answer it. */
interface Step {
  id: string;
  version: number;
  status: string;
  availableActions: string[];
}

describe.each(databases())('member studios on $name', ({ url }) => {
  let module: TestModule;
  let studio: string;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  const shift = async (memberId: string, shiftOn: string) =>
    module.execute<{ scheduleStudioShift: Step }>(
      `mutation { scheduleStudioShift(studioId: "${studio}", memberId: "${memberId}", shiftOn: "${shiftOn}") { id version status availableActions } }`,
      {},
      staff,
    );
  const step = (name: string, r: { id: string; version: number }, caller = staff, extra = '') =>
    module.execute<Record<string, Step>>(
      `mutation { ${name}(id: "${r.id}", version: ${r.version}${extra}) { id status version } }`,
      {},
      caller,
    );

  it('lists the studios opened in a period (from/to on openedOn), refusing to before from', async () => {
    const count = (args: string) =>
      module.execute<{ studios: { totalCount: number } }>(
        `{ studios(district: "${CITY}", ${args}) { totalCount } }`,
        {},
        staff,
      );
    const ours = demoStudios().filter((s) => s.district === CITY);
    const opened = ours[0].openedOn;
    expect(ours.length).toBeGreaterThan(0);
    expect((await count(`from: "${opened}", to: "${opened}"`)).data!.studios.totalCount).toBe(
      ours.filter((s) => s.openedOn === opened).length,
    );
    // Opened before the period: not counted in it.
    const after = `${Number(opened.slice(0, 4)) + 1}-01-01`;
    expect((await count(`from: "${after}"`)).data!.studios.totalCount).toBe(
      ours.filter((s) => s.openedOn >= after).length,
    );
    const refused = await count(`from: "${after}", to: "${opened}"`);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      rule: 'order',
    });
  });

  it("builds the demo studios' duty into their members' archives through the bus, scored by the district's rule book", async () => {
    await module.relay.kick();
    const demo = demoStudios().find((x) => x.district === CITY)!;
    const served = studioShifts().filter(
      (x) => x.memberId === demo.leadMemberId && x.status === 'SERVED',
    );
    const q = `{ member(id: "${demo.leadMemberId}") { studio { name } archive(kinds: ["studio.duty"]) { events { totalCount } } assessment(year: 2026) { rulesVersion subtotals { category raw } lines { rule event { kind } } } } }`;
    const m = (
      await module.execute<{
        member: {
          studio: { name: string };
          archive: { events: { totalCount: number } };
          assessment: {
            subtotals: { category: string; raw: number }[];
            lines: { rule: string; event: { kind: string } }[];
          };
        };
      }>(q, {}, staff)
    ).data!.member;
    expect(m.studio.name).toBe(demo.name);
    expect(m.archive.events.totalCount).toBe(served.length);
    // The city assesses by the 桐城 book: 2 points an activity, the category capped at 10.
    expect(
      m.assessment.lines.filter((l) => l.event.kind === 'studio.duty').map((l) => l.rule),
    ).toEqual(served.map(() => 'studio.duty: 2'));
    expect(m.assessment.subtotals.find((x) => x.category === '活动')!.raw).toBe(2 * served.length);
  });

  it('opens a studio with its lead and residents, and says which studio a member works in', async () => {
    const r = await module.execute<{ createStudio: { id: string } }>(
      `mutation($i: CreateStudioInput!) { createStudio(input: $i) { id name lead { id } } }`,
      {
        i: {
          district: CITY,
          name: '茶业振兴委员工作室',
          location: '屯溪区老街茶商会馆',
          rules: '每周三上午接待群众',
          leadMemberId: lead,
          openedOn: '2025-03-01',
        },
      },
      staff,
    );
    expect(r.errors).toBeUndefined();
    studio = r.data!.createStudio.id;
    const added = await module.execute<{ addStudioResident: { residents: unknown[] } }>(
      `mutation { addStudioResident(studioId: "${studio}", memberId: "${resident}", joinedOn: "2025-03-01") { residents { id } } }`,
      {},
      staff,
    );
    expect(added.data!.addStudioResident.residents).toEqual([{ id: resident }]);
    const again = await module.execute(
      `mutation { addStudioResident(studioId: "${studio}", memberId: "${lead}", joinedOn: "2025-03-01") { id } }`,
      {},
      staff,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'memberId' });
    const q = await module.execute(
      `{ a: member(id: "${lead}") { studio { id } } b: member(id: "${resident}") { studio { name } } c: member(id: "${outsider}") { studio { id } } }`,
    );
    expect(q.data).toEqual({
      a: { studio: { id: studio } },
      b: { studio: { name: '茶业振兴委员工作室' } },
      c: { studio: null },
    });
  });

  it("puts a served shift in the member's duty record, once, and refuses steps not in the table", async () => {
    const s = (await shift(resident, '2026-03-04')).data!.scheduleStudioShift;
    expect(s.availableActions).toEqual(['serve', 'miss', 'cancel']);
    const byOther = await step('serveStudioShift', s, asMember(lead));
    expect(byOther.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const served = await step('serveStudioShift', s, asMember(resident));
    expect(served.data!.serveStudioShift.status).toBe('SERVED');
    const twice = await step('missStudioShift', served.data!.serveStudioShift);
    expect(twice.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'SERVED',
    });
    await module.relay.kick();
    const record = await module.execute<{ member: { dutyEvents: unknown[] } }>(
      `{ member(id: "${resident}") { dutyEvents { kind sourceType sourceId summary } } }`,
      {},
      asMember(resident),
    );
    expect(record.data!.member.dutyEvents).toEqual([
      {
        kind: 'studio.duty',
        sourceType: 'StudioShift',
        sourceId: s.id,
        summary: '茶业振兴委员工作室值班接待',
      },
    ]);
    const missed = (await shift(lead, '2026-03-11')).data!.scheduleStudioShift;
    expect((await step('missStudioShift', missed)).data!.missStudioShift.status).toBe('MISSED');
    const future = (await shift(lead, '2099-01-07')).data!.scheduleStudioShift;
    expect(
      (await step('serveStudioShift', future, asMember(lead))).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await shift(outsider, '2026-03-18')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'memberId',
    });
    expect((await shift(lead, '2026-03-11')).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'shiftOn',
    });
    const rota = await module.execute<{ studios: { nodes: { id: string; rota: unknown[] }[] } }>(
      `{ studios(district: "${CITY}") { nodes { id rota { shiftOn status } } } }`,
    );
    expect(rota.data!.studios.nodes.find((n) => n.id === studio)!.rota).toEqual([
      { shiftOn: '2026-03-04', status: 'SERVED' },
      { shiftOn: '2026-03-11', status: 'MISSED' },
      { shiftOn: '2099-01-07', status: 'SCHEDULED' },
    ]);
    // The rota grows with every week: `first` bounds it (at most 1000, BAD_USER_INPUT beyond).
    const firstTwo = await module.execute<{
      studios: { nodes: { id: string; rota: unknown[] }[] };
    }>(`{ studios(district: "${CITY}") { nodes { id rota(first: 2) { shiftOn } } } }`);
    expect(firstTwo.data!.studios.nodes.find((n) => n.id === studio)!.rota).toEqual([
      { shiftOn: '2026-03-04' },
      { shiftOn: '2026-03-11' },
    ]);
    const tooMany = await module.execute(
      `{ studios(district: "${CITY}") { nodes { rota(first: 1001) { shiftOn } } } }`,
    );
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
      rule: 'range',
    });
  });

  it("passes a reception's issue on to proposals, and shows receptions to the studio and staff only", async () => {
    const record = operation<{ recordStudioReception: Step }>(
      `mutation($i: RecordStudioReceptionInput!) { recordStudioReception(input: $i) { id version status availableActions member { id } } }`,
    );
    const input = {
      studioId: studio,
      receivedOn: '2026-03-04',
      visitors: 3,
      title: '茶农反映鲜叶收购价偏低',
      detail: '祁门县茶农反映今年春茶鲜叶收购价格偏低，希望建立收购保护价机制。',
    };
    const r = await module.execute(record, { i: input }, asMember(resident));
    expect(r.errors).toBeUndefined();
    const reception = r.data!.recordStudioReception;
    expect(reception).toMatchObject({
      status: 'RECORDED',
      member: { id: resident },
      availableActions: ['passOn', 'close'],
    });
    const notYours = await step(
      'passOnStudioIssue',
      reception,
      asMember(lead),
      ', target: OPINION_ITEM',
    );
    expect(notYours.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const passed = await step(
      'passOnStudioIssue',
      reception,
      asMember(resident),
      ', target: OPINION_ITEM',
    );
    expect(passed.data!.passOnStudioIssue.status).toBe('PASSED_ON');
    // The demo's receptions passed on were sent by the seed: this one's is the one event naming it.
    const sent = (await outbox(module.orm, { type: studioIssueRaised.type })).filter(
      (e) => (e.payload as { receptionId: string }).receptionId === reception.id,
    );
    expect(sent.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        receptionId: reception.id,
        studioId: studio,
        studioName: '茶业振兴委员工作室',
        memberId: resident,
        title: input.title,
        target: 'OPINION_ITEM',
      }),
    ]);
    const audit = await systemEm(module.orm).find(AuditEntrySchema, {
      entity: 'studio_reception',
      entityId: reception.id,
    });
    expect(audit.map((a) => [a.fromState, a.toState, a.actor])).toEqual([
      ['RECORDED', 'PASSED_ON', asMember(resident).userId],
    ]);

    const closed = (await module.execute(record, { i: { ...input, memberId: lead } }, staff)).data!
      .recordStudioReception;
    const done = (await step('closeStudioReception', closed)).data!.closeStudioReception;
    expect(done.status).toBe('CLOSED');
    expect(
      (await step('passOnStudioIssue', done, staff, ', target: PROPOSAL_DRAFT')).errors?.[0]
        .extensions?.code,
    ).toBe('ILLEGAL_TRANSITION');

    const list = `{ studios(district: "${CITY}") { nodes { id receptions { title status } } } }`;
    const ours = async (caller?: Caller) =>
      (
        await module.execute<{ studios: { nodes: { id: string; receptions: unknown[] }[] } }>(
          list,
          {},
          caller,
        )
      ).data!.studios.nodes.find((n) => n.id === studio)!.receptions;
    expect(await ours(asMember(lead))).toHaveLength(2);
    expect(await ours(asMember(outsider))).toEqual([]);
    expect(await ours()).toEqual([]);

    const bad: [Record<string, unknown>, string, string, Caller][] = [
      [{ visitors: 0 }, 'BAD_USER_INPUT', 'input.visitors', asMember(resident)],
      [{ receivedOn: '2099-01-01' }, 'BAD_USER_INPUT', 'input.receivedOn', asMember(resident)],
      [{}, 'BAD_USER_INPUT', 'input.memberId', asMember(outsider)],
      [{ memberId: lead }, 'FORBIDDEN', 'input.memberId', asMember(resident)],
    ];
    for (const [change, code, field, caller] of bad) {
      const res = await module.execute(record, { i: { ...input, ...change } }, caller);
      expect(res.errors?.[0].extensions, JSON.stringify(change)).toMatchObject({ code, field });
    }
  });

  it('refuses studios led by a member of another district, and callers who are not its staff', async () => {
    const create = `mutation($i: CreateStudioInput!) { createStudio(input: $i) { id } }`;
    const base = {
      district: CITY,
      name: '生态补偿委员工作室',
      location: '歙县深渡镇',
      leadMemberId: lead,
      openedOn: '2025-05-01',
    };
    expect(
      (await module.execute(create, { i: { ...base, leadMemberId: other } }, staff)).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadMemberId' });
    expect(
      (await module.execute(create, { i: base }, testCaller(['staff'], '341002'))).errors?.[0]
        .extensions?.code,
    ).toBe('CROSS_DISTRICT');
    expect(
      (await module.execute(create, { i: base }, asMember(lead))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('appoints township convenors, a new appointment replacing the last, audited', async () => {
    const appoint = operation<{ appointTownshipConvenor: { id: string } }>(
      `mutation($i: AppointTownshipConvenorInput!) { appointTownshipConvenor(input: $i) { id township name post member { id } } }`,
    );
    const first = await module.execute(
      appoint,
      {
        i: {
          district: '341002',
          township: '黎阳镇',
          name: '汪建国',
          post: '镇党委副书记',
          since: '2024-01-01',
        },
      },
      staff,
    );
    expect(first.errors).toBeUndefined();
    const second = await module.execute(
      appoint,
      {
        i: {
          district: '341002',
          township: '黎阳镇',
          name: '胡晓雪',
          post: '镇党委副书记',
          memberId: other,
          since: '2026-01-01',
        },
      },
      staff,
    );
    expect(second.data!.appointTownshipConvenor).toMatchObject({
      id: first.data!.appointTownshipConvenor.id,
      name: '胡晓雪',
      member: { id: other },
    });
    const list = await module.execute(
      `{ townshipConvenors(district: "341002") { township name } }`,
    );
    expect(list.data!.townshipConvenors).toContainEqual({ township: '黎阳镇', name: '胡晓雪' });
    const audit = await systemEm(module.orm).find(
      AuditEntrySchema,
      { entity: 'township_convenor', entityId: first.data!.appointTownshipConvenor.id },
      { orderBy: { id: 'asc' } },
    );
    expect(audit.map((a) => [a.fromState, a.toState])).toEqual([
      [null, '汪建国（镇党委副书记）'],
      ['汪建国（镇党委副书记）', '胡晓雪（镇党委副书记）'],
    ]);
    const cross = await module.execute(
      appoint,
      {
        i: {
          district: '341002',
          township: '阳湖镇',
          name: '程明',
          post: '镇党委副书记',
          memberId: lead,
          since: '2026-01-01',
        },
      },
      staff,
    );
    expect(cross.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.memberId',
    });
    const notStaff = await module.execute(
      appoint,
      {
        i: {
          district: CITY,
          township: '某镇',
          name: '程明',
          post: '镇党委副书记',
          since: '2026-01-01',
        },
      },
      testCaller(['staff'], '341021'),
    );
    expect(notStaff.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
  });
});
