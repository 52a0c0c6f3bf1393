import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { attendance, day, id } from './common.js';

export const studySessionAttended = defineEvent(
  'study_session.attended',
  z.object({ sessionId: id, memberId: id, topic: z.string().min(1), heldOn: day, attendance }),
  "A member's attendance at a theory study session of the Party Group's central study group (organization).",
);

export const bodyMeetingAttended = defineEvent(
  'body_meeting.attended',
  z.object({
    meetingId: id,
    memberId: id,
    body: z.enum(['PLENARY', 'STANDING_COMMITTEE', 'CHAIR_MEETING', 'SECRETARY_GENERAL_MEETING']),
    title: z.string().min(1),
    heldOn: day,
    attendance,
  }),
  "A member's attendance at a plenary, standing-committee, chair or secretary-general meeting (organization).",
);

export const branchActivityAttended = defineEvent(
  'branch_activity.attended',
  z.object({ activityId: id, branchId: id, memberId: id, title: z.string().min(1), heldOn: day }),
  'A member took part in an activity of a functional Party branch (organization).',
);
