import { defineWorkflow, fact, type Guard, hasRole, type RequestContext } from '@cppcc/kit';
import type { LeaveRequest, LeaveStatus } from './entities/leave-request.entity.js';
import type { ReportStatus, StandingReport } from './entities/standing-report.entity.js';
import type {
  ReceptionStatus,
  ShiftStatus,
  StudioReception,
  StudioShift,
} from './entities/studio.entity.js';

export type ReportAction = 'submit' | 'return' | 'file' | 'edit';

const author = {
  relation: 'author',
  holds: (ctx: RequestContext, r: StandingReport) => ctx.caller.memberId === String(r.memberId),
};

/** A standing member's yearly report: written and submitted by the member, filed (or sent back) by staff. */
export const standingReportWorkflow = defineWorkflow<ReportStatus, ReportAction, StandingReport>(
  'standing_report',
  [
    { from: 'DRAFT', action: 'submit', who: [author], to: 'SUBMITTED' },
    // The author edits a draft (no audit row: the report's version moves).
    { from: 'DRAFT', action: 'edit', who: [author], to: 'DRAFT' },
    { from: 'SUBMITTED', action: 'return', who: ['staff'], to: 'DRAFT' },
    { from: 'SUBMITTED', action: 'file', who: ['staff'], to: 'FILED' },
  ],
);

export type LeaveAction = 'approve' | 'reject' | 'withdraw';

/**
 * Leave from a plenary or standing-committee meeting is granted by a leader (the chair's
 * office); leave from other meetings by the district's staff.
 */
const rightLevel = {
  relation: "approver for the meeting's level",
  holds: (ctx: RequestContext, r: LeaveRequest) =>
    r.meetingLevel === 'OTHER'
      ? hasRole(ctx.caller, 'staff', 'leader')
      : hasRole(ctx.caller, 'leader'),
};
const requester = {
  relation: 'requester',
  holds: (ctx: RequestContext, r: LeaveRequest) => ctx.caller.memberId === String(r.memberId),
};

/** A leave request with the status of the meeting it names (null: free text, or not replicated). */
export type LeaveRecord = LeaveRequest & { meetingStatus?: string | null };

/** Nothing to excuse from a cancelled meeting: the request is rejected or withdrawn, not approved. */
const meetingNotCancelled: Guard<LeaveRecord> = {
  name: 'meeting-cancelled',
  holds: (_ctx, r) => fact(r.meetingStatus, 'meetingStatus') !== 'CANCELLED',
  message: (r) =>
    `leave request ${r.id}: the meeting (${r.meeting}) was cancelled; there is nothing to approve leave from`,
  extensions: { field: 'meetingId' },
};

export const leaveWorkflow = defineWorkflow<LeaveStatus, LeaveAction, LeaveRecord>(
  'leave_request',
  [
    {
      from: 'REQUESTED',
      action: 'approve',
      who: [rightLevel],
      guards: [meetingNotCancelled],
      to: 'APPROVED',
    },
    { from: 'REQUESTED', action: 'reject', who: [rightLevel], to: 'REJECTED' },
    { from: 'REQUESTED', action: 'withdraw', who: [requester], to: 'WITHDRAWN' },
  ],
);

export type ShiftAction = 'serve' | 'miss' | 'cancel';

const onDuty = {
  relation: 'member on duty',
  holds: (ctx: RequestContext, s: StudioShift) => ctx.caller.memberId === String(s.memberId),
};

/** A studio's duty shift: the member on duty (or staff) marks it served; staff mark it missed or cancel it. */
export const shiftWorkflow = defineWorkflow<ShiftStatus, ShiftAction, StudioShift>('studio_shift', [
  { from: 'SCHEDULED', action: 'serve', who: [onDuty, 'staff'], to: 'SERVED' },
  { from: 'SCHEDULED', action: 'miss', who: ['staff'], to: 'MISSED' },
  { from: 'SCHEDULED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
]);

export type ReceptionAction = 'passOn' | 'close';

const receiver = {
  relation: 'receiving member',
  holds: (ctx: RequestContext, r: StudioReception) => ctx.caller.memberId === String(r.memberId),
};

/**
 * A reception's issue is passed on (as a proposal draft or an opinion item for the receiving
 * member) or closed, answered on the spot — by the member who received the visitors, or staff.
 */
export const receptionWorkflow = defineWorkflow<ReceptionStatus, ReceptionAction, StudioReception>(
  'studio_reception',
  [
    { from: 'RECORDED', action: 'passOn', who: [receiver, 'staff'], to: 'PASSED_ON' },
    { from: 'RECORDED', action: 'close', who: [receiver, 'staff'], to: 'CLOSED' },
  ],
);
