import { bodyMeetingAttended, leaveApproved, studySessionAttended } from '@cppcc/events';
import { audit, emit, lockFor, type EntityManager, type EventHandler } from '@cppcc/kit';
import {
  ApprovedLeaveSchema,
  type ApprovedLeave,
  type MeetingLevel,
} from '../entities/approved-leave.entity.js';
import {
  AttendanceSchema,
  type Attendance,
  type AttendedKind,
} from '../entities/attendance.entity.js';
import { BodyMeetingSchema, type Body } from '../entities/body-meeting.entity.js';
import { StudySessionSchema } from '../entities/study-session.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';

/** The level a leave names for each kind of meeting; study sessions and chair or secretary-general meetings are OTHER. */
export function levelOf(body: Body | null): MeetingLevel {
  return body === 'PLENARY' || body === 'STANDING_COMMITTEE' ? body : 'OTHER';
}

/**
 * Approved leaves that excuse members from `meeting`: those naming it, and those asked for by
 * free text (no meeting named) for a meeting of `level` on `day`.
 */
export function leavesOn(
  em: EntityManager,
  district: string,
  level: MeetingLevel,
  day: string,
  meeting: { kind: 'BODY_MEETING' | 'STUDY_SESSION'; id: number },
): Promise<ApprovedLeave[]> {
  return em.find(
    ApprovedLeaveSchema,
    {
      district,
      $or: [
        { meetingKind: meeting.kind, meetingId: meeting.id },
        { meetingId: null, meetingLevel: level, meetingOn: day },
      ],
    },
    { filters: false, orderBy: { memberId: 'asc' } },
  );
}

/**
 * Taken by the transaction that holds a meeting (before it reads the leaves) and by the leave
 * consumer (before it stores a leave and looks for held meetings): one waits for the other, so
 * a leave arriving while a meeting is held is either read by the hold or finds the meeting held.
 */
export function lockAttendanceDay(em: EntityManager, district: string, day: string): Promise<void> {
  return lockFor(em, `organization:attendance:${district}:${day}`);
}

/**
 * Whether a leave of `level` adds a member left off the list. A PLENARY or STANDING_COMMITTEE
 * leave names the one meeting of that body the member was expected at; an OTHER leave matches
 * every chair, secretary-general meeting and study session of the district that day, most of
 * which the member was never expected at, so it only excuses an absence already recorded.
 */
function addsMissing(leave: ApprovedLeave): boolean {
  // A leave naming its meeting says the member was expected there, whatever the level.
  return leave.meetingId != null || leave.meetingLevel !== 'OTHER';
}

/**
 * Prefills an attendance list from the approved leaves: a member with leave who is not marked
 * PRESENT is ON_LEAVE — an ABSENT mark is turned into ON_LEAVE (the approval outranks the
 * taker's tick) and, for PLENARY and STANDING_COMMITTEE leaves only, a member left off the list
 * is added (the leave says they were expected; see `addsMissing`).
 */
export function withLeaves(
  lines: { memberId: number; attendance: Attendance }[],
  leaves: ApprovedLeave[],
): { memberId: number; attendance: Attendance }[] {
  const out = lines.map((l) => ({ ...l }));
  for (const leave of leaves) {
    const line = out.find((l) => l.memberId === leave.memberId);
    if (!line) {
      if (addsMissing(leave)) out.push({ memberId: leave.memberId, attendance: 'ON_LEAVE' });
    } else if (line.attendance === 'ABSENT') line.attendance = 'ON_LEAVE';
  }
  return out;
}

/**
 * A leave approved after its meeting was recorded corrects the attendance there (ABSENT →
 * ON_LEAVE; a missing line is added only for PLENARY and STANDING_COMMITTEE leaves, see
 * `addsMissing`) with an audit row, and the corrected line is announced again, so the
 * member archive hears the organization's record as it now stands.
 */
