import { randomUUID } from 'node:crypto';
import { CITY, members as demoMembers } from '@cppcc/demo';
import { bodyMeetingAttended, memberRegistered, termRegistered } from '@cppcc/events';
import { databases, startTestModule, testCaller, type TestModule, outbox } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const register = `mutation($i: RegisterMemberInput!) { registerMember(input: $i) { id name party standingCommittee term { ordinal } history { field to effectiveOn note } } }`;
const base = {
  district: CITY,
  name: '程雨桐',
  gender: 'FEMALE',
  ethnicity: '汉族',
  party: '中共党员',
  sector: '16',
  workUnit: '休宁县农业农村局',
  title: '高级农艺师',
  appointedOn: '2026-01-10',
};

describe.each(databases())('registering members on $name', ({ url }) => {
  let module: TestModule;
  const announced = async (memberId: string) =>
    (await outbox(module.orm, { type: memberRegistered.type }))
      .map((e) => e.payload as Record<string, unknown>)
      .filter((p) => p.memberId === memberId);

  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
    await module.transport.publish([
      {
        id: randomUUID(),
        type: termRegistered.type,
        source: 'organization',
        district: CITY,
        occurredAt: new Date().toISOString(),
        payload: {
          termId: '10',
          district: CITY,
          ordinal: 10,
          name: '第十届',
          startsOn: '2022-01-01',
          endsOn: null,
        },
      },
    ]);
  });
  afterAll(() => module?.stop());

  it('announces every demo member with the facts other modules replicate', async () => {
    const rows = await outbox(module.orm, { type: memberRegistered.type });
    expect(rows).toHaveLength(demoMembers().length);
    const demo = demoMembers().find((m) => m.party === '中共党员')!;
    expect(rows.map((r) => r.payload).find((p) => p.memberId === String(demo.id))).toMatchObject({
      district: demo.district,
      party: '中共党员',
      cpcMember: true,
      status: 'ACTIVE',
    });
    const other = demoMembers().find((m) => m.party === '民盟盟员')!;
    expect(rows.map((r) => r.payload).find((p) => p.memberId === String(other.id))).toMatchObject({
      cpcMember: false,
    });
  });

  it('registers a member, announces them and applies what arrived for them before they existed', async () => {
    const next = String(demoMembers().length + 1);
    // Organization took attendance for the new member before the members subgraph knew them.
    const early = {
      id: randomUUID(),
      type: bodyMeetingAttended.type,
      source: 'organization',
      district: CITY,
      occurredAt: new Date().toISOString(),
      payload: {
        meetingId: '40',
        memberId: next,
        body: 'PLENARY',
        title: '市政协十届五次会议',
        heldOn: '2026-01-12',
        attendance: 'PRESENT',
      },
    };
    await module.transport.publish([early]);
    const parked = await module.execute<{ parkedEvents: { nodes: unknown[] } }>(
      `{ parkedEvents { nodes { eventId memberId } } }`,
      {},
      staff,
    );
    expect(parked.data!.parkedEvents.nodes).toContainEqual({
      eventId: early.id,
      memberId: next,
    });

    const r = await module.execute(register, { i: { ...base, standingCommittee: true } }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data!.registerMember).toMatchObject({
      id: next,
      name: '程雨桐',
      standingCommittee: true,
      term: { ordinal: 10 },
      history: [{ field: 'status', to: 'ACTIVE', effectiveOn: '2026-01-10', note: '任命为委员' }],
    });
    expect(await announced(next)).toEqual([
      expect.objectContaining({
        memberId: next,
        name: '程雨桐',
        cpcMember: true,
        sectorId: '16',
        standingCommittee: true,
      }),
    ]);
    const record = await module.execute<{ member: { dutyEvents: unknown[] } }>(
      `{ member(id: "${next}") { dutyEvents { kind sourceId } } }`,
      {},
      testCaller(['member'], CITY, next),
    );
    expect(record.data!.member.dutyEvents).toEqual([{ kind: 'meeting.attended', sourceId: '40' }]);
    const after = await module.execute<{ parkedEvents: { nodes: { eventId: string }[] } }>(
      `{ parkedEvents { nodes { eventId } } }`,
      {},
      staff,
    );
    expect(after.data!.parkedEvents.nodes.map((p) => p.eventId)).not.toContain(early.id);
  });

  it('announces a change to a replicated fact, and not to the others', async () => {
    const id = String(demoMembers().find((m) => m.district === CITY && m.party !== '中共党员')!.id);
    const update = `mutation($id: ID!, $i: UpdateMemberProfileInput!) { updateMemberProfile(id: $id, input: $i) { party } }`;
    const before = (await announced(id)).length;
    expect(
      (
        await module.execute(
          update,
          { id, i: { workUnit: '黄山学院', title: '副教授', effectiveOn: '2026-02-01' } },
          staff,
        )
      ).errors,
    ).toBeUndefined();
    expect(await announced(id)).toHaveLength(before);
    expect(
      (
        await module.execute(
          update,
          { id, i: { party: '中共党员', effectiveOn: '2026-02-01', note: '入党' } },
          staff,
        )
      ).errors,
    ).toBeUndefined();
    const events = await announced(id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ party: '中共党员', cpcMember: true });
  });

  it("refuses bad registrations naming the field, and callers who are not the district's staff", async () => {
    const count = async () =>
      (
        await module.execute<{ members: { totalCount: number } }>(
          `{ members(first: 1) { totalCount } }`,
          {},
          staff,
        )
      ).data!.members;
    const total = (await count()).totalCount;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '程' }, 'BAD_USER_INPUT', 'input.name'],
      [{ party: ' ' }, 'BAD_USER_INPUT', 'input.party'],
      [{ appointedOn: '2026-1-10' }, 'BAD_USER_INPUT', 'input.appointedOn'],
      [{ sector: 'x' }, 'BAD_USER_INPUT', 'input.sector'],
      [{ term: '99' }, 'BAD_USER_INPUT', 'input.term'],
      [{ district: '999999' }, 'UNKNOWN_DISTRICT', 'input.district'],
    ];
    for (const [change, code, field] of cases) {
      const r = await module.execute(register, { i: { ...base, ...change } }, staff);
      expect(r.errors?.[0].extensions, JSON.stringify(change)).toMatchObject({ code, field });
    }
    expect(
      (await module.execute(register, { i: base }, testCaller(['staff'], '341002'))).errors?.[0]
        .extensions?.code,
    ).toBe('CROSS_DISTRICT');
    expect(
      (await module.execute(register, { i: base }, testCaller(['member'], CITY, '3'))).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await count()).totalCount).toBe(total);
  });
});
