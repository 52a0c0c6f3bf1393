import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginTest } from '@cppcc/plugin-sdk/testing';
import { operation, testCaller } from '@cppcc/testing';
import { interCityMechanism, interCityMeetings } from '@cppcc/demo';
import { interCityExchange } from './manifest.js';
import { as, count, setups, start } from './test-support.js';

/** What the demo's mechanism query selects of the city, as the test reads it. */
interface DemoDistrict {
  cooperationMechanisms: {
    name: string;
    agreement: unknown;
    committees: { name: string }[];
    nextMeeting: unknown;
    meetings: { session: number; host: { name: string }; heldOn: string | null; status: string }[];
    jointActivities: { kind: string; researchProjectId: string | null }[];
  }[];
  exchangeVisits: { status: string }[];
}

describe('inter-city-exchange settings', () => {
  it('fills every setting with its default', () => {
    expect(interCityExchange.defaults).toEqual({
      enforceRotation: true,
      visitReportDeadlineDays: 15,
      shownPartnerCities: [],
    });
  });

  it('refuses bad settings naming the setting', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ visitReportDeadlineDays: 0 }, 'visitReportDeadlineDays'],
      [{ visitReportDeadlineDays: 91 }, 'visitReportDeadlineDays'],
      [{ visitReportDeadlineDays: 2.5 }, 'visitReportDeadlineDays'],
      [{ enforceRotation: 'yes' }, 'enforceRotation'],
      [{ shownPartnerCities: [''] }, 'shownPartnerCities.0'],
      [{ shownPartnerCities: '杭州市' }, 'shownPartnerCities'],
    ];
    for (const [input, path] of cases) {
      const r = interCityExchange.parseSettings(input);
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(r.issues[0].path).toBe(path);
    }
  });
});

describe.each(setups())('inter-city-exchange demo and switches on $name', (setup) => {
  let t: PluginTest;
  beforeAll(async () => {
    t = await start(setup, true);
    for (const d of interCityExchange.manifest.demo!.enabledIn) await t.enable(d);
    for (const d of interCityExchange.manifest.demo!.disabledIn!) await t.disable(d);
  }, 180_000);
  afterAll(() => t?.stop());

  const mechanismQuery = operation<{
    district: DemoDistrict;
  }>(`{ district(code: "341000") { cooperationMechanisms { name agreement { title signedOn } committees { name } nextMeeting { session host { name } }
    meetings { session host { name } heldOn status resolutions { status } } jointActivities { kind researchProjectId } } exchangeVisits { status } } }`);

  it('loads the report’s 三市一区 mechanism: two sessions hosted in turn, the city next', async () => {
    const r = await t.post(mechanismQuery, {}, as(['staff'], '341000'));
    expect(r.errors).toBeUndefined();
    const [m] = r.data!.district.cooperationMechanisms;
    expect(m.name).toBe('长三角“三市一区”政协交流合作机制');
    expect(m.agreement).toEqual({
      title: '长三角“三市一区”政协合作交流备忘录',
      signedOn: interCityMechanism.agreementSignedOn,
    });
    expect(m.committees.map((c) => c.name)).toEqual([
      '上海市普陀区政协',
      '台州市政协',
      '黄山市政协',
      '盐城市政协',
    ]);
    expect(m.meetings.map((x) => [x.session, x.host.name, x.heldOn])).toEqual([
      [1, '上海市普陀区政协', interCityMeetings()[0].heldOn],
      [2, '台州市政协', interCityMeetings()[1].heldOn],
    ]);
    expect(m.nextMeeting).toEqual({ session: 3, host: { name: '黄山市政协' } });
    // The joint research is the joint side of consultation's demo 融杭接沪 research project (its third).
    expect(m.jointActivities.map((a) => [a.kind, a.researchProjectId])).toEqual([
      ['JOINT_RESEARCH', '3'],
      ['JOINT_SUPERVISION', null],
    ]);
    expect(r.data!.district.exchangeVisits.map((v) => v.status)).toEqual([
      'REPORTED',
      'REPORTED',
      'PLANNED',
    ]);
    // Each delegate of a held demo visit has its duty event waiting in the outbox.
    expect(await count(t, `select count(*) from outbox_event where type = 'duty.reported'`)).toBe(
      4 + 2 + 2,
    );
  });

  it('refuses a district that has not enabled it, at the gateway and in the plugin itself', async () => {
    const viaGateway = await t.post(
      `{ cooperationMechanisms { totalCount } }`,
      {},
      as(['staff'], '341024'),
    );
    expect(viaGateway.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'inter-city-exchange',
    });
    const direct = await t.execute(
      `{ cooperationMechanisms { totalCount } }`,
      {},
      testCaller(['staff'], '341024'),
    );
    expect(direct.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'inter-city-exchange',
    });
    const write = await t.execute(
      `mutation { registerPartnerCommittee(input: { district: "341024", name: "歙县", city: "x", province: "y" }) { id } }`,
      {},
      testCaller(['staff'], '341024'),
    );
    expect(write.errors?.[0].extensions?.code).toBe('PLUGIN_DISABLED');
    expect(await count(t, `select count(*) from intercity_partner where district = '341024'`)).toBe(
      0,
    );
  });

  it('lists only the partner cities a district chose to show', async () => {
    const all = await t.post<{ partnerCommittees: { nodes: { city: string }[] } }>(
      `{ partnerCommittees { nodes { city } } }`,
      {},
      as(['staff'], '341002'),
    );
    expect(all.data!.partnerCommittees.nodes.map((p) => p.city)).toEqual([
      '上海市',
      '盐城市',
      '台州市',
      '杭州市',
    ]);
    await t.enable('341002', { shownPartnerCities: ['杭州市', '上海市'] });
    const some = await t.post<{ partnerCommittees: { nodes: { city: string }[] } }>(
      `{ partnerCommittees { nodes { city } } }`,
      {},
      as(['staff'], '341002'),
    );
    expect(some.data!.partnerCommittees.nodes.map((p) => p.city)).toEqual(['上海市', '杭州市']);
  });
});
