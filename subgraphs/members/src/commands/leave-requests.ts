import {
  appError,
  canSeeDistrict,
  emit,
  ErrorCode,
  notFound,
  type RequestContext,
  staleVersion,
} from '@cppcc/kit';
import { leaveApproved } from '@cppcc/events';
import {
  LeaveRequestSchema,
  type LeaveRequest,
  type MeetingLevel,
} from '../entities/leave-request.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { leaveWorkflow, type LeaveAction } from '../workflow.js';

export async function requestLeave(
  ctx: RequestContext,
  input: { meeting: string; meetingLevel: MeetingLevel; meetingOn: string; reason: string },
): Promise<LeaveRequest> {
  const member = ctx.caller.memberId
    ? await ctx.em.findOne(MemberSchema, { id: Number(ctx.caller.memberId) }, { filters: false })
    : null;
  if (!member) throw appError(ErrorCode.FORBIDDEN, 'only a member may ask for leave');
  const leave = ctx.em.create(LeaveRequestSchema, {
    ...input,
    district: member.district,
    memberId: member.id,
    status: 'REQUESTED',
    decidedBy: null,
    public: false,
  });
  await ctx.em.flush();
  return leave;
}

/** Decides a request; an approval is announced so attendance records count the member as on leave. */
export async function moveLeave(
  ctx: RequestContext,
  id: number,
  action: LeaveAction,
  version: number,
  note: string | null,
): Promise<LeaveRequest> {
  return ctx.em.transactional(async (em) => {
    const leave = await em.findOne(LeaveRequestSchema, { id }, { filters: false });
    const own = leave && ctx.caller.memberId === String(leave.memberId);
    if (!leave || !(own || canSeeDistrict(ctx.caller, leave.district)))
      throw notFound('leave request', id);
    if (leave.version !== version)
      throw staleVersion(`leave request ${id}`, leave.version, version);
    leaveWorkflow.apply({ ...ctx, em }, leave, action, note);
    if (action !== 'withdraw') leave.decidedBy = ctx.caller.userId;
    if (leave.status === 'APPROVED') {
      emit(
        em,
        ctx.module,
        leaveApproved,
        {
          leaveId: String(leave.id),
          memberId: String(leave.memberId),
          meeting: leave.meeting,
          meetingLevel: leave.meetingLevel,
          meetingOn: leave.meetingOn,
        },
        leave.district,
      );
    }
    return leave;
  });
}
