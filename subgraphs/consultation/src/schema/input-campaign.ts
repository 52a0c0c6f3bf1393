import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  PUBLIC_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { textInput } from '../access.js';
import { builder } from '../builder.js';
import { draftCampaign, moveCampaign } from '../commands/public-input.js';
import {
  CAMPAIGN_STATUSES,
  InputCampaignSchema,
  InputContributionSchema,
  type InputCampaign,
  type InputContribution,
} from '../entities/input-campaign.entity.js';
import { QuestionnaireSchema } from '../entities/questionnaire.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { campaignWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { DistrictRef } from './district.js';
import { RecommendationType } from './recommendation.js';
import { QuestionnaireType } from './questionnaire.js';
import {
  ContributionKindType,
  ContributionStatusType,
  InputContributionConnection,
} from './input-contribution.js';
import { PublicInputFiguresType, publicInputFigures } from './public-input-figures.js';

export const CampaignStatusType = builder.enumType('InputCampaignStatus', {
  description: '征集状态 Where a public-input campaign stands: DRAFT → OPEN ⇄ CLOSED → COMPILED.',
  values: describedValues(CAMPAIGN_STATUSES, {
    DRAFT: '草稿 Being drafted; staff add questionnaires, then open it.',
    OPEN: '征集中 Open: anyone may respond and contribute; staff close it.',
    CLOSED: '已截止 Closed; staff reopen it (while nothing is drafted from it) or compile it.',
    COMPILED: '已汇编 Compiled into recommendations; no further steps.',
  }),
});

export const InputCampaignType = builder.objectRef<InputCampaign>('InputCampaign');

InputCampaignType.implement({
  description:
    '征集: a call for public input — questionnaires, research reports and suggestions — compiled into recommendations.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The InputCampaign's id." }),
    title: t.exposeString('title', { description: "标题 The campaign's title." }),
    purpose: t.exposeString('purpose', { description: '目的 What input is sought and why.' }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (c) => ({ code: c.district }),
    }),
    opensOn: t.expose('opensOn', {
      description: '开始日期 The first day it takes contributions.',
      type: 'Date',
    }),
    closesOn: t.expose('closesOn', {
      description: '截止日期 The last day it takes contributions.',
      type: 'Date',
    }),
    themes: t.stringList({
      description: '主题 The themes a contribution must name one of.',
      resolve: (c) => c.themes,
    }),
    status: t.field({
      description: '征集状态 Where a public-input campaign stands.',
      type: CampaignStatusType,
      resolve: (c) => c.status,
    }),
    compiledOn: t.expose('compiledOn', {
      description: '汇编日期 The day its input was compiled; null until then.',
      type: 'Date',
      nullable: true,
    }),
    public: t.exposeBoolean('public', {
      description: PUBLIC_DESCRIPTION,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    questionnaires: t.field({
      description: '问卷 Its questionnaires.',
      type: [QuestionnaireType],
      resolve: (c, _a, ctx) => ctx.loaders.many(QuestionnaireSchema, 'campaignId').load(c.id),
    }),
    contributions: t.field({
      type: InputContributionConnection,
      description:
        'Research reports and suggestions collected; those working for the district see them.',
      args: {
        kind: t.arg({
          description: 'Only contributions of this kind.',
          type: ContributionKindType,
          required: false,
        }),
        theme: t.arg.string({
          description: 'Only contributions naming this theme.',
          required: false,
        }),
        status: t.arg({
          description: 'Only contributions in this state.',
          type: ContributionStatusType,
          required: false,
        }),
        ...pageArgs(t),
      },
      resolve: (c, { kind, theme, status, first, after, last, before }, ctx) => {
        const where: FilterQuery<InputContribution>[] = [{ campaignId: c.id }];
        if (kind) where.push({ kind });
        if (theme) where.push({ theme });
        if (status) where.push({ status });
        return findPage(
          ctx.em,
          InputContributionSchema,
          { $and: where },
          { first, after, last, before },
        );
      },
    }),
    recommendations: t.field({
      type: [RecommendationType],
      description: 'Recommendations compiled from it.',
      resolve: (c, _a, ctx) => ctx.loaders.many(RecommendationSchema, 'campaignId').load(c.id),
    }),
    figures: t.field({
      description: '统计 Its copies, responses and contributions, counted.',
      type: PublicInputFiguresType,
      resolve: (c, _a, ctx) => publicInputFigures(ctx, { campaignIds: [c.id] }),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (c, _a, ctx) =>
        campaignWorkflow.available(ctx, {
          ...c,
          unscreened: (
            await ctx.loaders
              .many(InputContributionSchema, 'campaignId', { status: 'RECEIVED' }, true)
              .load(c.id)
          ).length,
          recommendations: (
            await ctx.loaders.many(RecommendationSchema, 'campaignId', {}, true).load(c.id)
          ).map((r) => r.status),
        }),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (c, _a, ctx) => history(ctx, 'input_campaign', c),
    }),
  }),
});

