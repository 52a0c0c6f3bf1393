import { connectionType, findPage, notFound, pageArgs, parseId, type Page, type RequestContext } from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { dateInput, visible } from '../access.js';
import { builder } from '../builder.js';
import {
  addQuestionnaire,
  draftCampaign,
  enterPaperResponse,
  moveCampaign,
  recordDistribution,
  respondToQuestionnaire,
  screenContribution,
  seesQuestionnaire,
  submitContribution,
  type AnswerInput,
} from '../commands/public-input.js';
import {
  CAMPAIGN_STATUSES,
  CONTRIBUTION_KINDS,
  CONTRIBUTION_STATUSES,
  InputCampaignSchema,
  InputContributionSchema,
  RecommendationSourceSchema,
  type InputCampaign,
  type InputContribution,
} from '../entities/input-campaign.entity.js';
import {
  DISTRIBUTION_CHANNELS,
  QUESTION_KINDS,
  QuestionnaireAnswerSchema,
  QuestionnaireDistributionSchema,
  QuestionnaireQuestionSchema,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
  RESPONDENT_KINDS,
  type DistributionChannel,
  type Questionnaire,
  type QuestionnaireAnswer,
  type QuestionnaireDistribution,
  type QuestionnaireQuestion,
  type QuestionnaireResponse,
  type RespondentKind,
} from '../entities/questionnaire.entity.js';
import { RecommendationSchema, type Recommendation } from '../entities/recommendation.entity.js';
import { campaignWorkflow, contributionWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';
import { RecommendationType } from './recommendation.js';

export const CampaignStatusType = builder.enumType('InputCampaignStatus', { values: CAMPAIGN_STATUSES });
export const ContributionKindType = builder.enumType('InputContributionKind', { values: CONTRIBUTION_KINDS, description: 'RESEARCH_REPORT 调研报告, SUGGESTION 建议.' });
export const ContributionStatusType = builder.enumType('InputContributionStatus', { values: CONTRIBUTION_STATUSES });
export const QuestionKindType = builder.enumType('QuestionKind', { values: QUESTION_KINDS });
export const ChannelType = builder.enumType('QuestionnaireChannel', { values: DISTRIBUTION_CHANNELS });
export const RespondentType = builder.enumType('QuestionnaireRespondent', {
  values: RESPONDENT_KINDS,
  description: 'MEMBER answered as themself; PAPER a printed copy staff entered; PUBLIC anyone else, anonymously.',
});

/** Where the figures are counted: a campaign's rows, or those of a district's campaigns dated within a period. */
export interface FigureScope {
  campaignIds: number[];
  from?: string;
  to?: string;
}

export interface PublicInputFigures {
  copiesDistributed: number;
  copiesByChannel: { channel: DistributionChannel; copies: number }[];
  responses: number;
  responsesByRespondent: { respondent: RespondentKind; count: number }[];
  reportsCollected: number;
  suggestionsCollected: number;
  suggestionsByTheme: { theme: string; count: number }[];
  contributionsAccepted: number;
  contributionsRejected: number;
  recommendationsCompiled: number;
  recommendationsSubmitted: number;
}

function tally<K extends string>(keys: K[], weights?: number[]): { key: K; n: number }[] {
  const counts = new Map<K, number>();
  keys.forEach((k, i) => counts.set(k, (counts.get(k) ?? 0) + (weights?.[i] ?? 1)));
  return [...counts].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}

/**
 * The figures the report quotes (copies handed out, research reports and suggestions
 * collected, recommendations submitted), counted from the rows on every read. Aggregates only:
 * whoever may see the campaign (or the district's statistics) may see them.
 */
export async function publicInputFigures(ctx: RequestContext, scope: FigureScope): Promise<PublicInputFigures> {
  const within = (from?: string, to?: string) => ({ ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) });
  const dated = scope.from || scope.to;
  const period = within(scope.from, scope.to);
  const questionnaires = scope.campaignIds.length === 0 ? [] : await ctx.em.find(QuestionnaireSchema, { campaignId: { $in: scope.campaignIds } }, { filters: false, fields: ['id'] });
  const qids = questionnaires.map((q) => q.id);
  const [distributions, responses, contributions, recommendations] = await Promise.all([
    ctx.em.find(QuestionnaireDistributionSchema, { questionnaireId: { $in: qids }, ...(dated ? { distributedOn: period } : {}) }, { filters: false, fields: ['channel', 'copies'] }),
    ctx.em.find(QuestionnaireResponseSchema, { questionnaireId: { $in: qids }, ...(dated ? { submittedOn: period } : {}) }, { filters: false, fields: ['respondent'] }),
    ctx.em.find(InputContributionSchema, { campaignId: { $in: scope.campaignIds }, ...(dated ? { receivedOn: period } : {}) }, { filters: false, fields: ['kind', 'theme', 'status'] }),
    ctx.em.find(RecommendationSchema, { campaignId: { $in: scope.campaignIds } }, { filters: false, fields: ['submittedOn'] }),
  ]);
  const suggestions = contributions.filter((c) => c.kind === 'SUGGESTION');
  const inPeriod = (day: string | null | undefined) => !!day && (!scope.from || day >= scope.from) && (!scope.to || day <= scope.to);
  return {
    copiesDistributed: distributions.reduce((sum, d) => sum + d.copies, 0),
    copiesByChannel: tally(distributions.map((d) => d.channel), distributions.map((d) => d.copies)).map((c) => ({ channel: c.key, copies: c.n })),
    responses: responses.length,
    responsesByRespondent: tally(responses.map((r) => r.respondent)).map((c) => ({ respondent: c.key, count: c.n })),
    reportsCollected: contributions.length - suggestions.length,
    suggestionsCollected: suggestions.length,
    suggestionsByTheme: tally(suggestions.map((s) => s.theme)).map((c) => ({ theme: c.key, count: c.n })),
    contributionsAccepted: contributions.filter((c) => c.status === 'ACCEPTED').length,
    contributionsRejected: contributions.filter((c) => c.status === 'REJECTED').length,
    // A compiled recommendation counts once submitted within the period (or at all, for a campaign).
    recommendationsCompiled: dated ? recommendations.filter((r) => inPeriod(r.submittedOn)).length : recommendations.length,
    recommendationsSubmitted: recommendations.filter((r) => (dated ? inPeriod(r.submittedOn) : !!r.submittedOn)).length,
  };
}

