import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const DISTRICT_LEVELS = ['CITY', 'DISTRICT', 'COUNTY'] as const;
export type DistrictLevel = (typeof DISTRICT_LEVELS)[number];

/** A committee body: the city committee or a district (county) committee below it. */
export const DistrictSchema = defineEntity({
  name: 'District',
  tableName: 'district',
  properties: {
    code: p.string().primary().length(12),
    name: p.string(),
    level: p.string().$type<DistrictLevel>(),
    parentCode: p.string().length(12).nullable().index(),
  },
});
export type District = InferEntity<typeof DistrictSchema>;
