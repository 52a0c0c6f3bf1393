import {
  appError,
  assertWritableDistrict,
  audit,
  canWriteDistrict,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  today,
  staleVersion,
} from '@cppcc/kit';
import { visible } from '../access.js';
import type { ConsultationForm } from '../entities/consultation-activity.entity.js';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import {
  ConsultationPlanSchema,
  EscalationSchema,
  PlanTopicSchema,
  type ConsultationPlan,
  type Escalation,
  type EscalationBody,
  type PlanTopic,
  type TopicSource,
} from '../entities/plan.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import { planTopics, planWorkflow, type PlanAction } from '../workflow.js';
import { assertLeadCommittee } from './refs.js';

/** Staff draft the year's plan; a district has one plan a year. */
export async function draftPlan(
  ctx: RequestContext,
  district: string,
  year: number,
  title: string,
): Promise<ConsultationPlan> {
  await assertWritableDistrict(ctx, district, 'district');
  return ctx.em.transactional(async (em) => {
    const existing = await em.findOne(
      ConsultationPlanSchema,
      { district, year },
      { filters: false },
    );
    if (existing)
      throw appError(
        ErrorCode.CONFLICT,
        `year: district ${district} already has a plan for ${year} (id ${existing.id})`,
        { field: 'year', id: String(existing.id) },
      );
    const plan = em.create(ConsultationPlanSchema, {
      district,
      year,
      title,
      approvedBy: null,
      approvedOn: null,
      publishedOn: null,
      status: 'DRAFT',
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'consultation_plan',
      entityId: String(plan.id),
      action: 'draft',
      fromState: null,
      toState: 'DRAFT',
      actor: ctx.caller.userId,
      note: null,
    });
    return plan;
  });
}

export async function loadPlan(
  ctx: RequestContext,
  em: EntityManager,
  id: number,
  version?: number,
): Promise<ConsultationPlan> {
  const plan = await em.findOne(ConsultationPlanSchema, { id }, { filters: false });
  if (!plan || !visible(ctx, plan)) throw notFound('consultation plan', id);
  if (!canWriteDistrict(ctx.caller, plan.district))
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `consultation plan ${id} belongs to district ${plan.district}`,
      { field: 'id' },
    );
  if (version !== undefined && plan.version !== version)
    throw staleVersion(`consultation plan ${id}`, plan.version, version);
  return plan;
}

export interface TopicInput {
  title: string;
  source: TopicSource;
  proposedBy: string | null;
  form: ConsultationForm;
  leadCommitteeId: number | null;
  quarter: number | null;
}

/** Staff add a topic to a draft plan, saying where it came from. */
export async function addPlanTopic(
  ctx: RequestContext,
  planId: number,
  input: TopicInput,
): Promise<PlanTopic> {
  if (['COMMITTEE', 'SECTOR', 'PUBLIC'].includes(input.source) && !input.proposedBy)
    throw inputError(
      'input.proposedBy',
      'required',
      `a topic from ${input.source} says who proposed it`,
    );
  // The lead committee is checked against the plan's district before the transaction opens.
  const found = await ctx.em.findOne(ConsultationPlanSchema, { id: planId }, { filters: false });
  if (found && input.leadCommitteeId !== null && canWriteDistrict(ctx.caller, found.district))
    await assertLeadCommittee(ctx, input.leadCommitteeId, found.district, 'input.leadCommitteeId');
  return ctx.em.transactional(async (em) => {
    const plan = await loadPlan(ctx, em, planId);
    planWorkflow.check(ctx, plan, 'addTopic');
    return em.create(PlanTopicSchema, {
      ...input,
      district: plan.district,
      planId,
      public: plan.public,
    });
  });
}

/** Staff take a topic out of a draft plan. */
export async function removePlanTopic(
  ctx: RequestContext,
  topicId: number,
): Promise<ConsultationPlan> {
  return ctx.em.transactional(async (em) => {
    const topic = await em.findOne(PlanTopicSchema, { id: topicId }, { filters: false });
    if (!topic) throw notFound('plan topic', topicId);
    const plan = await loadPlan(ctx, em, topic.planId);
    planWorkflow.check(ctx, plan, 'removeTopic');
    em.remove(topic);
    return plan;
  });
}

