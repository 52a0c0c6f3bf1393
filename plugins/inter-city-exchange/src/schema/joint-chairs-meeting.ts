import {
  z,
  parseId,
  requirePermission,
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  PLANNED_ON_DESCRIPTION,
  HELD_ON_DESCRIPTION,
  capped,
  listBoundArg,
  nodeType,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import {
  cancelJointChairsMeeting,
  followUpResolution,
  holdJointChairsMeeting,
  planJointChairsMeeting,
  publishMeetingMinutes,
} from '../commands/meetings.js';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
} from '../entities/cooperation-mechanism.entity.js';
import {
  JointChairsMeetingSchema,
  MEETING_STATES,
  MeetingResolutionSchema,
  RESOLUTION_STATES,
  type JointChairsMeeting,
  type MeetingResolution,
} from '../entities/joint-chairs-meeting.entity.js';
import { meetingWorkflow, resolutionWorkflow } from '../workflow.js';
import { CooperationMechanismType, MechanismCommitteeType } from './cooperation-mechanism.js';
import { text } from './partner-committee.js';
import { MemberRef } from './refs.js';

const MeetingStatusType = builder.enumType('JointChairsMeetingStatus', {
  description:
    "联席会议状态 Where a joint chairs' meeting stands: PLANNED → HELD → MINUTES_PUBLISHED, or CANCELLED.",
  values: describedValues(MEETING_STATES, {
    PLANNED: '计划 Planned; may be held or cancelled.',
    HELD: '已召开 Held; its minutes may be published.',
    MINUTES_PUBLISHED: '纪要已印发 Minutes published.',
    CANCELLED: '已取消 Cancelled.',
  }),
});
const ResolutionStatusType = builder.enumType('ResolutionFollowUpStatus', {
  description: "决议落实状态 Where the follow-up of a joint meeting's resolution stands.",
  values: describedValues(RESOLUTION_STATES, {
    OPEN: '待落实 Not yet started; may be started or completed.',
    IN_PROGRESS: '落实中 Under way; may be completed.',
    DONE: '已落实 Done.',
  }),
});

export const MeetingResolutionType = builder
  .objectRef<MeetingResolution>('MeetingResolution')
  .implement({
    description: 'A resolution (议定事项) of a joint chairs’ meeting and how it is followed up.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The MeetingResolution's id." }),
      text: t.exposeString('text', { description: '决议内容 What was resolved.' }),
      status: t.field({
        description: "决议落实状态 Where the follow-up of a joint meeting's resolution stands.",
        type: ResolutionStatusType,
        resolve: (r) => r.status,
      }),
      followUp: t.exposeString('followUp', {
        nullable: true,
        description: 'The latest follow-up note.',
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (r, _args, ctx) => resolutionWorkflow.available(ctx, r),
      }),
    }),
  });

export const JointChairsMeetingType = builder
  .objectRef<JointChairsMeeting>('JointChairsMeeting')
  .implement({
    description:
      '主席联席会议: a session of the mechanism’s chairs, hosted by its committees in turn.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The JointChairsMeeting's id." }),
      session: t.exposeInt('session', { description: 'The n-th meeting of the mechanism.' }),
      mechanism: t.field({
        description: '合作机制 The mechanism whose meeting it is.',
        type: CooperationMechanismType,
        nullable: true,
        resolve: (m, _args, ctx) => ctx.loaders.one(CooperationMechanismSchema).load(m.mechanismId),
      }),
      host: t.field({
        description: '主办方 The committee hosting it.',
        type: MechanismCommitteeType,
        nullable: true,
        resolve: (m, _args, ctx) => ctx.loaders.one(MechanismMemberSchema).load(m.hostMemberId),
      }),
      outOfTurnReason: t.exposeString('outOfTurnReason', {
        nullable: true,
        description: 'Why the host is not the one the rotation named.',
      }),
      plannedOn: t.expose('plannedOn', {
        description: PLANNED_ON_DESCRIPTION,
        type: 'Date',
      }),
      heldOn: t.expose('heldOn', {
        description: HELD_ON_DESCRIPTION,
        type: 'Date',
        nullable: true,
      }),
      place: t.exposeString('place', { description: '地点 Where it is held.' }),
      agenda: t.exposeStringList('agenda', { description: '议程 The agenda items, in order.' }),
      attendees: t.field({
        type: [MemberRef],
        description: 'The district’s members who attended.',
        resolve: (m) => m.attendeeIds.map((id) => ({ id })),
      }),
      resolutions: t.field({
        description: '决议 The resolutions it adopted.',
        type: [MeetingResolutionType],
        resolve: (m, _args, ctx) =>
          ctx.loaders.many(MeetingResolutionSchema, 'meetingId').load(m.id),
      }),
      minutes: t.exposeString('minutes', {
        description: '纪要 The minutes; null until published.',
        nullable: true,
      }),
      status: t.field({
        description: "联席会议状态 Where a joint chairs' meeting stands.",
        type: MeetingStatusType,
        resolve: (m) => m.status,
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (m, _args, ctx) => meetingWorkflow.available(ctx, m),
      }),
    }),
  });

builder.objectField(CooperationMechanismType, 'meetings', (t) =>
  t.field({
    type: [JointChairsMeetingType],
    description: 'By session.',
    args: listBoundArg(t, 'meetings'),
    resolve: async (m, { first }, ctx) =>
      capped(await ctx.loaders.many(JointChairsMeetingSchema, 'mechanismId').load(m.id), first),
  }),
);

builder.queryField('jointChairsMeeting', (t) =>
  t.field({
    description:
      "联席会议 One joint chairs' meeting by id, or null when it does not exist or the caller may not see it. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: JointChairsMeetingType,
    nullable: true,
    args: { id: t.arg.id({ description: "The JointChairsMeeting's id.", required: true }) },
    resolve: (_root, { id }, ctx) =>
      ctx.loaders.one(JointChairsMeetingSchema).load(parseId(id, 'id', 'JointChairsMeeting')),
  }),
);

