import {
  connectionType,
  findPage,
  type Page,
  pageArgs,
  parseId,
  type RequestContext,
  today,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  PUBLIC_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { visible } from '../access.js';
import { ATTENDANCE_ENUM } from '@cppcc/events';
import { builder } from '../builder.js';
import {
  addResearchTeamMembers,
  moveResearch,
  recordFieldVisit,
  setResearchDeadlines,
  setResearchPlan,
  startResearch,
  writeResearchReport,
  type Deadline,
} from '../commands/research.js';
import {
  FieldVisitAttendanceSchema,
  FieldVisitSchema,
  RESEARCH_PHASES,
  ResearchPhaseSchema,
  ResearchProjectSchema,
  ResearchTeamMemberSchema,
  TEAM_ROLES,
  VISIT_ATTENDANCES,
  type FieldVisit,
  type FieldVisitAttendance,
  type ResearchPhaseRow,
  type ResearchProject,
  type ResearchTeamMember,
} from '../entities/research-project.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { researchWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';
import { SpecialCommitteeRef } from './special-committee.js';

export const ResearchPhaseType = builder.enumType('ResearchPhase', {
  description:
    '调研阶段 The phases of a research project, in order; each step is a row of its workflow.',
  values: describedValues(RESEARCH_PHASES, {
    TOPIC_SELECTED:
      '选题 Topic chosen; staff or the team lead write the plan; a leader or staff approve it.',
    PLAN_APPROVED: '方案已批准 Plan approved; staff or the team lead start fieldwork.',
    FIELDWORK: '实地调研 Fieldwork under way; staff or the team lead start drafting.',
    DRAFTING: '起草 The report is being written; a leader or staff review it.',
    REVIEWED: '已审核 Reviewed; staff submit it, or a leader or staff return the draft.',
    SUBMITTED: '已报送 The report was submitted; staff convert or close it.',
    CONVERTED: '已转化 Turned into outcomes; staff close it.',
    CLOSED: '已结题 Closed; no further steps.',
  }),
});
export const TeamRoleType = builder.enumType('ResearchTeamRole', {
  description: "调研组角色 A member's role on a research team.",
  values: describedValues(TEAM_ROLES, {
    LEAD: '组长 Leads the research team.',
    MEMBER: '成员 A member of the team.',
  }),
});
/** A field visit's attendance is the one concept organization serves as `Attendance` too. */
export const VisitAttendanceType = builder.enumType('Attendance', {
  description: ATTENDANCE_ENUM.description,
  values: describedValues(VISIT_ATTENDANCES, ATTENDANCE_ENUM.descriptions),
});

/** A phase is overdue while it runs past its deadline; late once it ended after it. */
export const phaseOverdue = (row: ResearchPhaseRow, day = today()) =>
  !!row.startedOn && !row.completedOn && !!row.dueOn && row.dueOn < day;

export const PhaseType = builder.objectRef<ResearchPhaseRow>('ResearchPhaseSchedule').implement({
  description: 'One phase of a research project: its deadline, when it started and ended.',
  fields: (t) => ({
    phase: t.field({
      description:
        '调研阶段 The phases of a research project, in order; each step is a row of its workflow.',
      type: ResearchPhaseType,
      resolve: (r) => r.phase,
    }),
    dueOn: t.expose('dueOn', {
      description: "时限 The phase's deadline, if set.",
      type: 'Date',
      nullable: true,
    }),
    startedOn: t.expose('startedOn', {
      description: '开始日期 The day the phase began; null until then.',
      type: 'Date',
      nullable: true,
    }),
    completedOn: t.expose('completedOn', {
      description: '完成日期 The day the phase ended; null while it runs or before.',
      type: 'Date',
      nullable: true,
    }),
    overdue: t.boolean({
      description: 'Running past its deadline now.',
      resolve: (r) => phaseOverdue(r),
    }),
    late: t.boolean({
      description: 'Completed after its deadline.',
      resolve: (r) => !!r.completedOn && !!r.dueOn && r.completedOn > r.dueOn,
    }),
  }),
});

export const TeamSeatType = builder.objectRef<ResearchTeamMember>('ResearchTeamSeat').implement({
  description: "调研组成员 A member's seat on a research team.",
  fields: (t) => ({
    member: t.field({
      description: '委员 The team member.',
      type: MemberRef,
      nullable: true,
      resolve: (s) => ({ id: String(s.memberId) }),
    }),
    role: t.field({
      description: "调研组角色 A member's role on a research team.",
      type: TeamRoleType,
      resolve: (s) => s.role,
    }),
    joinedOn: t.expose('joinedOn', {
      description: '加入日期 The day they joined the team.',
      type: 'Date',
    }),
  }),
});

const VisitAttendanceRowType = builder
  .objectRef<FieldVisitAttendance>('FieldVisitAttendee')
  .implement({
    description: '实地调研出席 A team member and whether they went on a field visit.',
    fields: (t) => ({
      member: t.field({
        description: '委员 The team member.',
        type: MemberRef,
        nullable: true,
        resolve: (a) => ({ id: String(a.memberId) }),
      }),
      attendance: t.field({
        description: "出席情况 A team member's attendance at a field visit.",
        type: VisitAttendanceType,
        resolve: (a) => a.attendance,
      }),
    }),
  });

export const FieldVisitType = builder.objectRef<FieldVisit>('FieldVisit').implement({
  description: '实地调研: a visit the research team made.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The FieldVisit's id." }),
    visitedOn: t.expose('visitedOn', { description: '日期 The day of the visit.', type: 'Date' }),
    place: t.exposeString('place', { description: '地点 Where the team went.' }),
    purpose: t.exposeString('purpose', {
      description: '目的 What the visit was for, if given.',
      nullable: true,
    }),
    attendance: t.field({
      description: "出席 Each team member's attendance.",
      type: [VisitAttendanceRowType],
      resolve: (v, _a, ctx) =>
        ctx.loaders.many(FieldVisitAttendanceSchema, 'visitId', {}, true).load(v.id),
    }),
  }),
});

