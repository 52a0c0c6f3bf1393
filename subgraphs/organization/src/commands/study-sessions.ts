import { studySessionAttended } from '@cppcc/events';
import {
  appError,
  assertWritableDistrict,
  audit,
  emit,
  ErrorCode,
  notFound,
  type RequestContext,
} from '@cppcc/kit';
import { PartyGroupSchema, type PartyGroup } from '../entities/party-group.entity.js';
import { TermSchema } from '../entities/term.entity.js';
import {
  StudySessionSchema,
  type StudyKind,
  type StudySession,
} from '../entities/study-session.entity.js';
import { studySessionWorkflow, type StudyAction } from '../workflow.js';
import { checkAttendees, writeAttendance, type AttendanceEntry } from './attendance.js';
import { leavesOn, levelOf, lockAttendanceDay, withLeaves } from './leaves.js';
import { announceStudySession } from './meetings.js';

export interface PlanStudySession {
  district: string;
  kind: StudyKind;
  topic: string;
  plannedOn: string;
  materials: string[];
  speakers: string[];
  public: boolean;
}

export async function planStudySession(
  ctx: RequestContext,
  input: PlanStudySession,
): Promise<StudySession> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  const group = await groupOn(ctx, input.district, input.plannedOn);
  if (!group)
    throw appError(
      ErrorCode.NOT_FOUND,
      `input.district: district ${input.district} has no Party Group on record for the term of ${input.plannedOn}`,
      { field: 'input.district' },
    );
  return ctx.em.transactional(async (em) => {
    const session = em.create(StudySessionSchema, {
      ...input,
      groupId: group.id,
      heldOn: null,
      minutes: null,
      status: 'PLANNED',
    });
    await em.flush();
    audit(em, {
      entity: 'study_session',
      entityId: String(session.id),
      action: 'plan',
      fromState: null,
      toState: 'PLANNED',
      actor: ctx.caller.userId,
      note: null,
    });
    announceStudySession(em, ctx.module, session);
    return session;
  });
}

/** The group of the term that covers `day` (a group recorded without a term serves any day). */
async function groupOn(
  ctx: RequestContext,
  district: string,
  day: string,
): Promise<PartyGroup | undefined> {
  const groups = await ctx.em.find(
    PartyGroupSchema,
    { district },
    { filters: false, orderBy: { id: 'desc' } },
  );
  const terms = await ctx.em.find(
    TermSchema,
    { id: { $in: groups.map((g) => g.termId).filter((id): id is number => id !== null) } },
    { filters: false },
  );
  return groups.find((g) => {
    const term = terms.find((t) => t.id === g.termId);
    return !term || (term.startsOn <= day && (!term.endsOn || day <= term.endsOn));
  });
}

async function load(ctx: RequestContext, id: number): Promise<StudySession> {
  const session = await ctx.em.findOne(StudySessionSchema, { id });
  if (!session) throw notFound('study session', id);
  await assertWritableDistrict(ctx, session.district, 'input.id');
  return session;
}

/** Held, with who attended: each line goes to the member's archive as study_session.attended. */
export async function holdStudySession(
  ctx: RequestContext,
  id: number,
  heldOn: string,
  entries: AttendanceEntry[],
  note: string | null,
): Promise<StudySession> {
  const found = await load(ctx, id);
  const attendees = await checkAttendees(ctx, found.district, entries);
  return ctx.em.transactional(async (em) => {
    const session = await em.findOneOrFail(StudySessionSchema, { id }, { filters: false });
    studySessionWorkflow.apply({ ...ctx, em }, session, 'hold', note);
    session.heldOn = heldOn;
    // Leaves read after the HELD status is flushed, under the district-day lock, as in holdBodyMeeting.
    await em.flush();
    await lockAttendanceDay(em, session.district, heldOn);
    const leaves = await leavesOn(em, session.district, levelOf(null), heldOn, {
      kind: 'STUDY_SESSION',
      id: session.id,
    });
    const lines = withLeaves(
      attendees.map((m, i) => ({ memberId: m.memberId, attendance: entries[i].attendance })),
      leaves,
    );
    writeAttendance(em, 'STUDY_SESSION', session, heldOn, lines);
    for (const line of lines) {
      emit(
        em,
        ctx.module,
        studySessionAttended,
        {
          sessionId: String(session.id),
          memberId: String(line.memberId),
          topic: session.topic,
          heldOn,
          attendance: line.attendance,
        },
        session.district,
      );
    }
    announceStudySession(em, ctx.module, session);
    return session;
  });
}

/** Archive (with the minutes) or cancel. */
export async function moveStudySession(
  ctx: RequestContext,
  id: number,
  action: Exclude<StudyAction, 'hold'>,
  minutes: string | null,
  note: string | null,
): Promise<StudySession> {
  await load(ctx, id);
  return ctx.em.transactional(async (em) => {
    const session = await em.findOneOrFail(StudySessionSchema, { id }, { filters: false });
    studySessionWorkflow.apply({ ...ctx, em }, session, action, note);
    if (action === 'archive') session.minutes = minutes;
    announceStudySession(em, ctx.module, session);
    return session;
  });
}
