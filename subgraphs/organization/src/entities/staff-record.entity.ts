import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const STAFF_RECORD_KINDS = ['SECONDMENT', 'PROMOTION', 'RANK_PROMOTION'] as const;
export type StaffRecordKind = (typeof STAFF_RECORD_KINDS)[number];

/**
 * 机关干部: a dated record of a staff member's secondment to a front-line post (挂职), promotion
 * to a post (提拔任用, at a grade such as 正县级) or rank promotion (晋升职级, e.g. 一级调研员).
 * Personnel records: the district's staff only.
 */
export const StaffRecordSchema = defineEntity({
  name: 'StaffRecord',
  tableName: 'staff_record',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    kind: p.string().$type<StaffRecordKind>(),
    person: p.string(),
    grade: p.string().nullable(),
    post: p.string(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10).nullable(),
    note: p.text().nullable(),
    public: p.boolean().default(false),
  },
});
export type StaffRecord = InferEntity<typeof StaffRecordSchema>;
