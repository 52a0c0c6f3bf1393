import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * 政协党组: the Party Group leading a district committee during one term (届); its central
 * study group meets monthly. `secretary` keeps the name of the secretary last appointed, for
 * readers that want a name without the dated roles. Public.
 */
export const PartyGroupSchema = defineEntity({
  name: 'PartyGroup',
  tableName: 'party_group',
  uniques: [{ properties: ['district', 'termId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    termId: p.integer().nullable(),
    name: p.string(),
    secretary: p.string(),
    public: p.boolean().default(true),
  },
});
export type PartyGroup = InferEntity<typeof PartyGroupSchema>;

export const PARTY_GROUP_ROLES = ['SECRETARY', 'DEPUTY_SECRETARY', 'MEMBER'] as const;
export type PartyGroupRole = (typeof PARTY_GROUP_ROLES)[number];
export const PARTY_GROUP_MEMBERSHIP_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type PartyGroupMembershipStatus = (typeof PARTY_GROUP_MEMBERSHIP_STATUSES)[number];

/**
 * 党组书记 / 副书记 / 成员: a member's role in the Party Group, dated. A change of role ends one
 * row and starts another on the same day, so the group on any day is read from the rows. Public.
 */
export const PartyGroupMembershipSchema = defineEntity({
  name: 'PartyGroupMembership',
  tableName: 'party_group_membership',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    groupId: p.integer().index(),
    memberId: p.integer().index(),
    role: p.string().$type<PartyGroupRole>(),
    joinedOn: p.string().length(10),
    leftOn: p.string().length(10).nullable(),
    status: p.string().$type<PartyGroupMembershipStatus>(),
    public: p.boolean().default(true),
  },
});
export type PartyGroupMembership = InferEntity<typeof PartyGroupMembershipSchema>;
