import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/**
 * A round's assessment of one year. `result` (JSON) is derived from that year's samples and
 * the round's rule by computeAssessment, and rewritten whenever one of those samples changes;
 * nobody types it in.
 */
export const YearlyAssessmentSchema = defineEntity({
  name: 'YearlyAssessment',
  tableName: 'eco_assessment',
  uniques: [{ properties: ['roundId', 'year'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    roundId: p.integer().index(),
    year: p.integer(),
    result: p.text(),
    computedBy: p.string().nullable(),
    computedAt: p.datetime(),
  },
});
export type YearlyAssessment = InferEntity<typeof YearlyAssessmentSchema>;
