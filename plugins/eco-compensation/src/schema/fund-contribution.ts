import {
  appError,
  ErrorCode,
  inputError,
  requirePermissionIn,
  settingsOf,
  describedValues,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { displayAmount, text } from '../commands/validate.js';
import {
  FundContributionSchema,
  PAYER_KINDS,
  type FundContribution,
} from '../entities/fund-contribution.entity.js';
import type { EcoCompensationSettings } from '../settings.js';
import { CompensationRoundRef, assertYearInRound, visibleRound } from './compensation-round.js';

const PayerKindEnum = builder.enumType('CompensationPayerKind', {
  description: "出资方 Who pays into a compensation round's fund.",
  values: describedValues(PAYER_KINDS, {
    central: '中央 The central government.',
    upstream: '上游 The upstream province or city.',
    downstream: '下游 The downstream province or city.',
    other: '其他 Another payer.',
  }),
});

export const FundContributionRef = builder
  .objectRef<FundContribution>('FundContribution')
  .implement({
    description: "出资 Money one payer puts into a round's fund for one year, in 万元.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The FundContribution's id." }),
      payerKind: t.field({
        description: "出资方 Who pays into a compensation round's fund.",
        type: PayerKindEnum,
        resolve: (c) => c.payerKind,
      }),
      payerName: t.exposeString('payerName', { description: '出资方 Who contributes.' }),
      year: t.exposeInt('year', { description: '年度 The year of the contribution.' }),
      amount: t.exposeInt('amount', { description: '万元' }),
      amountDisplay: t.string({
        description: '金额 The amount, written out with its unit.',
        resolve: async (c, _a, ctx) =>
          displayAmount(c.amount, (await settingsOf<EcoCompensationSettings>(ctx)).amountUnit),
      }),
    }),
  });

const YearTotalRef = builder
  .objectRef<{ year: number; total: number; unit: 'yi' | 'wan' }>('CompensationFundYear')
  .implement({
    description: "年度资金 A compensation round's fund for one year, in 万元.",
    fields: (t) => ({
      year: t.exposeInt('year', { description: '年度 The year.' }),
      total: t.exposeInt('total', { description: '万元' }),
      totalDisplay: t.string({
        description: "金额 The year's total, written out with its unit.",
        resolve: (y) => displayAmount(y.total, y.unit),
      }),
    }),
  });

builder.objectFields(CompensationRoundRef, (t) => ({
  contributions: t.field({
    type: [FundContributionRef],
    description: "出资 The contributions to the round's fund.",
    resolve: (r, _a, ctx) => ctx.loaders.many(FundContributionSchema, 'roundId').load(r.id),
  }),
  fundByYear: t.field({
    type: [YearTotalRef],
    description: "The round's fund per year, summed from the contributions.",
    resolve: async (r, _a, ctx) => {
      const rows = await ctx.loaders.many(FundContributionSchema, 'roundId').load(r.id);
      const unit = (await settingsOf<EcoCompensationSettings>(ctx)).amountUnit;
      const totals = new Map<number, number>();
      for (const c of rows) totals.set(c.year, (totals.get(c.year) ?? 0) + c.amount);
      return [...totals]
        .sort((a, b) => a[0] - b[0])
        .map(([year, total]) => ({ year, total, unit }));
    },
  }),
}));

builder.mutationFields((t) => ({
  addFundContribution: t.field({
    type: FundContributionRef,
    description:
      "Records a payer's contribution to a round's fund for a year (permission round.manage).",
    args: {
      roundId: t.arg.id({ description: "The round's id.", required: true }),
      payerKind: t.arg({
        description: 'The kind of contributor.',
        type: PayerKindEnum,
        required: true,
      }),
      payerName: t.arg.string({ description: 'Who contributes.', required: true }),
      year: t.arg.int({ description: 'The year of the contribution.', required: true }),
      amount: t.arg.int({ required: true, description: '万元' }),
    },
    resolve: async (_root, args, ctx) => {
      const round = await visibleRound(ctx, args.roundId);
      await requirePermissionIn(ctx, 'round.manage', round.district, 'roundId');
      const payerName = text(args.payerName, 'payerName', 100);
      assertYearInRound(round, args.year);
      if (!(args.amount > 0))
        throw inputError('amount', 'positive', 'must be a positive amount in 万元');
      const twice = await ctx.em.count(
        FundContributionSchema,
        { roundId: round.id, payerName, year: args.year },
        { filters: false },
      );
      if (twice)
        throw appError(
          ErrorCode.CONFLICT,
          `${payerName} already has a contribution for ${args.year} in round ${round.id}`,
          { field: 'payerName' },
        );
      return ctx.em.transactional(async (em) =>
        em.create(FundContributionSchema, {
          district: round.district,
          public: round.public,
          roundId: round.id,
          payerKind: args.payerKind,
          payerName,
          year: args.year,
          amount: args.amount,
          createdBy: ctx.caller.userId,
          createdAt: new Date(),
        }),
      );
    },
  }),
}));
