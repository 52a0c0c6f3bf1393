import {
  defineWorkflow,
  type EntityManager,
  fact,
  type Guard,
  hasRole,
  type RequestContext,
} from '@cppcc/kit';
import {
  type LeaveRequest,
  LeaveRequestSchema,
  type LeaveStatus,
} from './entities/leave-request.entity.js';
import { MeetingRefSchema } from './entities/meeting-ref.entity.js';
import {
  type ReportStatus,
  type StandingReport,
  StandingReportSchema,
} from './entities/standing-report.entity.js';
import {
  type ReceptionStatus,
  type ShiftStatus,
  type StudioReception,
  StudioReceptionSchema,
  type StudioShift,
} from './entities/studio.entity.js';

export type ReportAction = 'submit' | 'return' | 'file' | 'edit';

const author = {
  relation: 'author',
  holds: (ctx: RequestContext, r: StandingReport) => ctx.caller.memberId === String(r.memberId),
  parties: (r: StandingReport) => [{ member: r.memberId }],
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
  {},
  {
    schema: StandingReportSchema,
    type: 'StandingReport',
    states: {
      DRAFT: { kind: 'member.report.write', why: '常委履职报告待提交 A duty report to write' },
      SUBMITTED: { kind: 'member.report.check', why: '履职报告待审核 A duty report to check' },
    },
    title: (r) => `${r.year} 年度常委履职报告 Standing member's report ${r.year}`,
    district: (r) => r.district,
    // The report is due by the end of its year.
    dueOn: (r) => (r.status === 'DRAFT' ? `${r.year}-12-31` : null),
    ignore: ['edit'],
  },
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
  parties: (r: LeaveRequest) =>
    r.meetingLevel === 'OTHER'
      ? [
          { role: 'staff' as const, district: r.district },
          { role: 'leader' as const, district: r.district },
        ]
      : [{ role: 'leader' as const, district: r.district }],
};
const requester = {
  relation: 'requester',
  holds: (ctx: RequestContext, r: LeaveRequest) => ctx.caller.memberId === String(r.memberId),
};

/** A leave request with the status of the meeting it names (null: free text, or not replicated). */
export type LeaveRecord = LeaveRequest & { meetingStatus?: string | null };

/**
 * The fact the leave table's guard reads: the status of the meeting the request names, as the
 * replica has it (null for a request by free text, or a meeting not replicated). Read by the
 * command that steps a request and by its inbox address alike.
 */
export async function meetingStatusOf(
  em: EntityManager,
  leave: LeaveRequest,
): Promise<string | null> {
  if (!leave.meetingKind || !leave.meetingId) return null;
  const meeting = await em.findOne(
    MeetingRefSchema,
    { kind: leave.meetingKind, id: leave.meetingId },
    { filters: false },
  );
  return meeting?.status ?? null;
}

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
  {},
  {
    schema: LeaveRequestSchema,
    type: 'LeaveRequest',
    states: { REQUESTED: { kind: 'member.leave.decide', why: '请假待审批 Leave to approve' } },
    title: (r) => `请假：${r.meeting}`,
    district: (r) => r.district,
    // Decided before the meeting.
    dueOn: (r) => r.meetingOn,
    ignore: ['withdraw'],
    facts: async (em, r) => {
      r.meetingStatus = await meetingStatusOf(em, r);
    },
  },
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
  parties: (r: StudioReception) => [{ member: r.memberId }],
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
  {},
  {
    schema: StudioReceptionSchema,
    type: 'StudioReception',
    states: {
      RECORDED: {
        kind: 'member.reception.passOn',
        why: '接待事项待转办 A reception’s issue to pass on or close',
      },
    },
    title: (r) => r.title,
    district: (r) => r.district,
  },
);
