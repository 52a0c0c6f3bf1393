import { appError, canSeeDistrict, ErrorCode, hasRole, parseId } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { moveLeave, requestLeave } from '../commands/leave-requests.js';
import {
  LEAVE_STATUSES,
  LeaveRequestSchema,
  MEETING_LEVELS,
  type LeaveRequest,
} from '../entities/leave-request.entity.js';
import { leaveWorkflow } from '../workflow.js';
import { MemberType } from './member.js';

export const MeetingLevelType = builder.enumType('MeetingLevel', { values: MEETING_LEVELS });
export const LeaveStatusType = builder.enumType('LeaveStatus', { values: LEAVE_STATUSES });

export const LeaveRequestType = builder.objectRef<LeaveRequest>('LeaveRequest').implement({
  description: "请假: a member's request to be excused from a meeting.",
  fields: (t) => ({
    id: t.exposeID('id'),
    meeting: t.exposeString('meeting'),
    meetingLevel: t.field({ type: MeetingLevelType, resolve: (l) => l.meetingLevel }),
    meetingOn: t.expose('meetingOn', { type: 'Date' }),
    reason: t.exposeString('reason'),
    status: t.field({ type: LeaveStatusType, resolve: (l) => l.status }),
    version: t.exposeInt('version'),
    availableActions: t.stringList({ resolve: (l, _args, ctx) => leaveWorkflow.available(ctx, l) }),
  }),
});

builder.objectField(MemberType, 'leaveRequests', (t) =>
  t.field({
    type: [LeaveRequestType],
    description: 'The member and their district staff only.',
    resolve: (m, _args, ctx) => {
      const allowed =
        ctx.caller.memberId === String(m.id) ||
        (hasRole(ctx.caller, 'staff', 'leader') && canSeeDistrict(ctx.caller, m.district));
      if (!allowed)
        throw appError(
          ErrorCode.FORBIDDEN,
          'leaveRequests: only the member and their district staff may see them',
          { field: 'leaveRequests' },
        );
      return ctx.loaders.many(LeaveRequestSchema, 'memberId', {}, true).load(m.id);
    },
  }),
);

builder.mutationField('requestLeave', (t) =>
  t.field({
    type: LeaveRequestType,
    authScopes: { member: true },
    args: {
      meeting: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, 'must name the meeting').max(120),
      }),
      meetingLevel: t.arg({ type: MeetingLevelType, required: true }),
      meetingOn: t.arg({ type: 'Date', required: true }),
      reason: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, 'must give a reason').max(500),
      }),
    },
    resolve: (_root, args, ctx) =>
      requestLeave(ctx, { ...args, meeting: args.meeting.trim(), reason: args.reason.trim() }),
  }),
);

for (const [field, action] of [
  ['approveLeave', 'approve'],
  ['rejectLeave', 'reject'],
  ['withdrawLeave', 'withdraw'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: LeaveRequestType,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ required: true }),
        version: t.arg.int({ required: true }),
        note: t.arg.string({ required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveLeave(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}
