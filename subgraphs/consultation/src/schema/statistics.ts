import {
  assertKnownDistrict,
  canSeeDistrict,
  districtsCounted,
  inputError,
  refuseHiddenFigures,
  type RequestContext,
  INCLUDE_BELOW_DESCRIPTION,
  statisticsPeriodArgs,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import {
  type CONSULTATION_FORMS,
  ConsultationActivitySchema,
} from '../entities/consultation-activity.entity.js';
import { InputCampaignSchema } from '../entities/input-campaign.entity.js';
import {
  InstructionSchema,
  OUTCOME_SUBJECTS,
  type LEADER_RANKS,
} from '../entities/instruction.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { ResearchPhaseSchema } from '../entities/research-project.entity.js';
import { ResultSchema } from '../entities/result.entity.js';
import { treeProgress } from '../progress.js';
import { ConsultationFormType } from './consultation-activity.js';
import { LeaderRankType } from './instruction.js';
import { PublicInputFiguresType, publicInputFigures } from './public-input-figures.js';
import { overdueProjectIds } from './research-project.js';

interface Statistics {
  district: string;
  from: string;
  to: string;
  districts: string[];
}

const FormCount = builder
  .objectRef<{ form: (typeof CONSULTATION_FORMS)[number]; count: number }>('ConsultationFormCount')
  .implement({
    description: '按形式统计 How many consultation activities took one form.',
    fields: (t) => ({
      form: t.field({
        description: '协商形式 The form of a consultation activity.',
        type: ConsultationFormType,
        resolve: (c) => c.form,
      }),
      count: t.exposeInt('count', {
        description: '次数 How many activities of that form were held.',
      }),
    }),
  });
const TopicCount = builder
  .objectRef<{ topic: string; count: number }>('ConsultationTopicCount')
  .implement({
    description: '按议题统计 How many consultation activities took up one topic.',
    fields: (t) => ({
      topic: t.exposeString('topic', { description: '议题 The topic.' }),
      count: t.exposeInt('count', { description: '次数 How many activities on it were held.' }),
    }),
  });
const RankCount = builder
  .objectRef<{ rank: (typeof LEADER_RANKS)[number]; count: number }>('InstructionRankCount')
  .implement({
    description: "按领导职级统计 How many leaders' instructions came from one rank.",
    fields: (t) => ({
      rank: t.field({
        description: 'PRINCIPAL 主要领导, IN_CHARGE 分管领导.',
        type: LeaderRankType,
        resolve: (c) => c.rank,
      }),
      count: t.exposeInt('count', {
        description: '数量 How many instructions leaders of that rank wrote.',
      }),
    }),
  });

const HELD = ['HELD', 'OUTCOME_SUBMITTED', 'CLOSED'] as const;

function heldActivities(ctx: RequestContext, s: Statistics) {
  return ctx.em.find(
    ConsultationActivitySchema,
    {
      district: { $in: s.districts },
      status: { $in: [...HELD] },
      heldOn: { $gte: s.from, $lte: s.to },
    },
    { fields: ['form', 'topic'] },
  );
}

function count<K extends string>(keys: K[]): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, n]) => ({ key, count: n }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Adopted outcomes whose every chain node linked to them has reached 100%. */
async function implemented(ctx: RequestContext, s: Statistics): Promise<number> {
  const adopted = await ctx.em.find(
    RecommendationSchema,
    { district: { $in: s.districts }, status: 'ADOPTED', adoptedOn: { $gte: s.from, $lte: s.to } },
    { fields: ['id'] },
  );
  if (adopted.length === 0) return 0;
  const linked = await ctx.em.find(ResultSchema, {
    recommendationId: { $in: adopted.map((r) => r.id) },
  });
  const trees = await ctx.em.find(
    ResultSchema,
    { rootId: { $in: [...new Set(linked.map((n) => n.rootId!))] } },
    { filters: false },
  );
  const progress = treeProgress(trees);
  return adopted.filter((r) => {
    const nodes = linked.filter((n) => n.recommendationId === r.id);
    return nodes.length > 0 && nodes.every((n) => progress.get(n.id) === 100);
  }).length;
}

const StatisticsType = builder.objectRef<Statistics>('ConsultationStatistics');

StatisticsType.implement({
  description:
    'Figures for a district and period, computed from the records on every read. None is public: the activities, outcomes, instructions and research they count include records only those working for the district see.',
  fields: (t) => ({
    from: t.expose('from', {
      description: '起始日 The first day of the period (inclusive).',
      type: 'Date',
    }),
    to: t.expose('to', {
      description: '截止日 The last day of the period (inclusive).',
      type: 'Date',
    }),
    districts: t.stringList({ description: 'The districts counted.', resolve: (s) => s.districts }),
    byDistrict: t.field({
      type: [StatisticsType],
      description:
        'The same figures for each district counted, alone (in `districts` order): the counts above are their sums.',
      resolve: (s) =>
        s.districts.map((d) => ({ district: d, from: s.from, to: s.to, districts: [d] })),
    }),
    activitiesHeld: t.int({
      description: '已开展 Activities held in the period.',
      resolve: async (s, _a, ctx) => (await heldActivities(ctx, s)).length,
    }),
    activitiesByForm: t.field({
      description: '按形式 Activities held in the period, by form.',
      type: [FormCount],
      resolve: async (s, _a, ctx) =>
        count((await heldActivities(ctx, s)).map((a) => a.form)).map((c) => ({
          form: c.key,
          count: c.count,
        })),
    }),
    activitiesByTopic: t.field({
      description: '按议题 Activities held in the period, by topic.',
      type: [TopicCount],
      resolve: async (s, _a, ctx) =>
        count((await heldActivities(ctx, s)).map((a) => a.topic)).map((c) => ({
          topic: c.key,
          count: c.count,
        })),
    }),
    instructionsReceived: t.int({
      description: '批示 on recommendation reports, recommendations and research reports.',
      resolve: (s, _a, ctx) =>
        ctx.em.count(InstructionSchema, {
          district: { $in: s.districts },
          subjectType: { $in: [...OUTCOME_SUBJECTS] },
          instructedOn: { $gte: s.from, $lte: s.to },
        }),
    }),
    instructionsByRank: t.field({
      description: "批示 Leaders' instructions in the period, by the leader's rank.",
      type: [RankCount],
      resolve: async (s, _a, ctx) =>
        count(
          (
            await ctx.em.find(
              InstructionSchema,
              {
                district: { $in: s.districts },
                subjectType: { $in: [...OUTCOME_SUBJECTS] },
                instructedOn: { $gte: s.from, $lte: s.to },
              },
              { fields: ['rank'] },
            )
          ).flatMap((i) => (i.rank ? [i.rank] : [])),
        ).map((c) => ({ rank: c.key, count: c.count })),
    }),
    outcomesSubmitted: t.int({
      description: '成果报送 Recommendations submitted in the period.',
      resolve: (s, _a, ctx) =>
        ctx.em.count(RecommendationSchema, {
          district: { $in: s.districts },
          submittedOn: { $gte: s.from, $lte: s.to },
        }),
    }),
    outcomesAdopted: t.int({
      description: '成果采纳 Recommendations adopted in the period.',
      resolve: (s, _a, ctx) =>
        ctx.em.count(RecommendationSchema, {
          district: { $in: s.districts },
          status: 'ADOPTED',
          adoptedOn: { $gte: s.from, $lte: s.to },
        }),
    }),
    outcomesImplemented: t.int({
      description: 'Adopted in the period, and every chain node carrying them out at 100%.',
      resolve: (s, _a, ctx) => implemented(ctx, s),
    }),
    researchStarted: t.int({
      description: '调研启动 Research projects started in the period.',
      resolve: (s, _a, ctx) =>
        ctx.em.count(ResearchPhaseSchema, {
          district: { $in: s.districts },
          phase: 'TOPIC_SELECTED',
          startedOn: { $gte: s.from, $lte: s.to },
        }),
    }),
    publicInput: t.field({
      type: PublicInputFiguresType,
      description:
        "Public input (公众参与) of the districts' campaigns: copies handed out, answers and contributions received, recommendations submitted in the period.",
      resolve: async (s, _a, ctx) => {
        const campaigns = await ctx.em.find(
          InputCampaignSchema,
          { district: { $in: s.districts } },
          { filters: false, fields: ['id'] },
        );
        return publicInputFigures(ctx, {
          campaignIds: campaigns.map((c) => c.id),
          from: s.from,
          to: s.to,
        });
      },
    }),
    researchOverdue: t.int({
      description: 'Research projects whose current phase runs past its deadline today.',
      resolve: async (s, _a, ctx) =>
        (await overdueProjectIds(ctx, { district: { $in: s.districts } })).length,
    }),
  }),
});

builder.queryField('consultationStatistics', (t) =>
  t.field({
    type: StatisticsType,
    description:
      'Consultation figures for a district and period (with includeBelow, and the districts below it: `byDistrict` breaks them down). No figure is public: for those working for the district (a district above it too); anyone else asking for a figure is refused with FORBIDDEN naming every figure asked for (`extensions.figures`), never answered with zeros.',
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      ...statisticsPeriodArgs(t),
      includeBelow: t.arg.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    },
    resolve: async (_root, { district, from, to, includeBelow }, ctx, info) => {
      const code = String(district);
      await assertKnownDistrict(ctx, code);
      if (to < from) throw inputError('to', 'order', 'is before from');
      if (!canSeeDistrict(ctx.caller, code))
        refuseHiddenFigures(info, {
          publicFigures: [],
          descriptive: ['from', 'to', 'districts'],
          reason: `only those working for district ${code} (or a district above it) may see these figures`,
        });
      // Every level below, as the lists count with includeBelow.
      const below = includeBelow
        ? (await districtsCounted(ctx, code, true))
            .slice(1)
            .filter((c) => canSeeDistrict(ctx.caller, c))
        : [];
      return { district: code, from, to, districts: [code, ...below] };
    },
  }),
);
