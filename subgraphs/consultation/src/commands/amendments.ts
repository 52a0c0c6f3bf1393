import {
  appError,
  audit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  staleVersion,
  today,
} from '@cppcc/kit';
import { visible } from '../access.js';
import {
  ConsultationPlanSchema,
  PlanAmendmentSchema,
  PlanTopicSchema,
  type AmendmentKind,
  type PlanAmendment,
  type PlanTopic,
  type TopicFields,
} from '../entities/plan.entity.js';
import { amendmentWorkflow, planWorkflow, type AmendmentAction } from '../workflow.js';
import { loadPlan } from './planning.js';
import { assertLeadCommittee } from './refs.js';

export interface ProposeAmendment {
  kind: AmendmentKind;
  topicId: number | null;
  topic: TopicFields | null;
  reason: string;
  on: string | null;
}

const fieldsOf = (t: PlanTopic): TopicFields => ({
  title: t.title,
  source: t.source,
  proposedBy: t.proposedBy ?? null,
  form: t.form,
  leadCommitteeId: t.leadCommitteeId ?? null,
  quarter: t.quarter ?? null,
});

/**
 * Staff propose an amendment to a published plan — add a topic, drop one, change one — with the
 * reason. Nothing changes on the plan until the amendment is approved.
 */
export async function proposeAmendment(
  ctx: RequestContext,
  planId: number,
  input: ProposeAmendment,
): Promise<PlanAmendment> {
  const wantsTopic = input.kind !== 'DROP_TOPIC';
  const wantsId = input.kind !== 'ADD_TOPIC';
  if (wantsTopic && !input.topic)
    throw inputError('input.topic', 'required', `${input.kind} gives the topic as it is to read`);
  if (!wantsTopic && input.topic)
    throw inputError('input.topic', 'shape', 'DROP_TOPIC names the topic by input.topicId only');
  if (wantsId && input.topicId === null)
    throw inputError('input.topicId', 'required', `${input.kind} names the topic it amends`);
  if (!wantsId && input.topicId !== null)
    throw inputError('input.topicId', 'shape', 'ADD_TOPIC adds a new topic: leave topicId out');
  if (
    input.topic &&
    ['COMMITTEE', 'SECTOR', 'PUBLIC'].includes(input.topic.source) &&
    !input.topic.proposedBy
  )
    throw inputError(
      'input.topic.proposedBy',
      'required',
      `a topic from ${input.topic.source} says who proposed it`,
    );
  const on = input.on ?? today();
  if (on > today()) throw inputError('input.on', 'past', 'must not be in the future');
  // Read outside the transaction: the plan (to check the committee against its district).
  const found = await ctx.em.findOne(ConsultationPlanSchema, { id: planId }, { filters: false });
  if (found && visible(ctx, found) && input.topic?.leadCommitteeId != null)
    await assertLeadCommittee(
      ctx,
      input.topic.leadCommitteeId,
      found.district,
      'input.topic.leadCommitteeId',
    );
  return ctx.em.transactional(async (em) => {
    const plan = await loadPlan(ctx, em as EntityManager, planId);
    planWorkflow.check(ctx, plan, 'proposeAmendment');
    if (input.topicId !== null) {
      const topic = await em.findOne(PlanTopicSchema, { id: input.topicId }, { filters: false });
      if (!topic || topic.planId !== planId)
        throw inputError('input.topicId', 'exists', `plan ${planId} has no topic ${input.topicId}`);
      if (topic.droppedOn)
        throw inputError(
          'input.topicId',
          'dropped',
          `topic ${topic.id} was dropped from the plan on ${topic.droppedOn}`,
        );
      const pending = await em.findOne(
        PlanAmendmentSchema,
        { topicId: topic.id, status: 'PROPOSED' },
        { filters: false },
      );
      if (pending)
        throw appError(
          ErrorCode.CONFLICT,
          `input.topicId: amendment ${pending.id} of topic ${topic.id} is still to be decided`,
          { field: 'input.topicId', id: String(pending.id) },
        );
    }
    const row = em.create(PlanAmendmentSchema, {
      district: plan.district,
      planId,
      kind: input.kind,
      topicId: input.topicId,
      proposed: input.topic,
      before: null,
      reason: input.reason,
      proposedOn: on,
      proposedBy: ctx.caller.userId,
      approvedBy: null,
      decidedOn: null,
      decidedBy: null,
      decisionNote: null,
      status: 'PROPOSED',
      // Shown to the public once it took effect on a public plan; until then the district's.
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'plan_amendment',
      entityId: String(row.id),
      action: 'propose',
      fromState: null,
      toState: 'PROPOSED',
      actor: ctx.caller.userId,
      note: input.reason,
    });
    return row;
  });
}

