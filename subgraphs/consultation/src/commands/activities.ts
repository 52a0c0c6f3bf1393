import {
  appError,
  assertWritableDistrict,
  audit,
  canWriteDistrict,
  emit,
  ErrorCode,
  inputError,
  notFound,
  type EntityManager,
  type RequestContext,
  staleVersion,
} from '@cppcc/kit';
import { consultationAttended, consultationSpoke } from '@cppcc/events';
import { visible } from '../access.js';
import { ActivityGuestSchema, type GuestKind } from '../entities/activity-guest.entity.js';
import {
  ConsultationActivitySchema,
  type ActivityStatus,
  type ConsultationActivity,
  type ConsultationForm,
} from '../entities/consultation-activity.entity.js';
import { ParticipantSchema, type Attendance } from '../entities/participant.entity.js';
import { SpeechSchema, type Speech, type SpeechMode } from '../entities/speech.entity.js';
import { activityWorkflow, type ActivityAction } from '../workflow.js';
import { announceActivity } from './announce.js';
import { assertPlanTopic } from './planning.js';
import { assertMembers } from './refs.js';
import { assertUnit } from './units.js';

export interface ActivityFields {
  district: string;
  title: string;
  form: ConsultationForm;
  topic: string;
  heldOn: string;
  counterpart: string | null;
  counterpartUnitId: number | null;
  location: string | null;
  planTopicId: number | null;
  public: boolean;
}

export interface GuestInput {
  kind: GuestKind;
  name: string;
  position: string | null;
  unitId: number | null;
}

/**
 * A counterpart consultation is held with a named government department: a unit of the
 * activity's own district, whose name the activity keeps.
 */
async function counterpartOf(
  ctx: RequestContext,
  input: Pick<ActivityFields, 'form' | 'district' | 'counterpart' | 'counterpartUnitId'>,
): Promise<string | null> {
  if (input.counterpartUnitId !== null) {
    const unit = await assertUnit(
      ctx,
      input.counterpartUnitId,
      input.district,
      'input.counterpartUnitId',
    );
    return input.counterpart ?? unit.name;
  }
  if (input.form === 'COUNTERPART' && !input.counterpart) {
    throw inputError(
      'input.counterpart',
      'required',
      'a counterpart consultation names the government department',
    );
  }
  return input.counterpart;
}

function uniqueIds(ids: number[], field: string): void {
  if (new Set(ids).size !== ids.length) throw inputError(field, 'unique', 'lists a member twice');
}

async function checkGuests(ctx: RequestContext, guests: GuestInput[]): Promise<void> {
  for (const [i, g] of guests.entries()) {
    if (g.unitId !== null) await assertUnit(ctx, g.unitId, null, `input.guests.${i}.unitId`);
  }
}

function writeGuests(
  em: EntityManager,
  activity: ConsultationActivity,
  guests: GuestInput[],
): void {
  for (const g of guests)
    em.create(ActivityGuestSchema, {
      ...g,
      district: activity.district,
      activityId: activity.id,
      public: activity.public,
    });
}

function attended(
  em: EntityManager,
  module: string,
  activity: ConsultationActivity,
  memberId: number,
): void {
  emit(
    em,
    module,
    consultationAttended,
    {
      activityId: String(activity.id),
      memberId: String(memberId),
      form: activity.form,
      title: activity.title,
      heldOn: activity.heldOn,
    },
    activity.district,
  );
}

/**
 * Staff put an activity on the calendar (PLANNED, members invited) or record one that was held
 * (HELD, members present: each participant's record hears of it).
 */
async function createActivity(
  ctx: RequestContext,
  input: ActivityFields,
  memberIds: number[],
  guests: GuestInput[],
  held: boolean,
  field: string,
): Promise<ConsultationActivity> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  const counterpart = await counterpartOf(ctx, input);
  uniqueIds(memberIds, field);
  await assertMembers(ctx, memberIds, input.district, (i) => `${field}.${i}`);
  await checkGuests(ctx, guests);
  if (input.planTopicId !== null)
    await assertPlanTopic(ctx, input.planTopicId, input.district, 'input.planTopicId');
  const status: ActivityStatus = held ? 'HELD' : 'PLANNED';
  return ctx.em.transactional(async (em) => {
    const activity = em.create(ConsultationActivitySchema, {
      ...input,
      counterpart,
      minutes: null,
      status,
    });
    await em.flush();
    audit(em, {
      entity: 'consultation_activity',
      entityId: String(activity.id),
      action: held ? 'record' : 'plan',
      fromState: null,
      toState: status,
      actor: ctx.caller.userId,
      note: null,
    });
    for (const memberId of memberIds) {
      em.create(ParticipantSchema, {
        district: input.district,
        activityId: activity.id,
        memberId,
        attendance: held ? 'PRESENT' : 'INVITED',
        public: activity.public,
      });
      if (held) attended(em, ctx.module, activity, memberId);
    }
    writeGuests(em, activity, guests);
    await em.flush();
    announceActivity(em, ctx.module, activity);
    return activity;
  });
}

