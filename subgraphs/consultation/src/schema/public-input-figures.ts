import type { RequestContext } from '@cppcc/kit';
import { builder } from '../builder.js';
import { InputContributionSchema } from '../entities/input-campaign.entity.js';
import {
  QuestionnaireDistributionSchema,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
  type DistributionChannel,
  type RespondentKind,
} from '../entities/questionnaire.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { ChannelType, RespondentType } from './questionnaire.js';

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
  for (const [i, k] of keys.entries()) counts.set(k, (counts.get(k) ?? 0) + (weights?.[i] ?? 1));
  return [...counts]
    .map(([key, n]) => ({ key, n }))
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}

/**
 * The figures the report quotes (copies handed out, research reports and suggestions
 * collected, recommendations submitted), counted from the rows on every read. Aggregates only:
 * whoever may see the campaign (or the district's statistics) may see them.
 */
export async function publicInputFigures(
  ctx: RequestContext,
  scope: FigureScope,
): Promise<PublicInputFigures> {
  const within = (from?: string, to?: string) => ({
    ...(from ? { $gte: from } : {}),
    ...(to ? { $lte: to } : {}),
  });
  const dated = scope.from || scope.to;
  const period = within(scope.from, scope.to);
  const questionnaires =
    scope.campaignIds.length === 0
      ? []
      : await ctx.em.find(
          QuestionnaireSchema,
          { campaignId: { $in: scope.campaignIds } },
          { filters: false, fields: ['id'] },
        );
  const qids = questionnaires.map((q) => q.id);
  const [distributions, responses, contributions, recommendations] = await Promise.all([
    ctx.em.find(
      QuestionnaireDistributionSchema,
      { questionnaireId: { $in: qids }, ...(dated ? { distributedOn: period } : {}) },
      { filters: false, fields: ['channel', 'copies'] },
    ),
    ctx.em.find(
      QuestionnaireResponseSchema,
      { questionnaireId: { $in: qids }, ...(dated ? { submittedOn: period } : {}) },
      { filters: false, fields: ['respondent'] },
    ),
    ctx.em.find(
      InputContributionSchema,
      { campaignId: { $in: scope.campaignIds }, ...(dated ? { receivedOn: period } : {}) },
      { filters: false, fields: ['kind', 'theme', 'status'] },
    ),
    ctx.em.find(
      RecommendationSchema,
      { campaignId: { $in: scope.campaignIds } },
      { filters: false, fields: ['submittedOn'] },
    ),
  ]);
  const suggestions = contributions.filter((c) => c.kind === 'SUGGESTION');
  const inPeriod = (day: string | null | undefined) =>
    !!day && (!scope.from || day >= scope.from) && (!scope.to || day <= scope.to);
  return {
    copiesDistributed: distributions.reduce((sum, d) => sum + d.copies, 0),
    copiesByChannel: tally(
      distributions.map((d) => d.channel),
      distributions.map((d) => d.copies),
    ).map((c) => ({ channel: c.key, copies: c.n })),
    responses: responses.length,
    responsesByRespondent: tally(responses.map((r) => r.respondent)).map((c) => ({
      respondent: c.key,
      count: c.n,
    })),
    reportsCollected: contributions.length - suggestions.length,
    suggestionsCollected: suggestions.length,
    suggestionsByTheme: tally(suggestions.map((s) => s.theme)).map((c) => ({
      theme: c.key,
      count: c.n,
    })),
    contributionsAccepted: contributions.filter((c) => c.status === 'ACCEPTED').length,
    contributionsRejected: contributions.filter((c) => c.status === 'REJECTED').length,
    // A compiled recommendation counts once submitted within the period (or at all, for a campaign).
    recommendationsCompiled: dated
      ? recommendations.filter((r) => inPeriod(r.submittedOn)).length
      : recommendations.length,
    recommendationsSubmitted: recommendations.filter((r) =>
      dated ? inPeriod(r.submittedOn) : !!r.submittedOn,
    ).length,
  };
}

const ChannelCount = builder
  .objectRef<PublicInputFigures['copiesByChannel'][number]>('QuestionnaireChannelCopies')
  .implement({
    description: '发放份数 How many copies of a questionnaire went out through one channel.',
    fields: (t) => ({
      channel: t.field({
        description: '发放渠道 How copies of a questionnaire reach people.',
        type: ChannelType,
        resolve: (c) => c.channel,
      }),
      copies: t.exposeInt('copies', {
        description: '份数 Copies distributed through the channel.',
      }),
    }),
  });
const RespondentCount = builder
  .objectRef<PublicInputFigures['responsesByRespondent'][number]>('QuestionnaireRespondentCount')
  .implement({
    description: '按答卷人统计 How many responses came from one kind of respondent.',
    fields: (t) => ({
      respondent: t.field({
        description:
          'MEMBER answered as themself; PAPER a printed copy staff entered; PUBLIC anyone else, anonymously.',
        type: RespondentType,
        resolve: (c) => c.respondent,
      }),
      count: t.exposeInt('count', {
        description: '数量 How many responses came from that kind of respondent.',
      }),
    }),
  });
const ThemeCount = builder
  .objectRef<PublicInputFigures['suggestionsByTheme'][number]>('InputThemeCount')
  .implement({
    description: '按主题统计 How many contributions a public-input campaign received on one theme.',
    fields: (t) => ({
      theme: t.exposeString('theme', { description: '主题 The theme.' }),
      count: t.exposeInt('count', { description: '数量 How many contributions name it.' }),
    }),
  });

export const PublicInputFiguresType = builder
  .objectRef<PublicInputFigures>('PublicInputFigures')
  .implement({
    description:
      'What public input (公众参与) gathered: copies handed out, answers, research reports and suggestions collected, recommendations submitted — counted from the records.',
    fields: (t) => ({
      copiesDistributed: t.exposeInt('copiesDistributed', { description: '发放份数.' }),
      copiesByChannel: t.field({
        description: '按渠道 Questionnaire copies distributed, by channel.',
        type: [ChannelCount],
        resolve: (f) => f.copiesByChannel,
      }),
      responses: t.exposeInt('responses', { description: 'Questionnaires answered (回收).' }),
      responsesByRespondent: t.field({
        description: '按对象 Questionnaire responses, by kind of respondent.',
        type: [RespondentCount],
        resolve: (f) => f.responsesByRespondent,
      }),
      reportsCollected: t.exposeInt('reportsCollected', { description: '收集调研报告.' }),
      suggestionsCollected: t.exposeInt('suggestionsCollected', { description: '收集建议.' }),
      suggestionsByTheme: t.field({
        description: '按主题 Contributions, by theme.',
        type: [ThemeCount],
        resolve: (f) => f.suggestionsByTheme,
      }),
      contributionsAccepted: t.exposeInt('contributionsAccepted', {
        description: '采用 Contributions accepted.',
      }),
      contributionsRejected: t.exposeInt('contributionsRejected', {
        description: '未采用 Contributions rejected.',
      }),
      recommendationsCompiled: t.exposeInt('recommendationsCompiled', {
        description: 'Recommendations compiled from the contributions.',
      }),
      recommendationsSubmitted: t.exposeInt('recommendationsSubmitted', {
        description: '上报建言献策条数.',
      }),
    }),
  });
