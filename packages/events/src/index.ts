import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';

/**
 * The events modules tell each other. A module emits only what is declared here and a
 * consumer can rely on the payload's shape: this file is the contract between them.
 */

const id = z.string().regex(/^\d+$/, 'must be a numeric id');

export const proposalSubmitted = defineEvent(
  'proposal.submitted',
  z.object({ proposalId: id, authorId: id, title: z.string().min(1), submittedAt: z.string() }),
  'A member submitted a proposal (proposals).',
);

export const proposalFiled = defineEvent(
  'proposal.filed',
  z.object({ proposalId: id, authorId: id, coAuthorIds: z.array(id), caseNumber: z.string(), filedAt: z.string() }),
  'A proposal was accepted for handling (立案) (proposals).',
);

export const consultationAttended = defineEvent(
  'consultation.attended',
  z.object({ activityId: id, memberId: id, form: z.string(), title: z.string(), heldOn: z.string() }),
  'A member took part in a consultation activity (consultation).',
);

export const standingReportFiled = defineEvent(
  'standing_report.filed',
  z.object({ reportId: id, memberId: id, year: z.number().int(), filedAt: z.string() }),
  "A standing-committee member's yearly duty report was filed into their archive (members).",
);

export const donationMade = defineEvent(
  'donation.made',
  z.object({ donationId: id, campaignId: id, memberId: id, campaign: z.string(), amountFen: z.number().int().positive(), donatedOn: z.string() }),
  'A member donated to a campaign (members).',
);

export const leaveApproved = defineEvent(
  'leave.approved',
  z.object({ leaveId: id, memberId: id, meeting: z.string().min(1), meetingLevel: z.enum(['PLENARY', 'STANDING_COMMITTEE', 'OTHER']), meetingOn: z.string() }),
  'A member\'s leave from a meeting was approved (members); attendance takers count them as on leave.',
);

export { districtRegistered } from '@cppcc/kit';
