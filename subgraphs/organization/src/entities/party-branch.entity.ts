import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const BRANCH_STATUSES = ['ACTIVE', 'DISSOLVED'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];
export const PLACEMENT_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
export const BRANCH_ACTIVITY_KINDS = [
  'THEME_DAY',
  'ORGANIZATION_LIFE',
  'STUDY',
  'LECTURE_HALL',
  'SERVICE',
] as const;
export type BranchActivityKind = (typeof BRANCH_ACTIVITY_KINDS)[number];

/**
 * 功能型党支部: a functional Party branch hosted by a special committee. It recruits no one,
 * collects no dues and transfers no relations: it only gathers the Party-member members. Public.
 */
export const PartyBranchSchema = defineEntity({
  name: 'PartyBranch',
  tableName: 'party_branch',
  // The period its list offers (migration branch-period-index).
  indexes: [{ name: 'party_branch_established_on_id_index', properties: ['establishedOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    committeeId: p.integer().index(),
    name: p.string(),
    secretaryId: p.integer().nullable(),
    /** The day the current secretary took office; null while the branch has none. */
    secretarySince: p.string().length(10).nullable(),
    establishedOn: p.string().length(10),
    /** The day the branch was dissolved; from then on it counts in no figure. */
    dissolvedOn: p.string().length(10).nullable(),
    status: p.string().$type<BranchStatus>(),
    public: p.boolean().default(true),
  },
});
export type PartyBranch = InferEntity<typeof PartyBranchSchema>;

/** A Party-member member placed in a branch (编入党支部), dated. Not public. */
export const BranchPlacementSchema = defineEntity({
  name: 'BranchPlacement',
  tableName: 'branch_placement',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    branchId: p.integer().index(),
    memberId: p.integer().index(),
    joinedOn: p.string().length(10),
    leftOn: p.string().length(10).nullable(),
    status: p.string().$type<PlacementStatus>(),
    public: p.boolean().default(false),
  },
});
export type BranchPlacement = InferEntity<typeof BranchPlacementSchema>;

/** A branch's activity; LECTURE_HALL is a session of the 大讲堂. Participants are in `attendance`. */
export const BranchActivitySchema = defineEntity({
  name: 'BranchActivity',
  tableName: 'branch_activity',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    branchId: p.integer().index(),
    kind: p.string().$type<BranchActivityKind>(),
    title: p.string(),
    heldOn: p.string().length(10),
    speaker: p.string().nullable(),
    summary: p.text(),
    public: p.boolean().default(true),
  },
});
export type BranchActivity = InferEntity<typeof BranchActivitySchema>;
