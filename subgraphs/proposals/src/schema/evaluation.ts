import {
  addDays,
  appError,
  assertKnownDistrict,
  ErrorCode,
  hasRole,
  parseId,
  periodArgs,
  yearOrPeriod,
  type RequestContext,
  describedValues,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { awardExcellent } from '../commands/honours.js';
import { scoreHandlingQuality, scoreProposalQuality } from '../commands/scoring.js';
import {
  AwardSchema,
  band,
  HandlingScoreSchema,
  QualityScoreSchema,
  type Award,
  type HandlingScore,
  type QualityScore,
} from '../entities/evaluation.entity.js';
import { ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { GovernmentUnitRef } from './government-unit.js';
import { MemberRef } from './member.js';
import { ProposalType } from './proposal.js';

export const BandType = builder.enumType('EvaluationBand', {
  values: describedValues(['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const, {
    EXCELLENT: '优秀 Score 90 or more.',
    GOOD: '良好 Score 75 to 89.',
    FAIR: '一般 Score 60 to 74.',
    POOR: '较差 Score under 60.',
  }),
  description: '优秀 ≥ 90, 良好 75–89, 一般 60–74, 较差 < 60.',
});

const QualityScoresType = builder
  .objectRef<Record<string, number>>('ProposalQualityScores')
  .implement({
    description: "提案质量评分 The scores a proposal's quality got, by criterion.",
    fields: (t) => ({
      scientific: t.int({ description: '科学性 (0–20)', resolve: (s) => s.scientific }),
      serious: t.int({ description: '严肃性 (0–20)', resolve: (s) => s.serious }),
      feasible: t.int({ description: '可行性 (0–20)', resolve: (s) => s.feasible }),
      standard: t.int({ description: '规范性 (0–20)', resolve: (s) => s.standard }),
      influential: t.int({ description: '影响性 (0–20)', resolve: (s) => s.influential }),
    }),
  });
const HandlingScoresType = builder
  .objectRef<Record<string, number>>('HandlingQualityScores')
  .implement({
    description: "办理质量评分 The scores a proposal's handling got, by criterion.",
    fields: (t) => ({
      organization: t.int({ description: '办理组织 (0–25)', resolve: (s) => s.organization }),
      communication: t.int({ description: '沟通联系 (0–25)', resolve: (s) => s.communication }),
      reply: t.int({ description: '答复质量 (0–25)', resolve: (s) => s.reply }),
      implementation: t.int({ description: '落实成效 (0–25)', resolve: (s) => s.implementation }),
    }),
  });

const QualityScoreType = builder.objectRef<QualityScore>('ProposalQualityScore').implement({
  description: "A handling unit's score of the proposal's quality.",
  fields: (t) => ({
    unit: t.field({
      description: '承办单位 The unit that scored the proposal.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (s) => ({ id: String(s.unitId) }),
    }),
    scores: t.field({
      description: '评分 The scores by criterion.',
      type: QualityScoresType,
      resolve: (s) => s.scores,
    }),
    total: t.exposeInt('total', { description: '总分 The sum of the scores (0 to 100).' }),
    band: t.field({
      description: '优秀 ≥ 90, 良好 75–89, 一般 60–74, 较差 < 60.',
      type: BandType,
      resolve: (s) => band(s.total),
    }),
  }),
});
const HandlingScoreType = builder.objectRef<HandlingScore>('HandlingQualityScore').implement({
  description: "A proposer's score of a unit's handling.",
  fields: (t) => ({
    unit: t.field({
      description: '承办单位 The unit whose handling was scored.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (s) => ({ id: String(s.unitId) }),
    }),
    member: t.field({
      description: '委员 The proposer who scored it.',
      type: MemberRef,
      nullable: true,
      resolve: (s) => ({ id: String(s.memberId) }),
    }),
    scores: t.field({
      description: '评分 The scores by criterion.',
      type: HandlingScoresType,
      resolve: (s) => s.scores,
    }),
    total: t.exposeInt('total', { description: '总分 The sum of the scores (0 to 100).' }),
    band: t.field({
      description: '优秀 ≥ 90, 良好 75–89, 一般 60–74, 较差 < 60.',
      type: BandType,
      resolve: (s) => band(s.total),
    }),
  }),
});
const AwardType = builder.objectRef<Award>('ProposalAward').implement({
  description: '优秀提案: an excellent-proposal award.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: '年度 The year of the award.' }),
    awardedOn: t.expose('awardedOn', {
      description: '表彰日期 The day it was awarded.',
      type: 'Date',
    }),
  }),
});