export const planActivity = (
  ctx: RequestContext,
  input: ActivityFields,
  memberIds: number[],
  guests: GuestInput[],
) => createActivity(ctx, input, memberIds, guests, false, 'input.memberIds');

export const recordActivity = (
  ctx: RequestContext,
  input: ActivityFields,
  participantIds: number[],
  guests: GuestInput[] = [],
) => createActivity(ctx, input, participantIds, guests, true, 'input.participantIds');

/** Loads an activity for a change by staff of its district (or a district above). */
async function loadForStaff(
  ctx: RequestContext,
  em: EntityManager,
  id: number,
  version?: number,
): Promise<ConsultationActivity> {
  const activity = await em.findOne(ConsultationActivitySchema, { id }, { filters: false });
  if (!activity || !visible(ctx, activity)) throw notFound('consultation activity', id);
  if (!canWriteDistrict(ctx.caller, activity.district)) {
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `consultation activity ${id} belongs to district ${activity.district}`,
      { field: 'id' },
    );
  }
  if (version !== undefined && activity.version !== version)
    throw staleVersion(`consultation activity ${id}`, activity.version, version);
  return activity;
}

/** Staff invite members and guests while the activity is still ahead. */
export async function inviteToActivity(
  ctx: RequestContext,
  id: number,
  memberIds: number[],
  guests: GuestInput[],
): Promise<ConsultationActivity> {
  uniqueIds(memberIds, 'memberIds');
  // Members are checked against the activity's district before the transaction opens.
  const found = await ctx.em.findOne(ConsultationActivitySchema, { id }, { filters: false });
  if (found && canWriteDistrict(ctx.caller, found.district))
    await assertMembers(ctx, memberIds, found.district, (i) => `memberIds.${i}`);
  await checkGuests(ctx, guests);
  return ctx.em.transactional(async (em) => {
    const activity = await loadForStaff(ctx, em, id);
    activityWorkflow.check(ctx, activity, 'invite');
    const already = await em.find(
      ParticipantSchema,
      { activityId: id, memberId: { $in: memberIds } },
      { filters: false },
    );
    if (already.length > 0) {
      throw appError(
        ErrorCode.CONFLICT,
        `memberIds: already invited: ${already.map((p) => p.memberId).join(', ')}`,
        { field: 'memberIds' },
      );
    }
    for (const memberId of memberIds)
      em.create(ParticipantSchema, {
        district: activity.district,
        activityId: id,
        memberId,
        attendance: 'INVITED',
        public: activity.public,
      });
    writeGuests(em, activity, guests);
    return activity;
  });
}

export interface MoveExtras {
  /** For `hold`: the day it was held, when not the planned one. */
  heldOn?: string | null;
  /** For `hold`: the invited members who did not come; everyone else invited was present. */
  absences?: { memberId: number; attendance: Exclude<Attendance, 'INVITED' | 'PRESENT'> }[];
}

/** One step of the activity's transition table; holding it tells each present member's record. */
export async function moveActivity(
  ctx: RequestContext,
  id: number,
  action: ActivityAction,
  version: number,
  note: string | null,
  extras: MoveExtras = {},
): Promise<ConsultationActivity> {
  return ctx.em.transactional(async (em) => {
    const activity = await loadForStaff(ctx, em, id, version);
    activityWorkflow.apply({ ...ctx, em }, activity, action, note);
    if (action === 'hold') {
      if (extras.heldOn) activity.heldOn = extras.heldOn;
      const invited = await em.find(
        ParticipantSchema,
        { activityId: id },
        { filters: false, orderBy: { id: 'asc' } },
      );
      const absences = new Map((extras.absences ?? []).map((a) => [a.memberId, a.attendance]));
      if (absences.size !== (extras.absences ?? []).length)
        throw inputError('absences', 'unique', 'lists a member twice');
      for (const memberId of absences.keys()) {
        if (!invited.some((p) => p.memberId === memberId))
          throw inputError('absences', 'invited', `member ${memberId} was not invited`);
      }
      for (const p of invited) {
        p.attendance = absences.get(p.memberId) ?? 'PRESENT';
        if (p.attendance === 'PRESENT') attended(em, ctx.module, activity, p.memberId);
      }
    }
    await em.flush();
    announceActivity(em, ctx.module, activity);
    return activity;
  });
}

