import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MEETING_LEVELS, type MeetingLevel } from '@cppcc/events';

export { MEETING_LEVELS, type MeetingLevel };

/**
 * Read-only copy of the leaves the members subgraph approved (`leave.approved`): attendance of
 * the meeting it names (or, for a leave without one, of a meeting of that level on that day)
 * counts the member ON_LEAVE. Not public.
 */
export const ApprovedLeaveSchema = defineEntity({
  name: 'ApprovedLeave',
  tableName: 'approved_leave',
  // A page of meetings reads its leaves by meeting id (migration filter-indexes).
  indexes: [{ name: 'approved_leave_meeting_id_index', properties: ['meetingId'] }],
  properties: {
    leaveId: p.integer().primary().autoincrement(false),
    district: p.string().length(12).index(),
    memberId: p.integer().index(),
    meeting: p.string(),
    meetingLevel: p.string().$type<MeetingLevel>(),
    meetingOn: p.string().length(10).index(),
    /** The meeting on record the leave names; null for a leave asked for by free text (before links). */
    meetingKind: p.string().$type<'BODY_MEETING' | 'STUDY_SESSION'>().nullable(),
    meetingId: p.integer().nullable(),
    public: p.boolean().default(false),
  },
});
export type ApprovedLeave = InferEntity<typeof ApprovedLeaveSchema>;
