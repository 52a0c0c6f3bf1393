import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COMMITTEE_ROLES = ['CHAIR', 'VICE_CHAIR', 'MEMBER'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];
export const MEMBERSHIP_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * A member's seat on a special committee, dated: a seat that ended keeps its row so that a
 * figure for an earlier day (全员入委 last year) is computed from what held then.
 */
export const CommitteeMembershipSchema = defineEntity({
  name: 'CommitteeMembership',
  tableName: 'committee_membership',
  // The filters its list offers (migration filter-indexes).
  indexes: [{ name: 'committee_membership_status_id_index', properties: ['status', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    memberId: p.integer().index(),
    committeeId: p.integer().index(),
    role: p.string().$type<CommitteeRole>(),
    joinedOn: p.string().length(10),
    leftOn: p.string().length(10).nullable(),
    status: p.string().$type<MembershipStatus>(),
    public: p.boolean().default(true),
  },
});
export type CommitteeMembership = InferEntity<typeof CommitteeMembershipSchema>;
