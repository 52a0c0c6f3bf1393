import {
  appError,
  canSeeDistrict,
  connectionType,
  ErrorCode,
  hasRole,
  pagedList,
  type RequestContext,
  describedValues,
} from '@cppcc/kit';
import { ATTENDANCE_ENUM } from '@cppcc/events';
import { builder } from '../builder.js';
import {
  ATTENDANCE,
  ATTENDED_KINDS,
  AttendanceSchema,
  type AttendanceRecord,
  type AttendedKind,
} from '../entities/attendance.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import { MemberRef } from './member.js';

/** The same enum as consultation's field visits (one list and one text in @cppcc/events). */
export const AttendanceType = builder.enumType('Attendance', {
  description: ATTENDANCE_ENUM.description,
  values: describedValues(ATTENDANCE, ATTENDANCE_ENUM.descriptions),
});
export const AttendedKindType = builder.enumType('AttendedKind', {
  description: '出席对象 What kind of occasion an attendance line is for.',
  values: describedValues(ATTENDED_KINDS, {
    BODY_MEETING: '会议 A meeting of a committee body.',
    STUDY_SESSION: '学习会 A theory study session.',
    BRANCH_ACTIVITY: '支部活动 A Party branch activity.',
  }),
});

export const AttendanceRecordType = builder
  .objectRef<AttendanceRecord>('AttendanceRecord')
  .implement({
    description:
      'How one member took part in a body meeting, study session or branch activity. The member and their district staff only.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The AttendanceRecord's id." }),
      kind: t.field({
        description: '出席对象 What kind of occasion an attendance line is for.',
        type: AttendedKindType,
        resolve: (a) => a.kind,
      }),
      subjectId: t.exposeID('subjectId', {
        description: 'Id of the meeting, session or activity.',
      }),
      attendance: t.field({
        description:
          "出席情况 A member's attendance at a meeting, study session or branch activity.",
        type: AttendanceType,
        resolve: (a) => a.attendance,
      }),
      heldOn: t.expose('heldOn', {
        description: '日期 The day of the meeting, session or activity.',
        type: 'Date',
      }),
      member: t.field({
        description: '委员 The member the record is about.',
        type: MemberRef,
        nullable: true,
        resolve: (a) => ({ id: String(a.memberId) }),
      }),
    }),
  });

export interface AttendanceSummary {
  expected: number;
  present: number;
  onLeave: number;
  absent: number;
}

/** 应到 / 实到 / 请假 / 缺席: counts are public where the meeting is; the names are not. */
export const AttendanceSummaryType = builder
  .objectRef<AttendanceSummary>('AttendanceSummary')
  .implement({
    description: '出席汇总 How many were expected, present, on leave and absent.',
    fields: (t) => ({
      expected: t.exposeInt('expected', { description: '应到 How many members were expected.' }),
      present: t.exposeInt('present', { description: '实到 How many were present.' }),
      onLeave: t.exposeInt('onLeave', {
        description: '请假 How many were absent with an approved leave.',
      }),
      absent: t.exposeInt('absent', { description: '缺席 How many were absent without leave.' }),
    }),
  });

export function summarise(rows: AttendanceRecord[]): AttendanceSummary {
  const count = (a: string) => rows.filter((r) => r.attendance === a).length;
  return {
    expected: rows.length,
    present: count('PRESENT'),
    onLeave: count('ON_LEAVE'),
    absent: count('ABSENT'),
  };
}

/** Rows of one subject, unfiltered: callers decide who sees names and who only counts. */
export function attendanceOf(
  ctx: RequestContext,
  kind: AttendedKind,
  subjectId: number,
): Promise<AttendanceRecord[]> {
  return ctx.loaders.many(AttendanceSchema, 'subjectId', { kind }, true).load(subjectId);
}

/** Names are for the district's staff; a member sees their own line. */
export async function visibleAttendance(
  ctx: RequestContext,
  kind: AttendedKind,
  subject: { id: number; district: string },
): Promise<AttendanceRecord[]> {
  const rows = await attendanceOf(ctx, kind, subject.id);
  if (hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, subject.district)) return rows;
  return rows.filter((r) => ctx.caller.memberId === String(r.memberId));
}

/** A member's attendance is for the member and their district's staff (FORBIDDEN else). */
async function mayReadAttendance(ctx: RequestContext, memberId: number, field: string) {
  const ref = await ctx.loaders.one(MemberRefSchema, 'memberId').load(memberId);
  const own = ctx.caller.memberId === String(memberId);
  const staff =
    ref !== null && hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, ref.district);
  if (!own && !staff)
    throw appError(
      ErrorCode.FORBIDDEN,
      `${field}: only the member and their district staff may see it`,
      { field },
    );
}

const AttendanceRecordConnection = connectionType<AttendanceRecord>(
  builder,
  'AttendanceRecord',
  AttendanceRecordType,
);

pagedList(builder, MemberRef, {
  name: 'attendance',
  node: AttendanceRecordType,
  connection: AttendanceRecordConnection,
  what: 'attendance lines',
  nullable: true,
  args: (t) => ({
    kind: t.arg({
      type: AttendedKindType,
      required: false,
      description: 'Only meetings, sessions or activities of this kind.',
    }),
  }),
  listDescription:
    'Meetings, study sessions and branch activities the member was expected at (organization). The member and their district staff only.',
  description:
    '出席记录 Meetings, study sessions and branch activities the member was expected at (organization), in the order recorded, a page at a time. The member and their district staff only (FORBIDDEN for others).',
  page: async (m, { kind, ...page }, ctx, field) => {
    const memberId = Number(m.id);
    await mayReadAttendance(ctx, memberId, field);
    return ctx.loaders
      .page(AttendanceSchema, 'memberId', page, kind ? { kind } : {}, true)
      .load(memberId);
  },
});
