import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const CAMPAIGN_STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'COMPILED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * 征集: a call for public input with one purpose (the five-year plan, say) — questionnaires handed
 * out and answered, research reports and suggestions collected on its themes — drafted, open,
 * closed, and compiled into recommendations sent to the Party committee and government.
 */
export const InputCampaignSchema = defineEntity({
  name: 'InputCampaign',
  tableName: 'input_campaign',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'input_campaign_opens_on_id_index', properties: ['opensOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    /** What the input is for, in words: 编制“十四五”规划, 年度协商计划 … */
    purpose: p.string(),
    opensOn: p.string().length(10),
    closesOn: p.string().length(10),
    /** The themes contributions are sorted under (创新开放, 融杭接沪 …); at least one. */
    themes: p.json<string[]>(),
    compiledOn: p.string().length(10).nullable(),
    status: p.string().$type<CampaignStatus>(),
    public: p.boolean().default(true),
    version: p.integer().version(),
  },
});
export type InputCampaign = InferEntity<typeof InputCampaignSchema>;

export const CONTRIBUTION_KINDS = ['RESEARCH_REPORT', 'SUGGESTION'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const CONTRIBUTION_STATUSES = ['RECEIVED', 'ACCEPTED', 'REJECTED'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** A research report or a suggestion collected by a campaign, from a member or from outside. */
export const InputContributionSchema = defineEntity({
  name: 'InputContribution',
  tableName: 'input_contribution',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    campaignId: p.integer().index(),
    kind: p.string().$type<ContributionKind>(),
    theme: p.string(),
    title: p.string(),
    text: p.text(),
    /** The member who wrote it; or, from outside the committee, a name and organisation. */
    memberId: p.integer().nullable().index(),
    contributorName: p.string().nullable(),
    contributorOrganisation: p.string().nullable(),
    receivedOn: p.string().length(10),
    /** Why it was rejected (or a note on accepting it). */
    screeningNote: p.text().nullable(),
    status: p.string().$type<ContributionStatus>(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type InputContribution = InferEntity<typeof InputContributionSchema>;

/** A recommendation compiled from a campaign names the contributions it came from. */
export const RecommendationSourceSchema = defineEntity({
  name: 'RecommendationSource',
  tableName: 'recommendation_source',
  uniques: [{ properties: ['recommendationId', 'contributionId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    recommendationId: p.integer().index(),
    contributionId: p.integer().index(),
  },
});
export type RecommendationSource = InferEntity<typeof RecommendationSourceSchema>;
