import {
  bodyMeetings,
  CITY,
  demoStudySessions,
  districts,
  isCpc,
  members as demoMembers,
  terms,
} from '@cppcc/demo';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from '../module.js';
import type { CommitteeChangeCounts, OutreachCounts, StudyCadence } from '../statistics.js';
import { publishMembers, type ServedPartyCoverage } from '../test-support.js';

/** The figures of one district (or of it and those below), as the schema serves them. */
interface Figures {
  district: { code: string; name: string };
  districtCode: string;
  scope: string;
  districts: string[];
  committeeCoverage: {
    activeMembers: number;
    assigned: number;
    share: number | null;
    unassigned: { id: string }[];
  };
  committeesChanged: CommitteeChangeCounts;
  bodyMeetingsHeld: { body: string; count: number }[];
  studySessions: StudyCadence;
  partyCoverage: ServedPartyCoverage<{ id: string }>;
  outreach: Pick<
    OutreachCounts,
    'policyDocuments' | 'reviews' | 'openLetters' | 'notices' | 'initiativeLetters' | 'secondments'
  >;
  byDistrict: Figures[];
}

const FIGURES = `district { code name } districtCode scope districts
  committeeCoverage { activeMembers assigned share unassigned { id } }
  committeesChanged { created functionsAdjusted merged dissolved }
  bodyMeetingsHeld { body count }
  studySessions { held missedMonths months { month monthly special } }
  partyCoverage { partyMembers placed partyMemberCoverage members reached workCoverage branches { id } unplaced { id } }
  outreach { policyDocuments reviews openLetters notices initiativeLetters secondments }`;
const query = operation<{
  organizationStatistics: Figures;
}>(`query($d: ID!, $scope: StatisticsScope, $from: Date!, $to: Date!) {
  organizationStatistics(district: $d, scope: $scope, from: $from, to: $to) { ${FIGURES} byDistrict { ${FIGURES} } } }`);

const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);

