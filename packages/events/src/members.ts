import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { day, id, level, meetingLevel } from './common.js';

export const standingReportFiled = defineEvent(
  'standing_report.filed',
  z.object({ reportId: id, memberId: id, year: z.number().int(), filedAt: z.string() }),
  "A standing-committee member's yearly duty report was filed into their archive (members).",
);

export const donationMade = defineEvent(
  'donation.made',
  z.object({
    donationId: id,
    campaignId: id,
    memberId: id,
    campaign: z.string(),
    amountFen: z.number().int().positive(),
    donatedOn: z.string(),
  }),
  'A member donated to a campaign (members).',
);

export const leaveApproved = defineEvent(
  'leave.approved',
  z.object({
    leaveId: id,
    memberId: id,
    meeting: z.string().min(1),
    meetingLevel,
    meetingOn: z.string(),
    /**
     * The meeting on record the leave names (organization's body meeting or study session); absent
     * on leaves asked for by free text before leaves were linked, which are matched by day and level.
     */
    meetingKind: z.enum(['BODY_MEETING', 'STUDY_SESSION']).optional(),
    meetingId: id.optional(),
  }),
  "A member's leave from a meeting was approved (members); attendance takers count them as on leave — at the meeting it names (meetingKind, meetingId), or for older leaves every meeting of its level that day.",
);

export const studioIssueRaised = defineEvent(
  'studio.issue_raised',
  z.object({
    receptionId: id,
    studioId: id,
    studioName: z.string().min(1),
    memberId: id,
    title: z.string().min(1),
    detail: z.string().min(1),
    target: z.enum(['PROPOSAL_DRAFT', 'OPINION_ITEM']),
    raisedOn: day,
  }),
  "An issue heard at a member studio's reception is passed on as a proposal draft or an opinion item for memberId (members → proposals).",
);

/**
 * The facts about a member other modules may keep a replica of (organization needs them for
 * committee seats and Party-branch coverage). Sent when a member is created and whenever one of
 * these facts changes; the latest event per member wins.
 */
export const memberRegistered = defineEvent(
  'member.registered',
  z.object({
    memberId: id,
    district: z.string().length(6),
    name: z.string().min(1),
    party: z.string().min(1),
    cpcMember: z.boolean(),
    sectorId: id,
    standingCommittee: z.boolean(),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'LEFT']),
    changedAt: z.string(),
  }),
  'A member was created or their replicated facts changed (members). cpcMember: a member of the Communist Party of China (中共党员).',
);

export const studioShiftServed = defineEvent(
  'studio.shift_served',
  z.object({
    shiftId: id,
    studioId: id,
    studioName: z.string().min(1),
    memberId: id,
    servedOn: day,
  }),
  "A member served a duty shift (值班) at a member studio (members); it enters the member's duty record.",
);

export const awardRecorded = defineEvent(
  'award.recorded',
  z.object({ recordId: id, memberId: id, title: z.string().min(1), level, awardedOn: day }),
  'Staff recorded an award or commendation a member received, at a level (members).',
);

export const penaltyRecorded = defineEvent(
  'penalty.recorded',
  z.object({
    recordId: id,
    memberId: id,
    title: z.string().min(1),
    reason: z.string().min(1),
    decidedOn: day,
  }),
  'Staff recorded a penalty or admonition (e.g. for repeated absence) a member received (members).',
);