builder.objectField(RecommendationType, 'campaign', (t) =>
  t.field({
    type: InputCampaignType,
    nullable: true,
    description: 'The public-input campaign it was compiled from.',
    resolve: (r, _a, ctx) =>
      r.campaignId == null ? null : ctx.loaders.one(InputCampaignSchema).load(r.campaignId),
  }),
);

export const InputCampaignConnection = connectionType<InputCampaign>(
  builder,
  'InputCampaign',
  InputCampaignType,
);

builder.queryField('inputCampaigns', (t) =>
  t.field({
    description:
      "征集 Public-input campaigns. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: InputCampaignConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      status: t.arg({
        description: 'Only campaigns in this state.',
        type: CampaignStatusType,
        required: false,
      }),
      ...periodArgs(t, 'opening day (opensOn)'),
      ...pageArgs(t),
    },
    resolve: (_root, { district, status, from, to, first, after, last, before }, ctx) => {
      const where: FilterQuery<InputCampaign>[] = [periodWhere('opensOn', { from, to })];
      if (district) where.push({ district: String(district) });
      if (status) where.push({ status });
      return findPage(ctx.em, InputCampaignSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('inputCampaign', (t) =>
  t.field({
    description:
      '征集 One public-input campaign by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: InputCampaignType,
    nullable: true,
    args: { id: t.arg.id({ description: "The InputCampaign's id.", required: true }) },
    resolve: async (_root, { id }, ctx) =>
      (await ctx.loaders.one(InputCampaignSchema).load(parseId(id, 'id', 'InputCampaign'))) ?? null,
  }),
);

nodeType(builder, InputCampaignType, (ctx, id) => ctx.loaders.one(InputCampaignSchema).load(id));

const DraftCampaignInput = builder.inputType('DraftInputCampaignInput', {
  description: 'What `draftInputCampaign` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    purpose: t.string({
      required: true,
      validate: textInput(2, 120, ': say what the input is for'),
      description: 'What the input is for: 编制“十四五”规划 …',
    }),
    opensOn: t.field({
      description: 'The first day it takes contributions.',
      type: 'Date',
      required: true,
    }),
    closesOn: t.field({
      description: 'The last day it takes contributions.',
      type: 'Date',
      required: true,
    }),
    themes: t.stringList({
      description:
        'The themes a contribution names one of: 1 to 20, each trimmed 2 to 30 characters.',
      required: true,
      validate: z
        .array(z.string().trim().min(2, 'must name a theme').max(30))
        .min(1, 'must name at least one theme')
        .max(20),
    }),
    public: t.boolean({ required: false, description: 'Shown to everyone (default true).' }),
  }),
});

builder.mutationField('draftInputCampaign', (t) =>
  t.field({
    type: InputCampaignType,
    description: 'Staff draft a public-input campaign (征集): its purpose, period and themes.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `draftInputCampaign` takes (`DraftInputCampaignInput`).',
        type: DraftCampaignInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      draftCampaign(ctx, {
        district: String(input.district),
        title: input.title.trim(),
        purpose: input.purpose.trim(),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        themes: input.themes.map((x) => x.trim()),
        public: input.public ?? true,
      }),
  }),
);

for (const [field, action, description] of [
  [
    'openInputCampaign',
    'open',
    'Staff open a drafted campaign: answers and contributions come in.',
  ],
  ['closeInputCampaign', 'close', 'Staff close collection.'],
  ['reopenInputCampaign', 'reopen', 'Staff reopen a closed campaign to collect more.'],
  [
    'compileInputCampaign',
    'compile',
    'Staff mark a closed campaign compiled: every contribution screened, the recommendations drawn from it submitted.',
  ],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: InputCampaignType,
      description,
      authScopes: { staff: true },
      args: {
        id: t.arg.id({ description: "The InputCampaign's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
        on: t.arg({
          type: 'Date',
          required: false,
          description: 'compile: the day (default today).',
        }),
      },
      resolve: (_root, { id, version, note, on }, ctx) =>
        moveCampaign(ctx, parseId(id), action, version, note ?? null, on ?? null),
    }),
  );
}
