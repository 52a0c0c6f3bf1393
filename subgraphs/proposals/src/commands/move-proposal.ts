import { appError, canSeeDistrict, canWriteDistrict, emit, ErrorCode, notFound, type RequestContext } from '@cppcc/kit';
import { proposalFiled } from '@cppcc/events';
import { ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { proposalWorkflow, type ProposalAction } from '../workflow.js';

/**
 * Takes one step of the proposal workflow. `version` is the one the client read: if someone
 * else moved the proposal since, the step is refused rather than applied twice.
 */
export async function moveProposal(ctx: RequestContext, id: number, action: ProposalAction, version: number, note: string | null): Promise<Proposal> {
  return ctx.em.transactional(async (em) => {
    // Read past the district filter so an author can act on a proposal that is not public yet.
    const proposal = await em.findOne(ProposalSchema, { id }, { filters: false });
    const own = proposal && ctx.caller.memberId === String(proposal.authorId);
    if (!proposal || !(proposal.public || own || canSeeDistrict(ctx.caller, proposal.district))) throw notFound('proposal', id);
    const staffStep = action !== 'withdraw';
    if (staffStep && !canWriteDistrict(ctx.caller, proposal.district)) {
      throw appError(ErrorCode.CROSS_DISTRICT, `proposal ${id} belongs to district ${proposal.district}`, { field: 'id' });
    }
    if (proposal.version !== version) {
      throw appError(ErrorCode.CONFLICT, `proposal ${id} changed since you read it (version ${proposal.version}, you sent ${version})`, { field: 'version' });
    }
    proposalWorkflow.apply({ ...ctx, em }, proposal, action, note);
    if (proposal.status === 'FILED') {
      const count = await em.count(ProposalSchema, { district: proposal.district, year: proposal.year, caseNumber: { $ne: null } });
      proposal.caseNumber = `${proposal.year}-${String(count + 1).padStart(4, '0')}`;
      proposal.filedAt = new Date();
      proposal.public = true;
      emit(em, ctx.module, proposalFiled, {
        proposalId: String(proposal.id),
        authorId: String(proposal.authorId),
        coAuthorIds: [],
        caseNumber: proposal.caseNumber,
        filedAt: proposal.filedAt.toISOString(),
      }, proposal.district);
    }
    // The version column makes the UPDATE conditional: a concurrent step loses here.
    await em.flush();
    return proposal;
  });
}