async function correct(
  em: EntityManager,
  kind: AttendedKind,
  subject: { id: number; district: string; heldOn: string },
  leave: ApprovedLeave,
  announce: (attendance: Attendance) => void,
): Promise<void> {
  const row = await em.findOne(
    AttendanceSchema,
    { kind, subjectId: subject.id, memberId: leave.memberId },
    { filters: false },
  );
  if (row?.attendance === 'PRESENT' || row?.attendance === 'ON_LEAVE') return;
  if (!row && !addsMissing(leave)) return;
  const line =
    row ??
    em.create(AttendanceSchema, {
      district: subject.district,
      kind,
      subjectId: subject.id,
      memberId: leave.memberId,
      attendance: 'ON_LEAVE',
      heldOn: subject.heldOn,
      public: false,
    });
  const from = row ? row.attendance : null;
  line.attendance = 'ON_LEAVE';
  await em.flush();
  audit(em, {
    entity: 'attendance',
    entityId: String(line.id),
    action: 'leaveApproved',
    fromState: from,
    toState: 'ON_LEAVE',
    actor: null,
    note: `请假获准（${leave.meeting}，假条 ${leave.leaveId}）`,
  });
  announce('ON_LEAVE');
}

export const applyLeaveApproved: EventHandler = async (em, event) => {
  const p = leaveApproved.payload.parse(event.payload);
  const leaveId = Number(p.leaveId);
  if (await em.findOne(ApprovedLeaveSchema, { leaveId })) return;
  // The members subgraph sends the member's district on the envelope; the replica is the fallback.
  const district =
    event.district ??
    (await em.findOne(MemberRefSchema, { memberId: Number(p.memberId) }))?.district;
  // A leave of a member this module never heard of names no meeting it could have recorded.
  if (!district) return;
  const named = p.meetingId ? { kind: p.meetingKind!, id: Number(p.meetingId) } : null;
  // A named meeting may be held on another day than planned: its lock is taken by its held day.
  const heldOn = named
    ? named.kind === 'BODY_MEETING'
      ? (await em.findOne(BodyMeetingSchema, { id: named.id }, { filters: false }))?.heldOn
      : (await em.findOne(StudySessionSchema, { id: named.id }, { filters: false }))?.heldOn
    : null;
  await lockAttendanceDay(em, district, heldOn ?? p.meetingOn.slice(0, 10));
  const leave = em.create(ApprovedLeaveSchema, {
    leaveId,
    district,
    memberId: Number(p.memberId),
    meeting: p.meeting,
    meetingLevel: p.meetingLevel,
    meetingOn: p.meetingOn.slice(0, 10),
    meetingKind: named?.kind ?? null,
    meetingId: named?.id ?? null,
    public: false,
  });
  // The meeting the leave names, if held; a leave without one: every held meeting of its level that day.
  const meetings = named
    ? named.kind === 'BODY_MEETING'
      ? await em.find(
          BodyMeetingSchema,
          { id: named.id, district: leave.district, status: 'HELD' },
          { filters: false },
        )
      : []
    : (
        await em.find(
          BodyMeetingSchema,
          { district: leave.district, status: 'HELD', heldOn: leave.meetingOn },
          { filters: false },
        )
      ).filter((x) => levelOf(x.body) === leave.meetingLevel);
  for (const m of meetings) {
    await correct(
      em,
      'BODY_MEETING',
      { id: m.id, district: m.district, heldOn: m.heldOn! },
      leave,
      (attendance) =>
        emit(
          em,
          'organization',
          bodyMeetingAttended,
          {
            meetingId: String(m.id),
            memberId: String(leave.memberId),
            body: m.body,
            title: m.title,
            heldOn: m.heldOn!,
            attendance,
          },
          m.district,
        ),
    );
  }
  if (leave.meetingLevel !== 'OTHER' || named?.kind === 'BODY_MEETING') return;
  const sessions = await em.find(
    StudySessionSchema,
    named
      ? { id: named.id, district: leave.district, status: { $in: ['HELD', 'ARCHIVED'] } }
      : {
          district: leave.district,
          status: { $in: ['HELD', 'ARCHIVED'] },
          heldOn: leave.meetingOn,
        },
    { filters: false },
  );
  for (const s of sessions) {
    await correct(
      em,
      'STUDY_SESSION',
      { id: s.id, district: s.district, heldOn: s.heldOn! },
      leave,
      (attendance) =>
        emit(
          em,
          'organization',
          studySessionAttended,
          {
            sessionId: String(s.id),
            memberId: String(leave.memberId),
            topic: s.topic,
            heldOn: s.heldOn!,
            attendance,
          },
          s.district,
        ),
    );
  }
};
