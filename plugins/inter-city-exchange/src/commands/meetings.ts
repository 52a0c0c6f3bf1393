import {
  dutyReported,
  appError,
  audit,
  emit,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  assertMembers,
  requirePermissionIn,
  settingsOf,
  toGlobalId,
} from '@cppcc/plugin-sdk';
import {
  MechanismMemberSchema,
  type CooperationMechanism,
  type MechanismMember,
} from '../entities/cooperation-mechanism.entity.js';
import {
  JointChairsMeetingSchema,
  MeetingResolutionSchema,
  type JointChairsMeeting,
  type MeetingResolution,
} from '../entities/joint-chairs-meeting.entity.js';
import type { InterCitySettings } from '../settings.js';
import { meetingWorkflow, resolutionWorkflow, type ResolutionAction } from '../workflow.js';
import { mechanismOf } from './mechanisms.js';

export const MEETING_DUTY_KIND = 'plugin.inter-city-exchange.chairs-meeting';

/** The mechanism's committees in rotation order. */
export async function rotationOf(
  ctx: RequestContext,
  mechanismId: number,
): Promise<MechanismMember[]> {
  return ctx.loaders.many(MechanismMemberSchema, 'mechanismId').load(mechanismId);
}

/**
 * Who hosts next: the committee after the last meeting's host in the rotation (a cancelled
 * meeting hosted nothing), or the first committee when none has met yet. Also the session
 * number the next meeting takes.
 */
export async function nextTurn(
  ctx: RequestContext,
  mechanism: CooperationMechanism,
): Promise<{ host: MechanismMember; session: number }> {
  const rotation = await rotationOf(ctx, mechanism.id);
  const [last] = await ctx.em.find(
    JointChairsMeetingSchema,
    { mechanismId: mechanism.id, status: { $ne: 'CANCELLED' } },
    { orderBy: { session: 'desc' }, limit: 1, filters: false },
  );
  if (!last) return { host: rotation[0], session: 1 };
  const at = rotation.findIndex((m) => m.id === last.hostMemberId);
  return { host: rotation[(at + 1) % rotation.length], session: last.session + 1 };
}

export interface PlanMeetingInput {
  mechanismId: number;
  hostId: number;
  outOfTurnReason: string | null;
  plannedOn: string;
  place: string;
  agenda: string[];
}

export async function planJointChairsMeeting(
  ctx: RequestContext,
  input: PlanMeetingInput,
): Promise<JointChairsMeeting> {
  const mechanism = await mechanismOf(ctx, input.mechanismId, 'input.mechanismId');
  await requirePermissionIn(ctx, 'meeting.record', mechanism.district, 'input.mechanismId');
  if (mechanism.status !== 'ACTIVE') {
    throw appError(
      ErrorCode.CONFLICT,
      `input.mechanismId: mechanism ${mechanism.id} is ${mechanism.status}; only an active mechanism meets`,
      { field: 'input.mechanismId', rule: 'active' },
    );
  }
  const rotation = await rotationOf(ctx, mechanism.id);
  const host = rotation.find((m) => m.id === input.hostId);
  if (!host)
    throw inputError(
      'input.hostId',
      'member',
      `committee ${input.hostId} is not one of mechanism ${mechanism.id}'s committees`,
    );
  const pending = await ctx.em.count(
    JointChairsMeetingSchema,
    { mechanismId: mechanism.id, status: 'PLANNED' },
    { filters: false },
  );
  if (pending)
    throw appError(
      ErrorCode.CONFLICT,
      `input.mechanismId: mechanism ${mechanism.id} already has a planned meeting; hold or cancel it first`,
      { field: 'input.mechanismId', rule: 'one-planned' },
    );
  const turn = await nextTurn(ctx, mechanism);
  const reason = input.outOfTurnReason?.trim() || null;
  const settings = await settingsOf<InterCitySettings>(ctx, mechanism.district);
  if (host.id !== turn.host.id && settings.enforceRotation && !reason) {
    throw appError(
      ErrorCode.CONFLICT,
      `input.hostId: it is committee ${turn.host.id}'s turn to host session ${turn.session}; give outOfTurnReason to let committee ${host.id} host instead`,
      {
        field: 'input.hostId',
        rule: 'rotation',
        expectedHostId: toGlobalId('MechanismCommittee', turn.host.id),
      },
    );
  }
  return ctx.em.transactional(async (em) => {
    const meeting = em.create(JointChairsMeetingSchema, {
      district: mechanism.district,
      mechanismId: mechanism.id,
      session: turn.session,
      hostMemberId: host.id,
      outOfTurnReason: host.id === turn.host.id ? null : reason,
      plannedOn: input.plannedOn,
      heldOn: null,
      place: input.place,
      agenda: input.agenda,
      attendeeIds: [],
      minutes: null,
      status: 'PLANNED',
      public: mechanism.public,
    });
    await em.flush();
    audit(em, {
      entity: 'JointChairsMeeting',
      entityId: String(meeting.id),
      action: 'plan',
      fromState: null,
      toState: 'PLANNED',
      actor: ctx.caller.userId,
      note: meeting.outOfTurnReason,
    });
    return meeting;
  });
}

