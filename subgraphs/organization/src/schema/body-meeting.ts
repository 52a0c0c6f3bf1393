import {
  districtFields,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  districtWhere,
  INCLUDE_BELOW_DESCRIPTION,
  PUBLIC_DESCRIPTION,
  NOTE_DESCRIPTION,
  PLANNED_ON_DESCRIPTION,
  HELD_ON_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { DistrictType } from './district.js';
import { cancelBodyMeeting, holdBodyMeeting, planBodyMeeting } from '../commands/body-meetings.js';
import {
  BODIES,
  BodyMeetingSchema,
  MEETING_STATUSES,
  type BodyMeeting,
} from '../entities/body-meeting.entity.js';
import { SessionSchema, TermSchema } from '../entities/term.entity.js';
import { bodyMeetingWorkflow } from '../workflow.js';
import {
  AttendanceRecordType,
  AttendanceSummaryType,
  AttendanceType,
  attendanceOf,
  summarise,
  visibleAttendance,
} from './attendance.js';
import { SessionType, TermType } from './term.js';

export const CommitteeBodyType = builder.enumType('CommitteeBody', {
  values: describedValues(BODIES, {
    PLENARY: '全体会议 The plenary session.',
    STANDING_COMMITTEE: '常委会议 A standing-committee meeting.',
    CHAIR_MEETING: "主席会议 A chair's meeting.",
    SECRETARY_GENERAL_MEETING: "秘书长会议 A secretary-general's meeting.",
  }),
  description: '全体会议, 常委会议, 主席会议, 秘书长会议.',
});
export const MeetingStatusType = builder.enumType('MeetingStatus', {
  description: '会议状态 Where a body meeting stands: PLANNED → HELD | CANCELLED.',
  values: describedValues(MEETING_STATUSES, {
    PLANNED: '计划 Planned; staff hold or cancel it.',
    HELD: '已召开 Held, with who was there.',
    CANCELLED: '已取消 Cancelled.',
  }),
});

export const BodyMeetingType = builder.objectRef<BodyMeeting>('BodyMeeting').implement({
  description: 'A meeting of a committee body with its agenda and attendance.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The BodyMeeting's id." }),
    body: t.field({
      description: '全体会议, 常委会议, 主席会议, 秘书长会议.',
      type: CommitteeBodyType,
      resolve: (m) => m.body,
    }),
    title: t.exposeString('title', { description: "会议名称 The meeting's title." }),
    plannedOn: t.expose('plannedOn', {
      description: PLANNED_ON_DESCRIPTION,
      type: 'Date',
    }),
    heldOn: t.expose('heldOn', {
      description: HELD_ON_DESCRIPTION,
      type: 'Date',
      nullable: true,
    }),
    agenda: t.exposeStringList('agenda', { description: '议程 The agenda items, in order.' }),
    status: t.field({
      description: '会议状态 Where a body meeting stands.',
      type: MeetingStatusType,
      resolve: (m) => m.status,
    }),
    public: t.exposeBoolean('public', {
      description: PUBLIC_DESCRIPTION,
    }),
    ...districtFields(t, DistrictType, (code, ctx) =>
      ctx.loaders.one(DistrictSchema, 'code').load(code),
    ),
    term: t.field({
      description: '届 The term the meeting belongs to.',
      type: TermType,
      nullable: true,
      resolve: (m, _a, ctx) => ctx.loaders.one(TermSchema).load(m.termId),
    }),
    session: t.field({
      description:
        '次 The session (of the term) a plenary meeting belongs to; null for other bodies.',
      type: SessionType,
      nullable: true,
      resolve: (m, _a, ctx) =>
        m.sessionId ? ctx.loaders.one(SessionSchema).load(m.sessionId) : null,
    }),
    attendanceSummary: t.field({
      description: '出席统计 How many were expected, present, on leave and absent.',
      type: AttendanceSummaryType,
      resolve: async (m, _a, ctx) => summarise(await attendanceOf(ctx, 'BODY_MEETING', m.id)),
    }),
    attendance: t.field({
      type: [AttendanceRecordType],
      description: "Names: the district's staff see all, a member their own line.",
      resolve: (m, _a, ctx) => visibleAttendance(ctx, 'BODY_MEETING', m),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (m, _a, ctx) => bodyMeetingWorkflow.available(ctx, m),
    }),
  }),
});

// Resolved by key (a member's leave request names the meeting it is from) as bodyMeetings shows it.
nodeType(builder, BodyMeetingType, (ctx, id) => ctx.loaders.one(BodyMeetingSchema).load(id));

const BodyMeetingConnection = connectionType<BodyMeeting>(builder, 'BodyMeeting', BodyMeetingType);

