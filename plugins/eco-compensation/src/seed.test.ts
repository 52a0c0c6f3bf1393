import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultation } from '@cppcc/consultation';
import {
  DEMO_BASE_LIMITS,
  demoRecommendationId,
  demoResearchProjectId,
  demoSamples,
  escalations,
} from '@cppcc/demo';
import { systemEm } from '@cppcc/kit';
import { proposals } from '@cppcc/proposals';
import { databases, transports } from '@cppcc/testing';
import { startPluginTest, type PluginTest } from '@cppcc/plugin-sdk/testing';
import { LinkTargetSchema } from './entities/link-target.entity.js';
import { TopicLinkSchema } from './entities/topic-link.entity.js';
import { ecoCompensation } from './manifest.js';

const CITY = '341000';
const staff = (district: string) => ({ as: { roles: ['staff' as const], district } });

interface SeedRound {
  startYear: number;
  endYear: number;
  status: string;
  transferAmount: number;
  section: unknown;
  agreement: unknown;
  fundByYear: { year: number; total: number }[];
  contributions: { payerKind: string; payerName: string; year: number; amount: number }[];
  history: { toState: string }[];
}
interface SeedAssessment {
  year: number;
  pIndex: number;
  transfer: { amount: number };
}
interface LinkedRound {
  startYear: number;
  endYear: number;
  escalations: { level: string }[];
  cooperationTasks: { year: number; status: string; progress: number }[];
  researchProjectIds: string[];
  recommendationIds: string[];
  consultationActivities: unknown[];
  proposals: unknown[];
}

