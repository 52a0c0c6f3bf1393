import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 捐款捐物活动: a donation drive with its purpose and period. Public. */
export const DonationCampaignSchema = defineEntity({
  name: 'DonationCampaign',
  tableName: 'donation_campaign',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'donation_campaign_starts_on_id_index', properties: ['startsOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    purpose: p.text(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type DonationCampaign = InferEntity<typeof DonationCampaignSchema>;

/** A donation by a member or an organisation, money or goods valued in fen (分). */
export const DonationSchema = defineEntity({
  name: 'Donation',
  tableName: 'donation',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    campaignId: p.integer().index(),
    memberId: p.integer().nullable().index(),
    organization: p.string().nullable(),
    kind: p.string().$type<'MONEY' | 'GOODS'>(),
    amountFen: p.bigint('number'),
    description: p.string().nullable(),
    donatedOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type Donation = InferEntity<typeof DonationSchema>;
