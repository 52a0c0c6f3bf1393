import {
  appError,
  ErrorCode,
  foundRows,
  inputError,
  isWithinDistrict,
  notFound,
  parseId,
  type RequestContext,
  requirePermissionIn,
  describedValues,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import {
  CompensationRoundSchema,
  type CompensationRound,
} from '../entities/compensation-round.entity.js';
import { LinkTargetSchema } from '../entities/link-target.entity.js';
import {
  LINK_KINDS,
  TopicLinkSchema,
  type LinkKind,
  type TopicLink,
} from '../entities/topic-link.entity.js';
import { CompensationRoundRef, visibleRound } from './compensation-round.js';

const LinkKindEnum = builder.enumType('EcoCompensationLinkKind', {
  description: '关联对象 What an eco-compensation record is linked to.',
  values: describedValues(LINK_KINDS, {
    research_project: '调研课题 A research project.',
    consultation_activity: '协商活动 A consultation activity.',
    proposal: '提案 A proposal.',
    recommendation: '建议 A recommendation.',
  }),
});

export const TopicLinkRef = builder.objectRef<TopicLink>('EcoCompensationLink').implement({
  description: 'A record of a core module tied to a round of the eco-compensation topic.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The EcoCompensationLink's id." }),
    kind: t.field({
      description: '关联对象 What an eco-compensation record is linked to.',
      type: LinkKindEnum,
      resolve: (l) => l.kind,
    }),
    targetId: t.exposeID('targetId', {
      description: '对象编号 The id of the linked record (of the kind the link names).',
    }),
    note: t.exposeString('note', {
      description: '备注 Why they are linked, if said.',
      nullable: true,
    }),
    round: t.field({
      description: '补偿轮次 The round linked.',
      type: CompensationRoundRef,
      nullable: true,
      resolve: (l, _a, ctx) => ctx.loaders.one(CompensationRoundSchema).load(l.roundId),
    }),
  }),
});

const linksOf = (kind: LinkKind) => ({ kind });

/** The ids of the records of one kind a round is linked to (one batched load per kind). */
async function linkedIds(ctx: RequestContext, round: CompensationRound, kind: LinkKind) {
  const links = await ctx.loaders.many(TopicLinkSchema, 'roundId', linksOf(kind)).load(round.id);
  return links.map((l) => l.targetId);
}

/** The rounds a core record is linked to, for the field this plugin adds to its type. */
async function roundsLinkedTo(ctx: Parameters<typeof visibleRound>[0], kind: LinkKind, id: string) {
  const links = await ctx.loaders.many(TopicLinkSchema, 'targetId', linksOf(kind)).load(id);
  const rounds = await ctx.loaders
    .one(CompensationRoundSchema)
    .loadMany(links.map((l) => l.roundId));
  return foundRows(rounds);
}

/**
 * Core records this plugin points at; their owners resolve them (federation references). The
 * plugin's fields on them are declared with the reference, where the SDK gates them per district.
 */
function linkedRef(name: string, kind: LinkKind, description: string) {
  return builder.externalRef(name, builder.selection<{ id: string }>('id')).implement({
    externalFields: (t) => ({ id: t.id() }),
    fields: (t) => ({
      ecoCompensationRounds: t.field({
        type: [CompensationRoundRef],
        nullable: true,
        description,
        resolve: (r, _a, ctx) => roundsLinkedTo(ctx, kind, String(r.id)),
      }),
    }),
  });
}
export const ProposalRef = linkedRef(
  'Proposal',
  'proposal',
  'Eco-compensation rounds this proposal is tied to.',
);
export const ResearchProjectRef = linkedRef(
  'ResearchProject',
  'research_project',
  'Eco-compensation rounds this research project tracks.',
);
export const ConsultationActivityRef = linkedRef(
  'ConsultationActivity',
  'consultation_activity',
  'Eco-compensation rounds this activity is tied to.',
);

/**
 * A link names a record its owner has announced (replicated in eco_link_target), of the round's
 * district or one below it: the topic is the city's, with the upstream county (歙县) as its
 * partner, so a city round may track a county's research or consultation, but not a record of
 * another city or of a district above the round. A cancelled activity never took place.
 */
