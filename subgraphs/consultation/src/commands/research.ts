import {
  appError,
  assertWritableDistrict,
  audit,
  canSeeDistrict,
  canWriteDistrict,
  emit,
  type EntityManager,
  ErrorCode,
  hasRole,
  inputError,
  notFound,
  type RequestContext,
  today,
  staleVersion,
} from '@cppcc/kit';
import { researchJoined } from '@cppcc/events';
import { visible } from '../access.js';
import {
  FieldVisitAttendanceSchema,
  FieldVisitSchema,
  RESEARCH_PHASES,
  ResearchPhaseSchema,
  ResearchProjectSchema,
  ResearchTeamMemberSchema,
  type FieldVisit,
  type ResearchPhase,
  type ResearchProject,
  type TeamRole,
  type VisitAttendance,
} from '../entities/research-project.entity.js';
import { announceResearch } from './announce.js';
import { assertPlanTopic } from './planning.js';
import { assertLeadCommittee, assertMembers } from './refs.js';
import {
  researchFacts,
  researchWorkflow,
  type ResearchAction,
  type ResearchRecord,
} from '../workflow.js';

export interface Deadline {
  phase: ResearchPhase;
  dueOn: string;
}

export interface TeamSeat {
  memberId: number;
  role: TeamRole;
}

export interface StartResearch {
  district: string;
  title: string;
  topic: string;
  planTopicId: number | null;
  leadCommitteeId: number | null;
  joint: boolean;
  partnerCommittees: string[];
  public: boolean;
  deadlines: Deadline[];
  team: TeamSeat[];
}

/** Deadlines follow the phases: a later phase is never due before an earlier one. */
function checkDeadlines(
  deadlines: Deadline[],
  existing: Map<ResearchPhase, string | null>,
  field: string,
): void {
  const phases = deadlines.map((d) => d.phase);
  if (new Set(phases).size !== phases.length)
    throw inputError(field, 'unique', 'gives a phase twice');
  if (phases.includes('CLOSED')) throw inputError(field, 'phase', 'CLOSED has no deadline');
  const merged = new Map(existing);
  for (const d of deadlines) merged.set(d.phase, d.dueOn);
  let last: [ResearchPhase, string] | null = null;
  for (const phase of RESEARCH_PHASES) {
    const due = merged.get(phase);
    if (!due) continue;
    if (last && due < last[1])
      throw inputError(field, 'order', `${phase} is due ${due}, before ${last[0]} (${last[1]})`);
    last = [phase, due];
  }
}

function checkTeam(team: TeamSeat[], field: string, hasLead: boolean): void {
  if (new Set(team.map((s) => s.memberId)).size !== team.length)
    throw inputError(field, 'unique', 'lists a member twice');
  const leads = team.filter((s) => s.role === 'LEAD').length + (hasLead ? 1 : 0);
  if (leads > 1) throw inputError(field, 'lead', 'a research team has one lead');
}

function joinTeam(
  em: EntityManager,
  module: string,
  project: ResearchProject,
  team: TeamSeat[],
): void {
  const joinedOn = today();
  for (const seat of team) {
    em.create(ResearchTeamMemberSchema, {
      district: project.district,
      projectId: project.id,
      memberId: seat.memberId,
      role: seat.role,
      joinedOn,
      public: project.public,
    });
    emit(
      em,
      module,
      researchJoined,
      {
        projectId: String(project.id),
        memberId: String(seat.memberId),
        title: project.title,
        role: seat.role,
        joinedOn,
      },
      project.district,
    );
  }
}

/** Staff open a project on a chosen topic, with its phase deadlines and team. */
export async function startResearch(
  ctx: RequestContext,
  input: StartResearch,
): Promise<ResearchProject> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (input.joint && input.partnerCommittees.length === 0)
    throw inputError(
      'input.partnerCommittees',
      'required',
      'joint research names the partner committees',
    );
  if (!input.joint && input.partnerCommittees.length > 0)
    throw inputError(
      'input.joint',
      'joint',
      'partner committees are named only for joint research',
    );
  checkDeadlines(input.deadlines, new Map(), 'input.deadlines');
  checkTeam(input.team, 'input.team', false);
  await assertMembers(
    ctx,
    input.team.map((s) => s.memberId),
    input.district,
    (i) => `input.team.${i}.memberId`,
  );
  if (input.leadCommitteeId !== null)
    await assertLeadCommittee(ctx, input.leadCommitteeId, input.district, 'input.leadCommitteeId');
  if (input.planTopicId !== null)
    await assertPlanTopic(ctx, input.planTopicId, input.district, 'input.planTopicId');
  return ctx.em.transactional(async (em) => {
    const { deadlines, team, ...fields } = input;
    const project = em.create(ResearchProjectSchema, {
      ...fields,
      plan: null,
      reportTitle: null,
      reportText: null,
      reportSubmittedOn: null,
      status: 'TOPIC_SELECTED',
    });
    await em.flush();
    audit(em, {
      entity: 'research_project',
      entityId: String(project.id),
      action: 'start',
      fromState: null,
      toState: 'TOPIC_SELECTED',
      actor: ctx.caller.userId,
      note: null,
    });
    for (const phase of RESEARCH_PHASES) {
      em.create(ResearchPhaseSchema, {
        district: project.district,
        projectId: project.id,
        phase,
        dueOn: deadlines.find((d) => d.phase === phase)?.dueOn ?? null,
        startedOn: phase === 'TOPIC_SELECTED' ? today() : null,
        completedOn: null,
        public: project.public,
      });
    }
    joinTeam(em, ctx.module, project, team);
    await em.flush();
    announceResearch(em, ctx.module, project);
    return project;
  });
}

