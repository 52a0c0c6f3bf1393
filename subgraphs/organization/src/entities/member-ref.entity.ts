import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Read-only copy of the facts about members this subgraph needs (district, status, Party
 * membership), fed by the members subgraph's `member.registered` events. It validates seats
 * and gives the denominators of 全员入委 and the Party-branch coverage.
 */
export const MemberRefSchema = defineEntity({
  name: 'MemberRef',
  tableName: 'member_ref',
  properties: {
    memberId: p.integer().primary().autoincrement(false),
    district: p.string().length(12).index(),
    name: p.string(),
    party: p.string(),
    cpcMember: p.boolean(),
    sectorId: p.integer(),
    standingCommittee: p.boolean(),
    status: p.string().$type<'ACTIVE' | 'SUSPENDED' | 'LEFT'>(),
    changedAt: p.string(),
  },
});
export type MemberRef = InferEntity<typeof MemberRefSchema>;