nodeType(builder, JointChairsMeetingType, (ctx, id) =>
  ctx.loaders.one(JointChairsMeetingSchema).load(id),
);

const PlanInput = builder.inputType('PlanJointChairsMeetingInput', {
  description: 'What `planJointChairsMeeting` takes.',
  fields: (t) => ({
    mechanismId: t.id({ description: "The mechanism's id.", required: true }),
    hostId: t.id({
      required: true,
      description: 'The hosting committee (a MechanismCommittee id).',
    }),
    outOfTurnReason: t.string({
      required: false,
      description: 'Needed when the host is not the one the rotation names.',
      validate: z.string().max(1000).optional().nullable(),
    }),
    plannedOn: t.field({ description: 'The day it is planned for.', type: 'Date', required: true }),
    place: t.string({
      description: 'Where: trimmed, 1 to 200 characters.',
      required: true,
      validate: text(200),
    }),
    agenda: t.stringList({
      description: 'The agenda items: at least one, each 1 to 500 characters.',
      required: true,
      validate: z.array(text(500)).min(1, 'needs at least one item').max(50),
    }),
  }),
});

const HoldInput = builder.inputType('HoldJointChairsMeetingInput', {
  description: 'What `holdJointChairsMeeting` takes.',
  fields: (t) => ({
    meetingId: t.id({ description: "The meeting's id.", required: true }),
    heldOn: t.field({ description: 'The day it was held.', type: 'Date', required: true }),
    attendeeIds: t.idList({ required: true, description: 'The district’s members who attended.' }),
    resolutions: t.stringList({
      description: 'The resolutions adopted: at most 50, each 1 to 2,000 characters.',
      required: true,
      validate: z.array(text(2000)).max(50),
    }),
  }),
});

const ResolutionActionType = builder.enumType('ResolutionFollowUpAction', {
  description: '决议落实操作 A step in following up a resolution.',
  values: describedValues(['start', 'complete'] as const, {
    start: '开始落实 Start following up an OPEN resolution.',
    complete: '完成落实 Complete an OPEN or IN_PROGRESS one.',
  }),
});

builder.mutationFields((t) => ({
  planJointChairsMeeting: t.field({
    type: JointChairsMeetingType,
    description:
      'Plans the next session; the host must be the one the rotation names unless a reason is given (needs meeting.record).',
    args: {
      input: t.arg({
        description: 'What `planJointChairsMeeting` takes (`PlanJointChairsMeetingInput`).',
        type: PlanInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return planJointChairsMeeting(ctx, {
        mechanismId: parseId(input.mechanismId, 'input.mechanismId'),
        hostId: parseId(input.hostId, 'input.hostId'),
        outOfTurnReason: input.outOfTurnReason ?? null,
        plannedOn: input.plannedOn,
        place: input.place.trim(),
        agenda: input.agenda.map((a) => a.trim()),
      });
    },
  }),
  holdJointChairsMeeting: t.field({
    type: JointChairsMeetingType,
    description:
      'Records that a planned meeting took place, its attendees and resolutions (needs meeting.record).',
    args: {
      input: t.arg({
        description: 'What `holdJointChairsMeeting` takes (`HoldJointChairsMeetingInput`).',
        type: HoldInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return holdJointChairsMeeting(ctx, {
        meetingId: parseId(input.meetingId, 'input.meetingId'),
        heldOn: input.heldOn,
        attendeeIds: input.attendeeIds.map((id, i) =>
          String(parseId(id, `input.attendeeIds.${i}`)),
        ),
        resolutions: input.resolutions.map((r) => r.trim()),
      });
    },
  }),
  publishJointChairsMeetingMinutes: t.field({
    type: JointChairsMeetingType,
    description: 'Publishes the minutes of a held meeting (needs meeting.record).',
    args: {
      meetingId: t.arg.id({ description: "The meeting's id.", required: true }),
      minutes: t.arg.string({
        description: 'The minutes: trimmed, 1 to 50,000 characters.',
        required: true,
        validate: text(50_000),
      }),
    },
    resolve: (_root, { meetingId, minutes }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return publishMeetingMinutes(ctx, parseId(meetingId, 'meetingId'), minutes.trim());
    },
  }),
  cancelJointChairsMeeting: t.field({
    type: JointChairsMeetingType,
    description:
      'Calls off a planned meeting; the next one keeps its session number and host (needs meeting.record).',
    args: {
      meetingId: t.arg.id({ description: "The meeting's id.", required: true }),
      reason: t.arg.string({
        description: 'Why: trimmed, 1 to 1,000 characters.',
        required: true,
        validate: text(1000),
      }),
    },
    resolve: (_root, { meetingId, reason }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return cancelJointChairsMeeting(ctx, parseId(meetingId, 'meetingId'), reason.trim());
    },
  }),
  followUpResolution: t.field({
    type: MeetingResolutionType,
    description: 'Records progress on a resolution (needs meeting.record).',
    args: {
      resolutionId: t.arg.id({ description: "The resolution's id.", required: true }),
      action: t.arg({
        description: 'The step to take.',
        type: ResolutionActionType,
        required: true,
      }),
      followUp: t.arg.string({
        description: 'What was done: trimmed, 1 to 2,000 characters.',
        required: true,
        validate: text(2000),
      }),
    },
    resolve: (_root, { resolutionId, action, followUp }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return followUpResolution(
        ctx,
        parseId(resolutionId, 'resolutionId'),
        action,
        followUp.trim(),
      );
    },
  }),
}));