interface Loaded {
  project: ResearchRecord;
  leadMemberId: number | null;
}

/**
 * Loads a project for a change. Staff of its district, its district's leaders and its team lead
 * may act on it; the transition table then says which steps are whose.
 */
async function load(
  ctx: RequestContext,
  em: EntityManager,
  id: number,
  version?: number,
): Promise<Loaded> {
  const project = await em.findOne(ResearchProjectSchema, { id }, { filters: false });
  const team = project
    ? await em.find(ResearchTeamMemberSchema, { projectId: id }, { filters: false })
    : [];
  const onTeam = team.some((s) => ctx.caller.memberId === String(s.memberId));
  if (!project || !visible(ctx, project, onTeam)) throw notFound('research project', id);
  const leadMemberId = team.find((s) => s.role === 'LEAD')?.memberId ?? null;
  const isLead = leadMemberId !== null && ctx.caller.memberId === String(leadMemberId);
  const acts =
    canWriteDistrict(ctx.caller, project.district) ||
    (hasRole(ctx.caller, 'leader') && canSeeDistrict(ctx.caller, project.district)) ||
    isLead;
  if (!acts)
    throw appError(
      ErrorCode.FORBIDDEN,
      `research project ${id}: only its district's staff and leaders, or its team lead, may change it`,
    );
  if (version !== undefined && project.version !== version)
    throw staleVersion(`research project ${id}`, project.version, version);
  return { project: Object.assign(project, { leadMemberId }), leadMemberId };
}

function staffOrLead(ctx: RequestContext, loaded: Loaded, what: string): void {
  const isLead =
    loaded.leadMemberId !== null && ctx.caller.memberId === String(loaded.leadMemberId);
  if (!isLead && !canWriteDistrict(ctx.caller, loaded.project.district))
    throw appError(ErrorCode.FORBIDDEN, `${what}: staff or the team lead only`);
}

function requireStaff(ctx: RequestContext, project: ResearchProject, what: string): void {
  if (!canWriteDistrict(ctx.caller, project.district))
    throw appError(ErrorCode.FORBIDDEN, `${what}: the district's staff only`);
}

/** Loads what the project table's guards read: its field visits and the recommendations drawn from it. */
/** One step of the project's table; the phase rows record when each phase started and ended. */
export async function moveResearch(
  ctx: RequestContext,
  id: number,
  action: ResearchAction,
  version: number,
  note: string | null,
): Promise<ResearchProject> {
  return ctx.em.transactional(async (em) => {
    const { project } = await load(ctx, em, id, version);
    await researchFacts(em, project);
    const from = project.status;
    const to = researchWorkflow.apply({ ...ctx, em }, project, action, note);
    const rows = await em.find(
      ResearchPhaseSchema,
      { projectId: id, phase: { $in: [from, to] } },
      { filters: false },
    );
    const day = today();
    for (const row of rows) {
      if (row.phase === from) row.completedOn = day;
      if (row.phase === to) {
        row.startedOn = row.startedOn ?? day;
        row.completedOn = null;
      }
    }
    if (to === 'SUBMITTED') project.reportSubmittedOn = day;
    await em.flush();
    announceResearch(em, ctx.module, project);
    return project;
  });
}

/** Staff or the team lead write the plan while the topic is chosen but the plan not yet approved. */
export async function setResearchPlan(
  ctx: RequestContext,
  id: number,
  version: number,
  plan: string,
): Promise<ResearchProject> {
  return ctx.em.transactional(async (em) => {
    const loaded = await load(ctx, em, id, version);
    staffOrLead(ctx, loaded, 'setResearchPlan');
    researchWorkflow.check(ctx, loaded.project, 'setPlan');
    loaded.project.plan = plan;
    return loaded.project;
  });
}