export const ResearchProjectType = builder.objectRef<ResearchProject>('ResearchProject');

// Rows under a project are the project's to show: access was decided when the project was.
const phasesOf = (ctx: RequestContext, id: number) =>
  ctx.loaders.many(ResearchPhaseSchema, 'projectId', {}, true).load(id);
const teamOf = (ctx: RequestContext, id: number) =>
  ctx.loaders.many(ResearchTeamMemberSchema, 'projectId', {}, true).load(id);
const visitsOf = (ctx: RequestContext, id: number) =>
  ctx.loaders.many(FieldVisitSchema, 'projectId', {}, true).load(id);

async function leadOf(ctx: RequestContext, project: ResearchProject): Promise<number | null> {
  const team = await teamOf(ctx, project.id);
  return team.find((s) => s.role === 'LEAD')?.memberId ?? null;
}

ResearchProjectType.implement({
  description:
    '调研课题: a research project under process control, from the topic chosen to its report converted into advice.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ResearchProject's id." }),
    title: t.exposeString('title', { description: "标题 The project's title." }),
    topic: t.exposeString('topic', { description: '课题方向 The field it studies.' }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (r) => ({ code: r.district }),
    }),
    leadCommittee: t.field({
      description: '牵头专委会 The special committee leading it, if any.',
      type: SpecialCommitteeRef,
      nullable: true,
      resolve: (r) => (r.leadCommitteeId == null ? null : { id: String(r.leadCommitteeId) }),
    }),
    joint: t.exposeBoolean('joint', {
      description: "Joint research (联动调研) with other cities' committees.",
    }),
    partnerCommittees: t.stringList({
      description: "合作方 Other cities' committees it works with (joint research).",
      resolve: (r) => r.partnerCommittees,
    }),
    plan: t.exposeString('plan', { nullable: true, description: '调研方案.' }),
    status: t.field({
      description:
        '调研阶段 The phases of a research project, in order; each step is a row of its workflow.',
      type: ResearchPhaseType,
      resolve: (r) => r.status,
    }),
    public: t.exposeBoolean('public', {
      description: PUBLIC_DESCRIPTION,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    reportTitle: t.exposeString('reportTitle', {
      description: "报告标题 The report's title; null until written.",
      nullable: true,
    }),
    reportText: t.exposeString('reportText', {
      description: "报告正文 The report's text; null until written.",
      nullable: true,
    }),
    reportSubmittedOn: t.expose('reportSubmittedOn', {
      description: '报送日期 The day the report was submitted; null until then.',
      type: 'Date',
      nullable: true,
    }),
    phases: t.field({
      description: "阶段 Each phase's deadline, start and end, in order.",
      type: [PhaseType],
      resolve: async (r, _a, ctx) =>
        (await phasesOf(ctx, r.id)).sort(
          (a, b) => RESEARCH_PHASES.indexOf(a.phase) - RESEARCH_PHASES.indexOf(b.phase),
        ),
    }),
    overdue: t.boolean({
      description: 'The current phase runs past its deadline.',
      resolve: async (r, _a, ctx) => (await phasesOf(ctx, r.id)).some((row) => phaseOverdue(row)),
    }),
    team: t.field({
      description: '调研组 The research team.',
      type: [TeamSeatType],
      resolve: (r, _a, ctx) => teamOf(ctx, r.id),
    }),
    fieldVisits: t.field({
      description: '实地调研 The field visits made.',
      type: [FieldVisitType],
      resolve: (r, _a, ctx) => visitsOf(ctx, r.id),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (r, _a, ctx) =>
        researchWorkflow.available(ctx, {
          ...r,
          leadMemberId: await leadOf(ctx, r),
          fieldVisits: (await visitsOf(ctx, r.id)).length,
          recommendations: (
            await ctx.loaders.many(RecommendationSchema, 'researchProjectId', {}, true).load(r.id)
          ).length,
        }),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (r, _a, ctx) => history(ctx, 'research_project', r),
    }),
  }),
});

