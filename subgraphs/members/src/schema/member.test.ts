import { randomUUID } from 'node:crypto';
import { CITY, members as demoMembers } from '@cppcc/demo';
import { consultationAttended, proposalFiled } from '@cppcc/events';
import { systemEm } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutyEventSchema } from '../entities/duty-event.entity.js';
import { members } from '../module.js';

describe.each(databases())('members on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  it('filters members by district, sector and standing-committee seat', async () => {
    const all = demoMembers();
    const standing = all.filter((m) => m.district === CITY && m.standingCommittee);
    const r = await module.execute<{ members: { totalCount: number } }>(
      `{ members(filter: { district: "${CITY}", standingCommittee: true }, first: 500) { totalCount nodes { id standingCommittee } } }`,
    );
    expect(r.data!.members.totalCount).toBe(standing.length);
    const bySector = all.filter((m) => m.sectorId === 3);
    const s = await module.execute<{ members: { totalCount: number } }>(
      `{ members(filter: { sector: "3" }, first: 500) { totalCount } }`,
    );
    expect(s.data!.members.totalCount).toBe(bySector.length);
    const first = all[0];
    const n = await module.execute<{ members: { nodes: { name: string }[] } }>(
      `query($q: String) { members(filter: { nameContains: $q }, first: 500) { nodes { name } } }`,
      { q: first.name },
    );
    expect(n.data!.members.nodes.map((x) => x.name)).toContain(first.name);
  });

  it('answers federation references in one batch', async () => {
    const r = await module.execute<{ _entities: ({ id: string } | null)[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { id name } } }`,
      {
        reps: [
          { __typename: 'Member', id: '1' },
          { __typename: 'Member', id: '2' },
          { __typename: 'Member', id: '999999' },
        ],
      },
    );
    expect(r.data!._entities.map((e) => e?.id ?? null)).toEqual(['1', '2', null]);
  });

  it('records duty events from the bus once, however often they arrive', async () => {
    const event = {
      id: randomUUID(),
      type: proposalFiled.type,
      source: 'proposals',
      district: CITY,
      occurredAt: new Date().toISOString(),
      payload: {
        proposalId: '77',
        authorId: '3',
        coAuthorIds: ['4'],
        caseNumber: '2026-0077',
        filedAt: new Date().toISOString(),
      },
    };
    await module.transport.publish([event]);
    await module.transport.publish([event]);
    const attended = {
      ...event,
      id: randomUUID(),
      type: consultationAttended.type,
      source: 'consultation',
      payload: {
        activityId: '5',
        memberId: '3',
        form: 'THEMATIC',
        title: '专题协商',
        heldOn: '2026-04-01',
      },
    };
    await module.transport.publish([attended]);
    const rows = await systemEm(module.orm).find(
      DutyEventSchema,
      { memberId: { $in: [3, 4] } },
      { orderBy: { id: 'asc' } },
    );
    expect(rows.map((r) => [r.memberId, r.kind, r.sourceId])).toEqual([
      [3, 'proposal.filed', '77'],
      [4, 'proposal.filed', '77'],
      [3, 'consultation.attended', '5'],
    ]);
    const self = await module.execute<{ member: { dutyEvents: { summary: string }[] } }>(
      `{ member(id: "3") { dutyEvents { kind summary } } }`,
      {},
      testCaller(['member'], CITY, '3'),
    );
    expect(self.data!.member.dutyEvents.map((e) => e.summary)).toEqual([
      '领衔提案 2026-0077 立案',
      '参加专题协商',
    ]);
    const staffOfOther = await module.execute(
      `{ member(id: "3") { dutyEvents { kind } } }`,
      {},
      testCaller(['staff'], '341002'),
    );
    expect(staffOfOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cityStaff = await module.execute<{ member: { dutyEvents: unknown[] } }>(
      `{ member(id: "3") { dutyEvents { kind } } }`,
      {},
      testCaller(['staff'], CITY),
    );
    expect(cityStaff.data!.member.dutyEvents).toHaveLength(2);
    // The connection that replaces the list: the same events, the same rule, paged both ways.
    type Paged = {
      member: {
        dutyEventsConnection: {
          totalCount: number;
          pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean };
          nodes: { summary: string }[];
        };
      };
    };
    const paged = (args: string, caller = testCaller(['member'], CITY, '3')) =>
      module.execute<Paged>(
        `{ member(id: "3") { dutyEventsConnection(${args}) { totalCount pageInfo { hasPreviousPage hasNextPage } nodes { summary } } } }`,
        {},
        caller,
      );
    const lastOne = (await paged('last: 1')).data!.member.dutyEventsConnection;
    expect(lastOne).toEqual({
      totalCount: 2,
      pageInfo: { hasPreviousPage: true, hasNextPage: false },
      nodes: [{ summary: '参加专题协商' }],
    });
    const forbidden = await paged('first: 5', testCaller(['staff'], '341002'));
    expect(forbidden.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'dutyEventsConnection',
    });
  });

  it('refuses ids that are not ids', async () => {
    const r = await module.execute(`{ member(id: "abc") { name } }`);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const missing = await module.execute(`{ member(id: "99999") { name } }`);
    expect(missing).toEqual({ data: { member: null } });
  });
});