const ChannelCount = builder.objectRef<PublicInputFigures['copiesByChannel'][number]>('QuestionnaireChannelCopies').implement({
  fields: (t) => ({ channel: t.field({ type: ChannelType, resolve: (c) => c.channel }), copies: t.exposeInt('copies') }),
});
const RespondentCount = builder.objectRef<PublicInputFigures['responsesByRespondent'][number]>('QuestionnaireRespondentCount').implement({
  fields: (t) => ({ respondent: t.field({ type: RespondentType, resolve: (c) => c.respondent }), count: t.exposeInt('count') }),
});
const ThemeCount = builder.objectRef<PublicInputFigures['suggestionsByTheme'][number]>('InputThemeCount').implement({
  fields: (t) => ({ theme: t.exposeString('theme'), count: t.exposeInt('count') }),
});

export const PublicInputFiguresType = builder.objectRef<PublicInputFigures>('PublicInputFigures').implement({
  description: 'What public input (公众参与) gathered: copies handed out, answers, research reports and suggestions collected, recommendations submitted — counted from the records.',
  fields: (t) => ({
    copiesDistributed: t.exposeInt('copiesDistributed', { description: '发放份数.' }),
    copiesByChannel: t.field({ type: [ChannelCount], resolve: (f) => f.copiesByChannel }),
    responses: t.exposeInt('responses', { description: 'Questionnaires answered (回收).' }),
    responsesByRespondent: t.field({ type: [RespondentCount], resolve: (f) => f.responsesByRespondent }),
    reportsCollected: t.exposeInt('reportsCollected', { description: '收集调研报告.' }),
    suggestionsCollected: t.exposeInt('suggestionsCollected', { description: '收集建议.' }),
    suggestionsByTheme: t.field({ type: [ThemeCount], resolve: (f) => f.suggestionsByTheme }),
    contributionsAccepted: t.exposeInt('contributionsAccepted'),
    contributionsRejected: t.exposeInt('contributionsRejected'),
    recommendationsCompiled: t.exposeInt('recommendationsCompiled', { description: 'Recommendations compiled from the contributions.' }),
    recommendationsSubmitted: t.exposeInt('recommendationsSubmitted', { description: '上报建言献策条数.' }),
  }),
});