/** Staff set or move deadlines of phases not yet completed. */
export async function setResearchDeadlines(
  ctx: RequestContext,
  id: number,
  version: number,
  deadlines: Deadline[],
): Promise<ResearchProject> {
  return ctx.em.transactional(async (em) => {
    const { project } = await load(ctx, em, id, version);
    requireStaff(ctx, project, 'setResearchDeadlines');
    const rows = await em.find(ResearchPhaseSchema, { projectId: id }, { filters: false });
    for (const d of deadlines) {
      if (rows.find((r) => r.phase === d.phase)?.completedOn)
        throw inputError('deadlines', 'completed', `${d.phase} is already completed`);
    }
    checkDeadlines(deadlines, new Map(rows.map((r) => [r.phase, r.dueOn ?? null])), 'deadlines');
    for (const d of deadlines) rows.find((r) => r.phase === d.phase)!.dueOn = d.dueOn;
    return project;
  });
}

/** Staff add members to the team until the report is submitted; each member's record hears of it. */
export async function addResearchTeamMembers(
  ctx: RequestContext,
  id: number,
  team: TeamSeat[],
): Promise<ResearchProject> {
  // Members are checked against the project's district before the transaction opens.
  const found = await ctx.em.findOne(ResearchProjectSchema, { id }, { filters: false });
  if (found && canWriteDistrict(ctx.caller, found.district))
    await assertMembers(
      ctx,
      team.map((s) => s.memberId),
      found.district,
      (i) => `team.${i}.memberId`,
    );
  return ctx.em.transactional(async (em) => {
    const { project, leadMemberId } = await load(ctx, em, id);
    requireStaff(ctx, project, 'addResearchTeamMembers');
    researchWorkflow.check(ctx, project, 'addTeamMembers');
    checkTeam(team, 'team', leadMemberId !== null);
    const already = await em.find(
      ResearchTeamMemberSchema,
      { projectId: id, memberId: { $in: team.map((s) => s.memberId) } },
      { filters: false },
    );
    if (already.length > 0)
      throw appError(
        ErrorCode.CONFLICT,
        `team: already on the team: ${already.map((s) => s.memberId).join(', ')}`,
        { field: 'team' },
      );
    joinTeam(em, ctx.module, project, team);
    return project;
  });
}

export interface VisitInput {
  visitedOn: string;
  place: string;
  purpose: string | null;
  attendance: { memberId: number; attendance: VisitAttendance }[];
}

/** Staff or the team lead record a field visit and which team members went. */
export async function recordFieldVisit(
  ctx: RequestContext,
  id: number,
  input: VisitInput,
): Promise<FieldVisit> {
  return ctx.em.transactional(async (em) => {
    const loaded = await load(ctx, em, id);
    staffOrLead(ctx, loaded, 'recordFieldVisit');
    researchWorkflow.check(ctx, loaded.project, 'recordFieldVisit');
    const ids = input.attendance.map((a) => a.memberId);
    if (new Set(ids).size !== ids.length)
      throw inputError('input.attendance', 'unique', 'lists a member twice');
    const team = await em.find(ResearchTeamMemberSchema, { projectId: id }, { filters: false });
    const outsider = ids.find((m) => !team.some((s) => s.memberId === m));
    if (outsider !== undefined)
      throw inputError('input.attendance', 'team', `member ${outsider} is not on the team`);
    const { project } = loaded;
    const visit = em.create(FieldVisitSchema, {
      district: project.district,
      projectId: id,
      visitedOn: input.visitedOn,
      place: input.place,
      purpose: input.purpose,
      public: project.public,
    });
    await em.flush();
    for (const a of input.attendance)
      em.create(FieldVisitAttendanceSchema, {
        district: project.district,
        visitId: visit.id,
        memberId: a.memberId,
        attendance: a.attendance,
        public: project.public,
      });
    return visit;
  });
}

/** Staff or the team lead write the report while it is drafted (again, after it was sent back). */
export async function writeResearchReport(
  ctx: RequestContext,
  id: number,
  version: number,
  title: string,
  text: string,
): Promise<ResearchProject> {
  return ctx.em.transactional(async (em) => {
    const loaded = await load(ctx, em, id, version);
    staffOrLead(ctx, loaded, 'writeResearchReport');
    researchWorkflow.check(ctx, loaded.project, 'writeReport');
    loaded.project.reportTitle = title;
    loaded.project.reportText = text;
    return loaded.project;
  });
}
