import { randomUUID } from 'node:crypto';
import { districtRegistered, today } from '@cppcc/kit';
import {
  activities,
  activityStatus,
  CITY,
  fiveYearRecommendations,
  instructions,
  recommendationDates,
  recommendations,
  researchProjects,
  RESEARCH_PHASE_ORDER,
  chains,
} from '@cppcc/demo';
import { databases, operation, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
/** The figures the tests read, as the schema serves them. */
interface ConsultationFigures {
  districts: string[];
  activitiesHeld: number;
  activitiesByForm: { form: string; count: number }[];
  activitiesByTopic: { topic: string; count: number }[];
  instructionsReceived: number;
  instructionsByRank: { rank: string; count: number }[];
  outcomesSubmitted: number;
  outcomesAdopted: number;
  outcomesImplemented: number;
  researchStarted: number;
  researchOverdue: number;
}

const query = operation<{
  consultationStatistics: ConsultationFigures;
}>(`query($d: ID!, $from: Date!, $to: Date!, $below: Boolean) {
  consultationStatistics(district: $d, from: $from, to: $to, includeBelow: $below) {
    districts activitiesHeld activitiesByForm { form count } activitiesByTopic { topic count }
    instructionsReceived instructionsByRank { rank count } outcomesSubmitted outcomesAdopted outcomesImplemented researchStarted researchOverdue
  }
}`);

describe.each(databases())('consultation statistics on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  it("computes the report's figures for the city from the demo records", async () => {
    const s = (await ok(module, query, { d: CITY, from: '2025-01-01', to: '2027-12-31' }, staff))
      .consultationStatistics;
    const held = activities().filter((a) => a.district === CITY && activityStatus(a) !== 'PLANNED');
    expect(s.districts).toEqual([CITY]);
    expect(s.activitiesHeld).toBe(held.length);
    const byForm = Object.fromEntries(s.activitiesByForm.map((c) => [c.form, c.count]));
    for (const form of new Set(held.map((a) => a.form)))
      expect(byForm[form], form).toBe(held.filter((a) => a.form === form).length);
    const byTopic = Object.fromEntries(s.activitiesByTopic.map((c) => [c.topic, c.count]));
    for (const topic of ['乡村振兴', '融杭接沪', '民营经济', '茶业振兴'])
      expect(byTopic[topic], topic).toBe(held.filter((a) => a.topic === topic).length);
    expect(s.instructionsReceived).toBe(instructions.length);
    expect(s.instructionsByRank).toContainEqual({
      rank: 'PRINCIPAL',
      count: instructions.filter((i) => i.rank === 'PRINCIPAL').length,
    });
    // The report's outcomes and the five-year plan's 建言献策 (submitted in 2025).
    expect(s.outcomesSubmitted).toBe(recommendations.length + fiveYearRecommendations().length);
    expect(s.outcomesAdopted).toBe(
      recommendations.filter((r) => recommendationDates(r).adoptedOn).length,
    );
    expect(s.outcomesImplemented).toBe(
      chains.filter((c) => c.tasks.every((t) => t.weight === 0 || t.progress === 100)).length,
    );
    const cityResearch = researchProjects.filter((p) => p.district === CITY);
    expect(s.researchStarted).toBe(cityResearch.length);
    expect(s.researchOverdue).toBe(
      cityResearch.filter(
        (p) => p.status !== 'CLOSED' && p.due[RESEARCH_PHASE_ORDER.indexOf(p.status)] < today(),
      ).length,
    );
  });

  it('narrows to the period and widens to the districts below', async () => {
    const year = (await ok(module, query, { d: CITY, from: '2026-01-01', to: '2026-12-31' }, staff))
      .consultationStatistics;
    expect(year.activitiesHeld).toBe(
      activities().filter((a) => a.district === CITY && a.heldOn.startsWith('2026')).length,
    );
    const all = (
      await ok(module, query, { d: CITY, from: '2000-01-01', to: '2099-12-31', below: true }, staff)
    ).consultationStatistics;
    expect(all.activitiesHeld).toBe(activities().length);
    expect(all.districts).toContain('341024');
  });

  it('breaks the figures with the districts below down by district: each total is their sum', async () => {
    const byDistrict = operation<{
      consultationStatistics: ConsultationFigures & { byDistrict: ConsultationFigures[] };
    }>(`query($d: ID!, $from: Date!, $to: Date!) {
      consultationStatistics(district: $d, from: $from, to: $to, includeBelow: true) {
        districts activitiesHeld instructionsReceived outcomesSubmitted outcomesAdopted outcomesImplemented researchStarted researchOverdue
        byDistrict { districts activitiesHeld instructionsReceived outcomesSubmitted outcomesAdopted outcomesImplemented researchStarted researchOverdue }
      }
    }`);
    const s = (
      await ok(module, byDistrict, { d: CITY, from: '2000-01-01', to: '2099-12-31' }, staff)
    ).consultationStatistics;
    expect(s.byDistrict.map((d) => d.districts)).toEqual(s.districts.map((d) => [d]));
    expect(s.byDistrict.filter((d) => d.activitiesHeld > 0).length).toBeGreaterThan(1);
    for (const key of [
      'activitiesHeld',
      'instructionsReceived',
      'outcomesSubmitted',
      'outcomesAdopted',
      'outcomesImplemented',
      'researchStarted',
      'researchOverdue',
    ] as const)
      expect(
        s.byDistrict.reduce((sum, d) => sum + d[key], 0),
        key,
      ).toBe(s[key]);
  });

  it('refuses callers outside the district with FORBIDDEN naming each figure asked for, and bad periods', async () => {
    const asked = [
      'activitiesHeld',
      'activitiesByForm',
      'activitiesByTopic',
      'instructionsReceived',
      'instructionsByRank',
      'outcomesSubmitted',
      'outcomesAdopted',
      'outcomesImplemented',
      'researchStarted',
      'researchOverdue',
    ].map((f) => `consultationStatistics.${f}`);
    const anonymous = { userId: null, memberId: null, district: null, roles: [], districts: [] };
    for (const caller of [
      testCaller(['staff'], '341002'),
      testCaller(['member'], CITY, '1'),
      anonymous,
    ]) {
      const refused = await module.execute(
        query,
        { d: CITY, from: '2025-01-01', to: '2025-12-31' },
        caller,
      );
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', figures: asked });
      expect(refused.errors?.[0].message).toContain(`only those working for district ${CITY}`);
    }
    const backwards = await module.execute(
      query,
      { d: CITY, from: '2025-12-31', to: '2025-01-01' },
      staff,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const unknown = await module.execute(
      query,
      { d: '999999', from: '2025-01-01', to: '2025-12-31' },
      staff,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('UNKNOWN_DISTRICT');
  });

  it('counts every level below, not only the districts right under it', async () => {
    // A township committee under 屯溪 (a third level the demo does not have).
    const township = '341002101';
    await module.transport.publish([
      {
        id: randomUUID(),
        type: districtRegistered.type,
        source: 'organization',
        district: township,
        occurredAt: new Date().toISOString(),
        payload: { code: township, name: '昱东街道政协联络组', parentCode: '341002' },
      },
    ]);
    // The gateway gives a caller every district below theirs (its district directory).
    const cityStaff = { ...staff, districts: [...staff.districts, township] };
    const districts = async () =>
      (
        await ok(
          module,
          query,
          { d: CITY, from: '2000-01-01', to: '2099-12-31', below: true },
          cityStaff,
        )
      ).consultationStatistics.districts;
    await vi.waitFor(async () => expect(await districts()).toContain(township), {
      timeout: 30_000,
    });
    expect(await districts()).toContain('341002');
  });
});
