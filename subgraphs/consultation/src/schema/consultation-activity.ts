import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type InputFields,
  liveField,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  MUTATION_DESCRIPTION,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  districtWhere,
  INCLUDE_BELOW_DESCRIPTION,
  PUBLIC_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  inviteToActivity,
  moveActivity,
  planActivity,
  recordActivity,
  recordMinutes,
  type GuestInput,
} from '../commands/activities.js';
import {
  ActivityGuestSchema,
  GUEST_KINDS,
  type ActivityGuest,
} from '../entities/activity-guest.entity.js';
import {
  ACTIVITY_STATUSES,
  CONSULTATION_FORMS,
  ConsultationActivitySchema,
  type ConsultationActivity,
} from '../entities/consultation-activity.entity.js';
import {
  ATTENDANCES,
  ParticipantSchema,
  type Participant,
} from '../entities/participant.entity.js';
import { activityWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { DistrictRef } from './district.js';
import { GovernmentUnitRef, unitRef } from './government-unit.js';
import { MemberRef } from './member.js';

export const ConsultationFormType = builder.enumType('ConsultationForm', {
  description: '协商形式 The form of a consultation activity.',
  values: describedValues(CONSULTATION_FORMS, {
    PLENARY: '全体会议协商 Consultation at a plenary session.',
    STANDING_COMMITTEE: '常委会议协商 Consultation at a standing-committee meeting.',
    THEMATIC: '专题协商 Thematic consultation on one topic.',
    COUNTERPART: '对口协商 Counterpart consultation with a government department.',
    SECTOR: '界别协商 Sector-based consultation.',
    PROPOSAL_HANDLING: '提案办理协商 Consultation on how proposals are handled.',
    BIWEEKLY_FORUM: '双周协商座谈 Biweekly consultation forum.',
    EXPERT: '专家协商 Consultation with experts.',
    ADVISORY: '咨询协商 Advisory consultation (e.g. an advisory meeting, 资政会).',
  }),
});
export const ActivityStatusType = builder.enumType('ActivityStatus', {
  description:
    '协商活动状态 Where a consultation activity stands: PLANNED → PREPARING → HELD → OUTCOME_SUBMITTED → CLOSED, or CANCELLED before it is held.',
  values: describedValues(ACTIVITY_STATUSES, {
    PLANNED: '计划 On the calendar; staff may prepare or cancel it.',
    PREPARING: '筹备中 Being prepared; staff may hold or cancel it.',
    HELD: '已举行 Held; staff may submit its outcome (minutes kept) or close it.',
    OUTCOME_SUBMITTED: '成果已报送 Its outcome was submitted; staff may close it.',
    CLOSED: '已结束 Closed; no further steps.',
    CANCELLED: '已取消 Cancelled before it was held; no further steps.',
  }),
});
export const AttendanceType = builder.enumType('ActivityAttendance', {
  description: "出席情况 A member's attendance at a consultation activity.",
  values: describedValues(ATTENDANCES, {
    INVITED: '已邀请 Invited; the activity has not been held yet.',
    PRESENT: '出席 Came to the activity.',
    ON_LEAVE: '请假 Absent with leave.',
    ABSENT: '缺席 Absent without leave.',
  }),
});
export const GuestKindType = builder.enumType('ConsultationGuestKind', {
  description: '列席人员类别 Who besides members takes part in an activity.',
  values: describedValues(GUEST_KINDS, {
    INVITED_LEADER: '特邀领导 A leader invited to hear the advice.',
    OFFICIAL: '部门负责人 An official who answers for a government unit.',
    EXPERT: '专家 An expert.',
  }),
});

export const ConsultationActivityType =
  builder.objectRef<ConsultationActivity>('ConsultationActivity');

export const ParticipationType = builder.objectRef<Participant>('ActivityParticipation').implement({
  description: 'A member invited to an activity and, once it is held, whether they came.',
  fields: (t) => ({
    member: t.field({
      description: '委员 The member invited.',
      type: MemberRef,
      nullable: true,
      resolve: (p) => ({ id: String(p.memberId) }),
    }),
    attendance: t.field({
      description: "出席情况 A member's attendance at a consultation activity.",
      type: AttendanceType,
      resolve: (p) => p.attendance,
    }),
    activity: t.field({
      description: '协商活动 The activity the member was invited to.',
      type: ConsultationActivityType,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.one(ConsultationActivitySchema).load(p.activityId),
    }),
  }),
});

export const GuestType = builder.objectRef<ActivityGuest>('ConsultationGuest').implement({
  description:
    'A non-member at an activity: a leader invited to hear the advice, an official who answers, an expert.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ConsultationGuest's id." }),
    kind: t.field({
      description: '列席人员类别 Who besides members takes part in an activity.',
      type: GuestKindType,
      resolve: (g) => g.kind,
    }),
    name: t.exposeString('name', { description: "姓名 The guest's name." }),
    position: t.exposeString('position', {
      description: "职务 The guest's position, if given.",
      nullable: true,
    }),
    unit: t.field({
      description: '单位 The government unit the guest is from, if any.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (g) => unitRef(g.unitId),
    }),
  }),
});