/** Whether the topic an amendment drops or changes is still on the plan: the guard's fact. */
export async function amendmentFacts(
  em: EntityManager,
  a: PlanAmendment,
): Promise<PlanAmendment & { topicCurrent: boolean }> {
  if (a.topicId == null) return Object.assign(a, { topicCurrent: true });
  const topic = await em.findOne(PlanTopicSchema, { id: a.topicId }, { filters: false });
  return Object.assign(a, { topicCurrent: !!topic && !topic.droppedOn });
}

/**
 * One step of an amendment: approval (naming the body that approved it) makes it take effect on
 * the plan in the same transaction — the topic added, dropped (kept, marked dropped) or changed
 * (what it read before kept on the amendment) — and writes an `amend` row in the plan's history;
 * rejection and withdrawal leave the plan as it was.
 */
export async function moveAmendment(
  ctx: RequestContext,
  id: number,
  action: AmendmentAction,
  version: number,
  note: string | null,
  extras: { approvedBy?: string | null; on?: string | null },
): Promise<PlanAmendment> {
  const on = extras.on ?? today();
  if (on > today()) throw inputError('on', 'past', 'must not be in the future');
  return ctx.em.transactional(async (em) => {
    const a = await em.findOne(PlanAmendmentSchema, { id }, { filters: false });
    if (!a || !visible(ctx, a)) throw notFound('plan amendment', id);
    // Staff of the plan's district (or the city above it) decide; others are refused as for the plan.
    const plan = await loadPlan(ctx, em as EntityManager, a.planId);
    if (a.version !== version) throw staleVersion(`plan amendment ${id}`, a.version, version);
    if (action !== 'withdraw' && on < a.proposedOn)
      throw inputError('on', 'order', `is before the amendment was proposed (${a.proposedOn})`);
    const record = await amendmentFacts(em as EntityManager, a);
    amendmentWorkflow.apply({ ...ctx, em }, record, action, note);
    Object.assign(a, { decidedOn: on, decidedBy: ctx.caller.userId, decisionNote: note });
    if (action !== 'approve') return a;
    a.approvedBy = extras.approvedBy ?? null;
    a.public = plan.public;
    let title: string;
    if (a.kind === 'ADD_TOPIC') {
      const topic = em.create(PlanTopicSchema, {
        ...a.proposed!,
        district: plan.district,
        planId: plan.id,
        droppedOn: null,
        public: plan.public,
      });
      await em.flush();
      a.topicId = topic.id;
      title = topic.title;
    } else {
      const topic = await em.findOneOrFail(PlanTopicSchema, { id: a.topicId! }, { filters: false });
      a.before = fieldsOf(topic);
      if (a.kind === 'DROP_TOPIC') topic.droppedOn = on;
      else Object.assign(topic, a.proposed);
      title = topic.title;
    }
    audit(em, {
      entity: 'consultation_plan',
      entityId: String(plan.id),
      action: 'amend',
      fromState: plan.status,
      toState: plan.status,
      actor: ctx.caller.userId,
      note: `amendment ${a.id} (${a.kind}) 《${title}》 approved by ${a.approvedBy}: ${a.reason}`,
    });
    return a;
  });
}
