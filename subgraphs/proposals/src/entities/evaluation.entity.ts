import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 提案质量: the five dimensions a handling unit scores, 20 points each. */
export const QUALITY_CRITERIA = [
  'scientific',
  'serious',
  'feasible',
  'standard',
  'influential',
] as const;
/** 办理质量: what proposers score a unit on, 25 points each. */
export const HANDLING_CRITERIA = [
  'organization',
  'communication',
  'reply',
  'implementation',
] as const;

/** 优秀 ≥ 90, 良好 75–89, 一般 60–74, 较差 below 60. */
export function band(total: number): 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR' {
  return total >= 90 ? 'EXCELLENT' : total >= 75 ? 'GOOD' : total >= 60 ? 'FAIR' : 'POOR';
}

/** A handling unit's score of a proposal's quality (双向评议, one direction). */
export const QualityScoreSchema = defineEntity({
  name: 'QualityScore',
  tableName: 'proposal_quality_score',
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    taskId: p.integer().unique(),
    unitId: p.integer(),
    scores: p.json<Record<string, number>>(),
    total: p.integer(),
    scoredAt: p.datetime(),
  },
});
export type QualityScore = InferEntity<typeof QualityScoreSchema>;

/** A proposer's score of a unit's handling (the other direction). */
export const HandlingScoreSchema = defineEntity({
  name: 'HandlingScore',
  tableName: 'proposal_handling_score',
  uniques: [{ properties: ['taskId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    taskId: p.integer().index(),
    unitId: p.integer().index(),
    memberId: p.integer(),
    scores: p.json<Record<string, number>>(),
    total: p.integer(),
    scoredAt: p.datetime(),
  },
});
export type HandlingScore = InferEntity<typeof HandlingScoreSchema>;

/** 优秀提案: awarded for a year. */
export const AwardSchema = defineEntity({
  name: 'Award',
  tableName: 'proposal_award',
  uniques: [{ properties: ['proposalId', 'year'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    district: p.string().length(12),
    year: p.integer(),
    awardedOn: p.string().length(10),
  },
});
export type Award = InferEntity<typeof AwardSchema>;
