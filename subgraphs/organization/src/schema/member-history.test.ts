import { CITY } from '@cppcc/demo';
import { systemEm } from '@cppcc/kit';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberFactSchema } from '../entities/member-fact.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import { organization } from '../module.js';
import { publishMembers, type MemberFacts } from '../test-support.js';

const query = operation<{
  organizationStatistics: {
    committeeCoverage: { activeMembers: number; unassigned: { id: string }[] };
    partyCoverage: { partyMembers: number; members: number; unplaced: { id: string }[] };
  };
}>(`query($to: Date!) { organizationStatistics(district: "${CITY}", from: "2026-01-01", to: $to) {
  committeeCoverage { activeMembers unassigned { id } } partyCoverage { partyMembers members unplaced { id } } } }`);

/** Figures for a past period use the members' facts of that time, whatever order the events came in. */
describe.each(databases())('member facts through time on $name', ({ url }) => {
  let org: TestModule;
  const leaver: MemberFacts = {
    id: 9301,
    district: CITY,
    name: '离任委员',
    party: '中共党员',
    sectorId: 1,
    standingCommittee: false,
  };
  const joiner: MemberFacts = {
    id: 9302,
    district: CITY,
    name: '入党委员',
    party: '无党派人士',
    sectorId: 9,
    standingCommittee: false,
  };
  const start = '2021-12-20T00:00:00.000Z';

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
    // Out of order and twice: the July change first, the registration after it, each repeated.
    const joined = { ...joiner, party: '中共党员', changedAt: '2026-07-10T08:00:00.000Z' };
    await publishMembers(org.transport, [joined, joined]);
    await publishMembers(org.transport, [
      { ...joiner, changedAt: start },
      { ...leaver, changedAt: start },
    ]);
    await publishMembers(org.transport, [
      { ...joiner, changedAt: start },
      { ...leaver, status: 'LEFT', changedAt: '2026-06-15T09:30:00.000Z' },
      { ...leaver, status: 'LEFT', changedAt: '2026-06-15T09:30:00.000Z' },
    ]);
  });
  afterAll(() => org?.stop());

  const figures = async (to: string) => {
    // City staff: the unplaced list names members, which only the district's staff see.
    const r = await org.execute(query, { to }, testCaller(['staff'], CITY));
    expect(r.errors).toBeUndefined();
    const s = r.data!.organizationStatistics;
    return {
      ...s,
      unassigned: s.committeeCoverage.unassigned.map((m) => Number(m.id)),
      unplaced: s.partyCoverage.unplaced.map((m) => Number(m.id)),
    };
  };

  it('keeps each change once, and the replica at the latest', async () => {
    const em = systemEm(org.orm);
    expect(
      (
        await em.find(MemberFactSchema, { memberId: joiner.id }, { orderBy: { changedAt: 'asc' } })
      ).map((f) => [f.changedAt, f.cpcMember]),
    ).toEqual([
      [start, false],
      ['2026-07-10T08:00:00.000Z', true],
    ]);
    expect(
      (
        await em.find(MemberFactSchema, { memberId: leaver.id }, { orderBy: { changedAt: 'asc' } })
      ).map((f) => f.status),
    ).toEqual(['ACTIVE', 'LEFT']);
    expect(await em.findOneOrFail(MemberRefSchema, { memberId: joiner.id })).toMatchObject({
      cpcMember: true,
      changedAt: '2026-07-10T08:00:00.000Z',
    });
    expect(await em.findOneOrFail(MemberRefSchema, { memberId: leaver.id })).toMatchObject({
      status: 'LEFT',
    });
  });

  it('counts a member who left in June in a period ending in May, not in one ending in June', async () => {
    const may = await figures('2026-05-31');
    const june = await figures('2026-06-30');
    expect(may.unassigned).toContain(leaver.id);
    expect(may.unplaced).toContain(leaver.id);
    expect(june.unassigned).not.toContain(leaver.id);
    expect(june.unplaced).not.toContain(leaver.id);
    expect(june.committeeCoverage.activeMembers).toBe(may.committeeCoverage.activeMembers - 1);
    expect(june.partyCoverage.partyMembers).toBe(may.partyCoverage.partyMembers - 1);
    // The day itself: facts changed during 2026-06-15 hold at its end.
    expect((await figures('2026-06-14')).unassigned).toContain(leaver.id);
    expect((await figures('2026-06-15')).unassigned).not.toContain(leaver.id);
  });

  it('counts a member who joined the Party mid-year as a Party member only from then', async () => {
    const june = await figures('2026-06-30');
    const july = await figures('2026-07-31');
    expect(june.unassigned).toContain(joiner.id);
    expect(june.unplaced).not.toContain(joiner.id);
    expect(july.unplaced).toContain(joiner.id);
    expect(july.partyCoverage.partyMembers).toBe(june.partyCoverage.partyMembers + 1);
    expect(july.partyCoverage.members).toBe(june.partyCoverage.members);
  });
});
