import type { EntityManager } from '@cppcc/kit';
import { LeaveRequestSchema } from './entities/leave-request.entity.js';
import type { MeetingRef } from './entities/meeting-ref.entity.js';

const normal = (s: string) => s.replace(/[\s《》“”"（）()]/g, '');

/**
 * Links leave requests asked for by free text (before leaves named their meeting) to `meeting`
 * where they match it: same district and level, the day the meeting was planned or held, and
 * the text naming it (one title contains the other, spaces and quotes aside). A request that
 * matches no meeting keeps only its text; one already linked is never moved.
 */
export async function linkFreeTextLeaves(em: EntityManager, meeting: MeetingRef): Promise<number> {
  const days = [meeting.plannedOn, ...(meeting.heldOn ? [meeting.heldOn] : [])];
  const candidates = await em.find(
    LeaveRequestSchema,
    {
      district: meeting.district,
      meetingId: null,
      meetingLevel: meeting.level,
      meetingOn: { $in: days },
    },
    { filters: false },
  );
  const title = normal(meeting.title);
  const matched = candidates.filter((l) => {
    const text = normal(l.meeting);
    return text.length > 0 && (title.includes(text) || text.includes(title));
  });
  for (const leave of matched) {
    leave.meetingKind = meeting.kind;
    leave.meetingId = meeting.id;
  }
  return matched.length;
}
