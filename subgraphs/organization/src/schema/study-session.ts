import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  districtWhere,
  INCLUDE_BELOW_DESCRIPTION,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  holdStudySession,
  moveStudySession,
  planStudySession,
} from '../commands/study-sessions.js';
import {
  STUDY_KINDS,
  STUDY_STATUSES,
  StudySessionSchema,
  type StudySession,
} from '../entities/study-session.entity.js';
import { studySessionWorkflow } from '../workflow.js';
import {
  AttendanceRecordType,
  AttendanceSummaryType,
  attendanceOf,
  summarise,
  visibleAttendance,
} from './attendance.js';
import { AttendanceEntryInput } from './body-meeting.js';

export const StudyKindType = builder.enumType('StudyKind', { values: STUDY_KINDS });
export const StudyStatusType = builder.enumType('StudyStatus', { values: STUDY_STATUSES });

export const StudySessionType = builder.objectRef<StudySession>('StudySession').implement({
  description:
    "党组理论学习中心组学习会: a theory study session of the Party Group's central study group.",
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: StudyKindType, resolve: (s) => s.kind }),
    topic: t.exposeString('topic'),
    plannedOn: t.expose('plannedOn', { type: 'Date' }),
    heldOn: t.expose('heldOn', { type: 'Date', nullable: true }),
    materials: t.exposeStringList('materials'),
    speakers: t.exposeStringList('speakers', {
      description: 'Who led the study or spoke (交流发言).',
    }),
    minutes: t.exposeString('minutes', { nullable: true }),
    status: t.field({ type: StudyStatusType, resolve: (s) => s.status }),
    district: t.exposeID('district'),
    attendanceSummary: t.field({
      type: AttendanceSummaryType,
      resolve: async (s, _a, ctx) => summarise(await attendanceOf(ctx, 'STUDY_SESSION', s.id)),
    }),
    attendance: t.field({
      type: [AttendanceRecordType],
      resolve: (s, _a, ctx) => visibleAttendance(ctx, 'STUDY_SESSION', s),
    }),
    availableActions: t.stringList({
      resolve: (s, _a, ctx) => studySessionWorkflow.available(ctx, s),
    }),
  }),
});

// Resolved by key (a member's leave request names the session it is from) as studySessions shows it.
builder.asEntity(StudySessionType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.one(StudySessionSchema).load(Number(id)),
});

const StudySessionConnection = connectionType<StudySession>(
  builder,
  'StudySession',
  StudySessionType,
);

const StudySessionFilter = builder.inputType('StudySessionFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    includeBelow: t.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    status: t.field({ type: StudyStatusType, required: false }),
    kind: t.field({ type: StudyKindType, required: false }),
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
  }),
});

builder.queryField('studySessions', (t) =>
  t.field({
    type: StudySessionConnection,
    args: { filter: t.arg({ type: StudySessionFilter, required: false }), ...pageArgs(t) },
    resolve: async (_root, { filter, first, after }, ctx): Promise<Page<StudySession>> => {
      const where: FilterQuery<StudySession>[] = [
        await districtWhere(ctx, filter?.district, filter?.includeBelow, 'filter.includeBelow'),
      ];
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.kind) where.push({ kind: filter.kind });
      if (filter?.from) where.push({ plannedOn: { $gte: filter.from } });
      if (filter?.to) where.push({ plannedOn: { $lte: filter.to } });
      return findPage(ctx.em, StudySessionSchema, { $and: where }, { first, after });
    },
  }),
);

const items = z.array(z.string().trim().min(1, 'an item must not be empty'));

const PlanStudySessionInput = builder.inputType('PlanStudySessionInput', {
  fields: (t) => ({
    district: t.id({ required: true }),
    kind: t.field({ type: StudyKindType, required: true }),
    topic: t.string({
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(200),
    }),
    plannedOn: t.field({ type: 'Date', required: true }),
    materials: t.stringList({ required: true, validate: items.min(1, 'needs at least one item') }),
    speakers: t.stringList({ required: false, validate: items }),
    public: t.boolean({ required: false, defaultValue: true }),
  }),
});

builder.mutationField('planStudySession', (t) =>
  t.field({
    type: StudySessionType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: PlanStudySessionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      planStudySession(ctx, {
        district: String(input.district),
        kind: input.kind,
        topic: input.topic.trim(),
        plannedOn: input.plannedOn,
        materials: input.materials.map((m) => m.trim()),
        speakers: (input.speakers ?? []).map((s) => s.trim()),
        public: input.public ?? true,
      }),
  }),
);

const HoldStudySessionInput = builder.inputType('HoldStudySessionInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    heldOn: t.field({ type: 'Date', required: true }),
    attendance: t.field({ type: [AttendanceEntryInput], required: true }),
    note: t.string({ required: false }),
  }),
});

builder.mutationField('holdStudySession', (t) =>
  t.field({
    type: StudySessionType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: HoldStudySessionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      holdStudySession(
        ctx,
        parseId(input.id, 'input.id'),
        input.heldOn,
        input.attendance.map((a) => ({ member: String(a.member), attendance: a.attendance })),
        input.note ?? null,
      ),
  }),
);

const ArchiveStudySessionInput = builder.inputType('ArchiveStudySessionInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    minutes: t.string({
      required: true,
      validate: z
        .string()
        .trim()
        .min(1, 'must not be empty: a session is archived with its minutes'),
    }),
    note: t.string({ required: false }),
  }),
});

builder.mutationField('archiveStudySession', (t) =>
  t.field({
    type: StudySessionType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: ArchiveStudySessionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      moveStudySession(
        ctx,
        parseId(input.id, 'input.id'),
        'archive',
        input.minutes.trim(),
        input.note ?? null,
      ),
  }),
);

const CancelStudySessionInput = builder.inputType('CancelStudySessionInput', {
  fields: (t) => ({ id: t.id({ required: true }), note: t.string({ required: false }) }),
});

builder.mutationField('cancelStudySession', (t) =>
  t.field({
    type: StudySessionType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: CancelStudySessionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      moveStudySession(ctx, parseId(input.id, 'input.id'), 'cancel', null, input.note ?? null),
  }),
);
