import { DATE_RULE, isDate } from '@cppcc/kit';
import { z } from 'zod';

export const id = z.string().regex(/^\d+$/, 'must be a numeric id');
export const day = z.string().refine(isDate, DATE_RULE);
/**
 * 出席情况: how a member took part in an occasion they were expected at. One list for the events
 * and for the `Attendance` enum organization (meetings, study sessions, branch activities) and
 * consultation (research field visits) both serve.
 */
export const ATTENDANCES = ['PRESENT', 'ON_LEAVE', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const attendance = z.enum(ATTENDANCES);
export const ATTENDANCE_ENUM = {
  description:
    '出席情况 How a member took part in an occasion they were expected at: a meeting, a study session, a branch activity or a research field visit.',
  descriptions: {
    PRESENT: '出席 Attended.',
    ON_LEAVE: '请假 Absent with leave.',
    ABSENT: '缺席 Absent without leave.',
  } satisfies Record<Attendance, string>,
};
/** Level of a leader or body that instructed on or adopted something. */
export const level = z.enum(['NATIONAL', 'PROVINCIAL', 'CITY', 'DISTRICT']);

/**
 * 会议层级: the level of a meeting a leave names, which decides who approves the leave. One list
 * for the events that carry it and for the `MeetingLevel` enum both members (leave requests) and
 * organization (approved leaves) serve, so the two subgraphs' enums are the same one.
 */
export const MEETING_LEVELS = ['PLENARY', 'STANDING_COMMITTEE', 'OTHER'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];
export const meetingLevel = z.enum(MEETING_LEVELS);
export const MEETING_LEVEL_ENUM = {
  description:
    '会议层级 The level of the meeting a leave names, which decides who approves it: plenary and standing-committee meetings are their own levels, every other meeting (chair’s and secretary-general’s meetings, study sessions) is OTHER.',
  descriptions: {
    PLENARY: '全体会议 A plenary session: leave is granted by a leader.',
    STANDING_COMMITTEE: '常委会议 A standing-committee meeting: leave is granted by a leader.',
    OTHER:
      "其他会议 Any other meeting (chair's and secretary-general's meetings, study sessions): leave is granted by the district's staff or a leader.",
  } satisfies Record<MeetingLevel, string>,
};
