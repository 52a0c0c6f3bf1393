import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const POLICY_KINDS = [
  'IMPLEMENTATION_OPINION',
  'REGULATION',
  'WORK_OPINION',
  'OTHER',
] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export const REVIEW_KINDS = ['INSPECTION', 'SPECIAL_RESEARCH'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATUSES = ['PLANNED', 'IN_PROGRESS', 'REPORTED', 'CLOSED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A policy document the committee helped the Party committee issue (协助市委出台《实施意见》). Public. */
export const PolicyDocumentSchema = defineEntity({
  name: 'PolicyDocument',
  tableName: 'policy_document',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'policy_document_issued_on_id_index', properties: ['issuedOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    kind: p.string().$type<PolicyKind>(),
    title: p.string(),
    issuedBy: p.string(),
    issuedOn: p.string().length(10),
    summary: p.text(),
    public: p.boolean().default(true),
  },
});
export type PolicyDocument = InferEntity<typeof PolicyDocumentSchema>;

/** An inspection or special research (专题调研) into how a document is carried out. */
export const ImplementationReviewSchema = defineEntity({
  name: 'ImplementationReview',
  tableName: 'implementation_review',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    documentId: p.integer().index(),
    kind: p.string().$type<ReviewKind>(),
    title: p.string(),
    plannedOn: p.string().length(10),
    districtsVisited: p.json<string[]>(),
    findings: p.text().nullable(),
    followUp: p.text().nullable(),
    reportedOn: p.string().length(10).nullable(),
    status: p.string().$type<ReviewStatus>(),
    public: p.boolean().default(true),
  },
});
export type ImplementationReview = InferEntity<typeof ImplementationReviewSchema>;