async function meetingFor(ctx: RequestContext, id: number): Promise<JointChairsMeeting> {
  const meeting = await ctx.em.findOne(JointChairsMeetingSchema, { id });
  if (!meeting) throw notFound('joint chairs meeting', id);
  await requirePermissionIn(ctx, 'meeting.record', meeting.district, 'input.meetingId');
  return meeting;
}

export interface HoldMeetingInput {
  meetingId: number;
  heldOn: string;
  attendeeIds: string[];
  resolutions: string[];
}

/** Records that the meeting took place, who of the district's members attended and what it resolved. */
export async function holdJointChairsMeeting(
  ctx: RequestContext,
  input: HoldMeetingInput,
): Promise<JointChairsMeeting> {
  const found = await meetingFor(ctx, input.meetingId);
  if (input.heldOn < found.plannedOn)
    throw inputError(
      'input.heldOn',
      'order',
      `must not be before the planned date ${found.plannedOn}`,
    );
  if (new Set(input.attendeeIds).size !== input.attendeeIds.length)
    throw inputError('input.attendeeIds', 'unique', 'lists a member twice');
  await assertMembers(ctx, input.attendeeIds, 'input.attendeeIds');
  const mechanism = await mechanismOf(ctx, found.mechanismId, 'input.meetingId');
  return ctx.em.transactional(async (em) => {
    const meeting = await em.findOneOrFail(JointChairsMeetingSchema, { id: found.id });
    meetingWorkflow.apply({ ...ctx, em }, meeting, 'hold');
    meeting.heldOn = input.heldOn;
    meeting.attendeeIds = input.attendeeIds;
    // Attending a joint chairs' meeting is duty like any meeting: each attendee's archive hears of it.
    const summary = `出席${mechanism.name}第${meeting.session}次主席联席会议`;
    for (const memberId of input.attendeeIds) {
      emit(
        em,
        ctx.module,
        dutyReported,
        {
          memberId,
          kind: MEETING_DUTY_KIND,
          sourceId: `joint-chairs-meeting:${meeting.id}`,
          summary,
          occurredOn: input.heldOn,
        },
        meeting.district,
      );
    }
    for (const text of input.resolutions) {
      em.create(MeetingResolutionSchema, {
        district: meeting.district,
        meetingId: meeting.id,
        text,
        status: 'OPEN',
        followUp: null,
        public: meeting.public,
      });
    }
    return meeting;
  });
}

export async function publishMeetingMinutes(
  ctx: RequestContext,
  id: number,
  minutes: string,
): Promise<JointChairsMeeting> {
  await meetingFor(ctx, id);
  return ctx.em.transactional(async (em) => {
    const meeting = await em.findOneOrFail(JointChairsMeetingSchema, { id });
    meetingWorkflow.apply({ ...ctx, em }, meeting, 'publishMinutes');
    meeting.minutes = minutes;
    return meeting;
  });
}

export async function cancelJointChairsMeeting(
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<JointChairsMeeting> {
  await meetingFor(ctx, id);
  return ctx.em.transactional(async (em) => {
    const meeting = await em.findOneOrFail(JointChairsMeetingSchema, { id });
    meetingWorkflow.apply({ ...ctx, em }, meeting, 'cancel', reason);
    return meeting;
  });
}

export async function followUpResolution(
  ctx: RequestContext,
  id: number,
  action: ResolutionAction,
  followUp: string,
): Promise<MeetingResolution> {
  const found = await ctx.em.findOne(MeetingResolutionSchema, { id });
  if (!found) throw notFound('resolution', id);
  await requirePermissionIn(ctx, 'meeting.record', found.district, 'input.resolutionId');
  return ctx.em.transactional(async (em) => {
    const resolution = await em.findOneOrFail(MeetingResolutionSchema, { id });
    resolutionWorkflow.apply({ ...ctx, em }, resolution, action, followUp);
    resolution.followUp = followUp;
    return resolution;
  });
}
