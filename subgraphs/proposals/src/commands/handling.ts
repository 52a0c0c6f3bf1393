import {
  addDays,
  addMonths,
  appError,
  audit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  parseDate,
  type RequestContext,
  today,
  utcDay,
  staleVersion,
} from '@cppcc/kit';
import {
  HandlingTaskSchema,
  type HandlingTask,
  type TaskRole,
} from '../entities/handling-task.entity.js';
import type { HandlingMode, Proposal, Rating } from '../entities/proposal.entity.js';
import { UnitRefSchema } from '../entities/refs.entity.js';
import { ReplySchema, type Grade } from '../entities/reply.entity.js';
import { ProposalRatingSchema } from '../entities/rating.entity.js';
import {
  coUnitsWaiting,
  taskWorkflow,
  type ProposalRecord,
  type TaskAction,
  type TaskRecord,
} from '../workflow.js';
import { checkVersion, loadFacts, loadProposal, requireText, step, touch } from './common.js';

/** Days a unit has to sign receipt or ask to return an item that is not its business. */
export const RECEIPT_DAYS = 10;
/** Months to reply; an extension, with a reason, may reach at most `MAX_MONTHS` from the start. */
export const HANDLING_MONTHS = 3;
export const MAX_MONTHS = 6;
/** Months a co-unit (会办) has to send its opinion to the lead unit. */
export const CO_OPINION_MONTHS = 1;

function dueFor(role: TaskRole, start: string): string {
  return addMonths(start, role === 'CO' ? CO_OPINION_MONTHS : HANDLING_MONTHS);
}

/** Checks the named units exist, are active and belong to the proposal's district. Call before a transaction. */
export async function checkUnits(
  ctx: RequestContext,
  district: string,
  units: { unitId: number; field: string }[],
): Promise<void> {
  const refs = await ctx.em.find(UnitRefSchema, { id: { $in: units.map((u) => u.unitId) } });
  for (const { unitId, field } of units) {
    const ref = refs.find((r) => r.id === unitId);
    if (!ref)
      throw appError(ErrorCode.NOT_FOUND, `${field}: government unit ${unitId} is not known`, {
        field,
        id: String(unitId),
      });
    if (!ref.active)
      throw inputError(
        field,
        'active',
        `government unit ${unitId} (${ref.name}) is no longer active`,
      );
    if (ref.district !== district)
      throw inputError(
        field,
        'unit-district',
        `government unit ${unitId} (${ref.name}) belongs to district ${ref.district}, not ${district}`,
      );
  }
}

export interface AssignInput {
  mode: HandlingMode;
  unitIds: number[];
  leadUnitId?: number | null;
  assignedOn?: string | null;
}

/** 交办: staff assign a filed proposal to its handling units; each unit gets a task with its deadlines. */
export async function assignProposal(
  ctx: RequestContext,
  id: number,
  version: number,
  input: AssignInput,
): Promise<Proposal> {
  const assignedOn = input.assignedOn ? parseDate(input.assignedOn, 'input.assignedOn') : today();
  if (assignedOn > today())
    throw inputError('input.assignedOn', 'past', 'the assignment meeting cannot be in the future');
  const { mode, unitIds } = input;
  const lead = input.leadUnitId ?? null;
  if (new Set(unitIds).size !== unitIds.length)
    throw inputError('input.unitIds', 'unique', 'names a unit twice');
  if (mode === 'SOLE' && (unitIds.length !== 1 || lead !== null))
    throw inputError(
      'input.unitIds',
      'sole',
      'sole handling (独办) names exactly one unit and no lead unit',
    );
  if (mode === 'SEPARATE' && (unitIds.length < 2 || lead !== null))
    throw inputError(
      'input.unitIds',
      'separate',
      'separate handling (分办) names at least two units and no lead unit',
    );
  if (mode === 'LEAD_WITH_CO') {
    if (lead === null)
      throw inputError(
        'input.leadUnitId',
        'required',
        'lead-with-co handling (主办+会办) names a lead unit',
      );
    if (unitIds.length < 1)
      throw inputError(
        'input.unitIds',
        'co-units',
        'lead-with-co handling names at least one co-unit',
      );
    if (unitIds.includes(lead))
      throw inputError('input.unitIds', 'lead-apart', 'the lead unit is not also a co-unit');
  }
  const pre = await loadProposal(ctx.em, ctx, id);
  const named = [
    ...(lead !== null ? [{ unitId: lead, field: 'input.leadUnitId' }] : []),
    ...unitIds.map((unitId, i) => ({ unitId, field: `input.unitIds.${i}` })),
  ];
  await checkUnits(ctx, pre.district, named);
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    if (proposal.filedAt && assignedOn < utcDay(proposal.filedAt))
      throw inputError(
        'input.assignedOn',
        'after-filing',
        'a proposal is assigned after it was filed',
      );
    step(ctx, em, proposal, 'assign', `${mode}: ${named.map((u) => u.unitId).join(', ')}`);
    proposal.mode = mode;
    proposal.assignedOn = assignedOn;
    const role: TaskRole = mode === 'SOLE' ? 'SOLE' : mode === 'SEPARATE' ? 'SEPARATE' : 'CO';
    if (lead !== null) createTask(em, proposal, lead, 'LEAD', assignedOn);
    for (const unitId of unitIds) createTask(em, proposal, unitId, role, assignedOn);
    return proposal;
  });
}

