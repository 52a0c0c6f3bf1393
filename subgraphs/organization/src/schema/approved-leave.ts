import { canSeeDistrict, hasRole, type RequestContext, describedValues } from '@cppcc/kit';
import { MEETING_LEVEL_ENUM } from '@cppcc/events';
import { builder } from '../builder.js';
import { levelOf } from '../commands/leaves.js';
import {
  ApprovedLeaveSchema,
  MEETING_LEVELS,
  type ApprovedLeave,
} from '../entities/approved-leave.entity.js';
import { BodyMeetingType } from './body-meeting.js';
import { MemberRef } from './member.js';
import { StudySessionType } from './study-session.js';

/** The same enum as members' (one list and one text in @cppcc/events): one concept, one type. */
export const MeetingLevelType = builder.enumType('MeetingLevel', {
  description: MEETING_LEVEL_ENUM.description,
  values: describedValues(MEETING_LEVELS, MEETING_LEVEL_ENUM.descriptions),
});

export const ApprovedLeaveType = builder.objectRef<ApprovedLeave>('ApprovedLeave').implement({
  description:
    'A leave the members subgraph approved for a meeting on a day; attendance there counts the member ON_LEAVE. The member and their district staff only.',
  fields: (t) => ({
    leaveId: t.exposeID('leaveId', {
      description: '请假编号 The id of the leave request in the members subgraph.',
    }),
    meeting: t.exposeString('meeting', { description: 'The meeting as the member named it.' }),
    meetingLevel: t.field({
      description: 'The level a leave names.',
      type: MeetingLevelType,
      resolve: (l) => l.meetingLevel,
    }),
    meetingOn: t.expose('meetingOn', {
      description: '会议日期 The day of the meeting the leave is for.',
      type: 'Date',
    }),
    member: t.field({
      description: '委员 The member on leave.',
      type: MemberRef,
      nullable: true,
      resolve: (l) => ({ id: String(l.memberId) }),
    }),
  }),
});

/** Staff of the district see every leave, a member their own. */
async function visibleLeaves(
  ctx: RequestContext,
  district: string,
  level: ApprovedLeave['meetingLevel'],
  day: string,
  meeting: { kind: 'BODY_MEETING' | 'STUDY_SESSION'; id: number },
): Promise<ApprovedLeave[]> {
  // The leaves of every meeting on the page come in two queries, not one per meeting: those
  // naming their meeting, by meeting id; older ones (no meeting named), by day, with district
  // and level picked out here. `leavesOn` is the same rule for the command that holds one.
  const [named, byDay] = await Promise.all([
    ctx.loaders
      .many(ApprovedLeaveSchema, 'meetingId', { meetingKind: meeting.kind }, true)
      .load(meeting.id),
    ctx.loaders.many(ApprovedLeaveSchema, 'meetingOn', { meetingId: null }, true).load(day),
  ]);
  const rows = [
    ...named.filter((l) => l.district === district),
    ...byDay.filter((l) => l.district === district && l.meetingLevel === level),
  ].sort((a, b) => a.memberId - b.memberId);
  if (hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, district)) return rows;
  return rows.filter((l) => ctx.caller.memberId === String(l.memberId));
}

builder.objectField(BodyMeetingType, 'approvedLeaves', (t) =>
  t.field({
    type: [ApprovedLeaveType],
    description:
      'Leaves approved for this meeting (and, from before leaves named their meeting, for a meeting of this level on its day, held else planned): the taker records them ON_LEAVE.',
    resolve: (m, _a, ctx) =>
      visibleLeaves(ctx, m.district, levelOf(m.body), m.heldOn ?? m.plannedOn, {
        kind: 'BODY_MEETING',
        id: m.id,
      }),
  }),
);

builder.objectField(StudySessionType, 'approvedLeaves', (t) =>
  t.field({
    type: [ApprovedLeaveType],
    description:
      "Leaves approved for this session (and, from before leaves named their meeting, for an OTHER-level meeting on the session's day, held else planned).",
    resolve: (s, _a, ctx) =>
      visibleLeaves(ctx, s.district, levelOf(null), s.heldOn ?? s.plannedOn, {
        kind: 'STUDY_SESSION',
        id: s.id,
      }),
  }),
);
