import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const MEMBER_STATUSES = ['ACTIVE', 'SUSPENDED', 'LEFT'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/**
 * Read-only copy of the members subgraph's members, fed by `member.registered`, so that the
 * members named as participants, speakers, authors or research team can be checked without a
 * call: they must exist and be active.
 */
export const MemberRefSchema = defineEntity({
  name: 'MemberRef',
  tableName: 'member_ref',
  properties: {
    memberId: p.integer().primary().autoincrement(false),
    district: p.string().length(12),
    name: p.string(),
    status: p.string().$type<MemberStatus>(),
    /** When the facts last changed at the source: the latest change wins, whatever order events arrive in. */
    changedAt: p.string(),
  },
});
export type MemberRef = InferEntity<typeof MemberRefSchema>;