function createTask(
  em: EntityManager,
  proposal: Proposal,
  unitId: number,
  role: TaskRole,
  start: string,
): HandlingTask {
  return em.create(HandlingTaskSchema, {
    proposalId: proposal.id,
    district: proposal.district,
    unitId,
    role,
    status: 'PENDING_RECEIPT',
    assignedOn: start,
    receiptDueOn: addDays(start, RECEIPT_DAYS),
    dueOn: dueFor(role, start),
    startedOn: start,
    extensionReason: null,
    receivedAt: null,
    returnReason: null,
    replacedById: null,
    opinion: null,
    opinionAt: null,
    doneOn: null,
  });
}

async function loadTask(
  em: EntityManager,
  ctx: RequestContext,
  taskId: number,
): Promise<{ task: HandlingTask; proposal: Proposal }> {
  const task = await em.findOne(HandlingTaskSchema, { id: taskId });
  if (!task) throw notFound('handling task', taskId);
  const proposal = await loadProposal(em, ctx, task.proposalId).catch(() => {
    throw notFound('handling task', taskId);
  });
  return { task, proposal };
}

/** The version the client read must still be the task's: a step on a stale read is refused. */
function checkTaskVersion(task: HandlingTask, version: number): void {
  if (task.version !== version)
    throw staleVersion(`handling task ${task.id}`, task.version, version);
}

/**
 * One step of a task's table. The task's version moves (the UPDATE checks it), so two steps on
 * one task cannot both commit, while units step their own tasks of one proposal at once. A step
 * whose outcome depends on the proposal's other tasks (passing a reply, which may complete the
 * proposal's replies; approving a return, which adds a task) also touches the proposal, so two
 * such steps on one proposal cannot both commit either.
 */
function taskStep(
  ctx: RequestContext,
  em: EntityManager,
  task: HandlingTask,
  proposal: Proposal,
  action: TaskAction,
  note: string | null,
): void {
  taskWorkflow.apply({ ...ctx, em }, task, action, note);
  if (action === 'passReply' || action === 'approveReturn') touch(proposal);
}

/** A unit signs receipt of its task. */
export async function receiveTask(
  ctx: RequestContext,
  taskId: number,
  version: number,
): Promise<HandlingTask> {
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    taskStep(ctx, em, task, proposal, 'receive', null);
    task.receivedAt = new Date();
    return task;
  });
}

/** A unit asks to return an item that is not its business, within the receipt window. */
export async function requestReturn(
  ctx: RequestContext,
  taskId: number,
  version: number,
  reason: string,
): Promise<HandlingTask> {
  const why = requireText(reason, 'reason');
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    taskStep(ctx, em, task, proposal, 'requestReturn', why);
    task.returnReason = why;
    return task;
  });
}

/** Staff approve a return and reassign the item to another unit, or refuse it (the unit must handle it). */
export async function decideReturn(
  ctx: RequestContext,
  taskId: number,
  version: number,
  approve: boolean,
  reassignTo: number | null,
  note: string | null,
): Promise<HandlingTask> {
  const why = approve ? note?.trim() || null : requireText(note, 'note');
  if (approve && reassignTo === null)
    throw inputError(
      'reassignTo',
      'required',
      'an approved return names the unit the item goes to',
    );
  if (approve) {
    const pre = await loadTask(ctx.em, ctx, taskId);
    if (pre.task.unitId === reassignTo)
      throw inputError(
        'reassignTo',
        'other',
        'the item goes to another unit than the one returning it',
      );
    await checkUnits(ctx, pre.task.district, [{ unitId: reassignTo!, field: 'reassignTo' }]);
  }
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    if (!approve) {
      taskStep(ctx, em, task, proposal, 'refuseReturn', why);
      task.receivedAt = new Date();
      return task;
    }
    const busy = await em.count(HandlingTaskSchema, {
      proposalId: proposal.id,
      unitId: reassignTo!,
      status: { $ne: 'RETURNED' },
    });
    if (busy > 0)
      throw inputError(
        'reassignTo',
        'not-on-proposal',
        `unit ${reassignTo} already handles proposal ${proposal.id}`,
      );
    taskStep(ctx, em, task, proposal, 'approveReturn', why ?? `reassigned to ${reassignTo}`);
    const replacement = createTask(em, proposal, reassignTo!, task.role, today());
    await em.flush();
    task.replacedById = replacement.id;
    audit(em, {
      entity: 'handling_task',
      entityId: String(replacement.id),
      action: 'reassign',
      fromState: null,
      toState: 'PENDING_RECEIPT',
      actor: ctx.caller.userId,
      note: `replaces task ${task.id}`,
    });
    return task;
  });
}