/** Scores are back-to-back (背靠背): the committee's staff, leaders and the supervising office read them, not the other side. */
function mayReadScores(ctx: RequestContext, p: Proposal): boolean {
  return (
    hasRole(ctx.caller, 'staff', 'leader', 'operator') && ctx.caller.districts.includes(p.district)
  );
}

builder.objectField(ProposalType, 'qualityScores', (t) =>
  t.field({
    type: [QualityScoreType],
    nullable: true,
    description: "Units' scores of this proposal (staff, leaders, supervising office).",
    resolve: (p, _a, ctx) =>
      mayReadScores(ctx, p) ? ctx.loaders.many(QualityScoreSchema, 'proposalId').load(p.id) : null,
  }),
);
builder.objectField(ProposalType, 'handlingScores', (t) =>
  t.field({
    type: [HandlingScoreType],
    nullable: true,
    description: "Proposers' scores of the units' handling (staff, leaders, supervising office).",
    resolve: (p, _a, ctx) =>
      mayReadScores(ctx, p) ? ctx.loaders.many(HandlingScoreSchema, 'proposalId').load(p.id) : null,
  }),
);
builder.objectField(ProposalType, 'awards', (t) =>
  t.field({
    description: '优秀提案 The awards it received.',
    type: [AwardType],
    resolve: (p, _a, ctx) => ctx.loaders.many(AwardSchema, 'proposalId').load(p.id),
  }),
);

const score = (max: number) => ({ required: true, description: `0–${max}` }) as const;
const QualityInput = builder.inputType('ProposalQualityScoresInput', {
  description: "提案质量评分 Scores for a proposal's quality, by criterion.",
  fields: (t) => ({
    scientific: t.int(score(20)),
    serious: t.int(score(20)),
    feasible: t.int(score(20)),
    standard: t.int(score(20)),
    influential: t.int(score(20)),
  }),
});
const HandlingInput = builder.inputType('HandlingQualityScoresInput', {
  description: "办理质量评分 Scores for a proposal's handling, by criterion.",
  fields: (t) => ({
    organization: t.int(score(25)),
    communication: t.int(score(25)),
    reply: t.int(score(25)),
    implementation: t.int(score(25)),
  }),
});

builder.mutationField('scoreProposalQuality', (t) =>
  t.field({
    type: QualityScoreType,
    description: "A unit whose reply was accepted scores the proposal's quality.",
    authScopes: { authenticated: true },
    args: {
      taskId: t.arg.id({ description: "The handling task's id.", required: true }),
      scores: t.arg({
        description: 'The scores by criterion.',
        type: QualityInput,
        required: true,
      }),
    },
    resolve: (_r, { taskId, scores }, ctx) =>
      scoreProposalQuality(ctx, parseId(taskId, 'taskId'), { ...scores }),
  }),
);
builder.mutationField('scoreHandlingQuality', (t) =>
  t.field({
    type: HandlingScoreType,
    description: "A proposer scores a unit's handling once its reply was accepted.",
    authScopes: { member: true },
    args: {
      taskId: t.arg.id({ description: "The handling task's id.", required: true }),
      scores: t.arg({
        description: 'The scores by criterion.',
        type: HandlingInput,
        required: true,
      }),
    },
    resolve: (_r, { taskId, scores }, ctx) =>
      scoreHandlingQuality(ctx, parseId(taskId, 'taskId'), { ...scores }),
  }),
);
builder.mutationField('awardExcellentProposal', (t) =>
  t.field({
    type: AwardType,
    description: 'Staff award a filed proposal as excellent for a year (优秀提案).',
    authScopes: { staff: true },
    args: {
      proposalId: t.arg.id({ description: "The proposal's id.", required: true }),
      year: t.arg.int({ description: 'The year of the award.', required: true }),
      awardedOn: t.arg({ description: 'The day it is awarded.', type: 'Date', required: true }),
    },
    resolve: (_r, { proposalId, year, awardedOn }, ctx) =>
      awardExcellent(ctx, parseId(proposalId, 'proposalId'), year, awardedOn),
  }),
);

interface UnitResult {
  unitId: number;
  scored: number;
  average: number;
}
interface TwoWay {
  units: UnitResult[];
  proposalsScored: number;
  proposalAverage: number | null;
  proposalBands: { band: ReturnType<typeof band>; count: number }[];
}

