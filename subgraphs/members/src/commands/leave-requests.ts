import {
  appError,
  audit,
  canSeeDistrict,
  emit,
  ErrorCode,
  inputError,
  notFound,
  type EntityManager,
  type RequestContext,
  staleVersion,
  today,
} from '@cppcc/kit';
import { leaveApproved } from '@cppcc/events';
import { LeaveRequestSchema, type LeaveRequest } from '../entities/leave-request.entity.js';
import { MeetingRefSchema, type MeetingKind } from '../entities/meeting-ref.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { leaveWorkflow, meetingStatusOf, type LeaveAction, type LeaveRecord } from '../workflow.js';

export interface LeaveInput {
  bodyMeetingId: number | null;
  studySessionId: number | null;
  reason: string;
}

const WHAT: Record<MeetingKind, string> = {
  BODY_MEETING: 'body meeting',
  STUDY_SESSION: 'study session',
};

/**
 * A member asks leave from a meeting on record (organization's body meeting or study session,
 * as the `meeting_ref` replica has it): exactly one named, of the member's district, neither
 * cancelled nor ended (held, archived, or its day passed); one open request per meeting.
 */
export async function requestLeave(ctx: RequestContext, input: LeaveInput): Promise<LeaveRequest> {
  const member = ctx.caller.memberId
    ? await ctx.em.findOne(MemberSchema, { id: Number(ctx.caller.memberId) }, { filters: false })
    : null;
  if (!member) throw appError(ErrorCode.FORBIDDEN, 'only a member may ask for leave');
  if ((input.bodyMeetingId === null) === (input.studySessionId === null))
    throw inputError(
      'bodyMeetingId',
      'one-of',
      'name the meeting on record: exactly one of bodyMeetingId and studySessionId',
    );
  const [kind, id, field]: [MeetingKind, number, string] =
    input.bodyMeetingId !== null
      ? ['BODY_MEETING', input.bodyMeetingId, 'bodyMeetingId']
      : ['STUDY_SESSION', input.studySessionId!, 'studySessionId'];
  const meeting = await ctx.em.findOne(MeetingRefSchema, { kind, id }, { filters: false });
  if (!meeting || meeting.district !== member.district)
    throw inputError(
      field,
      'exists',
      `${field}: no ${WHAT[kind]} ${id} of district ${member.district} is on record`,
    );
  if (meeting.status === 'CANCELLED')
    throw inputError(
      field,
      'not-cancelled',
      `${field}: ${WHAT[kind]} ${id} (${meeting.title}) was cancelled: there is nothing to be excused from`,
    );
  const day = meeting.heldOn ?? meeting.plannedOn;
  if (meeting.status !== 'PLANNED' || day < today())
    throw inputError(
      field,
      'not-ended',
      `${field}: ${WHAT[kind]} ${id} (${meeting.title}) already took place (${day}): leave is asked before a meeting`,
    );
  const open = await ctx.em.findOne(
    LeaveRequestSchema,
    { memberId: member.id, meetingKind: kind, meetingId: id, status: ['REQUESTED', 'APPROVED'] },
    { filters: false },
  );
  if (open)
    throw appError(
      ErrorCode.CONFLICT,
      `${field}: leave from ${WHAT[kind]} ${id} is already ${open.status === 'APPROVED' ? 'approved' : 'asked for'} (leave request ${open.id})`,
      { field, rule: 'once', id: String(open.id) },
    );
  return ctx.em.transactional(async (em) => {
    const leave = em.create(LeaveRequestSchema, {
      district: member.district,
      memberId: member.id,
      meeting: meeting.title,
      meetingLevel: meeting.level,
      meetingOn: meeting.plannedOn,
      meetingKind: kind,
      meetingId: id,
      reason: input.reason,
      status: 'REQUESTED',
      decidedBy: null,
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'leave_request',
      entityId: String(leave.id),
      action: 'request',
      fromState: null,
      toState: 'REQUESTED',
      actor: ctx.caller.userId,
      note: `${WHAT[kind]} ${id}`,
    });
    return leave;
  });
}

/**
 * The facts the leave table's guards read: the status of the meeting the request names, as the
 * replica has it (null for a request by free text, or a meeting not replicated).
 */
export async function leaveFacts(em: EntityManager, leave: LeaveRequest): Promise<LeaveRecord> {
  // A copy: the step moves it, and the command copies the state back onto the managed row.
  return { ...leave, meetingStatus: await meetingStatusOf(em, leave) };
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
    leave.status = leaveWorkflow.apply({ ...ctx, em }, await leaveFacts(em, leave), action, note);
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
          ...(leave.meetingKind && leave.meetingId
            ? { meetingKind: leave.meetingKind, meetingId: String(leave.meetingId) }
            : {}),
        },
        leave.district,
      );
    }
    return leave;
  });
}