/** A co-unit (会办) sends its opinion to the lead unit. */
export async function sendOpinion(
  ctx: RequestContext,
  taskId: number,
  version: number,
  text: string,
): Promise<HandlingTask> {
  const opinion = requireText(text, 'text', 10000);
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    taskStep(ctx, em, task, proposal, 'sendOpinion', null);
    task.opinion = opinion;
    task.opinionAt = new Date();
    task.doneOn = today();
    return task;
  });
}

export interface ReplyInput {
  text: string;
  referenceNumber: string;
  signingLeader: string;
  contact: string;
  grade?: Grade | null;
}

/** The replying unit sends its formal reply (答复函); a lead unit only once every co-unit has sent its opinion. */
export async function replyToProposal(
  ctx: RequestContext,
  taskId: number,
  version: number,
  input: ReplyInput,
): Promise<HandlingTask> {
  const text = requireText(input.text, 'input.text', 20000);
  const referenceNumber = requireText(input.referenceNumber, 'input.referenceNumber', 100);
  const signingLeader = requireText(input.signingLeader, 'input.signingLeader', 100);
  const contact = requireText(input.contact, 'input.contact', 200);
  if (!input.grade)
    throw inputError('input.grade', 'required', 'a reply states its result grade (A, B, C or D)');
  const grade = input.grade;
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    if (task.role === 'LEAD')
      (task as TaskRecord).coUnitsWaiting = coUnitsWaiting(
        await em.find(HandlingTaskSchema, { proposalId: proposal.id }),
      );
    taskStep(ctx, em, task, proposal, 'reply', `grade ${grade}`);
    em.create(ReplySchema, {
      proposalId: proposal.id,
      taskId: task.id,
      unitId: task.unitId,
      text,
      referenceNumber,
      signingLeader,
      contact,
      grade,
      repliedAt: new Date(),
      review: 'PENDING',
      reviewNote: null,
    });
    return task;
  });
}

/**
 * The supervising office reviews a reply: pass it, or send it back to the unit. When the last
 * reply a proposal waits for passes, the proposal moves on to the proposer's rating.
 */
export async function reviewReply(
  ctx: RequestContext,
  taskId: number,
  version: number,
  pass: boolean,
  note: string | null,
): Promise<HandlingTask> {
  const why = pass ? note?.trim() || null : requireText(note, 'note');
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    taskStep(ctx, em, task, proposal, pass ? 'passReply' : 'sendBackReply', why);
    const reply = await em.findOne(
      ReplySchema,
      { taskId, review: 'PENDING' },
      { orderBy: { id: 'desc' } },
    );
    if (reply) {
      reply.review = pass ? 'PASSED' : 'SENT_BACK';
      reply.reviewNote = why;
    }
    if (!pass) return task;
    task.doneOn = today();
    await em.flush();
    const open = await em.count(HandlingTaskSchema, {
      proposalId: proposal.id,
      role: { $ne: 'CO' },
      status: { $nin: ['ACCEPTED', 'RETURNED'] },
    });
    if (open === 0) {
      step(ctx, em, proposal, 'completeReplies', null);
      proposal.repliedAt = new Date();
    }
    return task;
  });
}

/** Staff or the supervising office extend a task's deadline, with a reason, to at most six months from its start. */
export async function extendDeadline(
  ctx: RequestContext,
  taskId: number,
  version: number,
  until: string,
  reason: string,
): Promise<HandlingTask> {
  parseDate(until, 'until');
  const why = requireText(reason, 'reason');
  return ctx.em.transactional(async (em) => {
    const { task } = await loadTask(em, ctx, taskId);
    taskWorkflow.check({ ...ctx, em }, task, 'extendDeadline');
    checkTaskVersion(task, version);
    if (until <= task.dueOn)
      throw inputError('until', 'later', `must be after the current deadline ${task.dueOn}`);
    const limit = addMonths(task.startedOn, MAX_MONTHS);
    if (until > limit)
      throw inputError(
        'until',
        'six-months',
        `may be at most ${MAX_MONTHS} months after handling started (${limit})`,
      );
    taskWorkflow.apply({ ...ctx, em }, task, 'extendDeadline', `${task.dueOn} → ${until}: ${why}`);
    task.dueOn = until;
    task.extensionReason = why;
    return task;
  });
}