export const InputCampaignType = builder.objectRef<InputCampaign>('InputCampaign');
export const QuestionnaireType = builder.objectRef<Questionnaire>('Questionnaire');
export const InputContributionType = builder.objectRef<InputContribution>('InputContribution');
export const InputContributionConnection = connectionType<InputContribution>(builder, 'InputContribution', InputContributionType);

const OptionCount = builder.objectRef<{ option: string; count: number }>('QuestionOptionCount').implement({
  fields: (t) => ({ option: t.exposeString('option'), count: t.exposeInt('count') }),
});

// Rows under a questionnaire are the questionnaire's to show: access was decided when it was.
const answersTo = (ctx: RequestContext, questionId: number) => ctx.loaders.many(QuestionnaireAnswerSchema, 'questionId', {}, true).load(questionId);

export const QuestionType = builder.objectRef<QuestionnaireQuestion>('QuestionnaireQuestion').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeInt('position'),
    text: t.exposeString('text'),
    kind: t.field({ type: QuestionKindType, resolve: (q) => q.kind }),
    options: t.stringList({ resolve: (q) => q.options }),
    required: t.exposeBoolean('required'),
    answered: t.int({ description: 'Responses that answer it.', resolve: async (q, _a, ctx) => new Set((await answersTo(ctx, q.id)).map((a) => a.responseId)).size }),
    tally: t.field({
      type: [OptionCount],
      description: 'Each option offered and how many chose it, in the order offered (none for free text).',
      resolve: async (q, _a, ctx) => {
        const answers = await answersTo(ctx, q.id);
        return q.options.map((option) => ({ option, count: answers.filter((a) => a.option === option).length }));
      },
    }),
  }),
});

