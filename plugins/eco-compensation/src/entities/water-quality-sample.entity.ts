import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/** One sampling at a section: indicator values in mg/L, keyed by indicator code (JSON). */
export const WaterQualitySampleSchema = defineEntity({
  name: 'WaterQualitySample',
  tableName: 'eco_sample',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    sectionId: p.integer().index(),
    sampledOn: p.string().length(10),
    year: p.integer().index(),
    values: p.text(),
    party: p.string().nullable(),
    recordedBy: p.string().nullable(),
    recordedAt: p.datetime(),
  },
});
export type WaterQualitySample = InferEntity<typeof WaterQualitySampleSchema>;
