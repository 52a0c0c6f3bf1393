import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COMMITTEE_ROLES = ['CHAIR', 'VICE_CHAIR', 'MEMBER'] as const;

/** A member's seat on a special committee (the committee lives in organization). */
export const CommitteeMembershipSchema = defineEntity({
  name: 'CommitteeMembership',
  tableName: 'committee_membership',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    memberId: p.integer().index(),
    committeeId: p.integer().index(),
    role: p.string().$type<(typeof COMMITTEE_ROLES)[number]>(),
    since: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type CommitteeMembership = InferEntity<typeof CommitteeMembershipSchema>;
