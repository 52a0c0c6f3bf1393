import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ATTENDANCES as ATTENDANCE, type Attendance } from '@cppcc/events';

export { ATTENDANCE, type Attendance };
export const ATTENDED_KINDS = ['BODY_MEETING', 'STUDY_SESSION', 'BRANCH_ACTIVITY'] as const;
export type AttendedKind = (typeof ATTENDED_KINDS)[number];

/**
 * Who was expected at a body meeting, a study session or a branch activity and how they took
 * part. Not public: a member sees their own, staff their district's.
 */
export const AttendanceSchema = defineEntity({
  name: 'AttendanceRecord',
  tableName: 'attendance',
  uniques: [{ properties: ['kind', 'subjectId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    kind: p.string().$type<AttendedKind>(),
    subjectId: p.integer().index(),
    memberId: p.integer().index(),
    attendance: p.string().$type<Attendance>(),
    heldOn: p.string().length(10),
    public: p.boolean().default(false),
  },
});
export type AttendanceRecord = InferEntity<typeof AttendanceSchema>;