const BodyMeetingFilter = builder.inputType('BodyMeetingFilter', {
  description:
    '筛选 Narrows `bodyMeetings`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    includeBelow: t.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    term: t.id({ description: 'Only meetings of this term.', required: false }),
    body: t.field({
      description: 'Only records with this body.',
      type: CommitteeBodyType,
      required: false,
    }),
    status: t.field({
      description: 'Only records in this state.',
      type: MeetingStatusType,
      required: false,
    }),
    from: t.field({
      description: 'Only meetings planned on or after this day (inclusive).',
      type: 'Date',
      required: false,
    }),
    to: t.field({
      description: 'Only meetings planned on or before this day (inclusive).',
      type: 'Date',
      required: false,
    }),
  }),
});

builder.queryField('bodyMeetings', (t) =>
  t.field({
    description:
      "全会/常委会议/主席会议 Meetings of the committee's bodies (plenary, standing committee, chair's meetings), as `filter` narrows them. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: BodyMeetingConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`BodyMeetingFilter`).',
        type: BodyMeetingFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { filter, first, after, last, before },
      ctx,
    ): Promise<Page<BodyMeeting>> => {
      const where: FilterQuery<BodyMeeting>[] = [
        await districtWhere(ctx, filter?.district, filter?.includeBelow, 'filter.includeBelow'),
      ];
      if (filter?.term) where.push({ termId: parseId(filter.term, 'filter.term') });
      if (filter?.body) where.push({ body: filter.body });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.from) where.push({ plannedOn: { $gte: filter.from } });
      if (filter?.to) where.push({ plannedOn: { $lte: filter.to } });
      return findPage(ctx.em, BodyMeetingSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const PlanBodyMeetingInput = builder.inputType('PlanBodyMeetingInput', {
  description: 'What `planBodyMeeting` takes.',
  fields: (t) => ({
    term: t.id({ description: "The term's id.", required: true }),
    session: t.id({ required: false, description: 'Required for a plenary meeting.' }),
    body: t.field({
      description: '全体会议, 常委会议, 主席会议, 秘书长会议.',
      type: CommitteeBodyType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    plannedOn: t.field({ description: 'The day it is planned for.', type: 'Date', required: true }),
    agenda: t.stringList({
      description: 'The agenda items: at least one, none empty.',
      required: true,
      validate: z
        .array(z.string().trim().min(1, 'an agenda item must not be empty'))
        .min(1, 'needs at least one item'),
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

builder.mutationField('planBodyMeeting', (t) =>
  t.field({
    description:
      'Staff put a meeting of a body on the calendar (PLANNED) in a term of their district.',
    type: BodyMeetingType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `planBodyMeeting` takes (`PlanBodyMeetingInput`).',
        type: PlanBodyMeetingInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      planBodyMeeting(ctx, {
        term: parseId(input.term, 'input.term'),
        session: input.session ? parseId(input.session, 'input.session') : null,
        body: input.body,
        title: input.title.trim(),
        plannedOn: input.plannedOn,
        agenda: input.agenda.map((a) => a.trim()),
        public: input.public ?? true,
      }),
  }),
);

export const AttendanceEntryInput = builder.inputType('AttendanceEntryInput', {
  description: "出席 One member's attendance.",
  fields: (t) => ({
    member: t.id({ description: "The member's id.", required: true }),
    attendance: t.field({
      description: "出席情况 A member's attendance at a meeting, study session or branch activity.",
      type: AttendanceType,
      required: true,
    }),
  }),
});

const HoldBodyMeetingInput = builder.inputType('HoldBodyMeetingInput', {
  description: 'What `holdBodyMeeting` takes.',
  fields: (t) => ({
    id: t.id({ description: "The BodyMeeting's id.", required: true }),
    heldOn: t.field({ description: 'The day it was held.', type: 'Date', required: true }),
    attendance: t.field({
      type: [AttendanceEntryInput],
      required: true,
      description: 'Every member expected, with how they took part.',
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('holdBodyMeeting', (t) =>
  t.field({
    type: BodyMeetingType,
    description:
      'Records that a planned meeting took place, with its attendance; each line reaches the member archive.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `holdBodyMeeting` takes (`HoldBodyMeetingInput`).',
        type: HoldBodyMeetingInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      holdBodyMeeting(
        ctx,
        parseId(input.id, 'input.id'),
        input.heldOn,
        input.attendance.map((a) => ({ member: String(a.member), attendance: a.attendance })),
        input.note ?? null,
      ),
  }),
);

const CancelInput = builder.inputType('CancelBodyMeetingInput', {
  description: 'What `cancelBodyMeeting` takes.',
  fields: (t) => ({
    id: t.id({ required: true, description: "The BodyMeeting's id." }),
    note: t.string({ required: false, description: NOTE_DESCRIPTION }),
  }),
});

builder.mutationField('cancelBodyMeeting', (t) =>
  t.field({
    description: 'Staff cancel a PLANNED meeting (→ CANCELLED); a held one cannot be cancelled.',
    type: BodyMeetingType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `cancelBodyMeeting` takes (`CancelBodyMeetingInput`).',
        type: CancelInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      cancelBodyMeeting(ctx, parseId(input.id, 'input.id'), input.note ?? null),
  }),
);