/** A research project as its lookup shows it: its district's, public, or the caller's team's. */
async function visibleProject(ctx: RequestContext, id: number) {
  const project = await ctx.em.findOne(ResearchProjectSchema, { id }, { filters: false });
  const onTeam =
    !!project &&
    !!ctx.caller.memberId &&
    (await teamOf(ctx, project.id)).some((s) => String(s.memberId) === ctx.caller.memberId);
  if (!project || !visible(ctx, project, onTeam)) return null;
  return project;
}

nodeType(builder, ResearchProjectType, visibleProject);

export const ResearchProjectConnection = connectionType<ResearchProject>(
  builder,
  'ResearchProject',
  ResearchProjectType,
);

const ResearchFilter = builder.inputType('ResearchProjectFilter', {
  description:
    '筛选 Narrows `researchProjects`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    status: t.field({
      description: 'Only records in this state.',
      type: ResearchPhaseType,
      required: false,
    }),
    topic: t.string({ description: 'Only projects with this topic.', required: false }),
    joint: t.boolean({
      description: 'Only joint projects (true) or only others (false).',
      required: false,
    }),
    overdue: t.boolean({
      required: false,
      description:
        'Only projects whose current phase runs past its deadline (or only those on time).',
    }),
  }),
});

/** Ids of projects running past a deadline now: computed from the phase rows, never stored. */
export async function overdueProjectIds(
  ctx: RequestContext,
  where: FilterQuery<ResearchPhaseRow> = {},
): Promise<number[]> {
  const rows = await ctx.em.find(
    ResearchPhaseSchema,
    { $and: [where, { startedOn: { $ne: null }, completedOn: null, dueOn: { $lt: today() } }] },
    { fields: ['projectId'] },
  );
  return [...new Set(rows.map((r) => r.projectId))];
}

