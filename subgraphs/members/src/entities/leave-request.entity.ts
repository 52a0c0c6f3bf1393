import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MEETING_LEVELS, type MeetingLevel } from '@cppcc/events';

export { MEETING_LEVELS, type MeetingLevel };
export const LEAVE_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

/** 请假: a member asks to be excused from a meeting. */
export const LeaveRequestSchema = defineEntity({
  name: 'LeaveRequest',
  tableName: 'leave_request',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    memberId: p.integer().index(),
    /** The meeting's title as on record (the member's free text, for requests made before links). */
    meeting: p.string(),
    meetingLevel: p.string().$type<MeetingLevel>(),
    meetingOn: p.string().length(10),
    /** The meeting on record asked leave from: organization's body meeting or study session. */
    meetingKind: p.string().$type<'BODY_MEETING' | 'STUDY_SESSION'>().nullable(),
    meetingId: p.integer().nullable(),
    reason: p.text(),
    status: p.string().$type<LeaveStatus>(),
    decidedBy: p.string().nullable(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type LeaveRequest = InferEntity<typeof LeaveRequestSchema>;