/**
 * Staff urge a unit past its receipt or reply day (催办), at most once a week; what they said is
 * the audit row's note.
 */
export async function urgeTask(
  ctx: RequestContext,
  taskId: number,
  version: number,
  note: string | null,
): Promise<HandlingTask> {
  const said = note == null ? null : requireText(note, 'note');
  return ctx.em.transactional(async (em) => {
    const { task, proposal } = await loadTask(em, ctx, taskId);
    checkTaskVersion(task, version);
    taskStep(ctx, em, task, proposal, 'urge', said);
    task.urgedOn = today();
    return task;
  });
}

/**
 * The lead proposer (for a collective proposal, the member who submitted it) rates the reply.
 * Theirs is the proposal's rating (征询意见表 is answered by the first proposer): it moves the
 * proposal, and an unsatisfied one gives its reason and lets staff reopen handling.
 */
export async function rateReply(
  ctx: RequestContext,
  id: number,
  version: number,
  rating: Rating,
  comment: string | null,
): Promise<Proposal> {
  const why = rating === 'UNSATISFIED' ? requireText(comment, 'comment') : comment?.trim() || null;
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    step(
      ctx,
      em,
      proposal,
      rating === 'UNSATISFIED' ? 'rateUnsatisfied' : 'rateSatisfied',
      `${rating}${why ? `: ${why}` : ''}`,
    );
    proposal.rating = rating;
    proposal.ratingComment = why;
    em.create(ProposalRatingSchema, {
      proposalId: id,
      memberId: proposal.authorId,
      role: 'LEAD',
      round: proposal.round,
      rating,
      comment: why,
      ratedAt: new Date(),
    });
    return proposal;
  });
}

/**
 * An accepted co-signer rates the reply, once a round, from the reply until closing. The rating
 * is recorded and counted (statistics' byProposer) but does not move the proposal; an unsatisfied
 * one lets staff reopen handling even when the lead was satisfied.
 */
export async function rateReplyAsCosigner(
  ctx: RequestContext,
  id: number,
  version: number,
  rating: Rating,
  comment: string | null,
): Promise<Proposal> {
  const why = rating === 'UNSATISFIED' ? requireText(comment, 'comment') : comment?.trim() || null;
  return ctx.em.transactional(async (em) => {
    const proposal: ProposalRecord = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    await loadFacts(em, proposal);
    step(ctx, em, proposal, 'rateAsCosigner', `${rating}${why ? `: ${why}` : ''}`);
    const memberId = Number(ctx.caller.memberId);
    em.create(ProposalRatingSchema, {
      proposalId: id,
      memberId,
      role: 'COSIGNER',
      round: proposal.round,
      rating,
      comment: why,
      ratedAt: new Date(),
    });
    return proposal;
  });
}

/**
 * 再次办理: staff reopen an unsatisfactorily answered proposal; its replying units handle it
 * again, with fresh deadlines, and every proposer rates the new reply. From RATED (the lead was
 * satisfied) only when a co-signer rated this round's reply unsatisfied.
 */
export async function reopenProposal(
  ctx: RequestContext,
  id: number,
  version: number,
  note: string,
): Promise<Proposal> {
  const why = requireText(note, 'note');
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    await loadFacts(em, proposal);
    step(ctx, em, proposal, 'reopen', why);
    proposal.round += 1;
    // The new round is not rated yet: the last round's ratings stay in proposal_rating, and the
    // statistics no longer count the proposal as rated while it is handled again.
    proposal.rating = null;
    proposal.ratingComment = null;
    const start = today();
    for (const task of await em.find(HandlingTaskSchema, {
      proposalId: id,
      role: { $ne: 'CO' },
      status: 'ACCEPTED',
    })) {
      taskWorkflow.apply({ ...ctx, em }, task, 'reopen', why);
      task.startedOn = start;
      task.dueOn = dueFor(task.role, start);
      task.doneOn = null;
      task.extensionReason = null;
    }
    return proposal;
  });
}

/** 办结: staff close a rated proposal. */
export async function closeProposal(
  ctx: RequestContext,
  id: number,
  version: number,
  note: string | null,
): Promise<Proposal> {
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    step(ctx, em, proposal, 'close', note?.trim() || null);
    proposal.closedAt = new Date();
    return proposal;
  });
}

/** Has a unit let its receipt window pass without signing receipt or asking to return the item? */
export function isReceiptOverdue(task: HandlingTask, on = today()): boolean {
  return task.status === 'PENDING_RECEIPT' && task.receiptDueOn < on;
}

/** Is a task past its deadline without being done? */
export function isOverdue(task: HandlingTask, on = today()): boolean {
  return (
    ['PENDING_RECEIPT', 'RETURN_REQUESTED', 'RECEIVED'].includes(task.status) && task.dueOn < on
  );
}
