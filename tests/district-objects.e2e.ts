import { CITY, members } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/**
 * A record's `district` is the District (docs/architecture.md, Districts): asked through the
 * gateway on every type whose `district` was a bare code, it answers the organization's
 * district, and the deprecated `districtCode` still answers the same code for one release.
 */

const SHEXIAN = '341021'; // 歙县: eco-compensation and river-chief are on there in the demo.
const D = 'district { code name } districtCode';

interface Placed {
  district: { code: string; name: string } | null;
  districtCode: string;
}

describe.each(databases())('District objects through the gateway on $name', ({ url }) => {
  let stack: Stack;
  let names: Map<string, string>;
  let city: string;
  let shexian: string;
  const ask = async <T>(query: string, token: string, variables?: Record<string, unknown>) => {
    const { body } = await stack.post<T>({ query, variables }, { token });
    expect(body.errors).toBeUndefined();
    return body.data!;
  };

  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url });
    city = await stack.token({ roles: ['staff'], district: CITY });
    shexian = await stack.token({ roles: ['staff'], district: SHEXIAN });
    const { districts } = await ask<{ districts: { code: string; name: string }[] }>(
      '{ districts { code name } }',
      city,
    );
    names = new Map(districts.map((d) => [d.code, d.name]));
    // Every module seeds the demo on start; on a busy machine that takes longer than a hook's default.
  }, 300_000);
  afterAll(() => stack?.stop());

  /** Each record's district is the organization's, with the code the deprecated field keeps. */
  function expectDistricts(type: string, placed: Placed[]) {
    expect(placed.length, `${type}: the demo has none to ask`).toBeGreaterThan(0);
    for (const p of placed) {
      expect(p.district, type).toEqual({
        code: p.districtCode,
        name: names.get(p.districtCode),
      });
    }
  }

  it('answers district { code name } on the organization’s records', async () => {
    const data = await ask<{
      bodyMeetings: { nodes: Placed[] };
      studySessions: { nodes: Placed[] };
      relayedDecisions: { nodes: Placed[] };
      leadership: Placed[];
      organizationStatistics: Placed;
    }>(
      `{
        bodyMeetings(first: 5) { nodes { ${D} } }
        studySessions(first: 5) { nodes { ${D} } }
        relayedDecisions(first: 5) { nodes { ${D} } }
        leadership(district: "${CITY}") { ${D} }
        organizationStatistics(district: "${CITY}", from: "2026-01-01", to: "2026-12-31") { ${D} }
      }`,
      city,
    );
    expectDistricts('BodyMeeting', data.bodyMeetings.nodes);
    expectDistricts('StudySession', data.studySessions.nodes);
    expectDistricts('RelayedDecision', data.relayedDecisions.nodes);
    expectDistricts('LeadershipPost', data.leadership);
    expectDistricts('OrganizationStatistics', [data.organizationStatistics]);
    expect(data.organizationStatistics.district?.code).toBe(CITY);
  });

  it('answers district { code name } on eco-compensation’s records, resolved by the organization', async () => {
    const data = await ask<{
      compensationRounds: { nodes: (Placed & { section: Placed })[] };
      monitoringSections: { nodes: (Placed & { id: string })[] };
    }>(
      `{
        compensationRounds(first: 5) { nodes { ${D} section { ${D} } } }
        monitoringSections(first: 5) { nodes { id ${D} } }
      }`,
      shexian,
    );
    expectDistricts('CompensationRound', data.compensationRounds.nodes);
    expectDistricts(
      'MonitoringSection',
      data.compensationRounds.nodes.map((r) => r.section).concat(data.monitoringSections.nodes),
    );
    const samples = await ask<{ waterQualitySamples: { nodes: Placed[] } }>(
      `query($s: ID!) { waterQualitySamples(sectionId: $s, first: 5) { nodes { ${D} } } }`,
      shexian,
      { s: data.monitoringSections.nodes[0].id },
    );
    expectDistricts('WaterQualitySample', samples.waterQualitySamples.nodes);
  });

  it('answers district { code name } on river-chief’s rivers and inspections', async () => {
    const { riverChiefRivers } = await ask<{ riverChiefRivers: (Placed & { id: string })[] }>(
      `{ riverChiefRivers { id ${D} } }`,
      shexian,
    );
    expectDistricts('RiverChiefRiver', riverChiefRivers);
    const river = riverChiefRivers.find((r) => r.districtCode === SHEXIAN)!;
    const going = members()
      .filter((m) => m.district === SHEXIAN)
      .slice(0, 2)
      .map((m) => String(m.id));
    const { planRiverChiefInspection } = await ask<{ planRiverChiefInspection: Placed }>(
      `mutation($r: ID!, $m: [ID!]!) { planRiverChiefInspection(river: $r, plannedOn: "2026-05-20", members: $m) { ${D} } }`,
      shexian,
      { r: river.id, m: going },
    );
    expectDistricts('RiverChiefInspection', [planRiverChiefInspection]);
    expect(planRiverChiefInspection.district?.code).toBe(SHEXIAN);
  });
});
