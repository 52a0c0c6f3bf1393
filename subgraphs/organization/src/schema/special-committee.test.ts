import { CITY, committees, liaisonPairs, members as demoMembers, unitByShort } from '@cppcc/demo';
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
import { CommitteeChangeSchema } from '../entities/committee-change.entity.js';
import { CommitteeMembershipSchema } from '../entities/committee-membership.entity.js';
import { LiaisonPairSchema } from '../entities/liaison.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

interface CommitteeFigures {
  committeesChanged: unknown;
  committeeCoverage: { assigned: number; share: number | null };
}

const stats = operation<{
  organizationStatistics: CommitteeFigures;
}>(`query($d: ID!, $from: Date!, $to: Date!) { organizationStatistics(district: $d, from: $from, to: $to) {
  committeesChanged { created functionsAdjusted merged dissolved }
  committeeCoverage { activeMembers assigned share unassigned { id } } } }`);

describe.each(databases())('committee history, 全员入委 and liaison on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  const tunxiStaff = testCaller(['staff'], '341002');
  const cityMembers = demoMembers().filter((m) => m.district === CITY);

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());
  const figures = async (district: string, from: string, to: string) => {
    const r = await org.execute(stats, { d: district, from, to });
    expect(r.errors).toBeUndefined();
    return r.data!.organizationStatistics;
  };

  it("reproduces the reform: one committee added, three committees' functions adjusted", async () => {
    const year = await figures(CITY, '2025-01-01', '2025-12-31');
    expect(year.committeesChanged).toEqual({
      created: 1,
      functionsAdjusted: 3,
      merged: 0,
      dissolved: 0,
    });
    const changes = await org.execute<{
      committeeChanges: {
        nodes: {
          kind: string;
          committee: { name: string };
          functionsBefore: string;
          functionsAfter: string;
        }[];
      };
    }>(
      `{ committeeChanges(district: "${CITY}", from: "2025-03-01", to: "2025-03-01") { nodes { kind committee { name } functionsBefore functionsAfter } } }`,
    );
    const nodes = changes.data!.committeeChanges.nodes;
    expect(nodes.filter((n) => n.kind === 'CREATED').map((n) => n.committee.name)).toEqual([
      '农业和农村委员会',
    ]);
    const economy = nodes.find((n) => n.committee.name === '经济委员会');
    expect(economy!.functionsBefore).toContain('农业农村');
    expect(economy!.functionsAfter).toBe(
      committees.find((c) => c.name === '经济委员会')!.functions,
    );
  });

  it('computes 全员入委 from dated seats: a member who leaves is listed as not yet assigned, the past stays as it was', async () => {
    const last = await figures(CITY, '2025-01-01', '2025-12-31');
    expect(last.committeeCoverage).toEqual({
      activeMembers: cityMembers.length,
      assigned: cityMembers.length,
      share: 1,
      unassigned: [],
    });
    // Before the term's members were appointed (2021-12-20) there was no one to count.
    const before = await figures(CITY, '2021-01-01', '2021-06-30');
    expect(before.committeeCoverage).toMatchObject({ activeMembers: 0, assigned: 0, share: null });

    const single = cityMembers.find((m) => m.committees.length === 1)!;
    const seat = await systemEm(org.orm).findOneOrFail(CommitteeMembershipSchema, {
      memberId: single.id,
    });
    const ended = await org.execute(
      `mutation { endCommitteeSeat(input: { id: "${seat.id}", leftOn: "2026-05-01" }) { status } }`,
      {},
      cityStaff,
    );
    expect(ended.errors).toBeUndefined();
    const now = await figures(CITY, '2026-01-01', '2026-12-31');
    expect(now.committeeCoverage).toMatchObject({
      assigned: cityMembers.length - 1,
      unassigned: [{ id: String(single.id) }],
    });
    expect(now.committeeCoverage.share).toBeCloseTo((cityMembers.length - 1) / cityMembers.length);
    expect((await figures(CITY, '2025-01-01', '2025-12-31')).committeeCoverage.assigned).toBe(
      cityMembers.length,
    );

    // A member who left the committee body altogether no longer counts either way.
    await publishMembers(org.transport, [
      { ...single, status: 'LEFT', changedAt: '2026-06-01T00:00:00.000Z' },
    ]);
    expect((await figures(CITY, '2026-01-01', '2026-12-31')).committeeCoverage).toMatchObject({
      activeMembers: cityMembers.length - 1,
      share: 1,
      unassigned: [],
    });
    // A district with no members known has no share rather than a made-up one.
    expect((await figures('341003', '2026-01-01', '2026-12-31')).committeeCoverage).toMatchObject({
      activeMembers: 0,
      share: null,
    });
  });

  it('adjusts, merges and dissolves committees through the transition table, moving seats on a merge', async () => {
    const create = await org.execute<{ createSpecialCommittee: { id: string } }>(
      `mutation { createSpecialCommittee(input: { district: "341002", name: "文化文史委员会", functions: "文史资料", establishedOn: "2026-01-10" }) { id } }`,
      {},
      tunxiStaff,
    );
    const id = create.data!.createSpecialCommittee.id;
    const into = committees.find((c) => c.district === '341002' && c.name === '提案委员会')!;
    const tunxiMember = demoMembers().find(
      (m) => m.district === '341002' && !m.committees.some((c) => c.committeeId === into.id),
    )!;
    await org.execute(
      `mutation { assignCommitteeSeat(input: { committee: "${id}", member: "${tunxiMember.id}", role: CHAIR, joinedOn: "2026-01-10" }) { id } }`,
      {},
      tunxiStaff,
    );

    const adjust = `mutation($input: AdjustCommitteeFunctionsInput!) { adjustCommitteeFunctions(input: $input) { functions status } }`;
    const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [
        { id, functions: '文史资料、学习宣传', on: '2025-12-31' },
        tunxiStaff,
        { code: 'BAD_USER_INPUT', field: 'input.on', rule: 'order' },
      ],
      [
        { id, functions: '文史资料', on: '2026-02-01' },
        tunxiStaff,
        { code: 'BAD_USER_INPUT', field: 'input.functions', rule: 'unchanged' },
      ],
      [{ id: '99999', functions: 'x', on: '2026-02-01' }, tunxiStaff, { code: 'NOT_FOUND' }],
      [
        { id, functions: '文史资料、学习宣传', on: '2026-02-01' },
        testCaller(['staff'], '341021'),
        { code: 'CROSS_DISTRICT' },
      ],
      [
        { id, functions: '文史资料、学习宣传', on: '2026-02-01' },
        testCaller(['member'], '341002', '1'),
        { code: 'FORBIDDEN' },
      ],
    ];
    const changesBefore = await systemEm(org.orm).count(CommitteeChangeSchema, {});
    for (const [input, caller, error] of bad)
      expect(
        (await org.execute(adjust, { input }, caller)).errors?.[0].extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await systemEm(org.orm).count(CommitteeChangeSchema, {})).toBe(changesBefore);

    const ok = await org.execute(
      adjust,
      { input: { id, functions: '文史资料、学习宣传', on: '2026-02-01', note: '职能调整' } },
      tunxiStaff,
    );
    expect(ok.data!.adjustCommitteeFunctions).toEqual({
      functions: '文史资料、学习宣传',
      status: 'ACTIVE',
    });

    const merge = `mutation($input: MergeCommitteeInput!) { mergeCommittee(input: $input) { status } }`;
    expect(
      (await org.execute(merge, { input: { id, into: id, on: '2026-03-01' } }, tunxiStaff))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'self' });
    expect(
      (await org.execute(merge, { input: { id, into: '1', on: '2026-03-01' } }, tunxiStaff))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.into', rule: 'district' });
    const merged = await org.execute(
      merge,
      { input: { id, into: String(into.id), on: '2026-03-01', note: '机构精简' } },
      tunxiStaff,
    );
    expect(merged.data!.mergeCommittee).toEqual({ status: 'MERGED' });
    const seats = await systemEm(org.orm).find(
      CommitteeMembershipSchema,
      { memberId: tunxiMember.id },
      { orderBy: { id: 'asc' } },
    );
    expect(seats.map((s) => [s.committeeId, s.status, s.joinedOn, s.leftOn])).toEqual(
      expect.arrayContaining([
        [Number(id), 'ENDED', '2026-01-10', '2026-03-01'],
        [into.id, 'ACTIVE', '2026-03-01', null],
      ]),
    );
    const dissolve = await org.execute(
      `mutation { dissolveCommittee(input: { id: "${id}", on: "2026-04-01" }) { status } }`,
      {},
      tunxiStaff,
    );
    expect(dissolve.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    const trail = await systemEm(org.orm).find(
      AuditEntrySchema,
      { entity: 'special_committee', entityId: id },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ['create', null, 'ACTIVE'],
      ['adjustFunctions', 'ACTIVE', 'ACTIVE'],
      ['merge', 'ACTIVE', 'MERGED'],
    ]);
    const history = await org.execute<{
      specialCommittees: { nodes: { history: { kind: string }[] }[] };
    }>(
      `{ specialCommittees(filter: { district: "341002", status: MERGED }) { nodes { history { kind on mergedInto { name } } } } }`,
    );
    expect(history.data!.specialCommittees.nodes[0].history.map((h) => h.kind)).toEqual([
      'CREATED',
      'FUNCTIONS_ADJUSTED',
      'MERGED',
    ]);
    expect((await figures('341002', '2026-01-01', '2026-12-31')).committeesChanged).toEqual({
      created: 1,
      functionsAdjusted: 1,
      merged: 1,
      dissolved: 0,
    });
    const announced = await outbox(org.orm, {
      type: 'special_committee.registered',
      payload: { committeeId: id },
    });
    expect(
      announced.map((e) => [e.payload.status, e.payload.mergedIntoId, e.payload.changedOn]),
    ).toEqual([
      ['ACTIVE', null, '2026-01-10'],
      ['ACTIVE', null, '2026-02-01'],
      ['MERGED', String(into.id), '2026-03-01'],
    ]);
  });

  it("pairs committees with units of their district and records liaison activities within the pair's dates", async () => {
    const listed = await org.execute<{ liaisonPairs: { totalCount: number } }>(
      `{ liaisonPairs(district: "${CITY}", first: 100) { totalCount nodes { committee { name } unit { short } activities { title } } } }`,
    );
    expect(listed.data!.liaisonPairs.totalCount).toBe(liaisonPairs.length);
    const pair = operation<{ pairCommitteeWithUnit: { id: string } }>(
      `mutation($input: PairCommitteeWithUnitInput!) { pairCommitteeWithUnit(input: $input) { id status } }`,
    );
    const education = unitByShort(CITY, '教育局').id;
    const committee = committees.find((c) => c.name === '委员联络委员会')!.id;
    const bad: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { committee: '4', unit: String(education), since: '2026-01-01' },
        { code: 'CONFLICT', field: 'input.unit' },
      ],
      [
        {
          committee: String(committee),
          unit: String(unitByShort('341002', '教育局').id),
          since: '2026-01-01',
        },
        { code: 'BAD_USER_INPUT', field: 'input.unit', rule: 'district' },
      ],
      [
        { committee: String(committee), unit: '99999', since: '2026-01-01' },
        { code: 'NOT_FOUND', field: 'input.unit' },
      ],
      [
        { committee: '99999', unit: String(education), since: '2026-01-01' },
        { code: 'NOT_FOUND', field: 'input.committee' },
      ],
    ];
    const before = await systemEm(org.orm).count(LiaisonPairSchema, {});
    for (const [input, error] of bad)
      expect(
        (await org.execute(pair, { input }, cityStaff)).errors?.[0].extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await systemEm(org.orm).count(LiaisonPairSchema, {})).toBe(before);

    const ok = await org.execute(
      pair,
      { input: { committee: String(committee), unit: String(education), since: '2026-02-01' } },
      cityStaff,
    );
    const id = ok.data!.pairCommitteeWithUnit.id;
    const activity = `mutation($input: RecordLiaisonActivityInput!) { recordLiaisonActivity(input: $input) { title } }`;
    const early = await org.execute(
      activity,
      { input: { pair: id, title: '委员培训对接', heldOn: '2026-01-15', summary: '对接' } },
      cityStaff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.heldOn',
      rule: 'range',
    });
    const held = await org.execute(
      activity,
      { input: { pair: id, title: '委员培训对接', heldOn: '2026-03-15', summary: '商定培训安排' } },
      cityStaff,
    );
    expect(held.errors).toBeUndefined();
    const ended = await org.execute(
      `mutation { endLiaison(input: { id: "${id}", until: "2026-10-01" }) { status until } }`,
      {},
      cityStaff,
    );
    expect(ended.data!.endLiaison).toEqual({ status: 'ENDED', until: '2026-10-01' });
    const again = await org.execute(
      `mutation { endLiaison(input: { id: "${id}", until: "2026-11-01" }) { status } }`,
      {},
      cityStaff,
    );
    expect(again.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses a period that ends before it starts and an unknown district', async () => {
    const backwards = await org.execute(stats, { d: CITY, from: '2026-12-31', to: '2026-01-01' });
    expect(backwards.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      rule: 'order',
    });
    const unknown = await org.execute(stats, { d: '999999', from: '2026-01-01', to: '2026-12-31' });
    expect(unknown.errors?.[0].extensions?.code).toBe('UNKNOWN_DISTRICT');
    const notADay = await org.execute(stats, { d: CITY, from: '2026-13-01', to: '2026-12-31' });
    expect(notADay.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('declares every event it has written to its outbox among the events it emits', async () => {
    const written = new Set((await outbox(org.orm, {})).map((e) => e.type));
    expect(written).toContain('special_committee.registered');
    const declared = (organization.emits ?? []).map((d) => d.type);
    expect([...written].filter((t) => !declared.includes(t))).toEqual([]);
  });
});