const DistributionType = builder.objectRef<QuestionnaireDistribution>('QuestionnaireDistribution').implement({
  description: '发放: copies handed out through one channel on one day.',
  fields: (t) => ({
    id: t.exposeID('id'),
    channel: t.field({ type: ChannelType, resolve: (d) => d.channel }),
    copies: t.exposeInt('copies'),
    distributedOn: t.exposeString('distributedOn'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const AnswerType = builder.objectRef<QuestionnaireAnswer>('QuestionnaireAnswer').implement({
  fields: (t) => ({
    question: t.field({ type: QuestionType, nullable: true, resolve: (a, _x, ctx) => ctx.loaders.many(QuestionnaireQuestionSchema, 'id', {}, true).load(a.questionId).then((r) => r[0] ?? null) }),
    option: t.exposeString('option', { nullable: true }),
    text: t.exposeString('text', { nullable: true }),
  }),
});

export const ResponseType = builder.objectRef<QuestionnaireResponse>('QuestionnaireResponse').implement({
  description: 'One filled-in questionnaire. Only those working for the district see them one by one; everyone sees the tallies.',
  fields: (t) => ({
    id: t.exposeID('id'),
    respondent: t.field({ type: RespondentType, resolve: (r) => r.respondent }),
    member: t.field({ type: MemberRef, nullable: true, resolve: (r) => (r.memberId == null ? null : { id: String(r.memberId) }) }),
    submittedOn: t.exposeString('submittedOn'),
    answers: t.field({ type: [AnswerType], resolve: (r, _a, ctx) => ctx.loaders.many(QuestionnaireAnswerSchema, 'responseId', {}, true).load(r.id) }),
  }),
});
const ResponseConnection = connectionType<QuestionnaireResponse>(builder, 'QuestionnaireResponse', ResponseType);

QuestionnaireType.implement({
  description: '专项调查问卷: a campaign\'s questionnaire, its ordered questions, copies handed out, answers and tallies.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    intro: t.exposeString('intro', { nullable: true }),
    public: t.exposeBoolean('public', { description: 'Anyone may answer it, anonymously, while its campaign is open.' }),
    campaign: t.field({ type: InputCampaignType, nullable: true, resolve: (q, _a, ctx) => ctx.loaders.one(InputCampaignSchema).load(q.campaignId) }),
    questions: t.field({
      type: [QuestionType],
      resolve: async (q, _a, ctx) => (await ctx.loaders.many(QuestionnaireQuestionSchema, 'questionnaireId', {}, true).load(q.id)).sort((a, b) => a.position - b.position),
    }),
    distributions: t.field({ type: [DistributionType], resolve: (q, _a, ctx) => ctx.loaders.many(QuestionnaireDistributionSchema, 'questionnaireId', {}, true).load(q.id) }),
    copiesDistributed: t.int({ resolve: async (q, _a, ctx) => (await ctx.loaders.many(QuestionnaireDistributionSchema, 'questionnaireId', {}, true).load(q.id)).reduce((s, d) => s + d.copies, 0) }),
    responseCount: t.int({ resolve: (q, _a, ctx) => ctx.em.count(QuestionnaireResponseSchema, { questionnaireId: q.id }, { filters: false }) }),
    responses: t.field({
      type: ResponseConnection,
      args: pageArgs(t),
      description: 'The filled-in copies, for those working for the district.',
      resolve: (q, args, ctx) => findPage(ctx.em, QuestionnaireResponseSchema, { questionnaireId: q.id }, args),
    }),
  }),
});

InputCampaignType.implement({
  description: '征集: a call for public input — questionnaires, research reports and suggestions — compiled into recommendations.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    purpose: t.exposeString('purpose'),
    district: t.field({ type: DistrictRef, nullable: true, resolve: (c) => ({ code: c.district }) }),
    opensOn: t.exposeString('opensOn'),
    closesOn: t.exposeString('closesOn'),
    themes: t.stringList({ resolve: (c) => c.themes }),
    status: t.field({ type: CampaignStatusType, resolve: (c) => c.status }),
    compiledOn: t.exposeString('compiledOn', { nullable: true }),
    public: t.exposeBoolean('public'),
    version: t.exposeInt('version'),
    questionnaires: t.field({ type: [QuestionnaireType], resolve: (c, _a, ctx) => ctx.loaders.many(QuestionnaireSchema, 'campaignId').load(c.id) }),
    contributions: t.field({
      type: InputContributionConnection,
      description: 'Research reports and suggestions collected; those working for the district see them.',
      args: {
        kind: t.arg({ type: ContributionKindType, required: false }),
        theme: t.arg.string({ required: false }),
        status: t.arg({ type: ContributionStatusType, required: false }),
        ...pageArgs(t),
      },
      resolve: (c, { kind, theme, status, first, after }, ctx) => {
        const where: FilterQuery<InputContribution>[] = [{ campaignId: c.id }];
        if (kind) where.push({ kind });
        if (theme) where.push({ theme });
        if (status) where.push({ status });
        return findPage(ctx.em, InputContributionSchema, { $and: where }, { first, after });
      },
    }),
    recommendations: t.field({ type: [RecommendationType], description: 'Recommendations compiled from it.', resolve: (c, _a, ctx) => ctx.loaders.many(RecommendationSchema, 'campaignId').load(c.id) }),
    figures: t.field({ type: PublicInputFiguresType, resolve: (c, _a, ctx) => publicInputFigures(ctx, { campaignIds: [c.id] }) }),
    availableActions: t.stringList({ resolve: (c, _a, ctx) => campaignWorkflow.available(ctx, c) }),
    history: t.field({ type: [ConsultationAuditEntryType], resolve: (c, _a, ctx) => history(ctx, 'input_campaign', c) }),
  }),
});

InputContributionType.implement({
  description: 'A research report (调研报告) or suggestion (建议) a campaign collected, from a member or from outside, and how it was screened.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ContributionKindType, resolve: (c) => c.kind }),
    theme: t.exposeString('theme'),
    title: t.exposeString('title'),
    text: t.exposeString('text'),
    member: t.field({ type: MemberRef, nullable: true, resolve: (c) => (c.memberId == null ? null : { id: String(c.memberId) }) }),
    contributorName: t.exposeString('contributorName', { nullable: true }),
    contributorOrganisation: t.exposeString('contributorOrganisation', { nullable: true }),
    receivedOn: t.exposeString('receivedOn'),
    status: t.field({ type: ContributionStatusType, resolve: (c) => c.status }),
    screeningNote: t.exposeString('screeningNote', { nullable: true, description: 'Why it was rejected, or a note on accepting it.' }),
    version: t.exposeInt('version'),
    campaign: t.field({ type: InputCampaignType, nullable: true, resolve: (c, _a, ctx) => ctx.loaders.one(InputCampaignSchema).load(c.campaignId) }),
    recommendations: t.field({
      type: [RecommendationType],
      description: 'Recommendations compiled from it.',
      resolve: async (c, _a, ctx) => {
        const links = await ctx.loaders.many(RecommendationSourceSchema, 'contributionId').load(c.id);
        return (await ctx.loaders.one(RecommendationSchema).loadMany(links.map((l) => l.recommendationId))).filter((r): r is Recommendation => !!r && !(r instanceof Error));
      },
    }),
    availableActions: t.stringList({ resolve: (c, _a, ctx) => contributionWorkflow.available(ctx, c) }),
    history: t.field({ type: [ConsultationAuditEntryType], resolve: (c, _a, ctx) => history(ctx, 'input_contribution', c) }),
  }),
});

