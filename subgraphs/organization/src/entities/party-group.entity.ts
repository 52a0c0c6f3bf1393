import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 政协党组: the Party Group leading a district committee; its central study group meets monthly. Public. */
export const PartyGroupSchema = defineEntity({
  name: 'PartyGroup',
  tableName: 'party_group',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).unique(),
    name: p.string(),
    secretary: p.string(),
    public: p.boolean().default(true),
  },
});
export type PartyGroup = InferEntity<typeof PartyGroupSchema>;
