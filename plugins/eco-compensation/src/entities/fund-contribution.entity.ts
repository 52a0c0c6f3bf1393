import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const PAYER_KINDS = ['central', 'upstream', 'downstream', 'other'] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];

/** Money one payer puts into a round's fund for one year, in 万元. */
export const FundContributionSchema = defineEntity({
  name: 'FundContribution',
  tableName: 'eco_fund_contribution',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    roundId: p.integer().index(),
    payerKind: p.string().$type<PayerKind>(),
    payerName: p.string(),
    year: p.integer(),
    amount: p.integer(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
  },
});
export type FundContribution = InferEntity<typeof FundContributionSchema>;
