import {
  appError,
  audit,
  callerUnit,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
} from '@cppcc/kit';
import {
  HANDLING_CRITERIA,
  HandlingScoreSchema,
  QUALITY_CRITERIA,
  QualityScoreSchema,
} from '../entities/evaluation.entity.js';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import { acceptedCosigners } from './proposals.js';
import { loadProposal } from './common.js';

function checkScores(
  scores: Record<string, number>,
  criteria: readonly string[],
  max: number,
  field: string,
): number {
  for (const c of criteria) {
    const v = scores[c];
    if (v == null) throw inputError(`${field}.${c}`, 'required', `score ${c} is missing`);
    if (!Number.isInteger(v) || v < 0 || v > max)
      throw inputError(`${field}.${c}`, 'range', `must be a whole number from 0 to ${max}`);
  }
  return criteria.reduce((sum, c) => sum + scores[c], 0);
}

const EVALUABLE = ['REPLIED', 'RATED', 'UNSATISFIED', 'CLOSED'];

/** 双向评议, one side: a unit that replied scores the proposal's quality (five criteria, 20 each). */
export async function scoreProposalQuality(
  ctx: RequestContext,
  taskId: number,
  scores: Record<string, number>,
) {
  const total = checkScores(scores, QUALITY_CRITERIA, 20, 'scores');
  return ctx.em.transactional(async (em) => {
    const task = await em.findOne(HandlingTaskSchema, { id: taskId });
    if (!task || callerUnit(ctx.caller) !== task.unitId)
      throw notFound('handling task of your unit', taskId);
    const proposal = await loadProposal(em, ctx, task.proposalId);
    if (!EVALUABLE.includes(proposal.status) || task.status !== 'ACCEPTED')
      throw inputError(
        'taskId',
        'replied',
        `the unit scores a proposal once its reply was accepted (task is ${task.status})`,
      );
    if (await em.count(QualityScoreSchema, { taskId }))
      throw appError(ErrorCode.CONFLICT, `task ${taskId}: the proposal was already scored`, {
        field: 'taskId',
      });
    // The trail says who scored, not the score: the evaluation is back to back.
    audit(em, {
      entity: 'proposal',
      entityId: String(proposal.id),
      action: 'scoreQuality',
      fromState: proposal.status,
      toState: proposal.status,
      actor: ctx.caller.userId,
      note: `task ${taskId}`,
    });
    return em.create(QualityScoreSchema, {
      proposalId: proposal.id,
      taskId,
      unitId: task.unitId,
      scores,
      total,
      scoredAt: new Date(),
    });
  });
}

/** The other side: a proposer scores a unit's handling (four criteria, 25 each). */
export async function scoreHandlingQuality(
  ctx: RequestContext,
  taskId: number,
  scores: Record<string, number>,
) {
  const total = checkScores(scores, HANDLING_CRITERIA, 25, 'scores');
  return ctx.em.transactional(async (em) => {
    const task = await em.findOne(HandlingTaskSchema, { id: taskId });
    if (!task) throw notFound('handling task', taskId);
    const proposal = await loadProposal(em, ctx, task.proposalId);
    const memberId = Number(ctx.caller.memberId);
    const proposers = [proposal.authorId, ...(await acceptedCosigners(em, proposal.id))];
    if (!ctx.caller.memberId || !proposers.includes(memberId))
      throw appError(ErrorCode.FORBIDDEN, `task ${taskId}: only the proposers score its handling`);
    if (!EVALUABLE.includes(proposal.status) || task.status !== 'ACCEPTED')
      throw inputError(
        'taskId',
        'replied',
        `handling is scored once the unit's reply was accepted (task is ${task.status})`,
      );
    if (await em.count(HandlingScoreSchema, { taskId, memberId }))
      throw appError(ErrorCode.CONFLICT, `task ${taskId}: you already scored it`, {
        field: 'taskId',
      });
    audit(em, {
      entity: 'proposal',
      entityId: String(proposal.id),
      action: 'scoreHandling',
      fromState: proposal.status,
      toState: proposal.status,
      actor: ctx.caller.userId,
      note: `task ${taskId}`,
    });
    return em.create(HandlingScoreSchema, {
      proposalId: proposal.id,
      taskId,
      unitId: task.unitId,
      memberId,
      scores,
      total,
      scoredAt: new Date(),
    });
  });
}