builder.objectField(RecommendationType, 'campaign', (t) =>
  t.field({ type: InputCampaignType, nullable: true, description: 'The public-input campaign it was compiled from.', resolve: (r, _a, ctx) => (r.campaignId == null ? null : ctx.loaders.one(InputCampaignSchema).load(r.campaignId)) }),
);
builder.objectField(RecommendationType, 'sources', (t) =>
  t.field({
    type: [InputContributionType],
    description: 'The contributions it was compiled from (those the caller may see).',
    resolve: async (r, _a, ctx) => {
      const links = await ctx.loaders.many(RecommendationSourceSchema, 'recommendationId').load(r.id);
      return (await ctx.loaders.one(InputContributionSchema).loadMany(links.map((l) => l.contributionId))).filter((c): c is InputContribution => !!c && !(c instanceof Error));
    },
  }),
);

builder.objectField(MemberRef, 'inputContributions', (t) =>
  t.field({
    type: InputContributionConnection,
    nullable: true,
    args: pageArgs(t),
    description: 'Research reports and suggestions the member contributed to public-input campaigns. Their own to themselves.',
    resolve: async (m, args, ctx): Promise<Page<InputContribution>> => {
      const own = ctx.caller.memberId === String(m.id);
      return ctx.loaders.page(InputContributionSchema, 'memberId', args, {}, own).load(Number(m.id));
    },
  }),
);

export const InputCampaignConnection = connectionType<InputCampaign>(builder, 'InputCampaign', InputCampaignType);

builder.queryField('inputCampaigns', (t) =>
  t.field({
    type: InputCampaignConnection,
    args: { district: t.arg.id({ required: false }), status: t.arg({ type: CampaignStatusType, required: false }), ...pageArgs(t) },
    resolve: (_root, { district, status, first, after }, ctx) => {
      const where: FilterQuery<InputCampaign>[] = [];
      if (district) where.push({ district: String(district) });
      if (status) where.push({ status });
      return findPage(ctx.em, InputCampaignSchema, { $and: where }, { first, after });
    },
  }),
);

builder.queryField('inputCampaign', (t) =>
  t.field({
    type: InputCampaignType,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => (await ctx.loaders.one(InputCampaignSchema).load(parseId(id))) ?? Promise.reject(notFound('input campaign', id)),
  }),
);

builder.queryField('questionnaire', (t) =>
  t.field({
    type: QuestionnaireType,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const q = await ctx.em.findOne(QuestionnaireSchema, { id: parseId(id) }, { filters: false });
      if (!q || !seesQuestionnaire(ctx, q)) throw notFound('questionnaire', id);
      return q;
    },
  }),
);

builder.queryField('inputContribution', (t) =>
  t.field({
    type: InputContributionType,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const c = await ctx.em.findOne(InputContributionSchema, { id: parseId(id) }, { filters: false });
      const own = !!c && c.memberId != null && ctx.caller.memberId === String(c.memberId);
      if (!c || !visible(ctx, c, own)) throw notFound('input contribution', id);
      return c;
    },
  }),
);

