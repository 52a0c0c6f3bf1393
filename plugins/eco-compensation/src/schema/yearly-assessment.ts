import { requirePermissionIn, settingsOf } from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { storeAssessment, type AssessmentResult } from '../commands/assessment.js';
import { displayAmount } from '../commands/validate.js';
import { CompensationRoundSchema } from '../entities/compensation-round.entity.js';
import {
  YearlyAssessmentSchema,
  type YearlyAssessment,
} from '../entities/yearly-assessment.entity.js';
import type { IndicatorResult } from '../indicators.js';
import type { EcoCompensationSettings } from '../settings.js';
import {
  assertAssessable,
  assertYearInRound,
  CompensationRoundRef,
  visibleRound,
} from './compensation-round.js';

const IndicatorResultRef = builder.objectRef<IndicatorResult>('AssessmentIndicator').implement({
  description: "One indicator's part in a year's index: its yearly average over the base limit.",
  fields: (t) => ({
    code: t.exposeString('code', { description: "指标代码 The indicator's code." }),
    name: t.exposeString('name', { description: "指标名称 The indicator's name." }),
    unit: t.exposeString('unit', { description: '单位 The unit it is measured in.' }),
    sampleCount: t.exposeInt('sampleCount', {
      description: '样本数 How many samples of the year measured it.',
    }),
    average: t.exposeFloat('average', { description: '年均值 Its average over those samples.' }),
    baseLimit: t.exposeFloat('baseLimit', {
      description: "基本限值 The round's base limit for it.",
    }),
    ratio: t.exposeFloat('ratio', { description: '比值 average / baseLimit.' }),
    inIndex: t.exposeBoolean('inIndex', {
      description: 'False for a district indicator shown but not counted in P.',
    }),
  }),
});

const TransferRef = builder.objectRef<AssessmentResult>('CompensationTransfer').implement({
  description: '补偿资金划拨 Money one party pays another under a round, in 万元.',
  fields: (t) => ({
    payer: t.exposeString('payer', { description: '付款方 Who pays.' }),
    payee: t.exposeString('payee', { description: '收款方 Who is paid.' }),
    amount: t.exposeInt('amount', { description: '万元' }),
    amountDisplay: t.string({
      description: '金额 The amount, written out with its unit.',
      resolve: async (r, _a, ctx) =>
        displayAmount(r.amount, (await settingsOf<EcoCompensationSettings>(ctx)).amountUnit),
    }),
  }),
});

const resultOf = (a: YearlyAssessment) => JSON.parse(a.result) as AssessmentResult;

export const YearlyAssessmentRef = builder
  .objectRef<YearlyAssessment>('YearlyAssessment')
  .implement({
    description:
      "A round's assessment of a year: the compensation index P computed from that year's samples, and the transfer it decides.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The YearlyAssessment's id." }),
      year: t.exposeInt('year', { description: '年度 The year assessed.' }),
      round: t.field({
        description: '补偿轮次 The round assessed.',
        type: CompensationRoundRef,
        nullable: true,
        resolve: (a, _x, ctx) => ctx.loaders.one(CompensationRoundSchema).load(a.roundId),
      }),
      pIndex: t.float({
        description:
          'P = k × mean(average ÷ base limit) over the indicators in the index, to four decimals.',
        resolve: (a) => resultOf(a).p,
      }),
      stabilityK: t.float({
        description: '稳定系数 The stability coefficient K used.',
        resolve: (a) => resultOf(a).k,
      }),
      threshold: t.float({
        description: '阈值 The threshold the mean ratio is held against.',
        resolve: (a) => resultOf(a).threshold,
      }),
      meanRatio: t.float({
        description: "平均比值 The mean of the indicators' ratios.",
        resolve: (a) => resultOf(a).meanRatio,
      }),
      sampleCount: t.int({
        description: '样本数 How many samples were read.',
        resolve: (a) => resultOf(a).sampleCount,
      }),
      passed: t.boolean({
        description: 'P at or below the threshold: the water met the standard.',
        resolve: (a) => resultOf(a).passed,
      }),
      indicators: t.field({
        description: "指标 Each indicator's average and ratio.",
        type: [IndicatorResultRef],
        resolve: (a) => resultOf(a).indicators,
      }),
      transfer: t.field({
        description: '资金划转 Who pays whom, and how much.',
        type: TransferRef,
        resolve: (a) => resultOf(a),
      }),
      explanation: t.string({
        description: 'The computation in words, for the report.',
        resolve: (a) => {
          const r = resultOf(a);
          const parts = r.indicators
            .filter((i) => i.inIndex)
            .map((i) => `${i.code} ${i.average}/${i.baseLimit} = ${i.ratio}`);
          return `${a.year}: ${r.sampleCount} samples; ${parts.join('; ')}; P = ${r.k} × ${r.meanRatio} = ${r.p} ${r.passed ? '≤' : '>'} ${r.threshold}: ${r.payer} pays ${r.payee} ${r.amount} 万元`;
        },
      }),
      computedAt: t.field({
        description: '计算时间 When it was computed.',
        type: 'DateTime',
        resolve: (a) => a.computedAt,
      }),
    }),
  });

builder.objectField(CompensationRoundRef, 'assessments', (t) =>
  t.field({
    description: '年度考核 Its yearly assessments.',
    type: [YearlyAssessmentRef],
    resolve: (r, _a, ctx) => ctx.loaders.many(YearlyAssessmentSchema, 'roundId').load(r.id),
  }),
);

builder.mutationFields((t) => ({
  computeYearlyAssessment: t.field({
    type: YearlyAssessmentRef,
    description:
      "Computes (or recomputes) a year's assessment from its samples (permission assessment.compute).",
    args: {
      roundId: t.arg.id({ required: true, description: "The round's id." }),
      year: t.arg.int({ required: true, description: 'The year to assess.' }),
    },
    resolve: async (_root, args, ctx) => {
      const round = await visibleRound(ctx, args.roundId);
      await requirePermissionIn(ctx, 'assessment.compute', round.district, 'roundId');
      assertYearInRound(round, args.year);
      assertAssessable(round);
      return ctx.em.transactional(async (em) =>
        storeAssessment(em, round, args.year, ctx.caller.userId),
      );
    },
  }),
}));
