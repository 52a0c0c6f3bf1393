import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/**
 * A CPPCC committee of another city (上海市普陀区政协, 台州市政协 …). Other cities' committees are
 * not districts of this platform, so they are records of the district that works with them.
 */
export const PartnerCommitteeSchema = defineEntity({
  name: 'PartnerCommittee',
  tableName: 'intercity_partner',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    city: p.string(),
    province: p.string(),
    public: p.boolean().default(true),
  },
});
export type PartnerCommittee = InferEntity<typeof PartnerCommitteeSchema>;
