import {
  connectionType,
  foundRows,
  pageArgs,
  parseId,
  type Page,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  type RequestContext,
  nodeType,
} from '@cppcc/kit';
import { z } from 'zod';
import { textInput, visible } from '../access.js';
import { builder } from '../builder.js';
import { screenContribution, submitContribution } from '../commands/public-input.js';
import {
  CONTRIBUTION_KINDS,
  CONTRIBUTION_STATUSES,
  InputCampaignSchema,
  InputContributionSchema,
  RecommendationSourceSchema,
  type InputContribution,
} from '../entities/input-campaign.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { contributionWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { MemberRef } from './member.js';
import { RecommendationType } from './recommendation.js';
import { InputCampaignType } from './input-campaign.js';

export const ContributionKindType = builder.enumType('InputContributionKind', {
  values: describedValues(CONTRIBUTION_KINDS, {
    RESEARCH_REPORT: '调研报告 A research report.',
    SUGGESTION: '建议 A suggestion.',
  }),
  description: 'RESEARCH_REPORT 调研报告, SUGGESTION 建议.',
});
export const ContributionStatusType = builder.enumType('InputContributionStatus', {
  description:
    '来稿状态 Where a contribution to a public-input campaign stands: RECEIVED → ACCEPTED | REJECTED.',
  values: describedValues(CONTRIBUTION_STATUSES, {
    RECEIVED: '已收到 Received; staff accept or reject it.',
    ACCEPTED: '已采用 Accepted; a recommendation may draw on it.',
    REJECTED: '未采用 Rejected, with the reason.',
  }),
});

export const InputContributionType = builder.objectRef<InputContribution>('InputContribution');
export const InputContributionConnection = connectionType<InputContribution>(
  builder,
  'InputContribution',
  InputContributionType,
);

InputContributionType.implement({
  description:
    'A research report (调研报告) or suggestion (建议) a campaign collected, from a member or from outside, and how it was screened.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The InputContribution's id." }),
    kind: t.field({
      description: 'RESEARCH_REPORT 调研报告, SUGGESTION 建议.',
      type: ContributionKindType,
      resolve: (c) => c.kind,
    }),
    theme: t.exposeString('theme', { description: '主题 The campaign theme it names.' }),
    title: t.exposeString('title', { description: "标题 The contribution's title." }),
    text: t.exposeString('text', { description: '内容 What it says.' }),
    member: t.field({
      description: '委员 The member who sent it; null for someone else.',
      type: MemberRef,
      nullable: true,
      resolve: (c) => (c.memberId == null ? null : { id: String(c.memberId) }),
    }),
    contributorName: t.exposeString('contributorName', {
      description: '来稿人 The name of a contributor who is not a member.',
      nullable: true,
    }),
    contributorOrganisation: t.exposeString('contributorOrganisation', {
      description: "来稿单位 The contributor's organisation, if given.",
      nullable: true,
    }),
    receivedOn: t.expose('receivedOn', {
      description: '收到日期 The day it was received.',
      type: 'Date',
    }),
    status: t.field({
      description: '来稿状态 Where a contribution to a public-input campaign stands.',
      type: ContributionStatusType,
      resolve: (c) => c.status,
    }),
    screeningNote: t.exposeString('screeningNote', {
      nullable: true,
      description: 'Why it was rejected, or a note on accepting it.',
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    campaign: t.field({
      description: '征集活动 The campaign it answers.',
      type: InputCampaignType,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.loaders.one(InputCampaignSchema).load(c.campaignId),
    }),
    recommendations: t.field({
      type: [RecommendationType],
      description: 'Recommendations compiled from it.',
      resolve: async (c, _a, ctx) => {
        const links = await ctx.loaders
          .many(RecommendationSourceSchema, 'contributionId')
          .load(c.id);
        return foundRows(
          await ctx.loaders
            .one(RecommendationSchema)
            .loadMany(links.map((l) => l.recommendationId)),
        );
      },
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (c, _a, ctx) => {
        // The campaign's status only, whoever may read the campaign itself.
        const [campaign] = await ctx.loaders
          .many(InputCampaignSchema, 'id', {}, true)
          .load(c.campaignId);
        return contributionWorkflow.available(ctx, { ...c, campaignStatus: campaign?.status });
      },
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (c, _a, ctx) => history(ctx, 'input_contribution', c),
    }),
  }),
});

builder.objectField(RecommendationType, 'sources', (t) =>
  t.field({
    type: [InputContributionType],
    description: 'The contributions it was compiled from (those the caller may see).',
    resolve: async (r, _a, ctx) => {
      const links = await ctx.loaders
        .many(RecommendationSourceSchema, 'recommendationId')
        .load(r.id);
      return foundRows(
        await ctx.loaders.one(InputContributionSchema).loadMany(links.map((l) => l.contributionId)),
      );
    },
  }),
);

