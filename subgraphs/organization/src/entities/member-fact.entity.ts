import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The replicated facts about a member as of `changedAt`, one row per `member.registered` event
 * (unique per member and time, so a redelivered or repeated event adds nothing). `member_ref`
 * keeps only the latest; figures for a past period read the row valid on its last day, so an
 * event arriving out of order still lands in its place.
 */
export const MemberFactSchema = defineEntity({
  name: 'MemberFact',
  tableName: 'member_fact',
  uniques: [{ properties: ['memberId', 'changedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    memberId: p.integer().index(),
    changedAt: p.string(),
    district: p.string().length(12).index(),
    party: p.string(),
    cpcMember: p.boolean(),
    status: p.string().$type<'ACTIVE' | 'SUSPENDED' | 'LEFT'>(),
  },
});
export type MemberFact = InferEntity<typeof MemberFactSchema>;
