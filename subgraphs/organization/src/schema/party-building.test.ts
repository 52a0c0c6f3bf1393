import {
  branchActivityParticipants,
  branchPlacements,
  CITY,
  committees,
  demoStudySessions,
  isCpc,
  members as demoMembers,
  partyBranches,
  studySessionAttendance,
} from '@cppcc/demo';
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
import { AttendanceSchema } from '../entities/attendance.entity.js';
import { BranchPlacementSchema, PartyBranchSchema } from '../entities/party-branch.entity.js';
import { organization } from '../module.js';
import type { StudyCadence } from '../statistics.js';
import { publishMembers, type ServedPartyCoverage } from '../test-support.js';

interface PartyFigures {
  studySessions: StudyCadence;
  partyCoverage: ServedPartyCoverage<{ name: string; partyMemberCount?: number }>;
}

const stats = operation<{
  organizationStatistics: PartyFigures;
}>(`query($d: ID!, $from: Date!, $to: Date!) { organizationStatistics(district: $d, from: $from, to: $to) {
  studySessions { held missedMonths months { month monthly special } }
  partyCoverage { partyMembers placed partyMemberCoverage members reached workCoverage branches { name } branchesWithoutPartyMembers { name partyMemberCount } unplaced { id } } } }`);

describe.each(databases())('party building on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  const all = demoMembers();
  const city = all.filter((m) => m.district === CITY);
  const newcomer = {
    id: 9101,
    district: CITY,
    name: '新党员委员',
    party: '中共党员',
    sectorId: 1,
    standingCommittee: false,
  };
  const outsider = city.find((m) => !isCpc(m))!;

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport, [...all, newcomer]);
  });
  afterAll(() => org?.stop());
  const figures = async (district: string, from: string, to: string) => {
    // As city staff, who see every district's unplaced members (permissions.test.ts checks the others).
    const r = await org.execute(stats, { d: district, from, to }, cityStaff);
    expect(r.errors).toBeUndefined();
    return r.data!.organizationStatistics;
  };

  it('lists the branches founded in a period (from/to on establishedOn), refusing to before from', async () => {
    const count = async (args: string) => {
      const r = await org.execute<{ partyBranches: { totalCount: number } }>(
        `{ partyBranches(${args}) { totalCount } }`,
        {},
        cityStaff,
      );
      return r;
    };
    // Every district's (the city's were all founded on one day).
    const ours = partyBranches;
    const days = ours.map((b) => b.establishedOn).sort();
    // From the second founding day on: some of the branches, not all.
    const from = days.find((d) => d > days[0])!;
    const founded = ours.filter((b) => b.establishedOn >= from && b.establishedOn <= '2026-12-31');
    expect(founded.length).toBeGreaterThan(0);
    expect(founded.length).toBeLessThan(ours.length);
    const r = await count(`from: "${from}", to: "2026-12-31"`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.partyBranches.totalCount).toBe(founded.length);
    expect((await count(`to: "${days[0]}"`)).data!.partyBranches.totalCount).toBe(
      ours.filter((b) => b.establishedOn <= days[0]).length,
    );
    const refused = await count('from: "2026-12-31", to: "2026-01-01"');
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      rule: 'order',
    });
  });

  it('shows the monthly cadence of study sessions and names a missed month', async () => {
    const cityYear = await figures(CITY, '2025-01-01', '2025-12-31');
    expect(cityYear.studySessions.missedMonths).toEqual([]);
    expect(cityYear.studySessions.months.map((m) => m.monthly)).toEqual(Array(12).fill(1));
    const tunxi = await figures('341002', '2026-01-01', '2026-10-31');
    expect(tunxi.studySessions.missedMonths).toEqual(['2026-08']);
    const city2026 = await figures(CITY, '2026-01-01', '2026-10-31');
    expect(city2026.studySessions.months.find((m) => m.month === '2026-03')).toEqual({
      month: '2026-03',
      monthly: 1,
      special: 1,
    });
    expect(city2026.studySessions.held).toBe(
      demoStudySessions.filter((s) => s.district === CITY && s.heldOn?.startsWith('2026')).length,
    );
  });

  it('computes the two full coverages from placements and branch activity, for any district and period', async () => {
    const cpc = city.filter(isCpc);
    const placed = new Set(branchPlacements().map((p) => p.memberId));
    const cityActivities = new Set(
      partyBranches.filter((b) => b.district === CITY).map((b) => b.id),
    );
    const reached = new Set([...placed, ...branchActivityParticipants().map((l) => l.memberId)]);
    const now = await figures(CITY, '2026-01-01', '2026-10-31');
    // The newcomer (a Party member announced by the test) is the one not yet placed.
    expect(now.partyCoverage).toMatchObject({
      partyMembers: cpc.length + 1,
      placed: cpc.length,
      unplaced: [{ id: '9101' }],
      branchesWithoutPartyMembers: [],
    });
    expect(now.partyCoverage.branches).toHaveLength(8);
    expect(now.partyCoverage.reached).toBe(city.filter((m) => reached.has(m.id)).length);
    expect(now.partyCoverage.workCoverage).toBeCloseTo(
      now.partyCoverage.reached / (city.length + 1),
    );
    expect(cityActivities.size).toBe(8);

    // 2025 starts in the middle of the term, before any branch existed.
    const last = await figures(CITY, '2025-01-01', '2025-12-31');
    expect(last.partyCoverage).toMatchObject({
      placed: 0,
      partyMemberCoverage: 0,
      reached: 0,
      branches: [],
    });
    // A branch without Party members is named, and does not break the figures.
    const shexian = await figures('341021', '2026-01-01', '2026-10-31');
    expect(shexian.partyCoverage.branchesWithoutPartyMembers).toEqual([
      { name: '提案委员会功能型党支部', partyMemberCount: 0 },
    ]);
    expect(shexian.partyCoverage.partyMemberCoverage).toBe(1);
    const qimen = await figures('341024', '2026-01-01', '2026-10-31');
    expect(qimen.partyCoverage).toMatchObject({ placed: 0, partyMemberCoverage: 0, branches: [] });
    expect((await figures('341003', '2026-01-01', '2026-10-31')).partyCoverage).toMatchObject({
      partyMembers: 0,
      partyMemberCoverage: null,
      workCoverage: null,
    });
  });

  it('places Party-member members only, one branch at a time, and lets a member see their own placement', async () => {
    const place = operation<{ placeInBranch: { id: string } }>(
      `mutation($input: PlaceInBranchInput!) { placeInBranch(input: $input) { id status member { id } } }`,
    );
    const branch = partyBranches.find((b) => b.district === CITY)!;
    const already = branchPlacements().find((p) => p.branchId !== branch.id)!;
    const before = await systemEm(org.orm).count(BranchPlacementSchema, {});
    const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [
        { branch: String(branch.id), member: String(outsider.id), joinedOn: '2026-11-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.member', rule: 'cpc' },
      ],
      [
        { branch: String(branch.id), member: String(already.memberId), joinedOn: '2026-11-01' },
        cityStaff,
        { code: 'CONFLICT', field: 'input.member' },
      ],
      [
        { branch: String(branch.id), member: '9101', joinedOn: '2026-01-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.joinedOn', rule: 'order' },
      ],
      [
        { branch: '999', member: '9101', joinedOn: '2026-11-01' },
        cityStaff,
        { code: 'NOT_FOUND', field: 'input.branch' },
      ],
      [
        { branch: String(branch.id), member: '777777', joinedOn: '2026-11-01' },
        cityStaff,
        { code: 'NOT_FOUND', field: 'input.member' },
      ],
      [
        { branch: String(branch.id), member: '9101', joinedOn: '2026-11-01' },
        testCaller(['staff'], '341002'),
        { code: 'CROSS_DISTRICT' },
      ],
      [
        { branch: String(branch.id), member: '9101', joinedOn: '2026-11-01' },
        testCaller(['member'], CITY, '9101'),
        { code: 'FORBIDDEN' },
      ],
    ];
    for (const [input, caller, error] of bad)
      expect(
        (await org.execute(place, { input }, caller)).errors?.[0].extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await systemEm(org.orm).count(BranchPlacementSchema, {})).toBe(before);

    const ok = await org.execute(
      place,
      { input: { branch: String(branch.id), member: '9101', joinedOn: '2026-11-01' } },
      cityStaff,
    );
    expect(ok.errors).toBeUndefined();
    const placementId = ok.data!.placeInBranch.id;
    expect((await figures(CITY, '2026-01-01', '2026-11-30')).partyCoverage).toMatchObject({
      partyMemberCoverage: 1,
      unplaced: [],
    });

    const secretary = `mutation($input: SetBranchSecretaryInput!) { setBranchSecretary(input: $input) { secretary { id } } }`;
    const notPlaced = await org.execute(
      secretary,
      { input: { branch: String(branch.id), member: String(already.memberId) } },
      cityStaff,
    );
    expect(notPlaced.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'placement',
    });
    const set = await org.execute(
      secretary,
      { input: { branch: String(branch.id), member: '9101', on: '2026-11-05' } },
      cityStaff,
    );
    expect(set.data!.setBranchSecretary).toEqual({ secretary: { id: '9101' } });

    const mine = operation<{ _entities: { partyBranch: unknown }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { partyBranch { status branch { name } } } } }`,
    );
    const own = await org.execute(
      mine,
      { reps: [{ __typename: 'Member', id: '9101' }] },
      testCaller(['member'], CITY, '9101'),
    );
    expect(own.data!._entities[0].partyBranch).toEqual({
      status: 'ACTIVE',
      branch: { name: branch.name },
    });
    const other = await org.execute(
      mine,
      { reps: [{ __typename: 'Member', id: '9101' }] },
      testCaller(['member'], CITY, String(outsider.id)),
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const names = await org.execute<{
      partyBranches: { nodes: { placements: unknown[]; partyMemberCount: number }[] };
    }>(
      `{ partyBranches(district: "${CITY}", first: 1) { nodes { placements { member { id } } partyMemberCount } } }`,
    );
    expect(names.data!.partyBranches.nodes[0].placements).toEqual([]);
    expect(names.data!.partyBranches.nodes[0].partyMemberCount).toBeGreaterThan(0);

    const left = await org.execute(
      `mutation { endBranchPlacement(input: { id: "${placementId}", leftOn: "2026-11-20" }) { status } }`,
      {},
      cityStaff,
    );
    expect(left.data!.endBranchPlacement).toEqual({ status: 'ENDED' });
    expect((await figures(CITY, '2026-01-01', '2026-11-30')).partyCoverage.unplaced).toEqual([
      { id: '9101' },
    ]);
    const trail = await systemEm(org.orm).find(
      AuditEntrySchema,
      { entity: 'branch_placement', entityId: placementId },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => [a.fromState, a.toState])).toEqual([
      [null, 'ACTIVE'],
      ['ACTIVE', 'ENDED'],
    ]);
  });

  it('establishes one branch per committee and records branch activities that reach non-Party members', async () => {
    const agriculture = committees.find((c) => c.name === '农业和农村委员会')!;
    const establish = `mutation($input: EstablishPartyBranchInput!) { establishPartyBranch(input: $input) { id name } }`;
    const early = await org.execute(
      establish,
      {
        input: {
          committee: String(agriculture.id),
          name: '农业和农村委员会功能型党支部',
          establishedOn: '2024-01-01',
        },
      },
      cityStaff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.establishedOn',
      rule: 'order',
    });
    const ok = await org.execute<{ establishPartyBranch: { id: string } }>(
      establish,
      {
        input: {
          committee: String(agriculture.id),
          name: '农业和农村委员会功能型党支部',
          establishedOn: '2026-11-02',
        },
      },
      cityStaff,
    );
    const branchId = ok.data!.establishPartyBranch.id;
    const twice = await org.execute(
      establish,
      {
        input: { committee: String(agriculture.id), name: '第二支部', establishedOn: '2026-11-03' },
      },
      cityStaff,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.committee',
    });
    expect(
      (await figures(CITY, '2026-11-01', '2026-11-30')).partyCoverage.branchesWithoutPartyMembers,
    ).toEqual([{ name: '农业和农村委员会功能型党支部', partyMemberCount: 0 }]);

    const record = operation<{ recordBranchActivity: { id: string } }>(
      `mutation($input: RecordBranchActivityInput!) { recordBranchActivity(input: $input) { id participantCount } }`,
    );
    const base = {
      branch: branchId,
      kind: 'LECTURE_HALL',
      title: '大讲堂：茶业振兴',
      heldOn: '2026-11-10',
      speaker: '党员委员',
      summary: '讲座',
      participants: [String(outsider.id)],
    };
    const before = await systemEm(org.orm).count(AttendanceSchema, { kind: 'BRANCH_ACTIVITY' });
    const bad: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ speaker: null }, { code: 'BAD_USER_INPUT', field: 'input.speaker', rule: 'required' }],
      [{ participants: ['777777'] }, { code: 'NOT_FOUND', field: 'input.participants.0.member' }],
      [
        { participants: [String(outsider.id), String(outsider.id)] },
        { code: 'BAD_USER_INPUT', rule: 'duplicate' },
      ],
      [{ heldOn: '2026-10-01' }, { code: 'BAD_USER_INPUT', field: 'input.heldOn', rule: 'order' }],
    ];
    for (const [input, error] of bad)
      expect(
        (await org.execute(record, { input: { ...base, ...input } }, cityStaff)).errors?.[0]
          .extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await systemEm(org.orm).count(AttendanceSchema, { kind: 'BRANCH_ACTIVITY' })).toBe(
      before,
    );

    const done = await org.execute(record, { input: base }, cityStaff);
    expect(done.data!.recordBranchActivity).toMatchObject({ participantCount: 1 });
    const id = done.data!.recordBranchActivity.id;
    const events = await outbox(org.orm, { type: 'branch_activity.attended' });
    expect(
      events.filter((e) => e.payload.activityId === id).map((e) => e.payload.memberId),
    ).toEqual([String(outsider.id)]);
    expect(events.length).toBe(branchActivityParticipants().length + 1);
  });

  it('runs a study session planned → held → archived, with attendance in the archive and refusals off the table', async () => {
    const plan = await org.execute<{ planStudySession: { id: string } }>(
      `mutation { planStudySession(input: { district: "${CITY}", kind: MONTHLY, topic: "学习全会精神", plannedOn: "2026-12-15", materials: ["全会公报"], speakers: ["党组书记"] }) { id status } }`,
      {},
      cityStaff,
    );
    const id = plan.data!.planStudySession.id;
    const archiveEarly = await org.execute(
      `mutation { archiveStudySession(input: { id: "${id}", minutes: "纪要" }) { status } }`,
      {},
      cityStaff,
    );
    expect(archiveEarly.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    const chair = city.find((m) => isCpc(m))!;
    const hold = `mutation($input: HoldStudySessionInput!) { holdStudySession(input: $input) { status heldOn attendanceSummary { present onLeave } } }`;
    const denied = await org.execute(
      hold,
      { input: { id, heldOn: '2026-12-15', attendance: [] } },
      testCaller(['staff'], '341002'),
    );
    expect(denied.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const held = await org.execute(
      hold,
      {
        input: {
          id,
          heldOn: '2026-12-15',
          attendance: [
            { member: String(chair.id), attendance: 'PRESENT' },
            { member: String(outsider.id), attendance: 'ON_LEAVE' },
          ],
        },
      },
      cityStaff,
    );
    expect(held.data!.holdStudySession).toEqual({
      status: 'HELD',
      heldOn: '2026-12-15',
      attendanceSummary: { present: 1, onLeave: 1 },
    });
    const blank = await org.execute(
      `mutation { archiveStudySession(input: { id: "${id}", minutes: "  " }) { status } }`,
      {},
      cityStaff,
    );
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const archived = await org.execute(
      `mutation { archiveStudySession(input: { id: "${id}", minutes: "传达学习全会精神，交流发言3人。" }) { status minutes availableActions } }`,
      {},
      cityStaff,
    );
    expect(archived.data!.archiveStudySession).toEqual({
      status: 'ARCHIVED',
      minutes: '传达学习全会精神，交流发言3人。',
      availableActions: [],
    });
    const events = await outbox(org.orm, { type: 'study_session.attended' });
    expect(events.length).toBe(studySessionAttendance().length + 2);
    expect(
      events
        .filter((e) => e.payload.sessionId === id)
        .map((e) => [e.payload.memberId, e.payload.attendance])
        .sort(),
    ).toEqual(
      [
        [String(chair.id), 'PRESENT'],
        [String(outsider.id), 'ON_LEAVE'],
      ].sort(),
    );
    const trail = await systemEm(org.orm).find(
      AuditEntrySchema,
      { entity: 'study_session', entityId: id },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => a.toState)).toEqual(['PLANNED', 'HELD', 'ARCHIVED']);
    const dec = await figures(CITY, '2026-12-01', '2026-12-31');
    expect(dec.studySessions.months).toEqual([{ month: '2026-12', monthly: 1, special: 0 }]);
  });

  it('changes a branch secretary as a dated, audited step', async () => {
    const branch = partyBranches.find((b) => b.district === CITY && b.id !== 1)!;
    const [first, second] = branchPlacements().filter((p) => p.branchId === branch.id);
    const secretary = `mutation($input: SetBranchSecretaryInput!) { setBranchSecretary(input: $input) { secretary { id } secretarySince } }`;
    const auditRows = await systemEm(org.orm).count(AuditEntrySchema, {});
    const bad: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { member: String(first.memberId), on: '2026-06-01' },
        { code: 'BAD_USER_INPUT', field: 'input.member', rule: 'unchanged' },
      ],
      [
        { member: String(second.memberId), on: '2026-01-01' },
        { code: 'BAD_USER_INPUT', field: 'input.on', rule: 'order' },
      ],
      [{ member: String(second.memberId), on: '2026-13-01' }, { code: 'BAD_USER_INPUT' }],
    ];
    for (const [input, error] of bad)
      expect(
        (
          await org.execute(
            secretary,
            { input: { branch: String(branch.id), ...input } },
            cityStaff,
          )
        ).errors?.[0].extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await systemEm(org.orm).count(AuditEntrySchema, {})).toBe(auditRows);
    expect(
      (
        await org.execute(
          secretary,
          {
            input: { branch: String(branch.id), member: String(second.memberId), on: '2026-06-01' },
          },
          testCaller(['staff'], '341002'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('CROSS_DISTRICT');
    const changed = await org.execute(
      secretary,
      {
        input: {
          branch: String(branch.id),
          member: String(second.memberId),
          on: '2026-06-01',
          note: '支部委员会选举',
        },
      },
      cityStaff,
    );
    expect(changed.data!.setBranchSecretary).toEqual({
      secretary: { id: String(second.memberId) },
      secretarySince: '2026-06-01',
    });
    const backdated = await org.execute(
      secretary,
      { input: { branch: String(branch.id), member: String(first.memberId), on: '2026-05-01' } },
      cityStaff,
    );
    expect(backdated.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.on',
      rule: 'order',
    });
    const trail = await systemEm(org.orm).find(
      AuditEntrySchema,
      { entity: 'party_branch', entityId: String(branch.id) },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => [a.action, a.fromState, a.toState, a.note])).toEqual([
      ['changeSecretary', 'ACTIVE', 'ACTIVE', '支部委员会选举'],
    ]);
  });

  it('dissolves a branch on a day: placements end, new work is refused, later figures leave it out', async () => {
    const branch = partyBranches.filter((b) => b.district === CITY).at(-1)!;
    const placed = branchPlacements()
      .filter((p) => p.branchId === branch.id)
      .map((p) => p.memberId);
    const dissolve = `mutation($input: DissolvePartyBranchInput!) { dissolvePartyBranch(input: $input) { status dissolvedOn availableActions } }`;
    const em = () => systemEm(org.orm);
    const before = {
      audit: await em().count(AuditEntrySchema, {}),
      active: await em().count(BranchPlacementSchema, { branchId: branch.id, status: 'ACTIVE' }),
    };
    const oldPeriod = await figures(CITY, '2026-01-01', '2026-10-31');
    const yearEnd = await figures(CITY, '2026-01-01', '2026-12-31');
    const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [
        { on: '2026-03-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.on', rule: 'order' },
      ],
      [
        { on: '2026-10-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.on', rule: 'order' },
      ],
      [{ id: '999' }, cityStaff, { code: 'NOT_FOUND', field: 'input.id' }],
      [{}, testCaller(['staff'], '341002'), { code: 'CROSS_DISTRICT' }],
      [{}, testCaller(['member'], CITY, String(placed[0])), { code: 'FORBIDDEN' }],
    ];
    for (const [input, caller, error] of bad)
      expect(
        (
          await org.execute(
            dissolve,
            { input: { id: String(branch.id), on: '2026-11-05', ...input } },
            caller,
          )
        ).errors?.[0].extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect({
      audit: await em().count(AuditEntrySchema, {}),
      active: await em().count(BranchPlacementSchema, { branchId: branch.id, status: 'ACTIVE' }),
    }).toEqual(before);

    const done = await org.execute(
      dissolve,
      { input: { id: String(branch.id), on: '2026-11-05', note: '委员会调整' } },
      cityStaff,
    );
    expect(done.data!.dissolvePartyBranch).toEqual({
      status: 'DISSOLVED',
      dissolvedOn: '2026-11-05',
      availableActions: [],
    });
    const ended = await em().find(
      BranchPlacementSchema,
      { branchId: branch.id },
      { orderBy: { id: 'asc' } },
    );
    expect(ended.map((p) => [p.status, p.leftOn])).toEqual(
      placed.map(() => ['ENDED', '2026-11-05']),
    );
    const trail = await em().find(
      AuditEntrySchema,
      { entity: 'party_branch', entityId: String(branch.id) },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => [a.action, a.fromState, a.toState, a.note])).toEqual([
      ['dissolve', 'ACTIVE', 'DISSOLVED', '委员会调整'],
    ]);
    expect(
      await em().count(AuditEntrySchema, {
        entity: 'branch_placement',
        action: 'end',
        note: `${branch.name}撤销`,
      }),
    ).toBe(placed.length);

    const again = await org.execute(
      dissolve,
      { input: { id: String(branch.id), on: '2026-11-06' } },
      cityStaff,
    );
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'DISSOLVED',
      action: 'dissolve',
    });
    const place = await org.execute(
      `mutation { placeInBranch(input: { branch: "${branch.id}", member: "${placed[0]}", joinedOn: "2026-11-10" }) { id } }`,
      {},
      cityStaff,
    );
    expect(place.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.branch',
      rule: 'status',
    });
    const activity = await org.execute(
      `mutation { recordBranchActivity(input: { branch: "${branch.id}", kind: STUDY, title: "理论学习研讨", heldOn: "2026-11-10", summary: "学习", participants: [] }) { id } }`,
      {},
      cityStaff,
    );
    expect(activity.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.branch',
      rule: 'status',
    });
    const secretary = await org.execute(
      `mutation { setBranchSecretary(input: { branch: "${branch.id}", member: "${placed[0]}", on: "2026-11-10" }) { id } }`,
      {},
      cityStaff,
    );
    expect(secretary.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'DISSOLVED',
      action: 'changeSecretary',
    });

    // The period before the dissolution keeps the branch; a period ending after it does not.
    expect(await figures(CITY, '2026-01-01', '2026-10-31')).toEqual(oldPeriod);
    const after = (await figures(CITY, '2026-01-01', '2026-12-31')).partyCoverage;
    expect(after.branches.map((b) => b.name)).toEqual(
      yearEnd.partyCoverage.branches.map((b) => b.name).filter((n) => n !== branch.name),
    );
    expect(after.placed).toBe(yearEnd.partyCoverage.placed - placed.length);
    expect(after.unplaced.map((u) => Number(u.id))).toEqual(expect.arrayContaining(placed));
    expect((await em().findOneOrFail(PartyBranchSchema, { id: branch.id })).status).toBe(
      'DISSOLVED',
    );
  });

  it('dissolves the branch of a committee that is dissolved, the same day', async () => {
    const branch = partyBranches.find((b) => b.district === '341002')!;
    const tunxi = testCaller(['staff'], '341002');
    const r = await org.execute(
      `mutation { dissolveCommittee(input: { id: "${branch.committeeId}", on: "2026-11-15", note: "机构改革" }) { status partyBranch { id } } }`,
      {},
      tunxi,
    );
    expect(r.data!.dissolveCommittee).toEqual({ status: 'DISSOLVED', partyBranch: null });
    const row = await systemEm(org.orm).findOneOrFail(PartyBranchSchema, { id: branch.id });
    expect([row.status, row.dissolvedOn]).toEqual(['DISSOLVED', '2026-11-15']);
    expect(
      await systemEm(org.orm).count(BranchPlacementSchema, {
        branchId: branch.id,
        status: 'ACTIVE',
      }),
    ).toBe(0);
  });

  it('refuses to dissolve a branch before the day an ended placement left it, writing nothing', async () => {
    // The first city branch: member 9101 was placed there on 2026-11-01 and left on 2026-11-20 (above).
    const branch = partyBranches.find((b) => b.district === CITY)!;
    const em = () => systemEm(org.orm);
    expect(
      (await em().findOneOrFail(BranchPlacementSchema, { branchId: branch.id, memberId: 9101 }))
        .leftOn,
    ).toBe('2026-11-20');
    const dissolve = `mutation($input: DissolvePartyBranchInput!) { dissolvePartyBranch(input: $input) { status dissolvedOn } }`;
    const state = async () => ({
      audit: await em().count(AuditEntrySchema, {}),
      placements: (
        await em().find(BranchPlacementSchema, { branchId: branch.id }, { orderBy: { id: 'asc' } })
      ).map((p) => [p.status, p.leftOn]),
      branch: (await em().findOneOrFail(PartyBranchSchema, { id: branch.id })).status,
    });
    const before = await state();
    const early = await org.execute(
      dissolve,
      { input: { id: String(branch.id), on: '2026-11-10' } },
      cityStaff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.on',
      rule: 'order',
    });
    expect(await state()).toEqual(before);
    const ok = await org.execute(
      dissolve,
      { input: { id: String(branch.id), on: '2026-11-20' } },
      cityStaff,
    );
    expect(ok.data!.dissolvePartyBranch).toEqual({
      status: 'DISSOLVED',
      dissolvedOn: '2026-11-20',
    });
  });
});
