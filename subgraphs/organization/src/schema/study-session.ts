import {
  districtFields,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  districtWhere,
  INCLUDE_BELOW_DESCRIPTION,
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

export const StudyKindType = builder.enumType('StudyKind', {
  description: '学习类别 A monthly or a special study session.',
  values: describedValues(STUDY_KINDS, {
    MONTHLY: '月度学习 The monthly session.',
    SPECIAL: '专题学习 A special session (after a major speech).',
  }),
});
export const StudyStatusType = builder.enumType('StudyStatus', {
  description: '学习会状态 Where a study session stands: PLANNED → HELD → ARCHIVED, or CANCELLED.',
  values: describedValues(STUDY_STATUSES, {
    PLANNED: '计划 Planned; staff hold or cancel it.',
    HELD: '已举行 Held; staff archive it.',
    ARCHIVED: '已归档 Archived.',
    CANCELLED: '已取消 Cancelled.',
  }),
});

export const StudySessionType = builder.objectRef<StudySession>('StudySession').implement({
  description:
    "党组理论学习中心组学习会: a theory study session of the Party Group's central study group.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The StudySession's id." }),
    kind: t.field({
      description: '学习类别 A monthly or a special study session.',
      type: StudyKindType,
      resolve: (s) => s.kind,
    }),
    topic: t.exposeString('topic', { description: '主题 What the session studies.' }),
    plannedOn: t.expose('plannedOn', {
      description: PLANNED_ON_DESCRIPTION,
      type: 'Date',
    }),
    heldOn: t.expose('heldOn', {
      description: HELD_ON_DESCRIPTION,
      type: 'Date',
      nullable: true,
    }),
    materials: t.exposeStringList('materials', { description: '学习材料 The materials studied.' }),
    speakers: t.exposeStringList('speakers', {
      description: 'Who led the study or spoke (交流发言).',
    }),
    minutes: t.exposeString('minutes', {
      description: '纪要 The minutes, written when it is archived.',
      nullable: true,
    }),
    status: t.field({
      description: '学习会状态 Where a study session stands.',
      type: StudyStatusType,
      resolve: (s) => s.status,
    }),
    ...districtFields(t, DistrictType, (code, ctx) =>
      ctx.loaders.one(DistrictSchema, 'code').load(code),
    ),
    attendanceSummary: t.field({
      description: '出席统计 How many were expected, present, on leave and absent.',
      type: AttendanceSummaryType,
      resolve: async (s, _a, ctx) => summarise(await attendanceOf(ctx, 'STUDY_SESSION', s.id)),
    }),
    attendance: t.field({
      description: '出席记录 Who attended and how; only what the caller may see.',
      type: [AttendanceRecordType],
      resolve: (s, _a, ctx) => visibleAttendance(ctx, 'STUDY_SESSION', s),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (s, _a, ctx) => studySessionWorkflow.available(ctx, s),
    }),
  }),
});

// Resolved by key (a member's leave request names the session it is from) as studySessions shows it.
nodeType(builder, StudySessionType, (ctx, id) => ctx.loaders.one(StudySessionSchema).load(id));

const StudySessionConnection = connectionType<StudySession>(
  builder,
  'StudySession',
  StudySessionType,
);

const StudySessionFilter = builder.inputType('StudySessionFilter', {
  description:
    '筛选 Narrows `studySessions`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    includeBelow: t.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    status: t.field({
      description: 'Only records in this state.',
      type: StudyStatusType,
      required: false,
    }),
    kind: t.field({
      description: 'Only records with this kind.',
      type: StudyKindType,
      required: false,
    }),
    from: t.field({
      description: 'Only sessions planned on or after this day (inclusive).',
      type: 'Date',
      required: false,
    }),
    to: t.field({
      description: 'Only sessions planned on or before this day (inclusive).',
      type: 'Date',
      required: false,
    }),
  }),
});

builder.queryField('studySessions', (t) =>
  t.field({
    description:
      "党组理论学习中心组学习会 Study sessions, as `filter` narrows them. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: StudySessionConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`StudySessionFilter`).',
        type: StudySessionFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { filter, first, after, last, before },
      ctx,
    ): Promise<Page<StudySession>> => {
      const where: FilterQuery<StudySession>[] = [
        await districtWhere(ctx, filter?.district, filter?.includeBelow, 'filter.includeBelow'),
      ];
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.kind) where.push({ kind: filter.kind });
      if (filter?.from) where.push({ plannedOn: { $gte: filter.from } });
      if (filter?.to) where.push({ plannedOn: { $lte: filter.to } });
      return findPage(ctx.em, StudySessionSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const items = z.array(z.string().trim().min(1, 'an item must not be empty'));

const PlanStudySessionInput = builder.inputType('PlanStudySessionInput', {
  description: 'What `planStudySession` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    kind: t.field({
      description: '学习类别 A monthly or a special study session.',
      type: StudyKindType,
      required: true,
    }),
    topic: t.string({
      description: 'What it studies: trimmed, 2 to 200 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(200),
    }),
    plannedOn: t.field({ description: 'The day it is planned for.', type: 'Date', required: true }),
    materials: t.stringList({
      description: 'The materials: at least one, none empty.',
      required: true,
      validate: items.min(1, 'needs at least one item'),
    }),
    speakers: t.stringList({
      description: 'Who will lead the study or speak; none empty.',
      required: false,
      validate: items,
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

builder.mutationField('planStudySession', (t) =>
  t.field({
    description: 'Staff put a study session on the calendar (PLANNED).',
    type: StudySessionType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `planStudySession` takes (`PlanStudySessionInput`).',
        type: PlanStudySessionInput,
        required: true,
      }),
    },
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
  description: 'What `holdStudySession` takes.',
  fields: (t) => ({
    id: t.id({ description: "The StudySession's id.", required: true }),
    heldOn: t.field({ description: 'The day it was held.', type: 'Date', required: true }),
    attendance: t.field({
      description: "Each member's attendance.",
      type: [AttendanceEntryInput],
      required: true,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('holdStudySession', (t) =>
  t.field({
    description: 'Staff record that a PLANNED session was held (→ HELD) and who attended.',
    type: StudySessionType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `holdStudySession` takes (`HoldStudySessionInput`).',
        type: HoldStudySessionInput,
        required: true,
      }),
    },
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
  description: 'What `archiveStudySession` takes.',
  fields: (t) => ({
    id: t.id({ description: "The StudySession's id.", required: true }),
    minutes: t.string({
      description: 'The minutes; must not be empty (a session is archived with its minutes).',
      required: true,
      validate: z
        .string()
        .trim()
        .min(1, 'must not be empty: a session is archived with its minutes'),
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('archiveStudySession', (t) =>
  t.field({
    description: 'Staff archive a HELD session (→ ARCHIVED).',
    type: StudySessionType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `archiveStudySession` takes (`ArchiveStudySessionInput`).',
        type: ArchiveStudySessionInput,
        required: true,
      }),
    },
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
  description: 'What `cancelStudySession` takes.',
  fields: (t) => ({
    id: t.id({ required: true, description: "The StudySession's id." }),
    note: t.string({ required: false, description: NOTE_DESCRIPTION }),
  }),
});

builder.mutationField('cancelStudySession', (t) =>
  t.field({
    description: 'Staff cancel a PLANNED session (→ CANCELLED).',
    type: StudySessionType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `cancelStudySession` takes (`CancelStudySessionInput`).',
        type: CancelStudySessionInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      moveStudySession(ctx, parseId(input.id, 'input.id'), 'cancel', null, input.note ?? null),
  }),
);