const text = (min: number, max: number, what: string) => z.string().trim().min(min, `must have at least ${min} characters${what}`).max(max);

const DraftCampaignInput = builder.inputType('DraftInputCampaignInput', {
  fields: (t) => ({
    district: t.id({ required: true }),
    title: t.string({ required: true, validate: text(4, 120, '') }),
    purpose: t.string({ required: true, validate: text(2, 120, ': say what the input is for'), description: 'What the input is for: 编制“十四五”规划 …' }),
    opensOn: t.string({ required: true, validate: dateInput }),
    closesOn: t.string({ required: true, validate: dateInput }),
    themes: t.stringList({ required: true, validate: z.array(z.string().trim().min(2, 'must name a theme').max(30)).min(1, 'must name at least one theme').max(20) }),
    public: t.boolean({ required: false, description: 'Shown to everyone (default true).' }),
  }),
});

builder.mutationField('draftInputCampaign', (t) =>
  t.field({
    type: InputCampaignType,
    description: 'Staff draft a public-input campaign (征集): its purpose, period and themes.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: DraftCampaignInput, required: true }) },
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
  ['openInputCampaign', 'open', 'Staff open a drafted campaign: answers and contributions come in.'],
  ['closeInputCampaign', 'close', 'Staff close collection.'],
  ['reopenInputCampaign', 'reopen', 'Staff reopen a closed campaign to collect more.'],
  ['compileInputCampaign', 'compile', 'Staff mark a closed campaign compiled: every contribution screened, the recommendations drawn from it submitted.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: InputCampaignType,
      description,
      authScopes: { staff: true },
      args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }), note: t.arg.string({ required: false }), on: t.arg.string({ required: false, validate: dateInput, description: 'compile: the day (default today).' }) },
      resolve: (_root, { id, version, note, on }, ctx) => moveCampaign(ctx, parseId(id), action, version, note ?? null, on ?? null),
    }),
  );
}

const QuestionInputType = builder.inputType('QuestionnaireQuestionInput', {
  fields: (t) => ({
    text: t.string({ required: true, validate: text(2, 200, '') }),
    kind: t.field({ type: QuestionKindType, required: true }),
    options: t.stringList({ required: false, validate: z.array(z.string().trim().min(1, 'must not be empty').max(60)).max(30) }),
    required: t.boolean({ required: false, description: 'Must be answered (default true).' }),
  }),
});

const QuestionnaireInputType = builder.inputType('AddQuestionnaireInput', {
  fields: (t) => ({
    title: t.string({ required: true, validate: text(4, 120, '') }),
    intro: t.string({ required: false, validate: z.string().trim().max(5000) }),
    public: t.boolean({ required: false, description: 'Anyone may answer it anonymously (default true).' }),
    questions: t.field({ type: [QuestionInputType], required: true, description: 'In the order asked.' }),
  }),
});

builder.mutationField('addQuestionnaire', (t) =>
  t.field({
    type: QuestionnaireType,
    description: 'Staff add a questionnaire with its questions, in order, to a campaign still in draft.',
    authScopes: { staff: true },
    args: { campaignId: t.arg.id({ required: true }), input: t.arg({ type: QuestionnaireInputType, required: true }) },
    resolve: (_root, { campaignId, input }, ctx) =>
      addQuestionnaire(ctx, parseId(campaignId, 'campaignId'), {
        title: input.title.trim(),
        intro: input.intro?.trim() || null,
        public: input.public ?? true,
        questions: input.questions.map((q) => ({ text: q.text.trim(), kind: q.kind, options: (q.options ?? []).map((o) => o.trim()), required: q.required ?? true })),
      }),
  }),
);

builder.mutationField('recordQuestionnaireDistribution', (t) =>
  t.field({
    type: DistributionType,
    description: 'Staff record copies handed out (发放), by channel.',
    authScopes: { staff: true },
    args: {
      questionnaireId: t.arg.id({ required: true }),
      channel: t.arg({ type: ChannelType, required: true }),
      copies: t.arg.int({ required: true, validate: z.number().int().min(1, 'must be at least 1').max(1_000_000) }),
      distributedOn: t.arg.string({ required: true, validate: dateInput }),
      note: t.arg.string({ required: false, validate: z.string().trim().max(200) }),
    },
    resolve: (_root, a, ctx) => recordDistribution(ctx, parseId(a.questionnaireId, 'questionnaireId'), { channel: a.channel, copies: a.copies, distributedOn: a.distributedOn, note: a.note?.trim() || null }),
  }),
);

