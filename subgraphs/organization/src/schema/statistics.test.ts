import { CITY, districts, isCpc, members as demoMembers } from '@cppcc/demo';
import { databases, startTestModule, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const FIGURES = `district scope districts
  committeeCoverage { activeMembers assigned share unassigned { id } }
  committeesChanged { created functionsAdjusted merged dissolved }
  bodyMeetingsHeld { body count }
  studySessions { held missedMonths months { month monthly special } }
  partyCoverage { partyMembers placed partyMemberCoverage members reached workCoverage branches { id } unplaced { id } }
  outreach { policyDocuments reviews openLetters notices initiativeLetters secondments }`;
const query = `query($d: ID!, $scope: StatisticsScope, $from: String!, $to: String!) {
  organizationStatistics(district: $d, scope: $scope, from: $from, to: $to) { ${FIGURES} byDistrict { ${FIGURES} } } }`;

const sum = (rows: any[], pick: (r: any) => number) => rows.reduce((n, r) => n + pick(r), 0);

describe.each(databases())('statistics of a district and the districts below on $name', ({ url }) => {
  let org: TestModule;
  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());
  const figures = async (d: string, scope: string | null, from = '2026-01-01', to = '2026-10-31') => {
    const r = await org.execute(query, { d, scope, from, to });
    expect(r.errors).toBeUndefined();
    return r.data!.organizationStatistics as any;
  };

  it('counts the named district alone by default', async () => {
    const alone = await figures(CITY, null);
    expect(alone.scope).toBe('DISTRICT_ONLY');
    expect(alone.districts).toEqual([CITY]);
    expect(alone.byDistrict).toHaveLength(1);
    const { byDistrict, ...own } = alone;
    const { byDistrict: _nested, ...first } = byDistrict[0];
    expect(first).toEqual(own);
    expect(alone.committeeCoverage.activeMembers).toBe(demoMembers().filter((m) => m.district === CITY).length);
  });

  it('adds the districts below on request, and the sums agree with the per-district figures', async () => {
    const all = await figures(CITY, 'WITH_DISTRICTS_BELOW');
    expect(all.districts).toEqual(districts.map((d) => d.code).sort());
    const parts = all.byDistrict;
    expect(parts.map((p: any) => p.district)).toEqual(all.districts);
    expect(parts.every((p: any) => p.scope === 'DISTRICT_ONLY' && p.districts.length === 1)).toBe(true);

    expect(all.committeeCoverage.activeMembers).toBe(demoMembers().length);
    expect(all.committeeCoverage.activeMembers).toBe(sum(parts, (p) => p.committeeCoverage.activeMembers));
    expect(all.committeeCoverage.assigned).toBe(sum(parts, (p) => p.committeeCoverage.assigned));
    expect(all.committeeCoverage.share).toBeCloseTo(all.committeeCoverage.assigned / all.committeeCoverage.activeMembers);
    for (const key of ['created', 'functionsAdjusted', 'merged', 'dissolved']) expect(all.committeesChanged[key], key).toBe(sum(parts, (p) => p.committeesChanged[key]));
    for (const [i, row] of all.bodyMeetingsHeld.entries()) expect(row.count, row.body).toBe(sum(parts, (p) => p.bodyMeetingsHeld[i].count));
    expect(all.studySessions.held).toBe(sum(parts, (p) => p.studySessions.held));
    for (const [i, month] of all.studySessions.months.entries()) expect(month.monthly, month.month).toBe(sum(parts, (p) => p.studySessions.months[i].monthly));
    expect(all.studySessions.missedMonths).toEqual([...new Set(parts.flatMap((p: any) => p.studySessions.missedMonths))].sort());
    for (const key of ['partyMembers', 'placed', 'members', 'reached']) expect(all.partyCoverage[key], key).toBe(sum(parts, (p) => p.partyCoverage[key]));
    expect(all.partyCoverage.partyMembers).toBe(demoMembers().filter(isCpc).length);
    expect(all.partyCoverage.partyMemberCoverage).toBeCloseTo(all.partyCoverage.placed / all.partyCoverage.partyMembers);
    expect(all.partyCoverage.workCoverage).toBeCloseTo(all.partyCoverage.reached / all.partyCoverage.members);
    expect(all.partyCoverage.branches.length).toBe(sum(parts, (p) => p.partyCoverage.branches.length));
    expect(all.partyCoverage.branches.length).toBeGreaterThan(parts[0].partyCoverage.branches.length);
    for (const key of ['policyDocuments', 'reviews', 'openLetters', 'notices', 'initiativeLetters', 'secondments']) expect(all.outreach[key], key).toBe(sum(parts, (p) => p.outreach[key]));
  });

  it('counts a district without districts below as itself, and refuses unknown districts and reversed periods', async () => {
    const tunxi = await figures('341002', 'WITH_DISTRICTS_BELOW');
    expect(tunxi.districts).toEqual(['341002']);
    expect(tunxi.studySessions.missedMonths).toEqual(['2026-08']);
    const unknown = await org.execute(query, { d: '999999', scope: 'WITH_DISTRICTS_BELOW', from: '2026-01-01', to: '2026-12-31' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_DISTRICT', field: 'district' });
    const reversed = await org.execute(query, { d: CITY, scope: 'WITH_DISTRICTS_BELOW', from: '2026-12-31', to: '2026-01-01' });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', rule: 'order' });
    const badScope = await org.execute(query, { d: CITY, scope: 'EVERYWHERE', from: '2026-01-01', to: '2026-12-31' });
    expect(badScope.errors?.length).toBeGreaterThan(0);
  });
});
