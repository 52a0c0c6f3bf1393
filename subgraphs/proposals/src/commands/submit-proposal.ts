import { appError, assertKnownDistrict, emit, ErrorCode, type RequestContext } from '@cppcc/kit';
import { proposalSubmitted } from '@cppcc/events';
import { ProposalSchema, type Proposal } from '../entities/proposal.entity.js';

export interface SubmitProposal {
  title: string;
  category: string;
  situation: string;
  analysis: string;
  suggestions: string;
}

/** A member submits a proposal in their own district; the bus tells the duty record. */
export async function submitProposal(ctx: RequestContext, input: SubmitProposal): Promise<Proposal> {
  const { memberId, district } = ctx.caller;
  if (!memberId || !district) throw appError(ErrorCode.FORBIDDEN, 'only a member may submit a proposal');
  await assertKnownDistrict(ctx, district, 'caller.district');
  const now = new Date();
  // The proposal and its event commit together or not at all.
  return ctx.em.transactional(async (em) => {
    const proposal = em.create(ProposalSchema, {
      district,
      caseNumber: null,
      title: input.title.trim(),
      category: input.category,
      year: now.getUTCFullYear(),
      situation: input.situation.trim(),
      analysis: input.analysis.trim(),
      suggestions: input.suggestions.trim(),
      status: 'SUBMITTED',
      authorId: Number(memberId),
      submittedAt: now,
      filedAt: null,
      public: false,
    });
    await em.flush();
    emit(em, ctx.module, proposalSubmitted, {
      proposalId: String(proposal.id),
      authorId: memberId,
      title: proposal.title,
      submittedAt: now.toISOString(),
    }, district);
    return proposal;
  });
}