describe.each(databases())('eco-compensation demo data on $name', ({ url }) => {
  let t: PluginTest;
  beforeAll(async () => {
    const transport = await transports().at(-1)!.make();
    t = await startPluginTest(ecoCompensation, {
      core: [consultation, proposals],
      databaseUrl: url,
      transport,
    });
    // Only the plugin's own demo data: the core modules stay empty, their records are referenced by id.
    const em = systemEm(t.plugin.orm);
    expect(await ecoCompensation.manifest.isSeeded!(em)).toBe(false);
    await em.transactional((tx) => ecoCompensation.manifest.seed!(tx, { scale: 1 }));
    expect(await ecoCompensation.manifest.isSeeded!(systemEm(t.plugin.orm))).toBe(true);
    for (const d of ecoCompensation.manifest.demo!.enabledIn) await t.enable(d);
  }, 180_000);
  afterAll(() => t?.stop());

  it('switches the demo on for the city and 歙县 and off for 屯溪', () => {
    expect(ecoCompensation.manifest.demo).toEqual({
      enabledIn: ['341000', '341021'],
      disabledIn: ['341002'],
    });
  });

  it("holds the four Xin'an River rounds with their funds per payer and year", async () => {
    const r = await t.post<{ compensationRounds: { nodes: SeedRound[] } }>(
      `{ compensationRounds(basin: "新安江–千岛湖") { nodes { startYear endYear status stabilityK transferAmount upstream downstream agreement { title signedOn } section { code district { code } } fundByYear { year total } contributions { payerKind payerName year amount } history { toState } } } }`,
      {},
      staff(CITY),
    );
    expect(r.errors).toBeUndefined();
    const rounds = r.data!.compensationRounds.nodes;
    expect(rounds.map((x) => [x.startYear, x.endYear, x.status])).toEqual([
      [2012, 2014, 'CONCLUDED'],
      [2015, 2017, 'CONCLUDED'],
      // domain.md §4.2: round 3 (2018–20) was reported as running through 2022; the 2023 样板区
      // agreement followed, its rounds five years long.
      [2018, 2022, 'CONCLUDED'],
      [2023, 2027, 'IN_FORCE'],
    ]);
    expect(rounds[0].section).toEqual({ code: 'JIEKOU', district: { code: '341021' } });
    // Round 1: 5亿 a year = central 3亿 + 浙江 1亿 + 安徽 1亿; 1亿 moves between the provinces.
    expect(rounds[0].fundByYear).toEqual(
      [2012, 2013, 2014].map((year) => ({ year, total: 50_000 })),
    );
    expect(rounds[0].transferAmount).toBe(10_000);
    expect(
      rounds[0].contributions
        .filter((c) => c.year === 2012)
        .map((c) => [c.payerKind, c.payerName, c.amount]),
    ).toEqual([
      ['CENTRAL', '中央财政', 30_000],
      ['UPSTREAM', '安徽省', 10_000],
      ['DOWNSTREAM', '浙江省', 10_000],
    ]);
    // Round 2: central 4/3/2亿 tapering, provinces 2亿 each.
    expect(rounds[1].fundByYear.map((y) => y.total)).toEqual([80_000, 70_000, 60_000]);
    // Round 3: central funding withdrawn, the provinces keep 2亿 each.
    expect(rounds[2].fundByYear.map((y) => y.total)).toEqual([
      40_000, 40_000, 40_000, 40_000, 40_000,
    ]);
    expect(rounds[2].contributions.some((c) => c.payerKind === 'CENTRAL')).toBe(false);
    // 2023: the pool rises to 10亿, paid by the two provinces.
    expect(rounds[3].agreement).toEqual({
      title: '共同建设新安江—千岛湖生态保护补偿样板区协议',
      signedOn: '2023-06-05',
    });
    expect(rounds[3].fundByYear).toEqual([{ year: 2023, total: 100_000 }]);
    expect(rounds[3].contributions.map((c) => c.payerKind).sort()).toEqual([
      'DOWNSTREAM',
      'UPSTREAM',
    ]);
    expect(rounds[0].history.map((h) => h.toState)).toEqual(['signed', 'in_force', 'concluded']);
    expect(rounds[3].history.map((h) => h.toState)).toEqual(['signed', 'in_force']);
  });

  it("computes every year's P from the 街口 samples: the water met the standard, so Zhejiang paid Anhui", async () => {
    const r = await t.post<{
      compensationRounds: { nodes: { stabilityK: number; assessments: SeedAssessment[] }[] };
    }>(
      `{ compensationRounds { nodes { stabilityK assessments { year pIndex passed sampleCount transfer { payer payee amount } } } } }`,
      {},
      staff(CITY),
    );
    const rounds = r.data!.compensationRounds.nodes;
    const all = rounds.flatMap((x) => x.assessments.map((a) => ({ ...a, k: x.stabilityK })));
    expect(all.map((a) => a.year)).toEqual([
      2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023,
    ]);
    for (const a of all) {
      expect(a).toMatchObject({
        passed: true,
        sampleCount: 24,
        transfer: { payer: '浙江省', payee: '安徽省' },
      });
      // Recomputed here by hand from the demo samples.
      const year = demoSamples().filter((s) => s.year === a.year);
      const ratios = Object.entries(DEMO_BASE_LIMITS).map(
        ([code, base]) => year.reduce((sum, s) => sum + s.values[code], 0) / year.length / base,
      );
      expect(a.pIndex).toBeCloseTo(a.k * (ratios.reduce((x, y) => x + y, 0) / ratios.length), 4);
      expect(a.pIndex).toBeLessThanOrEqual(1);
    }
    // Every sampled year is assessed, and none beyond: 1亿 a year in round 1, 2亿 a year since,
    // 21亿 to Anhui over 2012–2023.
    expect(all.reduce((sum, a) => sum + a.transfer.amount, 0)).toBe(210_000);
  });

  it('links the topic: tasks, consultation, proposals and the escalation to the provincial and national agendas', async () => {
    const r = await t.post<{ compensationRounds: { nodes: LinkedRound[] } }>(
      `{ compensationRounds { nodes { startYear endYear cooperationTasks { year title progress status } consultationActivities { id } proposals { id } researchProjectIds recommendationIds escalations { level agenda listedOn heldOn } } } }`,
      {},
      staff(CITY),
    );
    const [, , third, fourth] = r.data!.compensationRounds.nodes;
    // The listings the consultation demo records, on the round in force then.
    expect(third.escalations).toEqual([]);
    expect(fourth.escalations).toEqual(
      escalations.map((e) => ({
        level:
          e.body === 'PROVINCIAL_KEY_AGENDA'
            ? 'PROVINCIAL_KEY_CONSULTATION'
            : 'NATIONAL_BIWEEKLY_CONSULTATION',
        agenda: e.title,
        listedOn: e.takenUpOn,
        heldOn: e.heldOn,
      })),
    );
    expect(fourth.escalations.map((e) => e.level)).toEqual([
      'PROVINCIAL_KEY_CONSULTATION',
      'NATIONAL_BIWEEKLY_CONSULTATION',
    ]);
    expect(fourth.cooperationTasks).toHaveLength(6);
    expect(
      fourth.cooperationTasks.every((x) => x.year >= fourth.startYear && x.year <= fourth.endYear),
    ).toBe(true);
    // The consultation demo's eco research (its own and the joint one with Hangzhou) and the recommendation it led to.
    expect(fourth.researchProjectIds).toEqual([
      demoResearchProjectId('eco'),
      demoResearchProjectId('joint'),
    ]);
    expect(fourth.recommendationIds).toEqual([demoRecommendationId('eco')]);
    expect(
      fourth.cooperationTasks.filter((x) => x.status === 'DONE').every((x) => x.progress === 100),
    ).toBe(true);
    expect(fourth.consultationActivities.length).toBeGreaterThan(0);
    expect(fourth.proposals.length).toBeGreaterThan(0);
    const samples = await t.post<{ monitoringSections: { nodes: { id: string; code: string }[] } }>(
      `{ monitoringSections { nodes { id code } } }`,
      {},
      staff('341021'),
    );
    const jiekou = samples.data!.monitoringSections.nodes.find((s) => s.code === 'JIEKOU');
    const count = await t.post<{ waterQualitySamples: { totalCount: number } }>(
      `query ($s: ID!) { waterQualitySamples(sectionId: $s, year: 2012) { totalCount } }`,
      { s: jiekou!.id },
      staff('341021'),
    );
    expect(count.data!.waterQualitySamples.totalCount).toBe(24);
  });
});

describe.each(databases())(
  'eco-compensation demo links against the core demo on $name',
  ({ url }) => {
    let t: PluginTest;
    beforeAll(async () => {
      // Every module seeded, as `npm start` runs them: the cores announce their records on the bus.
      t = await startPluginTest(ecoCompensation, {
        core: [consultation, proposals],
        databaseUrl: url,
        seed: true,
      });
    }, 300_000);
    afterAll(() => t?.stop());

    it("names only records the cores announced, of the round's district or below: every demo link would be accepted", async () => {
      const em = () => systemEm(t.plugin.orm);
      const links = await em().find(TopicLinkSchema, {}, { filters: false });
      expect(links.length).toBeGreaterThan(0);
      const known = async () => {
        const targets = await em().find(LinkTargetSchema, {}, { filters: false });
        return links.filter((l) =>
          targets.some(
            (x) =>
              x.kind === l.kind &&
              x.targetId === l.targetId &&
              x.district === l.district &&
              x.status !== 'CANCELLED',
          ),
        );
      };
      for (
        const deadline = Date.now() + 60_000;
        (await known()).length < links.length && Date.now() < deadline;
      )
        await new Promise((r) => setTimeout(r, 250));
      expect((await known()).map((l) => [l.kind, l.targetId])).toEqual(
        links.map((l) => [l.kind, l.targetId]),
      );
    }, 120_000);
  },
);
