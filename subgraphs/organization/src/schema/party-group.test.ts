import {
  CITY,
  currentTerm,
  isCpc,
  members as demoMembers,
  partyGroupMemberships,
  partyGroups,
} from '@cppcc/demo';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import {
  databases,
  type Operation,
  operation,
  startTestModule,
  testCaller,
  type TestModule,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartyGroupMembershipSchema, PartyGroupSchema } from '../entities/party-group.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const appoint = operation<{ appointToPartyGroup: { id: string } }>(
  `mutation($input: AppointToPartyGroupInput!) { appointToPartyGroup(input: $input) { id role joinedOn status member { id } } }`,
);
interface GroupMember {
  role: string;
  member: { id: string };
}

const groupOn = operation<{ district: { partyGroup: { members: GroupMember[] } } }>(
  `query($d: ID!, $on: Date) { district(code: $d) { partyGroup { id name secretary term { ordinal } members(on: $on) { role joinedOn leftOn member { id } } } } }`,
);

describe.each(databases())('the Party Group on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  const tunxiStaff = testCaller(['staff'], '341002');
  const all = demoMembers();
  const cityGroup = partyGroups.find((g) => g.district === CITY)!;
  const tunxiGroup = partyGroups.find((g) => g.district === '341002')!;
  const inGroup = new Set(partyGroupMemberships().map((m) => m.memberId));
  const cityCpcOutside = all.filter((m) => m.district === CITY && isCpc(m) && !inGroup.has(m.id));
  const tunxiCpcOutside = all.filter(
    (m) => m.district === '341002' && isCpc(m) && !inGroup.has(m.id),
  );
  const cityNonCpc = all.find((m) => m.district === CITY && !isCpc(m))!;

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());
  const em = () => systemEm(org.orm);
  const ok = async <TData = Record<string, unknown>>(
    query: string | Operation<TData>,
    variables: Record<string, unknown>,
    caller = cityStaff,
  ) => {
    const r = await org.execute(query, variables, caller);
    expect(r.errors, query).toBeUndefined();
    return r.data!;
  };

  it('holds each demo group for its term with dated roles: who was in the group on a day', async () => {
    const before = (await ok(groupOn, { d: CITY, on: '2025-06-30' })).district.partyGroup;
    const after = (await ok(groupOn, { d: CITY, on: '2025-07-01' })).district.partyGroup;
    const rows = partyGroupMemberships().filter((m) => m.groupId === cityGroup.id);
    const left = rows.find((m) => m.leftOn)!;
    const joined = rows.find((m) => m.joinedOn === '2025-07-01')!;
    expect(before).toMatchObject({
      name: cityGroup.name,
      secretary: cityGroup.secretary,
      term: { ordinal: 10 },
    });
    expect(before.members.map((m) => m.member.id)).toContain(String(left.memberId));
    expect(before.members.map((m) => m.member.id)).not.toContain(String(joined.memberId));
    expect(after.members.map((m) => m.member.id)).toContain(String(joined.memberId));
    expect(after.members.map((m) => m.member.id)).not.toContain(String(left.memberId));
    expect(after.members.filter((m) => m.role === 'SECRETARY')).toHaveLength(1);
    expect(after.members.filter((m) => m.role === 'DEPUTY_SECRETARY')).toHaveLength(2);
    const history = (await ok(groupOn, { d: CITY, on: null })).district.partyGroup.members;
    expect(history).toHaveLength(rows.length);
  });

  it('refuses bad appointments with a clear code, writing nothing', async () => {
    const secretary = partyGroupMemberships().find(
      (m) => m.groupId === cityGroup.id && m.role === 'SECRETARY',
    )!;
    const base = {
      group: String(cityGroup.id),
      member: String(cityCpcOutside[1].id),
      role: 'MEMBER',
      joinedOn: '2026-03-01',
    };
    const before = [
      await em().count(PartyGroupMembershipSchema, {}),
      await em().count(AuditEntrySchema, {}),
    ];
    const cases: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [{ member: '777777' }, cityStaff, { code: 'NOT_FOUND', field: 'input.member' }],
      [{ group: '999' }, cityStaff, { code: 'NOT_FOUND', field: 'input.group' }],
      [
        { member: String(tunxiCpcOutside[0].id) },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.member', rule: 'district' },
      ],
      [
        { member: String(cityNonCpc.id) },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.member', rule: 'cpc' },
      ],
      [
        { joinedOn: '2021-01-01' },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.joinedOn', rule: 'range' },
      ],
      [{ joinedOn: '2026-02-30' }, cityStaff, { code: 'BAD_USER_INPUT' }],
      [
        { member: String(secretary.memberId) },
        cityStaff,
        { code: 'CONFLICT', field: 'input.member' },
      ],
      [{ role: 'SECRETARY' }, cityStaff, { code: 'CONFLICT', field: 'input.role' }],
      [{}, tunxiStaff, { code: 'CROSS_DISTRICT', field: 'input.group' }],
      [{}, testCaller(['staff'], '341021'), { code: 'CROSS_DISTRICT' }],
      [{}, testCaller(['member'], CITY, String(cityCpcOutside[1].id)), { code: 'FORBIDDEN' }],
      [{}, testCaller([], null), { code: 'UNAUTHENTICATED' }],
    ];
    for (const [input, caller, error] of cases) {
      const r = await org.execute(appoint, { input: { ...base, ...input } }, caller);
      expect(r.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(error);
    }
    expect([
      await em().count(PartyGroupMembershipSchema, {}),
      await em().count(AuditEntrySchema, {}),
    ]).toEqual(before);
  });

  it('appoints, changes a role and ends it as dated, audited steps; city staff edit the districts below', async () => {
    const newcomer = cityCpcOutside[0];
    const added = (
      await ok(appoint, {
        input: {
          group: String(cityGroup.id),
          member: String(newcomer.id),
          role: 'MEMBER',
          joinedOn: '2026-03-01',
          note: '党组会议决定',
        },
      })
    ).appointToPartyGroup;
    expect(added).toMatchObject({
      role: 'MEMBER',
      joinedOn: '2026-03-01',
      status: 'ACTIVE',
      member: { id: String(newcomer.id) },
    });
    const twice = await org.execute(
      appoint,
      {
        input: {
          group: String(cityGroup.id),
          member: String(newcomer.id),
          role: 'DEPUTY_SECRETARY',
          joinedOn: '2026-04-01',
        },
      },
      cityStaff,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.member' });

    const change = operation<{ changePartyGroupRole: { id: string } }>(
      `mutation($input: ChangePartyGroupRoleInput!) { changePartyGroupRole(input: $input) { id role joinedOn } }`,
    );
    const early = await org.execute(
      change,
      { input: { id: added.id, role: 'DEPUTY_SECRETARY', on: '2026-02-01' } },
      cityStaff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.on',
      rule: 'order',
    });
    const same = await org.execute(
      change,
      { input: { id: added.id, role: 'MEMBER', on: '2026-06-01' } },
      cityStaff,
    );
    expect(same.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.role',
      rule: 'unchanged',
    });
    // The group has a secretary: making this member secretary is refused before the old row is ended.
    const written = async () => ({
      audit: await systemEm(org.orm).count(AuditEntrySchema, {}),
      row: await systemEm(org.orm)
        .findOneOrFail(PartyGroupMembershipSchema, { id: Number(added.id) })
        .then((r) => [r.status, r.leftOn]),
    });
    const beforeSecretary = await written();
    const secretary = await org.execute(
      change,
      { input: { id: added.id, role: 'SECRETARY', on: '2026-06-01' } },
      cityStaff,
    );
    expect(secretary.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.role',
    });
    expect(await written()).toEqual(beforeSecretary);
    const promoted = (
      await ok(change, { input: { id: added.id, role: 'DEPUTY_SECRETARY', on: '2026-06-01' } })
    ).changePartyGroupRole;
    expect(promoted).toMatchObject({ role: 'DEPUTY_SECRETARY', joinedOn: '2026-06-01' });
    const may = (await ok(groupOn, { d: CITY, on: '2026-05-31' })).district.partyGroup.members.find(
      (m) => m.member.id === String(newcomer.id),
    );
    const june = (
      await ok(groupOn, { d: CITY, on: '2026-06-01' })
    ).district.partyGroup.members.find((m) => m.member.id === String(newcomer.id));
    expect([may!.role, june!.role]).toEqual(['MEMBER', 'DEPUTY_SECRETARY']);

    const end = operation<{ endPartyGroupMembership: unknown }>(
      `mutation($input: EndPartyGroupMembershipInput!) { endPartyGroupMembership(input: $input) { status leftOn availableActions } }`,
    );
    const backwards = await org.execute(
      end,
      { input: { id: promoted.id, leftOn: '2026-05-01' } },
      cityStaff,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.leftOn',
      rule: 'order',
    });
    expect(
      (await ok(end, { input: { id: promoted.id, leftOn: '2026-10-01', note: '工作调动' } }))
        .endPartyGroupMembership,
    ).toEqual({ status: 'ENDED', leftOn: '2026-10-01', availableActions: [] });
    const again = await org.execute(
      end,
      { input: { id: promoted.id, leftOn: '2026-10-02' } },
      cityStaff,
    );
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'ENDED',
      action: 'end',
    });

    const trail = async (entityId: string) =>
      (
        await em().find(
          AuditEntrySchema,
          { entity: 'party_group_membership', entityId },
          { orderBy: { id: 'asc' } },
        )
      ).map((a) => [a.action, a.fromState, a.toState]);
    expect(await trail(added.id)).toEqual([
      ['appoint', null, 'ACTIVE'],
      ['end', 'ACTIVE', 'ENDED'],
    ]);
    expect(await trail(promoted.id)).toEqual([
      ['appoint', null, 'ACTIVE'],
      ['end', 'ACTIVE', 'ENDED'],
    ]);

    // City staff edit the group of a district below; that district's staff the city's not at all.
    const below = await org.execute(
      appoint,
      {
        input: {
          group: String(tunxiGroup.id),
          member: String(tunxiCpcOutside[0].id),
          role: 'MEMBER',
          joinedOn: '2026-03-01',
        },
      },
      cityStaff,
    );
    expect(below.errors).toBeUndefined();
  });

  it('forms the group of a new term with its secretary, once per term, and renames it', async () => {
    const term = currentTerm('341021');
    const form = operation<{ formPartyGroup: { id: string } }>(
      `mutation($input: FormPartyGroupInput!) { formPartyGroup(input: $input) { id name secretary term { ordinal } members { role member { id } } } }`,
    );
    const shexian = all.filter((m) => m.district === '341021' && isCpc(m));
    const existing = await org.execute(
      form,
      {
        input: {
          term: String(term.id),
          name: '中共歙县政协党组',
          secretary: String(shexian[0].id),
          formedOn: '2026-01-01',
        },
      },
      cityStaff,
    );
    expect(existing.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.term',
    });
    const staff = testCaller(['staff'], '341021');
    await ok(
      `mutation { closeTerm(input: { id: "${term.id}", endsOn: "2026-12-10" }) { endsOn } }`,
      {},
      staff,
    );
    const next = (
      await ok<{ openTerm: { id: string } }>(
        `mutation { openTerm(input: { district: "341021", ordinal: 11, name: "歙县政协第十一届委员会", startsOn: "2026-12-11" }) { id } }`,
        {},
        staff,
      )
    ).openTerm.id;
    const groups = await em().count(PartyGroupSchema, {});
    const bad: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { formedOn: '2026-12-01' },
        { code: 'BAD_USER_INPUT', field: 'input.formedOn', rule: 'range' },
      ],
      [
        { secretary: String(all.find((m) => m.district === '341021' && !isCpc(m))!.id) },
        { code: 'BAD_USER_INPUT', field: 'input.secretary', rule: 'cpc' },
      ],
      [{ secretary: '777777' }, { code: 'NOT_FOUND', field: 'input.secretary' }],
      [{ term: '99999' }, { code: 'NOT_FOUND', field: 'input.term' }],
      [{ name: ' ' }, { code: 'BAD_USER_INPUT' }],
    ];
    const input = {
      term: next,
      name: '中共歙县政协第十一届党组',
      secretary: String(shexian[0].id),
      formedOn: '2026-12-11',
    };
    for (const [change, error] of bad)
      expect(
        (await org.execute(form, { input: { ...input, ...change } }, staff)).errors?.[0].extensions,
        JSON.stringify(change),
      ).toMatchObject(error);
    expect((await org.execute(form, { input }, tunxiStaff)).errors?.[0].extensions).toMatchObject({
      code: 'CROSS_DISTRICT',
      field: 'input.term',
    });
    expect(await em().count(PartyGroupSchema, {})).toBe(groups);

    const formed = (await ok(form, { input }, staff)).formPartyGroup;
    expect(formed).toMatchObject({
      name: input.name,
      secretary: shexian[0].name,
      term: { ordinal: 11 },
      members: [{ role: 'SECRETARY', member: { id: String(shexian[0].id) } }],
    });
    const latest = (
      await ok(
        `{ district(code: "341021") { partyGroup { id } partyGroups { term { ordinal } } } }`,
        {},
      )
    ).district;
    expect(latest).toEqual({
      partyGroup: { id: formed.id },
      partyGroups: [{ term: { ordinal: 11 } }, { term: { ordinal: 10 } }],
    });
    const renamed = await ok(
      `mutation { renamePartyGroup(input: { id: "${formed.id}", name: "中共歙县政协党组" }) { name } }`,
      {},
      staff,
    );
    expect(renamed.renamePartyGroup).toEqual({ name: '中共歙县政协党组' });
    const audit = await em().find(
      AuditEntrySchema,
      { entity: 'party_group', entityId: formed.id },
      { orderBy: { id: 'asc' } },
    );
    expect(audit.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ['form', null, 'ACTIVE'],
      ['rename', 'ACTIVE', 'ACTIVE'],
    ]);

    // Study sessions planned in the new term go to the new group.
    const plan = await ok<{ planStudySession: { id: string } }>(
      `mutation { planStudySession(input: { district: "341021", kind: MONTHLY, topic: "学习全会精神", plannedOn: "2026-12-20", materials: ["公报"] }) { id } }`,
      {},
      staff,
    );
    const sessions = (
      await ok<{ district: { partyGroup: { studySessions: unknown[] } } }>(
        `{ district(code: "341021") { partyGroup { studySessions { id } } } }`,
        {},
      )
    ).district.partyGroup.studySessions;
    expect(sessions).toEqual([{ id: plan.planStudySession.id }]);
  });
});
