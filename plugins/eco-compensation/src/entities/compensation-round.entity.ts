import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const ROUND_STATES = ['negotiating', 'signed', 'in_force', 'concluded'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/**
 * One round of a basin's compensation agreement. The payment rule's numbers live in `rule`
 * (JSON: stability coefficient k, threshold, base limits per indicator) because they are read
 * and written as one set, and a JSON text column keeps them exact on SQLite and PostgreSQL.
 */
export const CompensationRoundSchema = defineEntity({
  name: 'CompensationRound',
  tableName: 'eco_round',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    basin: p.string(),
    startYear: p.integer(),
    endYear: p.integer(),
    agreementTitle: p.string(),
    agreementSignedOn: p.string().length(10).nullable(),
    /** JSON array of party names. */
    parties: p.text(),
    upstream: p.string(),
    downstream: p.string(),
    sectionId: p.integer().index(),
    /** JSON: { k, threshold, baseLimits: { code: limit } }. */
    rule: p.text(),
    /** What moves between the provinces in a year, in 万元. */
    transferAmount: p.integer(),
    status: p.string().$type<RoundState>(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
  },
});
export type CompensationRound = InferEntity<typeof CompensationRoundSchema>;

export interface RoundRule {
  k: number;
  threshold: number;
  baseLimits: Record<string, number>;
}

export function ruleOf(round: CompensationRound): RoundRule {
  return JSON.parse(round.rule) as RoundRule;
}
