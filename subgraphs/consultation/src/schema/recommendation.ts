import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type WithArgs,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  PUBLIC_DESCRIPTION,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  nodeType,
  type RequestContext,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { visible } from '../access.js';
import { builder } from '../builder.js';
import { draftRecommendation, moveRecommendation } from '../commands/outcomes.js';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import {
  RECOMMENDATION_KINDS,
  RECOMMENDATION_STATUSES,
  RecommendationSchema,
  type Recommendation,
} from '../entities/recommendation.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import { recommendationWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { ConsultationActivityType } from './consultation-activity.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';
import { ResearchProjectType } from './research-project.js';

export const RecommendationKindType = builder.enumType('RecommendationKind', {
  description: '建议类别 A recommendation report (建议案) or a recommendation (建议).',
  values: describedValues(RECOMMENDATION_KINDS, {
    REPORT: '建议案 A recommendation report (the formal, fuller kind).',
    RECOMMENDATION: '建议 A recommendation.',
  }),
});
export const RecommendationStatusType = builder.enumType('RecommendationStatus', {
  description: '建议状态 Where a recommendation stands: DRAFT → SUBMITTED → ADOPTED | NOT_ADOPTED.',
  values: describedValues(RECOMMENDATION_STATUSES, {
    DRAFT: '草稿 Being written; staff submit it.',
    SUBMITTED: '已报送 Submitted; staff record whether it was adopted.',
    ADOPTED: '已采纳 Adopted, naming the decision or document.',
    NOT_ADOPTED: '未采纳 Not adopted.',
  }),
});

export const RecommendationType = builder.objectRef<Recommendation>('Recommendation');

RecommendationType.implement({
  description:
    '建议案 (REPORT) or 建议 (RECOMMENDATION): an outcome of consultation or research sent to the Party committee and government.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Recommendation's id." }),
    kind: t.field({
      description: '建议类别 A recommendation report (建议案) or a recommendation (建议).',
      type: RecommendationKindType,
      resolve: (r) => r.kind,
    }),
    title: t.exposeString('title', { description: "标题 The recommendation's title." }),
    text: t.exposeString('text', { description: '正文 Its text.' }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (r) => ({ code: r.district }),
    }),
    activity: t.field({
      description: '协商活动 The activity it came from, if any.',
      type: ConsultationActivityType,
      nullable: true,
      resolve: (r, _a, ctx) =>
        r.activityId == null
          ? null
          : ctx.loaders.one(ConsultationActivitySchema).load(r.activityId),
    }),
    researchProject: t.field({
      description: '调研课题 The research project it came from, if any.',
      type: ResearchProjectType,
      nullable: true,
      resolve: (r, _a, ctx) =>
        r.researchProjectId == null
          ? null
          : ctx.loaders.one(ResearchProjectSchema).load(r.researchProjectId),
    }),
    authors: t.field({
      description: '执笔人 The members who wrote it.',
      type: [MemberRef],
      nullable: { list: false, items: true },
      resolve: (r) => r.authorIds.map((id) => ({ id: String(id) })),
    }),
    submittedTo: t.exposeString('submittedTo', {
      description: '报送对象 Whom it was submitted to; null until submitted.',
      nullable: true,
    }),
    submittedOn: t.expose('submittedOn', {
      description: '报送日期 The day it was submitted; null until then.',
      type: 'Date',
      nullable: true,
    }),
    adoption: t.exposeString('adoption', {
      nullable: true,
      description: 'The decision or document that adopted it.',
    }),
    adoptedOn: t.expose('adoptedOn', {
      description: '采纳日期 The day it was adopted; null unless adopted.',
      type: 'Date',
      nullable: true,
    }),
    status: t.field({
      description: '建议状态 Where a recommendation stands.',
      type: RecommendationStatusType,
      resolve: (r) => r.status,
    }),
    public: t.exposeBoolean('public', {
      description: PUBLIC_DESCRIPTION,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (r, _a, ctx) => recommendationWorkflow.available(ctx, r),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (r, _a, ctx) => history(ctx, 'recommendation', r),
    }),
  }),
});

/** A recommendation as its lookup shows it: its district's, public, or its authors'. */
async function visibleRecommendation(ctx: RequestContext, id: number) {
  const r = await ctx.em.findOne(RecommendationSchema, { id }, { filters: false });
  const own = !!r && !!ctx.caller.memberId && r.authorIds.map(String).includes(ctx.caller.memberId);
  if (!r || !visible(ctx, r, own)) return null;
  return r;
}

nodeType(builder, RecommendationType, visibleRecommendation);

export const RecommendationConnection = connectionType<Recommendation>(
  builder,
  'Recommendation',
  RecommendationType,
);

for (const [type, field, key] of [
  [ConsultationActivityType, 'recommendations', 'activityId'],
  [ResearchProjectType, 'recommendations', 'researchProjectId'],
] as const) {
  builder.objectField(type as typeof ConsultationActivityType, field, (t) =>
    t.field({
      type: [RecommendationType],
      description: '协商建议 The recommendations drafted from it.',
      resolve: (parent, _a, ctx) =>
        ctx.loaders.many(RecommendationSchema, key).load((parent as { id: number }).id),
    }),
  );
}

const RecommendationFilter = builder.inputType('RecommendationFilter', {
  description:
    '筛选 Narrows `recommendations`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    kind: t.field({
      description: 'Only records with this kind.',
      type: RecommendationKindType,
      required: false,
    }),
    status: t.field({
      description: 'Only records in this state.',
      type: RecommendationStatusType,
      required: false,
    }),
    campaignId: t.id({ required: false, description: 'Compiled from this public-input campaign.' }),
  }),
});