/** One step of the plan's table: approval names the Party committee; publishing makes it public. */
export async function movePlan(
  ctx: RequestContext,
  id: number,
  action: PlanAction,
  version: number,
  note: string | null,
  extras: { approvedBy?: string | null; on?: string | null },
): Promise<ConsultationPlan> {
  if (action === 'approve' && !extras.approvedBy)
    throw inputError('approvedBy', 'required', 'name the Party committee that approved the plan');
  return ctx.em.transactional(async (em) => {
    const plan = await loadPlan(ctx, em, id, version);
    const topics = await planTopics(em, id);
    planWorkflow.apply({ ...ctx, em }, Object.assign(plan, { topics }), action, note);
    const on = extras.on ?? today();
    if (action === 'approve')
      Object.assign(plan, { approvedBy: extras.approvedBy, approvedOn: on });
    if (action === 'revise') Object.assign(plan, { approvedBy: null, approvedOn: null });
    if (action === 'publish') {
      Object.assign(plan, { publishedOn: on, public: true });
      await em.nativeUpdate(PlanTopicSchema, { planId: id }, { public: true });
    }
    return plan;
  });
}

/**
 * An activity or research carrying out a plan's topic: the topic must be of an approved plan of
 * the same district. Reads outside a transaction.
 */
export async function assertPlanTopic(
  ctx: RequestContext,
  topicId: number,
  district: string,
  field: string,
): Promise<void> {
  const topic = await ctx.em.findOne(PlanTopicSchema, { id: topicId }, { filters: false });
  if (!topic || topic.district !== district)
    throw inputError(field, 'exists', `no plan topic ${topicId} in district ${district}`);
  if (topic.droppedOn)
    throw inputError(
      field,
      'dropped',
      `plan topic ${topicId} was dropped from the plan by an amendment on ${topic.droppedOn}`,
    );
  const plan = await ctx.em.findOne(
    ConsultationPlanSchema,
    { id: topic.planId },
    { filters: false },
  );
  if (plan?.status === 'DRAFT')
    throw inputError(field, 'approved', `plan topic ${topicId} belongs to a plan not yet approved`);
}

export interface EscalationInput {
  body: EscalationBody;
  title: string;
  researchProjectId: number | null;
  activityId: number | null;
  takenUpOn: string;
  heldOn: string | null;
  note: string | null;
}

/** Staff record that a topic of theirs was taken up by the provincial or national committee. */
export async function recordEscalation(
  ctx: RequestContext,
  input: EscalationInput,
): Promise<Escalation> {
  if (input.body === 'CITY_COMMITTEE')
    throw inputError(
      'input.body',
      'escalate',
      'a district escalates to the city committee with escalateToCityCommittee, and the city accepts or declines it',
    );
  if (input.researchProjectId === null && input.activityId === null)
    throw inputError(
      'input.researchProjectId',
      'required',
      'name the research or activity the topic came from',
    );
  if (input.heldOn && input.heldOn < input.takenUpOn)
    throw inputError('input.heldOn', 'order', 'is before the topic was taken up');
  const sources = await Promise.all([
    input.researchProjectId === null
      ? null
      : ctx.em.findOne(ResearchProjectSchema, { id: input.researchProjectId }, { filters: false }),
    input.activityId === null
      ? null
      : ctx.em.findOne(ConsultationActivitySchema, { id: input.activityId }, { filters: false }),
  ]);
  if (input.researchProjectId !== null && !sources[0])
    throw inputError(
      'input.researchProjectId',
      'exists',
      `no research project ${input.researchProjectId}`,
    );
  if (input.activityId !== null && !sources[1])
    throw inputError('input.activityId', 'exists', `no activity ${input.activityId}`);
  const districts = new Set(sources.filter((s) => s !== null).map((s) => s!.district));
  if (districts.size > 1)
    throw inputError(
      'input.activityId',
      'district',
      'the research and the activity are of different districts',
    );
  const [district] = [...districts];
  await assertWritableDistrict(
    ctx,
    district,
    input.researchProjectId !== null ? 'input.researchProjectId' : 'input.activityId',
  );
  return ctx.em.transactional(async (em) => {
    const row = em.create(EscalationSchema, {
      ...input,
      district,
      toDistrict: null,
      recommendationId: null,
      escalatedOn: null,
      answer: null,
      answeredOn: null,
      status: 'TAKEN_UP',
      public: true,
    });
    await em.flush();
    audit(em, {
      entity: 'escalation',
      entityId: String(row.id),
      action: 'record',
      fromState: null,
      toState: 'TAKEN_UP',
      actor: ctx.caller.userId,
      note: input.note,
    });
    return row;
  });
}
