import { defineWorkflow, hasRole, type RequestContext } from '@cppcc/kit';
import type { LeaveRequest, LeaveStatus } from './entities/leave-request.entity.js';
import type { ReportStatus, StandingReport } from './entities/standing-report.entity.js';

export type ReportAction = 'submit' | 'return' | 'file';

const author = { relation: 'author', holds: (ctx: RequestContext, r: StandingReport) => ctx.caller.memberId === String(r.memberId) };

/** A standing member's yearly report: written and submitted by the member, filed (or sent back) by staff. */
export const standingReportWorkflow = defineWorkflow<ReportStatus, ReportAction, StandingReport>('standing_report', [
  { from: 'DRAFT', action: 'submit', who: [author], to: 'SUBMITTED' },
  { from: 'SUBMITTED', action: 'return', who: ['staff'], to: 'DRAFT' },
  { from: 'SUBMITTED', action: 'file', who: ['staff'], to: 'FILED' },
]);

export type LeaveAction = 'approve' | 'reject' | 'withdraw';

/**
 * Leave from a plenary or standing-committee meeting is granted by a leader (the chair's
 * office); leave from other meetings by the district's staff.
 */
const rightLevel = {
  relation: 'approver for the meeting\'s level',
  holds: (ctx: RequestContext, r: LeaveRequest) => (r.meetingLevel === 'OTHER' ? hasRole(ctx.caller, 'staff', 'leader') : hasRole(ctx.caller, 'leader')),
};
const requester = { relation: 'requester', holds: (ctx: RequestContext, r: LeaveRequest) => ctx.caller.memberId === String(r.memberId) };

export const leaveWorkflow = defineWorkflow<LeaveStatus, LeaveAction, LeaveRequest>('leave_request', [
  { from: 'REQUESTED', action: 'approve', who: [rightLevel], to: 'APPROVED' },
  { from: 'REQUESTED', action: 'reject', who: [rightLevel], to: 'REJECTED' },
  { from: 'REQUESTED', action: 'withdraw', who: [requester], to: 'WITHDRAWN' },
]);
