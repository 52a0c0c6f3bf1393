import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/** An assessment section on the basin (e.g. the 街口 national-control cross-border section). */
export const MonitoringSectionSchema = defineEntity({
  name: 'MonitoringSection',
  tableName: 'eco_section',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    code: p.string().unique(),
    name: p.string(),
    description: p.text().nullable(),
    createdAt: p.datetime(),
  },
});
export type MonitoringSection = InferEntity<typeof MonitoringSectionSchema>;
