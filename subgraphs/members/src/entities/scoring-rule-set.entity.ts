import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RuleSet } from '../assessment/rules.js';

/** One version of a district's scoring rules for a year; the highest version is in force. */
export const ScoringRuleSetSchema = defineEntity({
  name: 'ScoringRuleSet',
  tableName: 'scoring_rule_set',
  uniques: [{ properties: ['district', 'year', 'version'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    year: p.integer(),
    version: p.integer(),
    rules: p.json<RuleSet>(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
    public: p.boolean().default(false),
  },
});
export type ScoringRuleSet = InferEntity<typeof ScoringRuleSetSchema>;
