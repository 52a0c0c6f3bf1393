import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One dated change to a member's profile: which field, from what, to what, by whom. */
export const MemberChangeSchema = defineEntity({
  name: 'MemberChange',
  tableName: 'member_change',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    memberId: p.integer().index(),
    field: p.string(),
    fromValue: p.string().nullable(),
    toValue: p.string().nullable(),
    effectiveOn: p.string().length(10),
    changedBy: p.string().nullable(),
    note: p.string().nullable(),
    public: p.boolean().default(false),
  },
});
export type MemberChange = InferEntity<typeof MemberChangeSchema>;
