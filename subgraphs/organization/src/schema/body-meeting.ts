import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  titleSchema,
  TITLE_DESCRIPTION,
  districtWhere,
  INCLUDE_BELOW_DESCRIPTION,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
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
  values: BODIES,
  description: '全体会议, 常委会议, 主席会议, 秘书长会议.',
});
export const MeetingStatusType = builder.enumType('MeetingStatus', { values: MEETING_STATUSES });

export const BodyMeetingType = builder.objectRef<BodyMeeting>('BodyMeeting').implement({
  description: 'A meeting of a committee body with its agenda and attendance.',
  fields: (t) => ({
    id: t.exposeID('id'),
    body: t.field({ type: CommitteeBodyType, resolve: (m) => m.body }),
    title: t.exposeString('title'),
    plannedOn: t.expose('plannedOn', { type: 'Date' }),
    heldOn: t.expose('heldOn', { type: 'Date', nullable: true }),
    agenda: t.exposeStringList('agenda'),
    status: t.field({ type: MeetingStatusType, resolve: (m) => m.status }),
    public: t.exposeBoolean('public'),
    district: t.exposeID('district'),
    term: t.field({
      type: TermType,
      nullable: true,
      resolve: (m, _a, ctx) => ctx.loaders.one(TermSchema).load(m.termId),
    }),
    session: t.field({
      type: SessionType,
      nullable: true,
      resolve: (m, _a, ctx) =>
        m.sessionId ? ctx.loaders.one(SessionSchema).load(m.sessionId) : null,
    }),
    attendanceSummary: t.field({
      type: AttendanceSummaryType,
      resolve: async (m, _a, ctx) => summarise(await attendanceOf(ctx, 'BODY_MEETING', m.id)),
    }),
    attendance: t.field({
      type: [AttendanceRecordType],
      description: "Names: the district's staff see all, a member their own line.",
      resolve: (m, _a, ctx) => visibleAttendance(ctx, 'BODY_MEETING', m),
    }),
    availableActions: t.stringList({
      resolve: (m, _a, ctx) => bodyMeetingWorkflow.available(ctx, m),
    }),
  }),
});

// Resolved by key (a member's leave request names the meeting it is from) as bodyMeetings shows it.
builder.asEntity(BodyMeetingType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.one(BodyMeetingSchema).load(Number(id)),
});

const BodyMeetingConnection = connectionType<BodyMeeting>(builder, 'BodyMeeting', BodyMeetingType);

const BodyMeetingFilter = builder.inputType('BodyMeetingFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    includeBelow: t.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    term: t.id({ required: false }),
    body: t.field({ type: CommitteeBodyType, required: false }),
    status: t.field({ type: MeetingStatusType, required: false }),
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
  }),
});

builder.queryField('bodyMeetings', (t) =>
  t.field({
    type: BodyMeetingConnection,
    args: { filter: t.arg({ type: BodyMeetingFilter, required: false }), ...pageArgs(t) },
    resolve: async (_root, { filter, first, after }, ctx): Promise<Page<BodyMeeting>> => {
      const where: FilterQuery<BodyMeeting>[] = [
        await districtWhere(ctx, filter?.district, filter?.includeBelow, 'filter.includeBelow'),
      ];
      if (filter?.term) where.push({ termId: parseId(filter.term, 'filter.term') });
      if (filter?.body) where.push({ body: filter.body });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.from) where.push({ plannedOn: { $gte: filter.from } });
      if (filter?.to) where.push({ plannedOn: { $lte: filter.to } });
      return findPage(ctx.em, BodyMeetingSchema, { $and: where }, { first, after });
    },
  }),
);

const PlanBodyMeetingInput = builder.inputType('PlanBodyMeetingInput', {
  fields: (t) => ({
    term: t.id({ required: true }),
    session: t.id({ required: false, description: 'Required for a plenary meeting.' }),
    body: t.field({ type: CommitteeBodyType, required: true }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    plannedOn: t.field({ type: 'Date', required: true }),
    agenda: t.stringList({
      required: true,
      validate: z
        .array(z.string().trim().min(1, 'an agenda item must not be empty'))
        .min(1, 'needs at least one item'),
    }),
    public: t.boolean({ required: false, defaultValue: true }),
  }),
});

builder.mutationField('planBodyMeeting', (t) =>
  t.field({
    type: BodyMeetingType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: PlanBodyMeetingInput, required: true }) },
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
  fields: (t) => ({
    member: t.id({ required: true }),
    attendance: t.field({ type: AttendanceType, required: true }),
  }),
});

const HoldBodyMeetingInput = builder.inputType('HoldBodyMeetingInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    heldOn: t.field({ type: 'Date', required: true }),
    attendance: t.field({
      type: [AttendanceEntryInput],
      required: true,
      description: 'Every member expected, with how they took part.',
    }),
    note: t.string({ required: false }),
  }),
});

builder.mutationField('holdBodyMeeting', (t) =>
  t.field({
    type: BodyMeetingType,
    description:
      'Records that a planned meeting took place, with its attendance; each line reaches the member archive.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: HoldBodyMeetingInput, required: true }) },
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
  fields: (t) => ({ id: t.id({ required: true }), note: t.string({ required: false }) }),
});

builder.mutationField('cancelBodyMeeting', (t) =>
  t.field({
    type: BodyMeetingType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: CancelInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      cancelBodyMeeting(ctx, parseId(input.id, 'input.id'), input.note ?? null),
  }),
);