async function assertTarget(
  ctx: RequestContext,
  round: CompensationRound,
  kind: LinkKind,
  targetId: string,
): Promise<void> {
  const target = await ctx.em.findOne(LinkTargetSchema, { kind, targetId }, { filters: false });
  const what = kind.replace('_', ' ');
  if (!target) throw inputError('targetId', 'exists', `no ${what} has id ${targetId}`);
  if (!(await isWithinDistrict(ctx, target.district, round.district))) {
    throw inputError(
      'targetId',
      'within-district',
      `${what} ${targetId} belongs to district ${target.district}, outside the round's district ${round.district}`,
    );
  }
  if (kind === 'consultation_activity' && target.status === 'CANCELLED')
    throw inputError('targetId', 'not-cancelled', `${what} ${targetId} was cancelled`);
}

builder.objectFields(CompensationRoundRef, (t) => ({
  links: t.field({
    type: [TopicLinkRef],
    description: '关联 Its links to consultation records.',
    resolve: (r, _a, ctx) => ctx.loaders.many(TopicLinkSchema, 'roundId').load(r.id),
  }),
  proposals: t.field({
    type: [ProposalRef],
    description: '提案 The proposals linked to it.',
    resolve: async (r, _a, ctx) => (await linkedIds(ctx, r, 'proposal')).map((id) => ({ id })),
  }),
  consultationActivities: t.field({
    type: [ConsultationActivityRef],
    description: '协商活动 The consultation activities linked to it.',
    resolve: async (r, _a, ctx) =>
      (await linkedIds(ctx, r, 'consultation_activity')).map((id) => ({ id })),
  }),
  researchProjects: t.field({
    type: [ResearchProjectRef],
    description: '调研课题 The research projects linked to it.',
    resolve: async (r, _a, ctx) =>
      (await linkedIds(ctx, r, 'research_project')).map((id) => ({ id })),
  }),
  researchProjectIds: t.idList({
    description:
      'Research projects on the topic, by id (ResearchProject.ecoCompensationRounds gives the other direction).',
    resolve: (r, _a, ctx) => linkedIds(ctx, r, 'research_project'),
  }),
  recommendationIds: t.idList({
    description: '协商建议 The ids of the recommendations linked to it.',
    resolve: (r, _a, ctx) => linkedIds(ctx, r, 'recommendation'),
  }),
}));

builder.mutationFields((t) => ({
  linkEcoCompensationTopic: t.field({
    type: TopicLinkRef,
    description:
      'Ties a research project, consultation activity, proposal or recommendation to a round (permission round.manage).',
    args: {
      roundId: t.arg.id({ description: "The round's id.", required: true }),
      kind: t.arg({
        description: 'The kind of record linked.',
        type: LinkKindEnum,
        required: true,
      }),
      targetId: t.arg.id({ description: 'The id of the record linked.', required: true }),
      note: t.arg.string({ description: 'Why they are linked.', required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const round = await visibleRound(ctx, args.roundId);
      await requirePermissionIn(ctx, 'round.manage', round.district, 'roundId');
      const targetId = String(parseId(args.targetId, 'targetId'));
      await assertTarget(ctx, round, args.kind, targetId);
      const twice = await ctx.em.count(
        TopicLinkSchema,
        { roundId: round.id, kind: args.kind, targetId },
        { filters: false },
      );
      if (twice)
        throw appError(
          ErrorCode.CONFLICT,
          `targetId: ${args.kind} ${targetId} is already linked to round ${round.id}`,
          { field: 'targetId' },
        );
      return ctx.em.transactional(async (em) =>
        em.create(TopicLinkSchema, {
          district: round.district,
          public: round.public,
          roundId: round.id,
          kind: args.kind,
          targetId,
          note: args.note?.trim() || null,
          createdBy: ctx.caller.userId,
          createdAt: new Date(),
        }),
      );
    },
  }),
  unlinkEcoCompensationTopic: t.field({
    description:
      "Removes a link between the plugin's records and a consultation topic; true once removed. Permission round.manage in the link's district; an unknown link is NOT_FOUND. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: 'Boolean',
    args: { id: t.arg.id({ required: true, description: "The link's id." }) },
    resolve: async (_root, args, ctx) => {
      const link = await ctx.em.findOne(TopicLinkSchema, { id: parseId(args.id) });
      if (!link) throw notFound('link', args.id);
      await requirePermissionIn(ctx, 'round.manage', link.district, 'id');
      await ctx.em.transactional(async (em) =>
        em.remove(await em.findOneOrFail(TopicLinkSchema, { id: link.id }, { filters: false })),
      );
      return true;
    },
  }),
}));
