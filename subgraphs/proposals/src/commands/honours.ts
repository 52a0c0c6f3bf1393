import {
  appError,
  audit,
  emit,
  type EntityManager,
  ErrorCode,
  inputError,
  parseDate,
  type RequestContext,
} from '@cppcc/kit';
import { proposalHonoured } from '@cppcc/events';
import { AwardSchema } from '../entities/evaluation.entity.js';
import { FILED_STATUSES, type Proposal } from '../entities/proposal.entity.js';
import { acceptedCosigners } from './proposals.js';
import { loadProposal, requireOffice } from './common.js';

export function requireFiled(p: Proposal, field = 'proposalId'): void {
  if (!FILED_STATUSES.includes(p.status))
    throw inputError(
      field,
      'filed',
      `proposal ${p.id} is ${p.status}: only a filed proposal can be honoured`,
    );
}

/** Tells the authors' archives that a proposal was honoured (key or excellent). */
export async function announceHonour(
  em: EntityManager,
  ctx: RequestContext,
  p: Proposal,
  honour: 'KEY' | 'EXCELLENT',
  on: string,
): Promise<void> {
  emit(
    em,
    ctx.module,
    proposalHonoured,
    {
      proposalId: String(p.id),
      authorId: String(p.authorId),
      coAuthorIds: (await acceptedCosigners(em, p.id)).map(String),
      caseNumber: p.caseNumber!,
      title: p.title,
      honour,
      on,
    },
    p.district,
  );
}

/** 优秀提案: staff award a filed proposal for a year. */
export async function awardExcellent(
  ctx: RequestContext,
  proposalId: number,
  year: number,
  awardedOn: string,
) {
  const day = parseDate(awardedOn, 'awardedOn');
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, proposalId);
    requireOffice(ctx, proposal.district, 'an excellent-proposal award');
    requireFiled(proposal);
    if (year < proposal.year)
      throw inputError('year', 'after-proposal', `proposal ${proposalId} is of ${proposal.year}`);
    if (await em.count(AwardSchema, { proposalId, year }))
      throw appError(ErrorCode.CONFLICT, `proposal ${proposalId} was already awarded for ${year}`, {
        field: 'proposalId',
      });
    const award = em.create(AwardSchema, {
      proposalId,
      district: proposal.district,
      year,
      awardedOn: day,
    });
    audit(em, {
      entity: 'proposal',
      entityId: String(proposalId),
      action: 'awardExcellent',
      fromState: proposal.status,
      toState: proposal.status,
      actor: ctx.caller.userId,
      note: String(year),
    });
    await announceHonour(em, ctx, proposal, 'EXCELLENT', day);
    return award;
  });
}
