import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 建议案 (a report the standing committee adopts) or 建议 (a single recommendation). */
export const RECOMMENDATION_KINDS = ['REPORT', 'RECOMMENDATION'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const RECOMMENDATION_STATUSES = ['DRAFT', 'SUBMITTED', 'ADOPTED', 'NOT_ADOPTED'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** An outcome of consultation or research, sent to the Party committee and government. */
export const RecommendationSchema = defineEntity({
  name: 'Recommendation',
  tableName: 'recommendation',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'recommendation_kind_id_index', properties: ['kind', 'id'] },
    { name: 'recommendation_status_id_index', properties: ['status', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    kind: p.string().$type<RecommendationKind>(),
    title: p.string(),
    text: p.text(),
    activityId: p.integer().nullable().index(),
    researchProjectId: p.integer().nullable().index(),
    /** The public-input campaign (征集) it was compiled from; its sources are the contributions. */
    campaignId: p.integer().nullable().index(),
    /** Members who wrote it; their records hear of instructions on it. */
    authorIds: p.json<number[]>(),
    /** Whom it went to: 市委, 市政府, 两省 … */
    submittedTo: p.string().nullable(),
    submittedOn: p.string().length(10).nullable(),
    /** How the government took it up: the decision or document. */
    adoption: p.string().nullable(),
    adoptedOn: p.string().length(10).nullable(),
    status: p.string().$type<RecommendationStatus>(),
    public: p.boolean().default(true),
    version: p.integer().version(),
  },
});
export type Recommendation = InferEntity<typeof RecommendationSchema>;