ConsultationActivityType.implement({
  description: '协商活动: a consultation activity of any form.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The activity's id." }),
    title: t.exposeString('title', {
      description: '标题 The title: trimmed, 5 to 200 characters.',
    }),
    form: t.field({
      description: '协商形式 Its form of consultation.',
      type: ConsultationFormType,
      resolve: (a) => a.form,
    }),
    topic: t.exposeString('topic', { description: '议题 The topic consulted on.' }),
    heldOn: t.expose('heldOn', {
      type: 'Date',
      description: 'Date, YYYY-MM-DD: the day planned and, once held, the day it was held.',
    }),
    counterpart: t.exposeString('counterpart', {
      nullable: true,
      description: 'Government department of a counterpart consultation.',
    }),
    counterpartUnit: t.field({
      description: 'The government unit consulted in a counterpart consultation, when recorded.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (a) => unitRef(a.counterpartUnitId),
    }),
    location: t.exposeString('location', { description: '地点 Where it is held.', nullable: true }),
    minutes: t.exposeString('minutes', {
      nullable: true,
      description: '纪要: the minutes, once kept.',
    }),
    status: t.field({
      description: '协商活动状态 Where it stands in its workflow.',
      type: ActivityStatusType,
      resolve: (a) => a.status,
    }),
    public: t.exposeBoolean('public', {
      description: PUBLIC_DESCRIPTION,
    }),
    version: t.exposeInt('version', {
      description: RECORD_VERSION_DESCRIPTION,
    }),
    district: t.field({
      description: 'The district whose committee holds it.',
      type: DistrictRef,
      nullable: true,
      resolve: (a) => ({ code: a.district }),
    }),
    participants: t.field({
      type: [MemberRef],
      nullable: { list: true, items: true },
      description: 'Every member invited or present.',
      resolve: async (a, _args, ctx) =>
        (await ctx.loaders.many(ParticipantSchema, 'activityId').load(a.id)).map((p) => ({
          id: String(p.memberId),
        })),
    }),
    participations: t.field({
      description: '出席 Each invited member and, once held, whether they came.',
      type: [ParticipationType],
      resolve: (a, _args, ctx) => ctx.loaders.many(ParticipantSchema, 'activityId').load(a.id),
    }),
    guests: t.field({
      description: '列席人员 Leaders, officials and experts invited.',
      type: [GuestType],
      resolve: (a, _args, ctx) => ctx.loaders.many(ActivityGuestSchema, 'activityId').load(a.id),
    }),
    availableActions: t.stringList({
      description: 'Steps of its workflow the caller may take now; each would pass its rules.',
      resolve: async (a, _args, ctx) =>
        activityWorkflow.available(ctx, {
          ...a,
          participantIds: (
            await ctx.loaders.many(ParticipantSchema, 'activityId', {}, true).load(a.id)
          ).map((p) => p.memberId),
        }),
    }),
    history: t.field({
      description: '流转记录 The workflow steps taken on it.',
      type: [ConsultationAuditEntryType],
      resolve: (a, _args, ctx) => history(ctx, 'consultation_activity', a),
    }),
  }),
});

