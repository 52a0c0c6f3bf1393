import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COMMITTEE_STATUSES = ['ACTIVE', 'MERGED', 'DISSOLVED'] as const;
export type CommitteeStatus = (typeof COMMITTEE_STATUSES)[number];

/**
 * Read-only copy of organization's special committees, fed by `special_committee.registered`,
 * so that the committee named to lead a topic or a research project can be checked: it must
 * exist, be of the same district, and still work (a merged or dissolved one leads nothing new).
 */
export const CommitteeRefSchema = defineEntity({
  name: 'CommitteeRef',
  tableName: 'committee_ref',
  properties: {
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12),
    name: p.string(),
    status: p.string().$type<CommitteeStatus>(),
    mergedIntoId: p.integer().nullable(),
    /** The day of the change announced last applied. */
    changedOn: p.string().length(10),
  },
});
export type CommitteeRef = InferEntity<typeof CommitteeRefSchema>;