builder.objectField(MemberRef, 'inputContributions', (t) =>
  t.field({
    type: InputContributionConnection,
    nullable: true,
    args: pageArgs(t),
    description:
      'Research reports and suggestions the member contributed to public-input campaigns. Their own to themselves.',
    resolve: async (m, args, ctx): Promise<Page<InputContribution>> => {
      const own = ctx.caller.memberId === String(m.id);
      return ctx.loaders
        .page(InputContributionSchema, 'memberId', args, {}, own)
        .load(Number(m.id));
    },
  }),
);

builder.queryField('inputContribution', (t) =>
  t.field({
    description:
      '征集来稿 One contribution to a public-input campaign by id; a non-public one also to the member who sent it; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: InputContributionType,
    nullable: true,
    args: { id: t.arg.id({ description: "The InputContribution's id.", required: true }) },
    resolve: (_root, { id }, ctx) =>
      visibleContribution(ctx, parseId(id, 'id', 'InputContribution')),
  }),
);

/** A contribution as its lookup shows it: its district's, public, or the contributor's own. */
async function visibleContribution(ctx: RequestContext, id: number) {
  const c = await ctx.em.findOne(InputContributionSchema, { id }, { filters: false });
  const own = !!c && c.memberId != null && ctx.caller.memberId === String(c.memberId);
  if (!c || !visible(ctx, c, own)) return null;
  return c;
}

nodeType(builder, InputContributionType, visibleContribution);

const ContributionInputType = builder.inputType('SubmitInputContributionInput', {
  description: 'What `submitInputContribution` takes.',
  fields: (t) => ({
    kind: t.field({
      description: 'RESEARCH_REPORT 调研报告, SUGGESTION 建议.',
      type: ContributionKindType,
      required: true,
    }),
    theme: t.string({
      description: "One of the campaign's themes: trimmed, 1 to 30 characters.",
      required: true,
      validate: z.string().trim().min(1, 'must name a theme').max(30),
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    text: t.string({
      description: 'What it says: trimmed, 10 to 100,000 characters.',
      required: true,
      validate: textInput(10, 100000, ''),
    }),
    memberId: t.id({
      required: false,
      description: 'The member who wrote it (a member handing in their own may leave it out).',
    }),
    contributorName: t.string({
      required: false,
      validate: z.string().trim().min(2, 'must name the contributor').max(60),
      description: 'Staff: a contributor from outside the committee.',
    }),
    contributorOrganisation: t.string({
      description: "The contributor's organisation: at most 80 characters.",
      required: false,
      validate: z.string().trim().max(80),
    }),
    receivedOn: t.field({
      type: 'Date',
      required: false,
      description: 'Staff: the day it came in (default today).',
    }),
  }),
});

builder.mutationField('submitInputContribution', (t) =>
  t.field({
    type: InputContributionType,
    description:
      "A member hands in a research report or suggestion to an open campaign; staff record anyone's.",
    authScopes: { authenticated: true },
    args: {
      campaignId: t.arg.id({
        description: "The campaign's id; it must be taking contributions.",
        required: true,
      }),
      input: t.arg({
        description: 'What `submitInputContribution` takes (`SubmitInputContributionInput`).',
        type: ContributionInputType,
        required: true,
      }),
    },
    resolve: (_root, { campaignId, input }, ctx) =>
      submitContribution(ctx, parseId(campaignId, 'campaignId'), {
        kind: input.kind,
        theme: input.theme.trim(),
        title: input.title.trim(),
        text: input.text.trim(),
        memberId: input.memberId == null ? null : parseId(input.memberId, 'input.memberId'),
        contributorName: input.contributorName?.trim() || null,
        contributorOrganisation: input.contributorOrganisation?.trim() || null,
        receivedOn: input.receivedOn ?? null,
      }),
  }),
);

builder.mutationField('acceptInputContribution', (t) =>
  t.field({
    description:
      'Staff accept a RECEIVED contribution (→ ACCEPTED), so a recommendation may draw on it; note at most 2,000 characters.',
    type: InputContributionType,
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The InputContribution's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: false,
        validate: z.string().trim().max(2000),
      }),
    },
    resolve: (_root, { id, version, note }, ctx) =>
      screenContribution(ctx, parseId(id), 'accept', version, note?.trim() || null),
  }),
);

builder.mutationField('rejectInputContribution', (t) =>
  t.field({
    description:
      'Staff reject a RECEIVED contribution (→ REJECTED), saying why (2 to 2,000 characters).',
    type: InputContributionType,
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The InputContribution's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      reason: t.arg.string({
        description: 'Why it is rejected: trimmed, 2 to 2,000 characters.',
        required: true,
        validate: textInput(2, 2000, ': say why it is rejected'),
      }),
    },
    resolve: (_root, { id, version, reason }, ctx) =>
      screenContribution(ctx, parseId(id), 'reject', version, reason.trim()),
  }),
);
