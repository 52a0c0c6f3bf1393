import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalRegistered } from '@cppcc/plugin-sdk';
import { databases, operation, startPluginTest, type PluginTest } from '@cppcc/plugin-sdk/testing';
import { riverChief } from './manifest.js';

/** River-chief supervision through the gateway, as a district office and its members use it. */
describe.each(databases())('river-chief supervision on $name', ({ url }) => {
  let t: PluginTest;
  const staff = (district: string) => ({ as: { roles: ['staff' as const], district } });
  const sql = async (query: string, params: unknown[] = []) =>
    t.plugin.orm.em.fork().getConnection().execute(query, params);
  beforeAll(async () => {
    t = await startPluginTest(riverChief, { databaseUrl: url, seed: true });
    await t.enable('341000');
    await t.enable('341021', { membersPerInspection: 3 });
  }, 120_000);
  afterAll(() => t?.stop());

  const plan = operation<{ planRiverChiefInspection: { id: string } }>(
    'mutation ($river: ID!, $on: Date!, $members: [ID!]!) { planRiverChiefInspection(river: $river, plannedOn: $on, members: $members) { id status memberIds } }',
  );
  const report =
    'mutation ($id: ID!, $findings: String, $proposal: ID) { reportRiverChiefInspection(id: $id, findings: $findings, proposal: $proposal) { status findings proposalId } }';

  it("plans, holds and reports an inspection: findings public, a filed proposal linked, each member's archive told, one audit row a step", async () => {
    const river = (
      await t.post<{ addRiverChiefRiver: { id: string; lengthKm: number } }>(
        'mutation { addRiverChiefRiver(district: "341021", name: "丰乐河上游", chief: "镇级河长", lengthKm: 12.5) { id lengthKm } }',
        {},
        staff('341021'),
      )
    ).data!.addRiverChiefRiver;
    expect(river.lengthKm).toBe(12.5);
    const members = t.demoMemberIds('341021').slice(0, 2);
    const planned = (
      await t.post(plan, { river: river.id, on: '2026-05-20', members }, staff('341021'))
    ).data!.planRiverChiefInspection;
    expect(planned).toMatchObject({ status: 'PLANNED', memberIds: members });
    // Not held yet: no report.
    expect(
      (await t.post(report, { id: planned.id, findings: 'x' }, staff('341021'))).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'PLANNED', action: 'report' });
    expect(
      (
        await t.post<{ holdRiverChiefInspection: { status: string } }>(
          `mutation { holdRiverChiefInspection(id: "${planned.id}") { status } }`,
          {},
          staff('341021'),
        )
      ).data!.holdRiverChiefInspection.status,
    ).toBe('HELD');

    await t.publish(
      proposalRegistered,
      {
        proposalId: '9001',
        district: '341021',
        title: '关于加强练江流域治理的提案',
        status: 'FILED',
        changedAt: new Date().toISOString(),
        version: 2,
      },
      { source: 'proposals', district: '341021' },
    );
    await t.publish(
      proposalRegistered,
      {
        proposalId: '9002',
        district: '341002',
        title: '屯溪区的提案',
        status: 'FILED',
        changedAt: new Date().toISOString(),
        version: 1,
      },
      { source: 'proposals', district: '341002' },
    );
    // Without findings (the district's setting asks for them), an unknown proposal, another district's: refused, nothing written.
    const refusals: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ findings: '  ' }, { code: 'BAD_USER_INPUT', field: 'input.findings', rule: 'required' }],
      [
        { findings: '岸线有垃圾', proposal: '404' },
        { code: 'BAD_USER_INPUT', field: 'input.proposal', rule: 'known-proposal' },
      ],
      [
        { findings: '岸线有垃圾', proposal: '9002' },
        { code: 'BAD_USER_INPUT', field: 'input.proposal', rule: 'same-district' },
      ],
    ];
    for (const [variables, extensions] of refusals)
      expect(
        (await t.post(report, { id: planned.id, ...variables }, staff('341021'))).errors?.[0]
          .extensions,
      ).toMatchObject(extensions);

    const reported = (
      await t.post(
        report,
        { id: planned.id, findings: '两处排污口待整改', proposal: '9001' },
        staff('341021'),
      )
    ).data!.reportRiverChiefInspection;
    expect(reported).toEqual({
      status: 'REPORTED',
      findings: '两处排污口待整改',
      proposalId: '9001',
    });
    const duties = await sql(`select payload from outbox_event where type = 'duty.reported'`);
    expect(
      duties
        .map(
          (d: { payload: string | object }) =>
            (typeof d.payload === 'string' ? JSON.parse(d.payload) : d.payload).memberId,
        )
        .sort(),
    ).toEqual([...members].sort());
    const audit = await sql(
      `select action from audit_entry where entity = 'river inspection' and entity_id = ? order by id`,
      [String(planned.id)],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['hold', 'report']);
    // Reported, it is public: anyone reading the district sees it.
    const seen = await t.post<{
      district: {
        riverChiefInspections: unknown[];
        riverChiefInspectionsConnection: { totalCount: number; nodes: unknown[] };
      };
    }>(
      '{ district(code: "341021") { riverChiefInspections { status findings } riverChiefInspectionsConnection(last: 5) { totalCount nodes { status findings } } } }',
      {},
      { headers: { 'x-cppcc-district': '341021' } },
    );
    expect(seen.data!.district.riverChiefInspections).toEqual([
      { status: 'REPORTED', findings: '两处排污口待整改' },
    ]);
    expect(seen.data!.district.riverChiefInspectionsConnection).toEqual({
      totalCount: 1,
      nodes: seen.data!.district.riverChiefInspections,
    });
  });

  it("refuses members who are not serving ones of the district, more than the setting allows, and another district's staff", async () => {
    const [river] = (
      await t.post<{ riverChiefRivers: { id: string; district: { code: string } }[] }>(
        '{ riverChiefRivers { id district { code } } }',
        {},
        staff('341021'),
      )
    ).data!.riverChiefRivers.filter((r) => r.district.code === '341021');
    const own = t.demoMemberIds('341021');
    const cases: [Record<string, unknown>, ReturnType<typeof staff>, Record<string, unknown>][] = [
      [
        { members: ['999999'] },
        staff('341021'),
        { code: 'BAD_USER_INPUT', field: 'input.members.0', rule: 'known-member' },
      ],
      [
        { members: own.slice(0, 4) },
        staff('341021'),
        { code: 'BAD_USER_INPUT', field: 'input.members', rule: 'max-members' },
      ],
      [
        { members: [] },
        staff('341021'),
        { code: 'BAD_USER_INPUT', field: 'input.members', rule: 'min' },
      ],
      [
        { members: own.slice(0, 1) },
        staff('341003'),
        { code: 'PLUGIN_DISABLED', plugin: 'river-chief' },
      ],
      [
        { members: t.demoMemberIds('341002').slice(0, 1) },
        staff('341021'),
        { code: 'CROSS_DISTRICT', field: 'input.members.0' },
      ],
    ];
    const before = await sql('select count(*) as n from river_chief_inspection');
    for (const [variables, as, extensions] of cases) {
      const r = await t.post(plan, { river: river.id, on: '2026-06-01', ...variables }, as);
      expect(r.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject(extensions);
    }
    expect(await sql('select count(*) as n from river_chief_inspection')).toEqual(before);
  });

  it('shows no river of a district that has the plugin off, though its rows are public', async () => {
    const rivers = (
      await t.post<{ riverChiefRivers: { district: { code: string } }[] }>(
        '{ riverChiefRivers { name district { code } } }',
        {},
        staff('341000'),
      )
    ).data!.riverChiefRivers;
    expect(rivers.map((r) => r.district.code)).toContain('341021');
    // 徽州区's 丰乐河 is in the demo data, public, but 341004 has not enabled the plugin.
    expect(rivers.map((r) => r.district.code)).not.toContain('341004');
    const refused = await t.post('{ riverChiefRivers { name } }', {}, staff('341004'));
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'river-chief',
      district: '341004',
    });
  });
});
