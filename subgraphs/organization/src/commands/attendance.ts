import {
  appError,
  ErrorCode,
  inputError,
  parseId,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import {
  AttendanceSchema,
  type Attendance,
  type AttendanceRecord,
  type AttendedKind,
} from '../entities/attendance.entity.js';
import { MemberRefSchema, type MemberRef } from '../entities/member-ref.entity.js';

export interface AttendanceEntry {
  member: string;
  attendance: Attendance;
}

/**
 * Checks an attendance list before any transaction opens: every member known, of the
 * district, and named once. Returns the members in the list's order.
 */
export async function checkAttendees(
  ctx: RequestContext,
  district: string,
  entries: AttendanceEntry[],
  field = 'input.attendance',
): Promise<MemberRef[]> {
  const ids = entries.map((e, i) => parseId(e.member, `${field}.${i}.member`));
  const seen = new Map<number, number>();
  ids.forEach((id, i) => {
    if (seen.has(id))
      throw inputError(
        `${field}.${i}.member`,
        'duplicate',
        `member ${id} is listed twice (also at ${seen.get(id)})`,
      );
    seen.set(id, i);
  });
  const refs = await ctx.loaders.one(MemberRefSchema, 'memberId').loadMany(ids);
  return refs.map((ref, i) => {
    if (!ref || ref instanceof Error)
      throw appError(ErrorCode.NOT_FOUND, `${field}.${i}.member: no member ${ids[i]} is known`, {
        field: `${field}.${i}.member`,
      });
    if (ref.district !== district)
      throw inputError(
        `${field}.${i}.member`,
        'district',
        `member ${ids[i]} belongs to district ${ref.district}, not ${district}`,
      );
    return ref;
  });
}

export function writeAttendance(
  em: EntityManager,
  kind: AttendedKind,
  subject: { id: number; district: string },
  heldOn: string,
  entries: { memberId: number; attendance: Attendance }[],
): AttendanceRecord[] {
  return entries.map((e) =>
    em.create(AttendanceSchema, {
      district: subject.district,
      kind,
      subjectId: subject.id,
      memberId: e.memberId,
      attendance: e.attendance,
      heldOn,
      public: false,
    }),
  );
}
