import {
  appError,
  canSeeDistrict,
  connectionType,
  ErrorCode,
  hasRole,
  parseId,
  type RequestContext,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  pagedList,
} from '@cppcc/kit';
import { MEETING_LEVEL_ENUM } from '@cppcc/events';
import { z } from 'zod';
import { builder } from '../builder.js';
import { leaveFacts, moveLeave, requestLeave } from '../commands/leave-requests.js';
import {
  LEAVE_STATUSES,
  LeaveRequestSchema,
  MEETING_LEVELS,
  type LeaveRequest,
} from '../entities/leave-request.entity.js';
import { leaveWorkflow } from '../workflow.js';
import type { Member } from '../entities/member.entity.js';
import { MemberType } from './member.js';

export const MeetingLevelType = builder.enumType('MeetingLevel', {
  description: MEETING_LEVEL_ENUM.description,
  values: describedValues(MEETING_LEVELS, MEETING_LEVEL_ENUM.descriptions),
});
export const LeaveStatusType = builder.enumType('LeaveStatus', {
  description:
    '请假状态 Where a leave request stands: REQUESTED → APPROVED | REJECTED | WITHDRAWN.',
  values: describedValues(LEAVE_STATUSES, {
    REQUESTED:
      '待审批 Waiting for a decision; the approver approves or rejects it, the member may withdraw it.',
    APPROVED: '已批准 Granted.',
    REJECTED: '未批准 Refused.',
    WITHDRAWN: '已撤回 Withdrawn by the member.',
  }),
});

export const LeaveMeetingKindType = builder.enumType('LeaveMeetingKind', {
  description: 'What kind of meeting on record a leave names (organization owns both).',
  values: {
    BODY_MEETING: {
      description: '全体会议、常委会议、主席会议、秘书长会议 — a meeting of a committee body.',
    },
    STUDY_SESSION: { description: '党组理论学习中心组学习会 — a theory study session.' },
  } as const,
});

/** BodyMeeting is organization's entity; a leave request points at the one it names. */
const BodyMeetingRef = builder
  .externalRef('BodyMeeting', builder.selection<{ id: string }>('id'))
  .implement({ externalFields: (t) => ({ id: t.id() }) });

/** StudySession is organization's entity; a leave request points at the one it names. */
const StudySessionRef = builder
  .externalRef('StudySession', builder.selection<{ id: string }>('id'))
  .implement({ externalFields: (t) => ({ id: t.id() }) });

export const LeaveRequestType = builder.objectRef<LeaveRequest>('LeaveRequest').implement({
  description:
    "请假: a member's request to be excused from a meeting on record (organization's body meeting or study session).",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The LeaveRequest's id." }),
    meeting: t.exposeString('meeting', {
      description: '会议 The meeting as the member named it.',
      deprecationReason:
        'The meeting is a record now: use bodyMeeting / studySession. This is its title as on record (the free text of a request made before leaves named their meeting).',
    }),
    meetingKind: t.field({
      type: LeaveMeetingKindType,
      nullable: true,
      description:
        'The kind of meeting on record the leave is from; null for a request made by free text before leaves named their meeting and matched to none.',
      resolve: (l) => l.meetingKind ?? null,
    }),
    bodyMeeting: t.field({
      type: BodyMeetingRef,
      nullable: true,
      description:
        '请假所涉会议 — the body meeting (全体会议, 常委会议, 主席会议, 秘书长会议) the leave is from, when it is one.',
      resolve: (l) =>
        l.meetingKind === 'BODY_MEETING' && l.meetingId ? { id: String(l.meetingId) } : null,
    }),
    studySession: t.field({
      type: StudySessionRef,
      nullable: true,
      description: '请假所涉学习会 — the study session the leave is from, when it is one.',
      resolve: (l) =>
        l.meetingKind === 'STUDY_SESSION' && l.meetingId ? { id: String(l.meetingId) } : null,
    }),
    meetingLevel: t.field({
      type: MeetingLevelType,
      description:
        "The meeting's level, which decides who approves: PLENARY and STANDING_COMMITTEE a leader, OTHER staff or a leader.",
      resolve: (l) => l.meetingLevel,
    }),
    meetingOn: t.expose('meetingOn', {
      type: 'Date',
      description: 'The day the meeting was planned for.',
    }),
    reason: t.exposeString('reason', { description: '事由 Why the member asks for leave.' }),
    status: t.field({
      description: '请假状态 Where a leave request stands.',
      type: LeaveStatusType,
      resolve: (l) => l.status,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    availableActions: t.stringList({
      description:
        'Steps the caller may take now (approve is not offered once the meeting was cancelled).',
      resolve: async (l, _args, ctx) => leaveWorkflow.available(ctx, await leaveFacts(ctx.em, l)),
    }),
  }),
});

