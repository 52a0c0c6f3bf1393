import { bodyMeetingAttended } from '@cppcc/events';
import {
  appError,
  assertWritableDistrict,
  audit,
  emit,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
} from '@cppcc/kit';
import { BodyMeetingSchema, type Body, type BodyMeeting } from '../entities/body-meeting.entity.js';
import { SessionSchema, TermSchema } from '../entities/term.entity.js';
import { bodyMeetingWorkflow } from '../workflow.js';
import { checkAttendees, writeAttendance, type AttendanceEntry } from './attendance.js';
import { assertWithinTerm } from './terms.js';
import { leavesOn, levelOf, lockAttendanceDay, withLeaves } from './leaves.js';
import { announceBodyMeeting } from './meetings.js';

export interface PlanBodyMeeting {
  term: number;
  session: number | null;
  body: Body;
  title: string;
  plannedOn: string;
  agenda: string[];
  public: boolean;
}

export async function planBodyMeeting(
  ctx: RequestContext,
  input: PlanBodyMeeting,
): Promise<BodyMeeting> {
  const term = await ctx.loaders.one(TermSchema).load(input.term);
  if (!term)
    throw appError(ErrorCode.NOT_FOUND, `input.term: no term ${input.term}`, {
      field: 'input.term',
    });
  await assertWritableDistrict(ctx, term.district, 'input.term');
  assertWithinTerm(term, input.plannedOn, 'input.plannedOn');
  if (input.session !== null) {
    const session = await ctx.loaders.one(SessionSchema).load(input.session);
    if (!session || session.termId !== term.id)
      throw appError(
        ErrorCode.NOT_FOUND,
        `input.session: ${term.name} has no session ${input.session}`,
        { field: 'input.session' },
      );
  } else if (input.body === 'PLENARY') {
    throw inputError(
      'input.session',
      'required',
      'a plenary meeting belongs to a session (次会议)',
    );
  }
  return ctx.em.transactional(async (em) => {
    const meeting = em.create(BodyMeetingSchema, {
      district: term.district,
      termId: term.id,
      sessionId: input.session,
      body: input.body,
      title: input.title,
      plannedOn: input.plannedOn,
      heldOn: null,
      agenda: input.agenda,
      status: 'PLANNED',
      public: input.public,
    });
    await em.flush();
    audit(em, {
      entity: 'body_meeting',
      entityId: String(meeting.id),
      action: 'plan',
      fromState: null,
      toState: 'PLANNED',
      actor: ctx.caller.userId,
      note: null,
    });
    announceBodyMeeting(em, ctx.module, meeting);
    return meeting;
  });
}

async function load(ctx: RequestContext, id: number): Promise<BodyMeeting> {
  const meeting = await ctx.em.findOne(BodyMeetingSchema, { id });
  if (!meeting) throw notFound('body meeting', id);
  await assertWritableDistrict(ctx, meeting.district, 'input.id');
  return meeting;
}

/**
 * Records that the meeting took place and who was there; each attendee's line goes to their
 * archive as body_meeting.attended (absences too: the members subgraph deducts for them).
 * Approved leaves for the day and level turn ABSENT (or a missing line) into ON_LEAVE.
 */
export async function holdBodyMeeting(
  ctx: RequestContext,
  id: number,
  heldOn: string,
  entries: AttendanceEntry[],
  note: string | null,
): Promise<BodyMeeting> {
  const meeting = await load(ctx, id);
  const term = (await ctx.loaders.one(TermSchema).load(meeting.termId))!;
  assertWithinTerm(term, heldOn, 'input.heldOn');
  const attendees = await checkAttendees(ctx, meeting.district, entries);
  return ctx.em.transactional(async (em) => {
    const row = await em.findOneOrFail(BodyMeetingSchema, { id });
    bodyMeetingWorkflow.apply({ ...ctx, em }, row, 'hold', note);
    row.heldOn = heldOn;
    // The leaves are read inside the transaction, after the HELD status is flushed and under the
    // district-day lock the leave consumer also takes: a leave is either read here or, stored
    // after this commits, finds the meeting held and corrects it.
    await em.flush();
    await lockAttendanceDay(em, row.district, heldOn);
    const leaves = await leavesOn(em, row.district, levelOf(row.body), heldOn, {
      kind: 'BODY_MEETING',
      id: row.id,
    });
    const lines = withLeaves(
      attendees.map((m, i) => ({ memberId: m.memberId, attendance: entries[i].attendance })),
      leaves,
    );
    writeAttendance(em, 'BODY_MEETING', row, heldOn, lines);
    for (const line of lines) {
      emit(
        em,
        ctx.module,
        bodyMeetingAttended,
        {
          meetingId: String(row.id),
          memberId: String(line.memberId),
          body: row.body,
          title: row.title,
          heldOn,
          attendance: line.attendance,
        },
        row.district,
      );
    }
    announceBodyMeeting(em, ctx.module, row);
    return row;
  });
}

export async function cancelBodyMeeting(
  ctx: RequestContext,
  id: number,
  note: string | null,
): Promise<BodyMeeting> {
  await load(ctx, id);
  return ctx.em.transactional(async (em) => {
    const row = await em.findOneOrFail(BodyMeetingSchema, { id });
    bodyMeetingWorkflow.apply({ ...ctx, em }, row, 'cancel', note);
    announceBodyMeeting(em, ctx.module, row);
    return row;
  });
}
