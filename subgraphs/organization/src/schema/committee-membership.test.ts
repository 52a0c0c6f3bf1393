import { CITY, committees, members as demoMembers } from '@cppcc/demo';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitteeMembershipSchema } from '../entities/committee-membership.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const assign = operation<{ assignCommitteeSeat: { id: string } }>(
  `mutation($input: AssignCommitteeSeatInput!) { assignCommitteeSeat(input: $input) { id role joinedOn status committee { id } member { id } } }`,
);
const end = `mutation($input: EndCommitteeSeatInput!) { endCommitteeSeat(input: $input) { id status leftOn } }`;

describe.each(databases())('committee seats on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  const tunxiStaff = testCaller(['staff'], '341002');
  const newcomer = {
    id: 9001,
    district: CITY,
    name: '新委员',
    party: '中共党员',
    sectorId: 1,
    standingCommittee: false,
  };
  const tunxiMember = demoMembers().find((m) => m.district === '341002')!;

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport, [...demoMembers(), newcomer]);
  });
  afterAll(() => org?.stop());
  const seats = () => systemEm(org.orm).count(CommitteeMembershipSchema, {});

  it('answers Member.committees for the gateway, as the members subgraph did before', async () => {
    const m = demoMembers()[0];
    const r = await org.execute<{ _entities: { committees: unknown }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { id committees { role since committee { name } } } } }`,
      {
        reps: [{ __typename: 'Member', id: String(m.id) }],
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities[0].committees).toEqual(
      m.committees.map((c) => ({
        role: c.role,
        since: expect.any(String),
        committee: { name: committees.find((x) => x.id === c.committeeId)!.name },
      })),
    );
    const c = await org.execute<{
      specialCommittees: { nodes: { id: string; memberships: unknown[] }[] };
    }>(
      `{ specialCommittees(filter: { district: "${CITY}" }, first: 20) { nodes { id memberships { member { id } } } } }`,
    );
    const seated = c.data!.specialCommittees.nodes.find((n) => n.id === '9')!.memberships.length;
    expect(seated).toBe(
      demoMembers().filter((x) => x.committees.some((s) => s.committeeId === 9)).length,
    );
  });

  it('seats a member, refuses a second seat on the same committee, and ends the seat as history', async () => {
    const ok = await org.execute(
      assign,
      {
        input: {
          committee: '9',
          member: '9001',
          role: 'MEMBER',
          joinedOn: '2026-03-01',
          note: '新任委员',
        },
      },
      cityStaff,
    );
    expect(ok.errors).toBeUndefined();
    const seat = ok.data!.assignCommitteeSeat;
    expect(seat).toMatchObject({
      role: 'MEMBER',
      status: 'ACTIVE',
      committee: { id: '9' },
      member: { id: '9001' },
    });

    const before = await seats();
    const again = await org.execute(
      assign,
      { input: { committee: '9', member: '9001', role: 'CHAIR', joinedOn: '2026-04-01' } },
      cityStaff,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.member' });
    expect(await seats()).toBe(before);

    const early = await org.execute(
      end,
      { input: { id: seat.id, leftOn: '2026-02-01' } },
      cityStaff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.leftOn',
      rule: 'order',
    });

    const left = await org.execute(
      end,
      { input: { id: seat.id, leftOn: '2026-06-30', note: '工作调动' } },
      cityStaff,
    );
    expect(left.data!.endCommitteeSeat).toMatchObject({ status: 'ENDED', leftOn: '2026-06-30' });
    const twice = await org.execute(
      end,
      { input: { id: seat.id, leftOn: '2026-07-01' } },
      cityStaff,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');

    const trail = await systemEm(org.orm).find(
      AuditEntrySchema,
      { entity: 'committee_membership', entityId: seat.id },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => [a.action, a.fromState, a.toState, a.note])).toEqual([
      ['assign', null, 'ACTIVE', '新任委员'],
      ['end', 'ACTIVE', 'ENDED', '工作调动'],
    ]);
    const current = await org.execute<{ _entities: unknown[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { committees { id } history: committees(includeEnded: true) { id status } } } }`,
      {
        reps: [{ __typename: 'Member', id: '9001' }],
      },
    );
    expect(current.data!._entities[0]).toEqual({
      committees: [],
      history: [{ id: seat.id, status: 'ENDED' }],
    });
  });

  it('refuses unknown committees and members, wrong districts, bad dates and strangers, writing nothing', async () => {
    const before = await seats();
    const cases: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [
        { committee: '999', member: '9001', role: 'MEMBER', joinedOn: '2026-03-01' },
        cityStaff,
        { code: 'NOT_FOUND', field: 'input.committee' },
      ],
      [
        { committee: '9', member: '777777', role: 'MEMBER', joinedOn: '2026-03-01' },
        cityStaff,
        { code: 'NOT_FOUND', field: 'input.member' },
      ],
      [
        { committee: '9', member: String(tunxiMember.id), role: 'MEMBER', joinedOn: '2026-03-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.member', rule: 'district' },
      ],
      [
        { committee: '9', member: '9001', role: 'MEMBER', joinedOn: '2024-01-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.joinedOn', rule: 'order' },
      ],
      [
        { committee: '9', member: '9001', role: 'MEMBER', joinedOn: '2026-02-30' },
        cityStaff,
        { code: 'BAD_USER_INPUT' },
      ],
      [
        { committee: 'x', member: '9001', role: 'MEMBER', joinedOn: '2026-03-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.committee' },
      ],
      [
        { committee: '9', member: '9001', role: 'MEMBER', joinedOn: '2026-03-01' },
        tunxiStaff,
        { code: 'CROSS_DISTRICT' },
      ],
      [
        { committee: '9', member: '9001', role: 'MEMBER', joinedOn: '2026-03-01' },
        testCaller(['member'], CITY, '9001'),
        { code: 'FORBIDDEN' },
      ],
      [
        { committee: '9', member: '9001', role: 'MEMBER', joinedOn: '2026-03-01' },
        testCaller([], null),
        { code: 'UNAUTHENTICATED' },
      ],
    ];
    for (const [input, caller, error] of cases) {
      const r = await org.execute(assign, { input }, caller);
      expect(r.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(error);
    }
    expect(await seats()).toBe(before);
  });

  it('keeps the latest member facts however the events arrive', async () => {
    await publishMembers(org.transport, [
      { ...newcomer, status: 'LEFT', changedAt: '2026-09-01T00:00:00.000Z' },
    ]);
    await publishMembers(org.transport, [
      { ...newcomer, status: 'ACTIVE', changedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    const r = await org.execute(
      assign,
      { input: { committee: '1', member: '9001', role: 'MEMBER', joinedOn: '2026-10-01' } },
      cityStaff,
    );
    expect(r.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.member',
      rule: 'status',
    });
  });
});
