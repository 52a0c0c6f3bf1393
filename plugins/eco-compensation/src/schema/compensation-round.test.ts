import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultation } from '@cppcc/consultation';
import { proposals } from '@cppcc/proposals';
import { databases, operation, testCaller, transports } from '@cppcc/testing';
import { startPluginTest, type PluginTest } from '@cppcc/plugin-sdk/testing';
import {
  consultationActivityRegistered,
  proposalRegistered,
  recommendationRegistered,
  researchProjectRegistered,
} from '@cppcc/plugin-sdk';
import { ProcessedEventSchema, systemEm } from '@cppcc/kit';
import { LinkTargetSchema } from '../entities/link-target.entity.js';
import { TopicLinkSchema } from '../entities/topic-link.entity.js';
import { ecoCompensation } from '../manifest.js';

const CITY = '341000';
const SHEXIAN = '341021';
const TUNXI = '341002';
const staff = (district: string) => ({ as: { roles: ['staff' as const], district } });
const member = { as: { roles: ['member' as const], district: CITY, memberId: '7' } };

/** The fields of a round the tests read one by one (the rest they compare whole). */
interface Round {
  id: string;
  status: string;
  agreement: { title: string; signedOn: string | null; parties: string[] };
  history: { fromState: string | null; toState: string }[];
}
interface Sample {
  id: string;
  year: number;
  values: { indicator: string; value: number }[];
}
interface Assessment {
  year: number;
  indicators: { code: string; average: number; ratio: number }[];
  transfer: { payer: string; payee: string; amount: number } | null;
  explanation: string;
}

const ROUND_FIELDS =
  'id status stabilityK threshold transferAmount transferAmountDisplay availableActions agreement { title signedOn parties } history { action fromState toState note }';
const createRound = operation<{ createCompensationRound: Round }>(
  `mutation ($input: CreateCompensationRoundInput!) { createCompensationRound(input: $input) { ${ROUND_FIELDS} } }`,
);
const sign = operation<{ signCompensationRound: Round }>(
  `mutation ($id: ID!, $on: Date!) { signCompensationRound(id: $id, signedOn: $on) { ${ROUND_FIELDS} } }`,
);
const intoForce = operation<{ bringCompensationRoundIntoForce: Round }>(
  `mutation ($id: ID!) { bringCompensationRoundIntoForce(id: $id) { ${ROUND_FIELDS} } }`,
);
const conclude = operation<{ concludeCompensationRound: Round }>(
  `mutation ($id: ID!) { concludeCompensationRound(id: $id) { ${ROUND_FIELDS} } }`,
);
const record = operation<{ recordWaterQualitySample: Sample }>(
  `mutation ($section: ID!, $on: Date!, $values: [IndicatorValueInput!]!) { recordWaterQualitySample(sectionId: $section, sampledOn: $on, values: $values, party: "joint") { id year values { indicator value } } }`,
);
const correct = `mutation ($id: ID!, $values: [IndicatorValueInput!]!) { correctWaterQualitySample(id: $id, values: $values, note: "lab re-run") { id } }`;
const compute = operation<{ computeYearlyAssessment: Assessment }>(
  `mutation ($round: ID!, $year: Int!) { computeYearlyAssessment(roundId: $round, year: $year) { id year pIndex meanRatio passed sampleCount explanation indicators { code average ratio inIndex } transfer { payer payee amount amountDisplay } } }`,
);
const assessments = operation<{ compensationRound: { assessments: Assessment[] } }>(
  `query ($id: ID!) { compensationRound(id: $id) { assessments { year pIndex passed transfer { payer payee amount } } } }`,
);
const announce = (type: string, district: string, payload: Record<string, unknown>) => ({
  id: randomUUID(),
  type,
  source: 'test',
  district,
  occurredAt: new Date().toISOString(),
  payload,
});
const activity = (activityId: string, district: string, version: number, status: string) => ({
  activityId,
  district,
  title: '新安江生态补偿专题协商',
  form: 'THEMATIC',
  heldOn: '2026-03-01',
  status,
  changedAt: new Date(Date.UTC(2026, 0, version)).toISOString(),
  version,
});
const values = (v: Record<string, number>) =>
  Object.entries(v).map(([indicator, value]) => ({ indicator, value }));