nodeType(builder, ConsultationActivityType, (ctx, id) =>
  ctx.loaders.one(ConsultationActivitySchema).load(id),
);

export const ConsultationActivityConnection = connectionType<ConsultationActivity>(
  builder,
  'ConsultationActivity',
  ConsultationActivityType,
);

const ActivityFilter = builder.inputType('ConsultationActivityFilter', {
  description:
    '筛选 Narrows `consultationActivities`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only activities of this district.', required: false }),
    includeBelow: t.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    form: t.field({
      description: 'Only activities of this form.',
      type: ConsultationFormType,
      required: false,
    }),
    topic: t.string({ description: 'Only activities on exactly this topic.', required: false }),
    status: t.field({
      description: 'Only activities in this state.',
      type: ActivityStatusType,
      required: false,
    }),
    heldFrom: t.field({
      description: 'Only activities held (or planned) on or after this day.',
      type: 'Date',
      required: false,
    }),
    heldTo: t.field({
      description: 'Only activities held (or planned) on or before this day.',
      type: 'Date',
      required: false,
    }),
  }),
});

builder.queryField('consultationActivities', (t) =>
  t.field({
    description:
      "协商活动 Consultation activities, filtered by district, form, topic, status or the days held. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: ConsultationActivityConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`ConsultationActivityFilter`).',
        type: ActivityFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (_root, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<ConsultationActivity>[] = [
        await districtWhere(ctx, filter?.district, filter?.includeBelow, 'filter.includeBelow'),
      ];
      if (filter?.form) where.push({ form: filter.form });
      if (filter?.topic) where.push({ topic: filter.topic });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.heldFrom) where.push({ heldOn: { $gte: filter.heldFrom } });
      if (filter?.heldTo) where.push({ heldOn: { $lte: filter.heldTo } });
      return findPage(
        ctx.em,
        ConsultationActivitySchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

builder.queryField('consultationActivity', (t) =>
  t.field({
    description:
      '协商活动 One consultation activity by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: ConsultationActivityType,
    nullable: true,
    args: { id: t.arg.id({ description: "The ConsultationActivity's id.", required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const activity = await ctx.loaders
        .one(ConsultationActivitySchema)
        .load(parseId(id, 'id', 'ConsultationActivity'));
      return activity ?? null;
    },
  }),
);

const memberIdList = z.array(z.string().regex(/^\d+$/, 'must be member ids')).max(500);

export const GuestInputType = builder.inputType('ConsultationGuestInput', {
  description: '列席人员 A guest invited to an activity: a leader, an official or an expert.',
  fields: (t) => ({
    kind: t.field({
      description: '列席人员类别 Who besides members takes part in an activity.',
      type: GuestKindType,
      required: true,
    }),
    name: t.string({
      description: "The guest's name: trimmed, 2 to 60 characters.",
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(60),
    }),
    position: t.string({
      description: "The guest's position: at most 80 characters.",
      required: false,
      validate: z.string().trim().max(80),
    }),
    unitId: t.id({ required: false, description: 'The government unit an official comes from.' }),
  }),
});

type GuestArg = {
  kind: GuestInput['kind'];
  name: string;
  position?: string | null;
  unitId?: string | number | null;
};
export const toGuests = (guests: GuestArg[] | null | undefined, field: string): GuestInput[] =>
  (guests ?? []).map((g, i) => ({
    kind: g.kind,
    name: g.name.trim(),
    position: g.position?.trim() || null,
    unitId: g.unitId == null ? null : parseId(g.unitId, `${field}.${i}.unitId`),
  }));

const activityFields = (t: InputFields) => ({
  district: t.id({ description: 'The code of the district whose activity it is.', required: true }),
  title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
  form: t.field({
    description: 'The form of the consultation.',
    type: ConsultationFormType,
    required: true,
  }),
  topic: t.string({
    description: 'The field it is about: trimmed, 1 to 60 characters.',
    required: true,
    validate: z.string().trim().min(1, 'must not be empty').max(60),
  }),
  heldOn: t.field({ description: 'The day it is (or was) held.', type: 'Date', required: true }),
  counterpart: t.string({
    description: 'The counterpart consulted, in words: trimmed, 2 to 80 characters.',
    required: false,
    validate: z.string().trim().min(2).max(80),
  }),
  counterpartUnitId: t.id({
    required: false,
    description: 'The government unit consulted in a counterpart consultation.',
  }),
  location: t.string({
    description: 'Where it is held: at most 120 characters.',
    required: false,
    validate: z.string().trim().max(120),
  }),
  public: t.boolean({ required: false, description: 'Shown to everyone (default true).' }),
  guests: t.field({
    description: 'Guests invited: leaders, officials or experts.',
    type: [GuestInputType],
    required: false,
  }),
});

const RecordActivityInput = builder.inputType('RecordConsultationActivityInput', {
  description: 'What `recordConsultationActivity` takes.',
  fields: (t) => ({
    ...activityFields(t),
    participantIds: t.idList({
      description: 'The ids of the members who took part: at most 500.',
      required: true,
      validate: memberIdList,
    }),
  }),
});

const PlanActivityInput = builder.inputType('PlanConsultationActivityInput', {
  description: 'What `planConsultationActivity` takes.',
  fields: (t) => ({
    ...activityFields(t),
    planTopicId: t.id({
      required: false,
      description: "The annual plan's topic this activity carries out.",
    }),
    memberIds: t.idList({
      required: false,
      validate: memberIdList,
      description: 'Members invited.',
    }),
  }),
});

type ActivityArg = {
  district: string | number;
  title: string;
  form: ConsultationActivity['form'];
  topic: string;
  heldOn: string;
  counterpart?: string | null;
  counterpartUnitId?: string | number | null;
  location?: string | null;
  public?: boolean | null;
  planTopicId?: string | number | null;
};

function toFields(input: ActivityArg) {
  return {
    district: String(input.district),
    title: input.title.trim(),
    form: input.form,
    topic: input.topic.trim(),
    heldOn: input.heldOn,
    counterpart: input.counterpart?.trim() || null,
    counterpartUnitId:
      input.counterpartUnitId == null
        ? null
        : parseId(input.counterpartUnitId, 'input.counterpartUnitId'),
    location: input.location?.trim() || null,
    planTopicId: input.planTopicId == null ? null : parseId(input.planTopicId, 'input.planTopicId'),
    public: input.public ?? true,
  };
}

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationField('recordConsultationActivity', (t) =>
  t.field({
    type: ConsultationActivityType,
    description: 'Staff record a consultation activity that was held, with who took part.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordConsultationActivity` takes (`RecordConsultationActivityInput`).',
        type: RecordActivityInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordActivity(
        ctx,
        toFields(input as ActivityArg),
        input.participantIds.map((id) => Number(id)),
        toGuests(input.guests as GuestArg[], 'input.guests'),
      ),
  }),
);

builder.mutationField('planConsultationActivity', (t) =>
  t.field({
    type: ConsultationActivityType,
    description:
      'Staff put an activity on the calendar (PLANNED), with the members and guests invited.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `planConsultationActivity` takes (`PlanConsultationActivityInput`).',
        type: PlanActivityInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      planActivity(
        ctx,
        toFields(input as ActivityArg),
        (input.memberIds ?? []).map((id) => Number(id)),
        toGuests(input.guests as GuestArg[], 'input.guests'),
      ),
  }),
);

builder.mutationField('inviteToConsultationActivity', (t) =>
  t.field({
    type: ConsultationActivityType,
    description: 'Staff invite more members and guests before the activity is held.',
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationActivity's id.", required: true }),
      memberIds: t.arg.idList({
        description: 'Member ids to invite: at most 500.',
        required: false,
        validate: memberIdList,
      }),
      guests: t.arg({ description: 'Guests to invite.', type: [GuestInputType], required: false }),
    },
    resolve: (_root, { id, memberIds, guests }, ctx) =>
      inviteToActivity(
        ctx,
        parseId(id),
        (memberIds ?? []).map((m) => Number(m)),
        toGuests(guests as GuestArg[], 'guests'),
      ),
  }),
);

const AbsenceType = builder.enumType('ActivityAbsence', {
  description: '缺席类型 Why an invited member was not at a held activity.',
  values: describedValues(['ON_LEAVE', 'ABSENT'] as const, {
    ON_LEAVE: '请假 Absent with leave.',
    ABSENT: '缺席 Absent without leave.',
  }),
});
const AbsenceInput = builder.inputType('ActivityAbsenceInput', {
  description: '缺席 An invited member who was not at the activity, and why.',
  fields: (t) => ({
    memberId: t.id({ description: 'The id of an invited member.', required: true }),
    attendance: t.field({
      description: '缺席类型 Why an invited member was not at a held activity.',
      type: AbsenceType,
      required: true,
    }),
  }),
});

builder.mutationField('holdConsultationActivity', (t) =>
  t.field({
    type: ConsultationActivityType,
    description:
      "Staff mark the activity held. Invited members are present unless listed in `absences`; each present member's record hears of it.",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationActivity's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      heldOn: t.arg({
        description: 'The day it was held (default today).',
        type: 'Date',
        required: false,
      }),
      absences: t.arg({
        description:
          'Invited members who were not there, and why; everyone else counts as present.',
        type: [AbsenceInput],
        required: false,
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, { id, version, heldOn, absences, note }, ctx) =>
      moveActivity(ctx, parseId(id), 'hold', version, note ?? null, {
        heldOn,
        absences: (absences ?? []).map((a, i) => ({
          memberId: parseId(a.memberId, `absences.${i}.memberId`),
          attendance: a.attendance,
        })),
      }),
  }),
);

for (const [field, action, description] of [
  ['prepareConsultationActivity', 'prepare', 'Staff start preparing a planned activity.'],
  [
    'submitConsultationOutcome',
    'submitOutcome',
    'Staff submit the outcome of a held activity (its minutes must be kept).',
  ],
  ['closeConsultationActivity', 'close', 'Staff close an activity that was held.'],
  ['cancelConsultationActivity', 'cancel', 'Staff cancel an activity that has not been held.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: ConsultationActivityType,
      description,
      authScopes: { staff: true },
      args: {
        id: t.arg.id({ description: "The ConsultationActivity's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveActivity(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}

builder.mutationField('recordConsultationMinutes', (t) =>
  t.field({
    description:
      "纪要 Staff of the activity's district keep its minutes once it is held: trimmed, 10 to 50,000 characters. `version` is the activity's current version (CONFLICT otherwise).",
    type: ConsultationActivityType,
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationActivity's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      minutes: t.arg.string({
        description: 'The minutes: trimmed, 10 to 50,000 characters.',
        required: true,
        validate: z.string().trim().min(10, 'must have at least 10 characters').max(50000),
      }),
    },
    resolve: (_root, { id, version, minutes }, ctx) =>
      recordMinutes(ctx, parseId(id), version, minutes.trim()),
  }),
);

liveField(builder, 'consultationActivityChanged', ConsultationActivityType, {
  description:
    'A consultation activity each time it is planned, rescheduled or moves on (preparing, held, outcome submitted, closed, cancelled), as `consultationActivity(id)` would show it to the subscriber.',
});
