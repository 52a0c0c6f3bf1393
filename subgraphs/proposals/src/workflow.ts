import { defineWorkflow } from '@cppcc/kit';
import type { Proposal, ProposalStatus } from './entities/proposal.entity.js';

export type ProposalAction = 'file' | 'reject' | 'withdraw';

const author = { relation: 'author', holds: (ctx: { caller: { memberId: string | null } }, p: Proposal) => ctx.caller.memberId === String(p.authorId) };

/** Who moves a proposal from where to where. Nothing else changes a proposal's status. */
export const proposalWorkflow = defineWorkflow<ProposalStatus, ProposalAction, Proposal>('proposal', [
  { from: 'SUBMITTED', action: 'file', who: ['staff'], to: 'FILED' },
  { from: 'SUBMITTED', action: 'reject', who: ['staff'], to: 'NOT_FILED' },
  { from: 'SUBMITTED', action: 'withdraw', who: [author], to: 'WITHDRAWN' },
]);