builder.queryField('researchProjects', (t) =>
  t.field({
    description:
      "调研课题 Research projects, filtered by district, status, topic, joint research or overdue phase. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: ResearchProjectConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`ResearchProjectFilter`).',
        type: ResearchFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (_root, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<ResearchProject>[] = [];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.topic) where.push({ topic: filter.topic });
      if (filter?.joint != null) where.push({ joint: filter.joint });
      if (filter?.overdue != null) {
        const ids = await overdueProjectIds(ctx);
        where.push(filter.overdue ? { id: { $in: ids } } : { id: { $nin: ids } });
      }
      return findPage(
        ctx.em,
        ResearchProjectSchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

builder.queryField('researchProject', (t) =>
  t.field({
    description:
      '调研课题 One research project by id; a non-public one also to the members on its team; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: ResearchProjectType,
    nullable: true,
    args: { id: t.arg.id({ description: "The ResearchProject's id.", required: true }) },
    resolve: (_root, { id }, ctx) => visibleProject(ctx, parseId(id, 'id', 'ResearchProject')),
  }),
);

builder.objectField(MemberRef, 'researchProjects', (t) =>
  t.field({
    type: ResearchProjectConnection,
    nullable: true,
    args: pageArgs(t),
    description:
      'Research projects the member is on the team of. Their own non-public ones only to themselves.',
    resolve: async (m, args, ctx): Promise<Page<ResearchProject>> => {
      const own = ctx.caller.memberId === String(m.id);
      const seats = await ctx.loaders
        .page(ResearchTeamMemberSchema, 'memberId', args, {}, own)
        .load(Number(m.id));
      const ids = seats.edges.map((e) => e.node.projectId);
      const projects = own
        ? (await ctx.loaders.many(ResearchProjectSchema, 'id', {}, true).loadMany(ids)).map((r) =>
            r instanceof Error ? null : (r[0] ?? null),
          )
        : await ctx.loaders.one(ResearchProjectSchema).loadMany(ids);
      const edges = seats.edges.flatMap((e, i) => {
        const node = projects[i];
        return node && !(node instanceof Error) ? [{ cursor: e.cursor, node }] : [];
      });
      return { ...seats, edges };
    },
  }),
);

const DeadlineInput = builder.inputType('ResearchDeadlineInput', {
  description: '阶段期限 A phase and the day it is due.',
  fields: (t) => ({
    phase: t.field({
      description:
        '调研阶段 The phases of a research project, in order; each step is a row of its workflow.',
      type: ResearchPhaseType,
      required: true,
    }),
    dueOn: t.field({ description: "The phase's deadline.", type: 'Date', required: true }),
  }),
});
const TeamSeatInput = builder.inputType('ResearchTeamSeatInput', {
  description: '调研组成员 A member to seat on the research team, and their role.',
  fields: (t) => ({
    memberId: t.id({ description: "The member's id.", required: true }),
    role: t.field({
      description: "调研组角色 A member's role on a research team.",
      type: TeamRoleType,
      required: true,
    }),
  }),
});

const toTeam = (
  team: { memberId: string | number; role: 'LEAD' | 'MEMBER' }[] | null | undefined,
  field: string,
) =>
  (team ?? []).map((s, i) => ({
    memberId: parseId(s.memberId, `${field}.${i}.memberId`),
    role: s.role,
  }));

const StartResearchInput = builder.inputType('StartResearchProjectInput', {
  description: 'What `startResearchProject` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    topic: t.string({
      description: 'The field it studies: trimmed, 1 to 60 characters.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty').max(60),
    }),
    leadCommitteeId: t.id({ required: false, description: 'The special committee leading it.' }),
    planTopicId: t.id({ required: false, description: "The annual plan's topic it researches." }),
    joint: t.boolean({
      required: false,
      description: "Joint research with other cities' committees (default false).",
    }),
    partnerCommittees: t.stringList({
      description: "Other cities' committees it works with: at most 20, each 2 to 60 characters.",
      required: false,
      validate: z.array(z.string().trim().min(2, 'must name a committee').max(60)).max(20),
    }),
    public: t.boolean({ required: false, description: 'Shown to everyone (default false).' }),
    deadlines: t.field({
      description: 'A deadline per phase.',
      type: [DeadlineInput],
      required: false,
    }),
    team: t.field({
      description: 'The team and their roles.',
      type: [TeamSeatInput],
      required: false,
    }),
  }),
});

builder.mutationField('startResearchProject', (t) =>
  t.field({
    type: ResearchProjectType,
    description:
      'Staff open a research project on a chosen topic (TOPIC_SELECTED), with phase deadlines and team.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `startResearchProject` takes (`StartResearchProjectInput`).',
        type: StartResearchInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      startResearch(ctx, {
        district: String(input.district),
        title: input.title.trim(),
        topic: input.topic.trim(),
        planTopicId:
          input.planTopicId == null ? null : parseId(input.planTopicId, 'input.planTopicId'),
        leadCommitteeId:
          input.leadCommitteeId == null
            ? null
            : parseId(input.leadCommitteeId, 'input.leadCommitteeId'),
        joint: input.joint ?? false,
        partnerCommittees: (input.partnerCommittees ?? []).map((c) => c.trim()),
        public: input.public ?? false,
        deadlines: (input.deadlines ?? []) as Deadline[],
        team: toTeam(input.team, 'input.team'),
      }),
  }),
);

builder.mutationField('setResearchPlan', (t) =>
  t.field({
    description:
      "调研方案 Staff or the team lead write the research plan while the project is TOPIC_SELECTED (before the plan is approved): trimmed, 10 to 20,000 characters. `version` is the project's current version.",
    type: ResearchProjectType,
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The ResearchProject's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      plan: t.arg.string({
        description: 'The plan: trimmed, 10 to 20,000 characters.',
        required: true,
        validate: z.string().trim().min(10, 'must have at least 10 characters').max(20000),
      }),
    },
    resolve: (_root, { id, version, plan }, ctx) =>
      setResearchPlan(ctx, parseId(id), version, plan.trim()),
  }),
);

