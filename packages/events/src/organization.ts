import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { attendance, day, id, meetingLevel } from './common.js';

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

/**
 * Reference data other modules replicate: terms (届) so archives group by term, and
 * government units so proposals and consultation can check the units they assign work to.
 * Sent when created or changed; the latest event per id wins.
 */
export const termRegistered = defineEvent(
  'term.registered',
  z.object({
    termId: id,
    district: z.string().length(6),
    ordinal: z.number().int().positive(),
    name: z.string().min(1),
    startsOn: day,
    endsOn: day.nullable(),
  }),
  'A term (届) of a district committee was opened or its dates changed (organization).',
);

export const governmentUnitRegistered = defineEvent(
  'government_unit.registered',
  z.object({
    unitId: id,
    district: z.string().length(6),
    name: z.string().min(1),
    short: z.string().min(1),
    active: z.boolean(),
  }),
  'A government unit (department, 承办单位) was registered or changed (organization).',
);

export const specialCommitteeRegistered = defineEvent(
  'special_committee.registered',
  z.object({
    committeeId: id,
    district: z.string().length(6),
    name: z.string().min(1),
    status: z.enum(['ACTIVE', 'MERGED', 'DISSOLVED']),
    mergedIntoId: id.nullable(),
    changedOn: day,
  }),
  'A special committee was created, renamed, had its functions adjusted, was merged or dissolved (organization); modules that name a lead committee replicate it. The latest event per id wins.',
);

/**
 * A meeting members may ask leave from: a body meeting (全体会议, 常委会议, 主席会议, 秘书长会议)
 * or a theory study session. Sent when it is planned, held, cancelled or archived, by the seed and
 * on announce; `changedAt` orders the copies (a replica keeps the latest). `level` is the one a
 * leave names: PLENARY and STANDING_COMMITTEE for those bodies, OTHER for the rest.
 */
export const meetingRegistered = defineEvent(
  'meeting.registered',
  z.object({
    kind: z.enum(['BODY_MEETING', 'STUDY_SESSION']),
    meetingId: id,
    district: z.string().length(6),
    title: z.string().min(1),
    level: meetingLevel,
    plannedOn: day,
    heldOn: day.nullable(),
    status: z.enum(['PLANNED', 'HELD', 'ARCHIVED', 'CANCELLED']),
    changedAt: z.string().datetime(),
  }),
  'A body meeting or study session was planned, held, cancelled or archived (organization); the members subgraph keeps a copy to link leave requests to it.',
);