/** A member's leave is for the member and the staff or leaders of their district (FORBIDDEN else). */
function mayReadLeave(ctx: RequestContext, m: Member, field: string): void {
  const allowed =
    ctx.caller.memberId === String(m.id) ||
    (hasRole(ctx.caller, 'staff', 'leader') && canSeeDistrict(ctx.caller, m.district));
  if (!allowed)
    throw appError(
      ErrorCode.FORBIDDEN,
      `${field}: only the member and their district staff may see them`,
      { field },
    );
}

const LeaveRequestConnection = connectionType<LeaveRequest>(
  builder,
  'LeaveRequest',
  LeaveRequestType,
);

pagedList(builder, MemberType, {
  name: 'leaveRequests',
  node: LeaveRequestType,
  connection: LeaveRequestConnection,
  what: 'leave requests',
  listDescription: 'The member and their district staff only.',
  description:
    '请假 The leave the member asked, oldest first, a page at a time. The member and the staff or leaders of their district only (FORBIDDEN for others).',
  page: (m, args, ctx, field) => {
    mayReadLeave(ctx, m, field);
    return ctx.loaders.page(LeaveRequestSchema, 'memberId', args, {}, true).load(m.id);
  },
});

builder.mutationField('requestLeave', (t) =>
  t.field({
    type: LeaveRequestType,
    description:
      '请假: a member asks leave from a meeting on record — exactly one of bodyMeetingId and studySessionId (BAD_USER_INPUT rule one-of), a meeting of their district organization has announced (rule exists), not cancelled (not-cancelled) and not already held or past its day (not-ended); one open request per meeting (CONFLICT, rule once). The level and day come from the meeting.',
    authScopes: { member: true },
    args: {
      bodyMeetingId: t.arg.id({
        required: false,
        description:
          'The body meeting (全体会议, 常委会议, 主席会议, 秘书长会议) asked leave from.',
      }),
      studySessionId: t.arg.id({
        required: false,
        description: 'The study session (学习会) asked leave from.',
      }),
      reason: t.arg.string({
        description: 'Why: trimmed, 2 to 500 characters.',
        required: true,
        validate: z.string().trim().min(2, 'must give a reason').max(500),
      }),
    },
    resolve: (_root, args, ctx) =>
      requestLeave(ctx, {
        bodyMeetingId: args.bodyMeetingId ? parseId(args.bodyMeetingId, 'bodyMeetingId') : null,
        studySessionId: args.studySessionId ? parseId(args.studySessionId, 'studySessionId') : null,
        reason: args.reason.trim(),
      }),
  }),
);

for (const [field, action, description] of [
  [
    'approveLeave',
    'approve',
    "Grant a REQUESTED leave (→ APPROVED): a leader for a plenary or standing-committee meeting, the district's staff or a leader for any other; refused when the meeting was cancelled.",
  ],
  [
    'rejectLeave',
    'reject',
    'Refuse a REQUESTED leave (→ REJECTED); the same approvers as approveLeave.',
  ],
  ['withdrawLeave', 'withdraw', 'The member who asked withdraws a REQUESTED leave (→ WITHDRAWN).'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: LeaveRequestType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The LeaveRequest's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveLeave(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}
