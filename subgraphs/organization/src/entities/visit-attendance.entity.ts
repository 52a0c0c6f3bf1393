import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A member on a visit (走访, 拜访): one row per visit and member, from the `duty.reported` events
 * whose kind names a visit (its last part is `visit`, e.g. plugin.inter-city-exchange.visit) —
 * whoever records visits. Kept so that organization, which knows the leadership, can tell a
 * visit the leadership made together (班子成员集体走访) without asking the module that records it.
 */
export const VisitAttendanceSchema = defineEntity({
  name: 'VisitAttendance',
  tableName: 'visit_attendance',
  uniques: [{ properties: ['sourceId', 'memberId'] }],
  indexes: [{ name: 'visit_attendance_occurred_on_id_index', properties: ['occurredOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    /** The visit, as its module names it (`exchange-visit:12`). */
    sourceId: p.string(),
    memberId: p.integer(),
    kind: p.string(),
    occurredOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type VisitAttendance = InferEntity<typeof VisitAttendanceSchema>;