builder.mutationField('setResearchDeadlines', (t) =>
  t.field({
    description:
      "Staff set or move the deadlines of phases not yet completed (a completed phase is refused, rule `completed`). `version` is the project's current version.",
    type: ResearchProjectType,
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ResearchProject's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      deadlines: t.arg({
        description: 'A deadline per phase to set.',
        type: [DeadlineInput],
        required: true,
      }),
    },
    resolve: (_root, { id, version, deadlines }, ctx) =>
      setResearchDeadlines(ctx, parseId(id), version, deadlines as Deadline[]),
  }),
);

builder.mutationField('addResearchTeamMembers', (t) =>
  t.field({
    type: ResearchProjectType,
    description: "Staff add members to the team; each member's record hears of it.",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ResearchProject's id.", required: true }),
      team: t.arg({
        description: 'The members to add and their roles.',
        type: [TeamSeatInput],
        required: true,
      }),
    },
    resolve: (_root, { id, team }, ctx) =>
      addResearchTeamMembers(ctx, parseId(id), toTeam(team, 'team')),
  }),
);

const AttendeeInput = builder.inputType('FieldVisitAttendeeInput', {
  description: '实地调研出席 A team member and whether they went on the visit.',
  fields: (t) => ({
    memberId: t.id({ description: 'The id of a team member.', required: true }),
    attendance: t.field({
      description: "出席情况 A team member's attendance at a field visit.",
      type: VisitAttendanceType,
      required: true,
    }),
  }),
});

builder.mutationField('recordFieldVisit', (t) =>
  t.field({
    type: FieldVisitType,
    description: 'Staff or the team lead record a field visit and who of the team went.',
    authScopes: { authenticated: true },
    args: {
      projectId: t.arg.id({ description: "The research project's id.", required: true }),
      visitedOn: t.arg({ description: 'The day of the visit.', type: 'Date', required: true }),
      place: t.arg.string({
        description: 'Where the team went: trimmed, 2 to 120 characters.',
        required: true,
        validate: z.string().trim().min(2, 'must name the place').max(120),
      }),
      purpose: t.arg.string({
        description: 'What the visit was for: at most 500 characters.',
        required: false,
        validate: z.string().trim().max(500),
      }),
      attendance: t.arg({
        description: "Each team member's attendance.",
        type: [AttendeeInput],
        required: true,
      }),
    },
    resolve: (_root, args, ctx) =>
      recordFieldVisit(ctx, parseId(args.projectId, 'projectId'), {
        visitedOn: args.visitedOn,
        place: args.place.trim(),
        purpose: args.purpose?.trim() || null,
        attendance: args.attendance.map((a, i) => ({
          memberId: parseId(a.memberId, `attendance.${i}.memberId`),
          attendance: a.attendance,
        })),
      }),
  }),
);

builder.mutationField('writeResearchReport', (t) =>
  t.field({
    type: ResearchProjectType,
    description: 'Staff or the team lead write the report while it is drafted.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The ResearchProject's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      title: t.arg.string({
        required: true,
        validate: titleSchema,
        description: TITLE_DESCRIPTION,
      }),
      text: t.arg.string({
        description: "The report's text: trimmed, 20 to 100,000 characters.",
        required: true,
        validate: z.string().trim().min(20, 'must have at least 20 characters').max(100000),
      }),
    },
    resolve: (_root, { id, version, title, text }, ctx) =>
      writeResearchReport(ctx, parseId(id), version, title.trim(), text.trim()),
  }),
);

for (const [field, action, description] of [
  [
    'approveResearchPlan',
    'approvePlan',
    'A leader or staff approve the plan (it must be written).',
  ],
  [
    'startResearchFieldwork',
    'startFieldwork',
    'Staff or the team lead start fieldwork (the team needs a lead).',
  ],
  [
    'startResearchDrafting',
    'startDrafting',
    'Staff or the team lead start drafting the report (after at least one field visit).',
  ],
  ['reviewResearchReport', 'review', 'A leader or staff record the review of the drafted report.'],
  [
    'returnResearchDraft',
    'returnDraft',
    'A leader or staff send a reviewed report back for redrafting.',
  ],
  [
    'submitResearchReport',
    'submit',
    'Staff submit the reviewed report to the Party committee and government.',
  ],
  [
    'convertResearchProject',
    'convert',
    'Staff record the report converted into advice (a recommendation citing it must exist).',
  ],
  ['closeResearchProject', 'close', 'Staff close a submitted or converted project.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: ResearchProjectType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The ResearchProject's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveResearch(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}