const AnswerInputType = builder.inputType('QuestionnaireAnswerInput', {
  description: 'One answer: an option of a choice question (one entry per option chosen), or the words of a free-text one.',
  fields: (t) => ({
    questionId: t.id({ required: true }),
    option: t.string({ required: false }),
    text: t.string({ required: false, validate: z.string().trim().max(5000) }),
  }),
});

const answersArg = (t: any) => t.arg({ type: [AnswerInputType], required: true });
const toAnswers = (answers: { questionId: string | number; option?: string | null; text?: string | null }[], field: string): AnswerInput[] =>
  answers.map((a, i) => ({ questionId: parseId(a.questionId, `${field}.${i}.questionId`), option: a.option ?? null, text: a.text?.trim() || null }));

builder.mutationField('respondToQuestionnaire', (t) =>
  t.field({
    type: ResponseType,
    description: 'Answer a questionnaire while its campaign is open: a member as themself (once), anyone else anonymously if it is public.',
    args: { questionnaireId: t.arg.id({ required: true }), answers: answersArg(t) },
    resolve: (_root, a, ctx) => respondToQuestionnaire(ctx, parseId(a.questionnaireId as string, 'questionnaireId'), toAnswers(a.answers as any[], 'answers')),
  }),
);

builder.mutationField('enterPaperQuestionnaireResponse', (t) =>
  t.field({
    type: ResponseType,
    description: 'Staff enter a paper copy handed back, while the campaign is open.',
    authScopes: { staff: true },
    args: { questionnaireId: t.arg.id({ required: true }), answers: answersArg(t), receivedOn: t.arg.string({ required: false, validate: dateInput }) },
    resolve: (_root, a, ctx) => enterPaperResponse(ctx, parseId(a.questionnaireId as string, 'questionnaireId'), toAnswers(a.answers as any[], 'answers'), (a.receivedOn as string | null) ?? null),
  }),
);

const ContributionInputType = builder.inputType('SubmitInputContributionInput', {
  fields: (t) => ({
    kind: t.field({ type: ContributionKindType, required: true }),
    theme: t.string({ required: true, validate: z.string().trim().min(1, 'must name a theme').max(30) }),
    title: t.string({ required: true, validate: text(4, 120, '') }),
    text: t.string({ required: true, validate: text(10, 100000, '') }),
    memberId: t.id({ required: false, description: 'The member who wrote it (a member handing in their own may leave it out).' }),
    contributorName: t.string({ required: false, validate: z.string().trim().min(2, 'must name the contributor').max(60), description: 'Staff: a contributor from outside the committee.' }),
    contributorOrganisation: t.string({ required: false, validate: z.string().trim().max(80) }),
    receivedOn: t.string({ required: false, validate: dateInput, description: 'Staff: the day it came in (default today).' }),
  }),
});

builder.mutationField('submitInputContribution', (t) =>
  t.field({
    type: InputContributionType,
    description: 'A member hands in a research report or suggestion to an open campaign; staff record anyone\'s.',
    authScopes: { authenticated: true },
    args: { campaignId: t.arg.id({ required: true }), input: t.arg({ type: ContributionInputType, required: true }) },
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
    type: InputContributionType,
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }), note: t.arg.string({ required: false, validate: z.string().trim().max(2000) }) },
    resolve: (_root, { id, version, note }, ctx) => screenContribution(ctx, parseId(id), 'accept', version, note?.trim() || null),
  }),
);

builder.mutationField('rejectInputContribution', (t) =>
  t.field({
    type: InputContributionType,
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }), reason: t.arg.string({ required: true, validate: text(2, 2000, ': say why it is rejected') }) },
    resolve: (_root, { id, version, reason }, ctx) => screenContribution(ctx, parseId(id), 'reject', version, reason.trim()),
  }),
);