/** Staff keep the minutes of an activity once it is held. */
export async function recordMinutes(
  ctx: RequestContext,
  id: number,
  version: number,
  minutes: string,
): Promise<ConsultationActivity> {
  return ctx.em.transactional(async (em) => {
    const activity = await loadForStaff(ctx, em, id, version);
    activityWorkflow.check(ctx, activity, 'recordMinutes');
    activity.minutes = minutes;
    return activity;
  });
}

export interface SpeechInput {
  memberId: number | null;
  guestId: number | null;
  title: string;
  mode: SpeechMode;
  spokeOn: string | null;
  text: string | null;
}

/**
 * A speech at an activity. Staff record anyone's; a member hands in their own written speech.
 * Written speeches may come in while the activity is prepared, spoken ones only once it is held.
 */
export async function recordSpeech(
  ctx: RequestContext,
  activityId: number,
  input: SpeechInput,
): Promise<Speech> {
  if ((input.memberId === null) === (input.guestId === null))
    throw inputError('input.memberId', 'speaker', 'name exactly one speaker: a member or a guest');
  return ctx.em.transactional(async (em) => {
    const activity = await em.findOne(
      ConsultationActivitySchema,
      { id: activityId },
      { filters: false },
    );
    const seat =
      input.memberId === null
        ? null
        : await em.findOne(
            ParticipantSchema,
            { activityId, memberId: input.memberId },
            { filters: false },
          );
    const ownSeat = seat !== null && ctx.caller.memberId === String(seat.memberId);
    if (!activity || !visible(ctx, activity, ownSeat))
      throw notFound('consultation activity', activityId);
    const byStaff = canWriteDistrict(ctx.caller, activity.district);
    if (!byStaff) {
      if (ctx.caller.memberId === null || String(input.memberId) !== ctx.caller.memberId) {
        throw appError(
          ErrorCode.FORBIDDEN,
          'a member hands in only their own speech; staff record the others',
        );
      }
      if (input.mode !== 'WRITTEN')
        throw appError(
          ErrorCode.FORBIDDEN,
          'members hand in written speeches; staff record spoken ones',
        );
    }
    const participantIds = (
      await em.find(ParticipantSchema, { activityId }, { filters: false, fields: ['memberId'] })
    ).map((p) => p.memberId);
    activityWorkflow.check(
      ctx,
      Object.assign(activity, { participantIds }),
      input.mode === 'WRITTEN' ? 'handInSpeech' : 'speak',
    );
    if (input.memberId !== null) {
      if (!seat)
        throw inputError(
          'input.memberId',
          'participant',
          `member ${input.memberId} does not take part in this activity`,
        );
      if (input.mode === 'ORAL' && seat.attendance !== 'PRESENT')
        throw inputError(
          'input.memberId',
          'present',
          `member ${input.memberId} was not present to speak`,
        );
    } else {
      const guest = await em.findOne(
        ActivityGuestSchema,
        { id: input.guestId!, activityId },
        { filters: false },
      );
      if (!guest)
        throw inputError(
          'input.guestId',
          'participant',
          `guest ${input.guestId} is not a guest of this activity`,
        );
    }
    const speech = em.create(SpeechSchema, {
      ...input,
      district: activity.district,
      activityId,
      spokeOn: input.spokeOn ?? activity.heldOn,
      public: activity.public,
    });
    await em.flush();
    if (speech.memberId !== null && speech.memberId !== undefined) {
      emit(
        em,
        ctx.module,
        consultationSpoke,
        {
          activityId: String(activityId),
          speechId: String(speech.id),
          memberId: String(speech.memberId),
          title: speech.title,
          mode: speech.mode,
          spokeOn: speech.spokeOn,
        },
        activity.district,
      );
    }
    return speech;
  });
}