describe.each(databases())(
  'statistics of a district and the districts below on $name',
  ({ url }) => {
    let org: TestModule;
    beforeAll(async () => {
      org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
      await publishMembers(org.transport);
    });
    afterAll(() => org?.stop());
    const figures = async (
      d: string,
      scope: string | null,
      from = '2026-01-01',
      to = '2026-10-31',
    ) => {
      const r = await org.execute(query, { d, scope, from, to });
      expect(r.errors).toBeUndefined();
      return r.data!.organizationStatistics;
    };

    it('counts the named district alone by default', async () => {
      const alone = await figures(CITY, null);
      expect(alone.scope).toBe('DISTRICT_ONLY');
      expect(alone.districts).toEqual([CITY]);
      expect(alone.byDistrict).toHaveLength(1);
      const { byDistrict, ...own } = alone;
      const { byDistrict: _nested, ...first } = byDistrict[0];
      expect(first).toEqual(own);
      expect(alone.committeeCoverage.activeMembers).toBe(
        demoMembers().filter((m) => m.district === CITY).length,
      );
    });

    it('adds the districts below on request, and the sums agree with the per-district figures', async () => {
      const all = await figures(CITY, 'WITH_DISTRICTS_BELOW');
      expect(all.districts).toEqual(districts.map((d) => d.code).sort());
      const parts = all.byDistrict;
      expect(parts.map((p) => p.district.code)).toEqual(all.districts);
      expect(parts.map((p) => p.districtCode)).toEqual(all.districts);
      expect(all.district).toEqual({ code: CITY, name: '黄山市政协' });
      expect(parts.every((p) => p.scope === 'DISTRICT_ONLY' && p.districts.length === 1)).toBe(
        true,
      );

      expect(all.committeeCoverage.activeMembers).toBe(demoMembers().length);
      expect(all.committeeCoverage.activeMembers).toBe(
        sum(parts, (p) => p.committeeCoverage.activeMembers),
      );
      expect(all.committeeCoverage.assigned).toBe(sum(parts, (p) => p.committeeCoverage.assigned));
      expect(all.committeeCoverage.share).toBeCloseTo(
        all.committeeCoverage.assigned / all.committeeCoverage.activeMembers,
      );
      for (const key of ['created', 'functionsAdjusted', 'merged', 'dissolved'] as const)
        expect(all.committeesChanged[key], key).toBe(sum(parts, (p) => p.committeesChanged[key]));
      for (const [i, row] of all.bodyMeetingsHeld.entries())
        expect(row.count, row.body).toBe(sum(parts, (p) => p.bodyMeetingsHeld[i].count));
      expect(all.studySessions.held).toBe(sum(parts, (p) => p.studySessions.held));
      for (const [i, month] of all.studySessions.months.entries())
        expect(month.monthly, month.month).toBe(
          sum(parts, (p) => p.studySessions.months[i].monthly),
        );
      expect(all.studySessions.missedMonths).toEqual(
        [...new Set(parts.flatMap((p) => p.studySessions.missedMonths))].sort(),
      );
      for (const key of ['partyMembers', 'placed', 'members', 'reached'] as const)
        expect(all.partyCoverage[key], key).toBe(sum(parts, (p) => p.partyCoverage[key]));
      expect(all.partyCoverage.partyMembers).toBe(demoMembers().filter(isCpc).length);
      expect(all.partyCoverage.partyMemberCoverage).toBeCloseTo(
        all.partyCoverage.placed / all.partyCoverage.partyMembers,
      );
      expect(all.partyCoverage.workCoverage).toBeCloseTo(
        all.partyCoverage.reached / all.partyCoverage.members,
      );
      expect(all.partyCoverage.branches.length).toBe(
        sum(parts, (p) => p.partyCoverage.branches.length),
      );
      expect(all.partyCoverage.branches.length).toBeGreaterThan(
        parts[0].partyCoverage.branches.length,
      );
      for (const key of [
        'policyDocuments',
        'reviews',
        'openLetters',
        'notices',
        'initiativeLetters',
        'secondments',
      ] as const)
        expect(all.outreach[key], key).toBe(sum(parts, (p) => p.outreach[key]));
    });

    it('counts a district without districts below as itself, and refuses unknown districts and reversed periods', async () => {
      const tunxi = await figures('341002', 'WITH_DISTRICTS_BELOW');
      expect(tunxi.districts).toEqual(['341002']);
      expect(tunxi.studySessions.missedMonths).toEqual(['2026-08']);
      const unknown = await org.execute(query, {
        d: '999999',
        scope: 'WITH_DISTRICTS_BELOW',
        from: '2026-01-01',
        to: '2026-12-31',
      });
      expect(unknown.errors?.[0].extensions).toMatchObject({
        code: 'UNKNOWN_DISTRICT',
        field: 'district',
      });
      const reversed = await org.execute(query, {
        d: CITY,
        scope: 'WITH_DISTRICTS_BELOW',
        from: '2026-12-31',
        to: '2026-01-01',
      });
      expect(reversed.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'to',
        rule: 'order',
      });
      const badScope = await org.execute(query, {
        d: CITY,
        scope: 'EVERYWHERE',
        from: '2026-01-01',
        to: '2026-12-31',
      });
      expect(badScope.errors?.length).toBeGreaterThan(0);
    });

    it("answers a year that spans two terms, and a period before the new term's members, without made-up shares", async () => {
      const ninth = terms.find((t) => t.district === CITY && t.ordinal === 9)!;
      const [from, to] = ['2021-07-01', '2022-06-30'];
      expect(from < ninth.endsOn! && ninth.endsOn! < to).toBe(true);
      const year = await figures(CITY, null, from, to);
      const months = [
        '2021-07',
        '2021-08',
        '2021-09',
        '2021-10',
        '2021-11',
        '2021-12',
        '2022-01',
        '2022-02',
        '2022-03',
        '2022-04',
        '2022-05',
        '2022-06',
      ];
      const sessions = demoStudySessions.filter(
        (x) => x.district === CITY && x.heldOn && x.heldOn >= from && x.heldOn <= to,
      );
      expect(year.studySessions.months.map((m) => m.month)).toEqual(months);
      expect(year.studySessions.held).toBe(sessions.length);
      expect(year.studySessions.missedMonths).toEqual(
        months.filter(
          (m) => !sessions.some((x) => x.kind === 'MONTHLY' && x.heldOn!.startsWith(m)),
        ),
      );
      const held = bodyMeetings.filter(
        (m) => m.district === CITY && m.status === 'HELD' && m.heldOn! >= from && m.heldOn! <= to,
      );
      expect(sum(year.bodyMeetingsHeld, (b) => b.count)).toBe(held.length);
      // Counted as the members stood on the last day: the new term's, appointed 2021-12-20.
      const city = demoMembers().filter((m) => m.district === CITY);
      expect(year.committeeCoverage.activeMembers).toBe(city.length);
      expect(year.committeeCoverage.share).toBeCloseTo(
        year.committeeCoverage.assigned / city.length,
      );
      expect(year.partyCoverage.partyMembers).toBe(city.filter(isCpc).length);

      // Ending on the old term's last day: no members of the new term yet, so no share at all.
      const old = await figures(CITY, null, from, ninth.endsOn!);
      expect(old.committeeCoverage).toMatchObject({
        activeMembers: 0,
        assigned: 0,
        share: null,
        unassigned: [],
      });
      expect(old.partyCoverage).toMatchObject({
        partyMembers: 0,
        partyMemberCoverage: null,
        members: 0,
        workCoverage: null,
      });
    });

    it('lists a branch without Party members in a district without any, dividing by nothing', async () => {
      const staff = testCaller(['staff'], CITY);
      const committee = await org.execute<{ createSpecialCommittee: { id: string } }>(
        `mutation { createSpecialCommittee(input: { district: "341003", name: "提案委员会", functions: "提案工作", establishedOn: "2026-01-05" }) { id } }`,
        {},
        staff,
      );
      const branch = await org.execute<{ establishPartyBranch: { id: string } }>(
        `mutation { establishPartyBranch(input: { committee: "${committee.data!.createSpecialCommittee.id}", name: "提案委员会功能型党支部", establishedOn: "2026-02-01" }) { id } }`,
        {},
        staff,
      );
      expect(branch.errors).toBeUndefined();
      const id = branch.data!.establishPartyBranch.id;
      const r = await org.execute<{
        organizationStatistics: { partyCoverage: unknown };
      }>(`{ organizationStatistics(district: "341003", from: "2026-01-01", to: "2026-10-31") { partyCoverage {
      partyMembers placed partyMemberCoverage members reached workCoverage branches { id partyMemberCount } branchesWithoutPartyMembers { id } } } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data!.organizationStatistics.partyCoverage).toEqual({
        partyMembers: 0,
        placed: 0,
        partyMemberCoverage: null,
        members: 0,
        reached: 0,
        workCoverage: null,
        branches: [{ id, partyMemberCount: 0 }],
        branchesWithoutPartyMembers: [{ id }],
      });
    });
  },
);