const baseLimits = [
  { indicator: 'codmn', limit: 2 },
  { indicator: 'nh3n', limit: 0.1 },
  { indicator: 'tn', limit: 1 },
  { indicator: 'tp', limit: 0.05 },
];
const roundInput = (sectionId: string, extra: Record<string, unknown> = {}) => ({
  district: CITY,
  basin: '新安江–千岛湖',
  startYear: 2012,
  endYear: 2014,
  agreementTitle: '新安江试点协议',
  parties: ['安徽省', '浙江省'],
  upstream: '安徽省',
  downstream: '浙江省',
  sectionId,
  baseLimits,
  transferAmount: 10_000,
  ...extra,
});

describe.each(databases())('eco-compensation on $name', ({ url }) => {
  let t: PluginTest;
  let section: string;
  let shexianSection: string;

  beforeAll(async () => {
    const transport = await transports().at(-1)!.make();
    t = await startPluginTest(ecoCompensation, {
      core: [consultation, proposals],
      databaseUrl: url,
      transport,
    });
    await t.enable(CITY, { defaultStabilityK: 0.8 });
    await t.enable(SHEXIAN, { extraIndicators: [{ code: 'do', name: '溶解氧', baseLimit: 8 }] });
    const s = await t.post<{ addMonitoringSection: { id: string } }>(
      `mutation { addMonitoringSection(district: "${CITY}", code: "T-CITY", name: "测试断面") { id } }`,
      {},
      staff(CITY),
    );
    section = s.data!.addMonitoringSection.id;
    const x = await t.post<{ addMonitoringSection: { id: string } }>(
      `mutation { addMonitoringSection(district: "${SHEXIAN}", code: "T-SHEXIAN", name: "歙县断面") { id } }`,
      {},
      staff(SHEXIAN),
    );
    shexianSection = x.data!.addMonitoringSection.id;
  }, 120_000);
  afterAll(() => t?.stop());

  async function roundInForce(extra: Record<string, unknown> = {}): Promise<string> {
    const r = await t.post(
      createRound,
      { input: roundInput(section, { stabilityK: 0.85, ...extra }) },
      staff(CITY),
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.createCompensationRound.id;
    await t.post(sign, { id, on: '2012-01-01' }, staff(CITY));
    await t.post(intoForce, { id }, staff(CITY));
    return id;
  }

  it('walks a round through its table, refusing steps outside it and writing nothing then', async () => {
    const created = await t.post(createRound, { input: roundInput(section) }, staff(CITY));
    expect(created.errors).toBeUndefined();
    const round = created.data!.createCompensationRound;
    // No k given: the district's setting applies.
    expect(round).toMatchObject({
      status: 'NEGOTIATING',
      stabilityK: 0.8,
      threshold: 1,
      availableActions: ['sign'],
      history: [],
    });
    expect(round.agreement).toEqual({
      title: '新安江试点协议',
      signedOn: null,
      parties: ['安徽省', '浙江省'],
    });

    const early = await t.post(intoForce, { id: round.id }, staff(CITY));
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'negotiating',
      action: 'bringIntoForce',
    });
    const notYet = await t.post(compute, { round: round.id, year: 2012 }, staff(CITY));
    expect(notYet.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'negotiating' });
    const badDate = await t.post(sign, { id: round.id, on: '2012-02-30' }, staff(CITY));
    expect(badDate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'signedOn',
    });

    const signed = await t.post(sign, { id: round.id, on: '2012-09-01' }, staff(CITY));
    expect(signed.data!.signCompensationRound).toMatchObject({
      status: 'SIGNED',
      agreement: { signedOn: '2012-09-01' },
    });
    const inForce = await t.post(intoForce, { id: round.id }, staff(CITY));
    expect(inForce.data!.bringCompensationRoundIntoForce.status).toBe('IN_FORCE');
    const done = await t.post(conclude, { id: round.id }, staff(CITY));
    expect(done.data!.concludeCompensationRound).toMatchObject({
      status: 'CONCLUDED',
      availableActions: [],
    });
    // Only the three steps taken left a trace, each with its states.
    expect(
      done.data!.concludeCompensationRound.history.map((h) => [h.fromState, h.toState]),
    ).toEqual([
      ['negotiating', 'signed'],
      ['signed', 'in_force'],
      ['in_force', 'concluded'],
    ]);
    const again = await t.post(conclude, { id: round.id }, staff(CITY));
    expect(again.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses a bad round with the field named and writes nothing', async () => {
    const count = async () =>
      (
        await t.post<{ compensationRounds: { totalCount: number } }>(
          '{ compensationRounds(first: 1000) { totalCount } }',
          {},
          staff(CITY),
        )
      ).data!.compensationRounds.totalCount;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ endYear: 2011 }, 'input.endYear'],
      [{ parties: ['安徽省'] }, 'input.parties'],
      [{ downstream: '安徽省' }, 'input.downstream'],
      [{ stabilityK: 0 }, 'input.stabilityK'],
      [{ transferAmount: -5 }, 'input.transferAmount'],
      [{ baseLimits: baseLimits.slice(1) }, 'input.baseLimits'],
      [
        { baseLimits: [...baseLimits.slice(1), { indicator: 'cod', limit: 1 }] },
        'input.baseLimits.3.indicator',
      ],
      [
        { baseLimits: [{ indicator: 'codmn', limit: -1 }, ...baseLimits.slice(1)] },
        'input.baseLimits.0.limit',
      ],
    ];
    for (const [extra, field] of cases) {
      const r = await t.post(createRound, { input: roundInput(section, extra) }, staff(CITY));
      expect(r.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // The platform's one title rule (from the SDK): 5 to 200 characters.
    const short = await t.post(
      createRound,
      { input: roundInput(section, { agreementTitle: '试点协议' }) },
      staff(CITY),
    );
    expect(short.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.agreementTitle',
      rule: 'title-length',
    });
    const missing = await t.post(createRound, { input: roundInput('99999') }, staff(CITY));
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it("computes P from the year's samples, explains it, and applies the payment rule", async () => {
    const round = await roundInForce();
    const s1 = await t.post(
      record,
      { section, on: '2013-03-01', values: values({ codmn: 1.8, nh3n: 0.08, tn: 0.9, tp: 0.04 }) },
      staff(CITY),
    );
    expect(s1.errors).toBeUndefined();
    expect(s1.data!.recordWaterQualitySample.year).toBe(2013);
    await t.post(
      record,
      { section, on: '2013-09-15', values: values({ codmn: 2.2, nh3n: 0.1, tn: 1.1, tp: 0.05 }) },
      staff(CITY),
    );

    const r = await t.post(compute, { round, year: 2013 }, staff(CITY));
    expect(r.errors).toBeUndefined();
    const a = r.data!.computeYearlyAssessment;
    // averages 2.0, 0.09, 1.0, 0.045 over limits 2, 0.1, 1, 0.05 → mean ratio 0.95; P = 0.85 × 0.95
    expect(a).toMatchObject({
      year: 2013,
      pIndex: 0.8075,
      meanRatio: 0.95,
      passed: true,
      sampleCount: 2,
    });
    expect(a.indicators.map((i) => [i.code, i.average, i.ratio])).toEqual([
      ['codmn', 2, 1],
      ['nh3n', 0.09, 0.9],
      ['tn', 1, 1],
      ['tp', 0.045, 0.9],
    ]);
    // Met the standard: the downstream province pays the upstream one.
    expect(a.transfer).toEqual({
      payer: '浙江省',
      payee: '安徽省',
      amount: 10_000,
      amountDisplay: '1 亿元',
    });
    expect(a.explanation).toContain('P = 0.85 × 0.95 = 0.8075 ≤ 1');

    const none = await t.post(compute, { round, year: 2014 }, staff(CITY));
    expect(none.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
      rule: 'no-samples',
    });
    const outside = await t.post(compute, { round, year: 2016 }, staff(CITY));
    expect(outside.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
      rule: 'outside-round',
    });
    const stored = await t.post(assessments, { id: round }, staff(CITY));
    expect(stored.data!.compensationRound.assessments.map((x) => x.year)).toEqual([2013]);

    // A corrected sample rewrites the assessment it rests on: now the upstream province pays.
    const fixed = await t.post(
      correct,
      {
        id: s1.data!.recordWaterQualitySample.id,
        values: values({ codmn: 3.6, nh3n: 0.28, tn: 1.8, tp: 0.13 }),
      },
      staff(CITY),
    );
    expect(fixed.errors).toBeUndefined();
    const after = await t.post(assessments, { id: round }, staff(CITY));
    // averages 2.9, 0.19, 1.45, 0.09 → ratios 1.45, 1.9, 1.45, 1.8 → mean 1.65; P = 0.85 × 1.65
    expect(after.data!.compensationRound.assessments).toEqual([
      {
        year: 2013,
        pIndex: 1.4025,
        passed: false,
        transfer: { payer: '安徽省', payee: '浙江省', amount: 10_000 },
      },
    ]);
    // A new sample in the year does too.
    await t.post(
      record,
      { section, on: '2013-12-01', values: values({ codmn: 0, nh3n: 0, tn: 0, tp: 0 }) },
      staff(CITY),
    );
    const third = await t.post(assessments, { id: round }, staff(CITY));
    // sums 5.8, 0.38, 2.9, 0.18 over 3 samples → ratios 0.9667, 1.2667, 0.9667, 1.2 → mean 1.1; P = 0.85 × 1.1
    expect(third.data!.compensationRound.assessments[0]).toMatchObject({
      pIndex: 0.935,
      passed: true,
      transfer: { payer: '浙江省' },
    });
  });

  it('pays downstream → upstream at exactly the threshold', async () => {
    const round = await roundInForce({ stabilityK: 1, startYear: 2015, endYear: 2015 });
    await t.post(
      record,
      { section, on: '2015-05-01', values: values({ codmn: 2, nh3n: 0.1, tn: 1, tp: 0.05 }) },
      staff(CITY),
    );
    const r = await t.post(compute, { round, year: 2015 }, staff(CITY));
    expect(r.data!.computeYearlyAssessment).toMatchObject({
      pIndex: 1,
      passed: true,
      transfer: { payer: '浙江省', payee: '安徽省' },
    });
  });

  it('validates samples against the district catalogue and writes nothing on bad input', async () => {
    const count = async () =>
      (
        await t.post<{ waterQualitySamples: { totalCount: number } }>(
          `{ waterQualitySamples(sectionId: "${shexianSection}", first: 1000) { totalCount } }`,
          {},
          staff(SHEXIAN),
        )
      ).data!.waterQualitySamples.totalCount;
    const before = await count();
    const unknown = await t.post(
      record,
      { section: shexianSection, on: '2020-01-01', values: values({ codmn: 2, xyz: 1 }) },
      staff(SHEXIAN),
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'values.1.indicator',
      rule: 'unknown-indicator',
    });
    const negative = await t.post(
      record,
      { section: shexianSection, on: '2020-01-01', values: values({ codmn: 2, tp: -0.01 }) },
      staff(SHEXIAN),
    );
    expect(negative.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'values.1.value',
      rule: 'non-negative',
    });
    const badDate = await t.post(
      record,
      { section: shexianSection, on: '2020-13-01', values: values({ codmn: 2 }) },
      staff(SHEXIAN),
    );
    expect(badDate.errors?.[0].extensions).toMatchObject({ field: 'sampledOn' });
    expect(await count()).toBe(before);

    // 歙县 added dissolved oxygen in its settings: samples of its sections may carry it, whoever
    // records them (city staff too); the city's own sections (without it) may not.
    const catalogue = await t.post<{ waterQualityIndicators: { code: string }[] }>(
      '{ waterQualityIndicators { code standard } }',
      {},
      staff(SHEXIAN),
    );
    expect(catalogue.data!.waterQualityIndicators.map((i) => i.code)).toEqual([
      'codmn',
      'nh3n',
      'tn',
      'tp',
      'do',
    ]);
    const withDo = await t.post(
      record,
      { section: shexianSection, on: '2020-01-01', values: values({ codmn: 2, do: 7.5 }) },
      staff(SHEXIAN),
    );
    expect(withDo.data!.recordWaterQualitySample.values).toEqual([
      { indicator: 'codmn', value: 2 },
      { indicator: 'do', value: 7.5 },
    ]);
    const cityThere = await t.post(
      record,
      { section: shexianSection, on: '2020-01-02', values: values({ do: 7.5 }) },
      staff(CITY),
    );
    expect(cityThere.errors).toBeUndefined();
    const cityOwn = await t.post(
      record,
      { section, on: '2020-01-02', values: values({ do: 7.5 }) },
      staff(CITY),
    );
    expect(cityOwn.errors?.[0].extensions).toMatchObject({
      rule: 'unknown-indicator',
      field: 'values.0.indicator',
    });
    expect(await count()).toBe(before + 2);
  });

  it('applies the settings: amount unit, indicators in the index, and refuses invalid settings', async () => {
    const round = await roundInForce({ startYear: 2016, endYear: 2016 });
    await t.post(
      record,
      { section, on: '2016-01-01', values: values({ codmn: 2, nh3n: 0.1, tn: 1, tp: 0.05 }) },
      staff(CITY),
    );
    await t.post(compute, { round, year: 2016 }, staff(CITY));
    await t.enable(CITY, {
      amountUnit: 'wan',
      extraIndicators: [{ code: 'cod', name: '化学需氧量', baseLimit: 10, includeInIndex: true }],
    });
    try {
      // The index now needs cod, which the year's sample lacks.
      const lacking = await t.post(compute, { round, year: 2016 }, staff(CITY));
      expect(lacking.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'indicator-missing',
      });
      await t.post(
        record,
        {
          section,
          on: '2016-02-01',
          values: values({ codmn: 2, nh3n: 0.1, tn: 1, tp: 0.05, cod: 20 }),
        },
        staff(CITY),
      );
      const r = await t.post(compute, { round, year: 2016 }, staff(CITY));
      // ratios 1, 1, 1, 1, 2 → mean 1.2 → P = 0.85 × 1.2
      expect(r.data!.computeYearlyAssessment).toMatchObject({
        pIndex: 1.02,
        passed: false,
        transfer: { amountDisplay: '10,000 万元' },
      });
    } finally {
      await t.enable(CITY, { defaultStabilityK: 0.8 });
    }
    const bad = ecoCompensation.parseSettings({
      extraIndicators: [{ code: 'tp', name: '总磷', baseLimit: 1 }],
      defaultStabilityK: -1,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => i.path).sort()).toEqual([
        'defaultStabilityK',
        'extraIndicators.0.code',
      ]);
    expect(
      ecoCompensation.parseSettings({
        extraIndicators: [{ code: 'Bad Code', name: 'x', baseLimit: 1 }],
      }).ok,
    ).toBe(false);
    expect(ecoCompensation.parseSettings({ amountUnit: 'yuan' }).ok).toBe(false);
    expect(ecoCompensation.defaults).toEqual({
      extraIndicators: [],
      defaultStabilityK: 0.85,
      amountUnit: 'yi',
    });
  });

  it('tracks cooperation tasks through their table', async () => {
    const round = await roundInForce();
    const add = await t.post<{ addCooperationTask: { id: string } }>(
      `mutation ($r: ID!) { addCooperationTask(roundId: $r, year: 2013, title: "联合打捞漂浮物", owners: "黄山市生态环境局") { id status progress availableActions } }`,
      { r: round },
      staff(CITY),
    );
    const task = add.data!.addCooperationTask;
    expect(task).toMatchObject({
      status: 'PLANNED',
      progress: 0,
      availableActions: ['start', 'cancel'],
    });
    const report = `mutation ($id: ID!, $p: Int!, $url: String) { reportCooperationTaskProgress(id: $id, progress: $p, resultsUrl: $url) { status progress resultsUrl } }`;
    const early = await t.post(report, { id: task.id, p: 10 }, staff(CITY));
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'planned',
    });
    await t.post(
      `mutation ($id: ID!) { startCooperationTask(id: $id) { status } }`,
      { id: task.id },
      staff(CITY),
    );
    const half = await t.post(
      report,
      { id: task.id, p: 50, url: 'https://example.org/salvage' },
      staff(CITY),
    );
    expect(half.data!.reportCooperationTaskProgress).toEqual({
      status: 'IN_PROGRESS',
      progress: 50,
      resultsUrl: 'https://example.org/salvage',
    });
    for (const [vars, field] of [
      [{ p: 101 }, 'progress'],
      [{ p: 100 }, 'progress'],
      [{ p: 60, url: 'not a url' }, 'resultsUrl'],
    ] as const) {
      const r = await t.post(report, { id: task.id, ...vars }, staff(CITY));
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const done = await t.post(
      `mutation ($id: ID!) { completeCooperationTask(id: $id) { status progress history { action } } }`,
      { id: task.id },
      staff(CITY),
    );
    expect(done.data!.completeCooperationTask).toEqual({
      status: 'DONE',
      progress: 100,
      history: [{ action: 'start' }, { action: 'reportProgress' }, { action: 'complete' }],
    });
    const cancel = await t.post(
      `mutation ($id: ID!) { cancelCooperationTask(id: $id, note: "late") { status } }`,
      { id: task.id },
      staff(CITY),
    );
    expect(cancel.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('records funds per payer and year, links, and escalations; extends Proposal and ConsultationActivity', async () => {
    const round = await roundInForce();
    const fund = `mutation ($r: ID!, $k: CompensationPayerKind!, $n: String!, $y: Int!, $a: Int!) { addFundContribution(roundId: $r, payerKind: $k, payerName: $n, year: $y, amount: $a) { id amountDisplay } }`;
    for (const [k, n, a] of [
      ['CENTRAL', '中央财政', 30_000],
      ['UPSTREAM', '安徽省', 10_000],
      ['DOWNSTREAM', '浙江省', 10_000],
    ] as const) {
      const r = await t.post(fund, { r: round, k, n, y: 2012, a }, staff(CITY));
      expect(r.errors).toBeUndefined();
    }
    const twice = await t.post(
      fund,
      { r: round, k: 'UPSTREAM', n: '安徽省', y: 2012, a: 1 },
      staff(CITY),
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'payerName' });
    const outside = await t.post(
      fund,
      { r: round, k: 'UPSTREAM', n: '安徽省', y: 2020, a: 1 },
      staff(CITY),
    );
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    const totals = await t.post<{ compensationRound: { fundByYear: unknown } }>(
      `query ($id: ID!) { compensationRound(id: $id) { fundByYear { year total totalDisplay } contributions { payerKind } } }`,
      { id: round },
      staff(CITY),
    );
    expect(totals.data!.compensationRound.fundByYear).toEqual([
      { year: 2012, total: 50_000, totalDisplay: '5 亿元' },
    ]);

    // What the core modules announce, as the plugin's replica receives it: late older copies and
    // a redelivery change nothing.
    const events = [
      announce(proposalRegistered.type, CITY, {
        proposalId: '42',
        district: CITY,
        title: '关于新安江流域生态补偿的提案',
        status: 'SUBMITTED',
        changedAt: '2026-01-10T00:00:00Z',
        version: 1,
      }),
      announce(proposalRegistered.type, CITY, {
        proposalId: '43',
        district: CITY,
        title: '关于流域补偿资金的提案',
        status: 'FILED',
        changedAt: '2026-01-12T00:00:00Z',
        version: 3,
      }),
      announce(proposalRegistered.type, CITY, {
        proposalId: '43',
        district: CITY,
        title: '关于流域补偿资金的提案',
        status: 'SUBMITTED',
        changedAt: '2026-01-11T00:00:00Z',
        version: 1,
      }),
      announce(consultationActivityRegistered.type, CITY, activity('9', CITY, 2, 'HELD')),
      announce(consultationActivityRegistered.type, CITY, activity('9', CITY, 1, 'PLANNED')),
      announce(consultationActivityRegistered.type, CITY, activity('10', CITY, 3, 'CANCELLED')),
      announce(consultationActivityRegistered.type, CITY, activity('10', CITY, 2, 'PREPARING')),
      announce(researchProjectRegistered.type, SHEXIAN, {
        projectId: '3',
        district: SHEXIAN,
        title: '新安江上游生态保护调研',
        phase: 'FIELDWORK',
        changedAt: '2026-02-01T00:00:00Z',
        version: 3,
      }),
      announce(researchProjectRegistered.type, '330127', {
        projectId: '4',
        district: '330127',
        title: '千岛湖水质调研',
        phase: 'FIELDWORK',
        changedAt: '2026-02-01T00:00:00Z',
        version: 1,
      }),
      announce(recommendationRegistered.type, CITY, {
        recommendationId: '5',
        district: CITY,
        title: '关于深化生态补偿的建议',
        kind: 'REPORT',
        status: 'SUBMITTED',
        changedAt: '2026-03-01T00:00:00Z',
        version: 2,
      }),
    ];
    await t.transport.publish(events);
    await t.transport.publish([events[2]]);
    const ids = events.map((e) => e.id);
    for (
      let i = 0;
      i < 100 &&
      (await systemEm(t.plugin.orm).count(ProcessedEventSchema, { eventId: { $in: ids } })) <
        ids.length;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const targets = await systemEm(t.plugin.orm).find(
      LinkTargetSchema,
      {},
      { orderBy: { kind: 'asc', targetId: 'asc' } },
    );
    expect(targets.map((x) => [x.kind, x.targetId, x.district, x.status, x.version])).toEqual([
      ['consultation_activity', '10', CITY, 'CANCELLED', 3],
      ['consultation_activity', '9', CITY, 'HELD', 2],
      ['proposal', '42', CITY, 'SUBMITTED', 1],
      ['proposal', '43', CITY, 'FILED', 3],
      ['recommendation', '5', CITY, 'SUBMITTED', 2],
      ['research_project', '3', SHEXIAN, 'FIELDWORK', 3],
      ['research_project', '4', '330127', 'FIELDWORK', 1],
    ]);

    const link = `mutation ($r: ID!, $k: EcoCompensationLinkKind!, $id: ID!) { linkEcoCompensationTopic(roundId: $r, kind: $k, targetId: $id) { id kind targetId } }`;
    const linkCount = () => systemEm(t.plugin.orm).count(TopicLinkSchema, {});
    const before = await linkCount();
    for (const [k, id, field, rule] of [
      ['PROPOSAL', '999', 'targetId', 'exists'],
      // A recommendation's id is no research project.
      ['RESEARCH_PROJECT', '5', 'targetId', 'exists'],
      ['RESEARCH_PROJECT', '4', 'targetId', 'within-district'],
      ['CONSULTATION_ACTIVITY', '10', 'targetId', 'not-cancelled'],
    ]) {
      const refused = await t.post(link, { r: round, k, id }, staff(CITY));
      expect(refused.errors?.[0].extensions, `${k} ${id}`).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
        rule,
      });
    }
    expect(await linkCount()).toBe(before);
    for (const [k, id] of [
      ['PROPOSAL', '42'],
      ['CONSULTATION_ACTIVITY', '9'],
      ['RESEARCH_PROJECT', '3'],
      ['RECOMMENDATION', '5'],
    ]) {
      expect(
        (await t.post(link, { r: round, k, id }, staff(CITY))).errors,
        `${k} ${id}`,
      ).toBeUndefined();
    }
    const dup = await t.post(link, { r: round, k: 'PROPOSAL', id: '42' }, staff(CITY));
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const linked = await t.post(
      `query ($id: ID!) { compensationRound(id: $id) { proposals { id } consultationActivities { id } researchProjects { id } researchProjectIds } }`,
      { id: round },
      staff(CITY),
    );
    expect(linked.data!.compensationRound).toEqual({
      proposals: [{ id: '42' }],
      consultationActivities: [{ id: '9' }],
      researchProjects: [{ id: '3' }],
      researchProjectIds: ['3'],
    });
    const back = await t.execute(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Proposal { ecoCompensationRounds { id } } ... on ConsultationActivity { ecoCompensationRounds { id } } ... on ResearchProject { ecoCompensationRounds { id } } } }`,
      {
        reps: [
          { __typename: 'Proposal', id: '42' },
          { __typename: 'ConsultationActivity', id: '9' },
          { __typename: 'Proposal', id: '43' },
          { __typename: 'ResearchProject', id: '3' },
        ],
      },
      testCaller(['staff'], CITY),
    );
    expect(back.errors).toBeUndefined();
    expect(back.data!._entities).toEqual([
      { ecoCompensationRounds: [{ id: round }] },
      { ecoCompensationRounds: [{ id: round }] },
      { ecoCompensationRounds: [] },
      { ecoCompensationRounds: [{ id: round }] },
    ]);

    const escalate = `mutation ($r: ID!, $on: Date!, $held: Date) { recordEcoCompensationEscalation(roundId: $r, level: NATIONAL_BIWEEKLY_CONSULTATION, agenda: "双周协商座谈会", listedOn: $on, heldOn: $held) { level listedOn heldOn } }`;
    const wrong = await t.post(
      escalate,
      { r: round, on: '2020-06-01', held: '2020-05-01' },
      staff(CITY),
    );
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    const ok = await t.post(
      escalate,
      { r: round, on: '2020-06-01', held: '2020-06-20' },
      staff(CITY),
    );
    expect(ok.data!.recordEcoCompensationEscalation).toEqual({
      level: 'NATIONAL_BIWEEKLY_CONSULTATION',
      listedOn: '2020-06-01',
      heldOn: '2020-06-20',
    });
  });

  it('lets members read public rounds but not change them; checks each permission', async () => {
    const read = await t.post<{ compensationRounds: { totalCount: number } }>(
      '{ compensationRounds(first: 5) { totalCount } }',
      {},
      member,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.compensationRounds.totalCount).toBeGreaterThan(0);
    const m = await t.post(createRound, { input: roundInput(section) }, member);
    expect(m.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'round.manage',
    });
    const sample = await t.post(
      record,
      { section, on: '2013-01-01', values: values({ codmn: 1 }) },
      member,
    );
    expect(sample.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'sample.record',
    });
    const op = await t.post(
      compute,
      { round: '1', year: 2012 },
      { as: { roles: ['operator' as const], district: CITY } },
    );
    expect(op.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'assessment.compute',
    });
    const anon = await t.post(
      createRound,
      { input: roundInput(section) },
      { headers: { 'x-cppcc-district': CITY } },
    );
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // 歙县 staff may not write the city's rounds.
    const cross = await t.post(createRound, { input: roundInput(section) }, staff(SHEXIAN));
    expect(cross.errors?.[0].extensions).toMatchObject({
      code: 'CROSS_DISTRICT',
      field: 'input.district',
    });
  });

  it('refuses a district that has not enabled the plugin, through the gateway and in its own resolvers', async () => {
    await t.disable(TUNXI);
    const list = await t.post('{ compensationRounds { totalCount } }', {}, staff(TUNXI));
    expect(list.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'eco-compensation',
    });
    const own = await t.execute(
      '{ compensationRounds { totalCount } }',
      {},
      testCaller(['staff'], TUNXI),
    );
    expect(own.errors![0].extensions).toMatchObject({ code: 'PLUGIN_DISABLED' });
    const ext = await t.execute(
      `query { _entities(representations: [{ __typename: "Proposal", id: "42" }]) { ... on Proposal { ecoCompensationRounds { id } } } }`,
      {},
      testCaller(['staff'], TUNXI),
    );
    expect(ext.errors![0].extensions).toMatchObject({ code: 'PLUGIN_DISABLED' });
  });
});
