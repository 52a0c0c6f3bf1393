import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COMMUNICATION_KINDS = ['OPEN_LETTER', 'NOTICE', 'INITIATIVE_LETTER'] as const;
export type CommunicationKind = (typeof COMMUNICATION_KINDS)[number];
export const COMMUNICATION_STATUSES = ['DRAFT', 'ISSUED', 'WITHDRAWN'] as const;
export type CommunicationStatus = (typeof COMMUNICATION_STATUSES)[number];

/** 一封信 / 通知 / 倡议书: what the committee sent, to whom, when and why. Public once issued. */
export const CommunicationSchema = defineEntity({
  name: 'Communication',
  tableName: 'communication',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'communication_issued_on_id_index', properties: ['issuedOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    kind: p.string().$type<CommunicationKind>(),
    title: p.string(),
    audience: p.string(),
    occasion: p.text(),
    body: p.text(),
    issuedOn: p.string().length(10).nullable(),
    status: p.string().$type<CommunicationStatus>(),
    public: p.boolean().default(false),
  },
});
export type Communication = InferEntity<typeof CommunicationSchema>;

export const CAMPAIGN_KINDS = ['ESSAY_CONTEST', 'ANTHOLOGY', 'EXHIBITION'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_STATUSES = ['OPEN', 'CLOSED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** 征文 / 文集 / 书画展: consensus-building work that collects entries. Public. */
export const ConsensusCampaignSchema = defineEntity({
  name: 'ConsensusCampaign',
  tableName: 'consensus_campaign',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'consensus_campaign_opens_on_id_index', properties: ['opensOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    kind: p.string().$type<CampaignKind>(),
    title: p.string(),
    theme: p.text(),
    opensOn: p.string().length(10),
    closesOn: p.string().length(10),
    status: p.string().$type<CampaignStatus>(),
    public: p.boolean().default(true),
  },
});
export type ConsensusCampaign = InferEntity<typeof ConsensusCampaignSchema>;

/** An essay, an anthology piece or an exhibited work: by a member, or by an artist who is not one. */
export const CampaignEntrySchema = defineEntity({
  name: 'CampaignEntry',
  tableName: 'campaign_entry',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    campaignId: p.integer().index(),
    memberId: p.integer().nullable().index(),
    author: p.string(),
    title: p.string(),
    award: p.string().nullable(),
    submittedOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type CampaignEntry = InferEntity<typeof CampaignEntrySchema>;