builder.queryField('recommendations', (t) =>
  t.field({
    description:
      "建议案/建议 Recommendations written up from consultation, research or public input. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: RecommendationConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`RecommendationFilter`).',
        type: RecommendationFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<Recommendation>[] = [];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.kind) where.push({ kind: filter.kind });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.campaignId)
        where.push({ campaignId: parseId(filter.campaignId, 'filter.campaignId') });
      return findPage(
        ctx.em,
        RecommendationSchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

builder.queryField('recommendation', (t) =>
  t.field({
    description:
      '建议案/建议 One recommendation by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: RecommendationType,
    nullable: true,
    args: { id: t.arg.id({ description: "The Recommendation's id.", required: true }) },
    resolve: (_root, { id }, ctx) =>
      visibleRecommendation(ctx, parseId(id, 'id', 'Recommendation')),
  }),
);

const DraftInput = builder.inputType('DraftRecommendationInput', {
  description: 'What `draftRecommendation` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    kind: t.field({
      description: '建议类别 A recommendation report (建议案) or a recommendation (建议).',
      type: RecommendationKindType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    text: t.string({
      description: 'The text: trimmed, 20 to 100,000 characters.',
      required: true,
      validate: z.string().trim().min(20, 'must have at least 20 characters').max(100000),
    }),
    activityId: t.id({ required: false, description: 'The held activity it comes from.' }),
    researchProjectId: t.id({
      required: false,
      description: 'The research whose submitted report it comes from.',
    }),
    campaignId: t.id({
      required: false,
      description: 'The closed public-input campaign it is compiled from.',
    }),
    contributionIds: t.idList({
      required: false,
      description: 'The accepted contributions of that campaign it draws on.',
      validate: z.array(z.string().regex(/^\d+$/, 'must be contribution ids')).max(500),
    }),
    authorIds: t.idList({
      description: 'The ids of the members who wrote it: at most 200.',
      required: false,
      validate: z.array(z.string().regex(/^\d+$/, 'must be member ids')).max(200),
    }),
    public: t.boolean({ required: false, description: 'Shown to everyone (default true).' }),
  }),
});

builder.mutationField('draftRecommendation', (t) =>
  t.field({
    description:
      'Staff write up a recommendation (DRAFT) from a held activity, a submitted research report or the accepted contributions of a closed public-input campaign. Title 5 to 200 characters; text 20 to 100,000.',
    type: RecommendationType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `draftRecommendation` takes (`DraftRecommendationInput`).',
        type: DraftInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      draftRecommendation(ctx, {
        district: String(input.district),
        kind: input.kind,
        title: input.title.trim(),
        text: input.text.trim(),
        activityId: input.activityId == null ? null : parseId(input.activityId, 'input.activityId'),
        researchProjectId:
          input.researchProjectId == null
            ? null
            : parseId(input.researchProjectId, 'input.researchProjectId'),
        campaignId: input.campaignId == null ? null : parseId(input.campaignId, 'input.campaignId'),
        contributionIds: (input.contributionIds ?? []).map(Number),
        authorIds: (input.authorIds ?? []).map(Number),
        public: input.public ?? true,
      }),
  }),
);

const moveArgs = (t: WithArgs) => ({
  id: t.arg.id({ required: true, description: "The Recommendation's id." }),
  version: t.arg.int({ required: true, description: VERSION_DESCRIPTION }),
  note: t.arg.string({ required: false, description: NOTE_DESCRIPTION }),
  on: t.arg({ type: 'Date', required: false, description: 'The day it happened (default today).' }),
});

builder.mutationField('submitRecommendation', (t) =>
  t.field({
    description:
      'Staff submit a DRAFT recommendation (→ SUBMITTED), naming whom it goes to (2 to 80 characters).',
    type: RecommendationType,
    authScopes: { staff: true },
    args: {
      ...moveArgs(t),
      submittedTo: t.arg.string({
        description: 'Whom it goes to: trimmed, 2 to 80 characters.',
        required: true,
        validate: z.string().trim().min(2, 'must say whom it goes to').max(80),
      }),
    },
    resolve: (_root, a, ctx) =>
      moveRecommendation(
        ctx,
        parseId(a.id as string),
        'submit',
        a.version as number,
        (a.note as string | null) ?? null,
        { submittedTo: a.submittedTo.trim(), on: a.on as string | null },
      ),
  }),
);

builder.mutationField('adoptRecommendation', (t) =>
  t.field({
    type: RecommendationType,
    description:
      'Staff record that the Party committee or government adopted it, and by which decision or document.',
    authScopes: { staff: true },
    args: {
      ...moveArgs(t),
      adoption: t.arg.string({
        description: 'The decision or document that adopted it: trimmed, 4 to 200 characters.',
        required: true,
        validate: z.string().trim().min(4, 'must name the decision or document').max(200),
      }),
    },
    resolve: (_root, a, ctx) =>
      moveRecommendation(
        ctx,
        parseId(a.id as string),
        'adopt',
        a.version as number,
        (a.note as string | null) ?? null,
        { adoption: a.adoption.trim(), on: a.on as string | null },
      ),
  }),
);

builder.mutationField('declineRecommendation', (t) =>
  t.field({
    description: 'Staff record that a SUBMITTED recommendation was not adopted (→ NOT_ADOPTED).',
    type: RecommendationType,
    authScopes: { staff: true },
    args: moveArgs(t),
    resolve: (_root, a, ctx) =>
      moveRecommendation(
        ctx,
        parseId(a.id as string),
        'decline',
        a.version as number,
        (a.note as string | null) ?? null,
        { on: a.on as string | null },
      ),
  }),
);