const UnitResultType = builder.objectRef<UnitResult>('UnitHandlingResult').implement({
  description: "A unit's handling as its proposers scored it.",
  fields: (t) => ({
    unit: t.field({
      description: '承办单位 The unit.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (u) => ({ id: String(u.unitId) }),
    }),
    scored: t.exposeInt('scored', { description: 'Scores received.' }),
    average: t.exposeFloat('average', { description: '平均分 The average handling score it got.' }),
    band: t.field({
      description: '优秀 ≥ 90, 良好 75–89, 一般 60–74, 较差 < 60.',
      type: BandType,
      resolve: (u) => band(u.average),
    }),
  }),
});
const BandCountType = builder
  .objectRef<{ band: ReturnType<typeof band>; count: number }>('EvaluationBandCount')
  .implement({
    description: '按评价等次统计 How many proposals fell in one evaluation band.',
    fields: (t) => ({
      band: t.field({
        description: '优秀 ≥ 90, 良好 75–89, 一般 60–74, 较差 < 60.',
        type: BandType,
        resolve: (b) => b.band,
      }),
      count: t.exposeInt('count', { description: '数量 How many scores fell in the band.' }),
    }),
  });
const TwoWayType = builder.objectRef<TwoWay>('TwoWayEvaluation').implement({
  description:
    "双向民主评议: proposers' scores of each unit's handling, and units' scores of the proposals' quality.",
  fields: (t) => ({
    units: t.field({ type: [UnitResultType], description: 'Best first.', resolve: (r) => r.units }),
    proposalsScored: t.exposeInt('proposalsScored', {
      description: '已评提案 Proposals scored by their units.',
    }),
    proposalAverage: t.exposeFloat('proposalAverage', {
      description: '平均分 Their average total; null when none was scored.',
      nullable: true,
    }),
    proposalBands: t.field({
      type: [BandCountType],
      description: 'Proposals by the band of their average quality score.',
      resolve: (r) => r.proposalBands,
    }),
  }),
});

/**
 * The proposals a year-or-range call counts: those of `year`, or those submitted from `from`
 * to `to` (both days inclusive, as UTC days).
 */
function proposalsOf(args: {
  year?: number | null;
  from?: string | null;
  to?: string | null;
}): { year: number } | { submittedAt: { $gte: Date; $lt: Date } } {
  const period = yearOrPeriod(args);
  if ('year' in period) return { year: period.year };
  return {
    submittedAt: {
      $gte: new Date(`${period.from}T00:00:00Z`),
      $lt: new Date(`${addDays(period.to, 1)}T00:00:00Z`),
    },
  };
}

builder.queryField('twoWayEvaluation', (t) =>
  t.field({
    type: TwoWayType,
    description:
      'Results of the two-way evaluation for a district and the filed proposals of a year (or submitted in a from/to range), from the scores (staff, leaders, supervising office).',
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      year: t.arg.int({
        required: false,
        description: "The proposals' year (届次年度); or leave it out and give from and to.",
      }),
      ...periodArgs(t, 'day of submission (submittedAt, as a UTC day)'),
    },
    resolve: async (_r, { district, year, from, to }, ctx) => {
      const period = proposalsOf({ year, from, to });
      await assertKnownDistrict(ctx, String(district));
      if (
        !hasRole(ctx.caller, 'staff', 'leader', 'operator') ||
        !ctx.caller.districts.includes(String(district))
      ) {
        throw appError(
          ErrorCode.FORBIDDEN,
          `twoWayEvaluation: the scores of district ${district} are read by its staff, leaders and supervising office`,
        );
      }
      const ids = (
        await ctx.em.find(
          ProposalSchema,
          { district: String(district), caseNumber: { $ne: null }, ...period },
          { fields: ['id'] },
        )
      ).map((p) => p.id);
      const handling = ids.length
        ? await ctx.em.find(HandlingScoreSchema, { proposalId: { $in: ids } })
        : [];
      const quality = ids.length
        ? await ctx.em.find(QualityScoreSchema, { proposalId: { $in: ids } })
        : [];
      const round = (n: number) => Math.round(n * 10) / 10;
      const byUnit = new Map<number, number[]>();
      for (const s of handling) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s.total]);
      const units = [...byUnit]
        .map(([unitId, totals]) => ({
          unitId,
          scored: totals.length,
          average: round(totals.reduce((a, b) => a + b, 0) / totals.length),
        }))
        .sort((a, b) => b.average - a.average || a.unitId - b.unitId);
      const byProposal = new Map<number, number[]>();
      for (const s of quality)
        byProposal.set(s.proposalId, [...(byProposal.get(s.proposalId) ?? []), s.total]);
      const averages = [...byProposal.values()].map(
        (totals) => totals.reduce((a, b) => a + b, 0) / totals.length,
      );
      const bands = (['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const).map((b) => ({
        band: b,
        count: averages.filter((a) => band(a) === b).length,
      }));
      return {
        units,
        proposalsScored: averages.length,
        proposalAverage: averages.length
          ? round(averages.reduce((a, b) => a + b, 0) / averages.length)
          : null,
        proposalBands: bands,
      };
    },
  }),
);
