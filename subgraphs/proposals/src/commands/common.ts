import {
  appError,
  callerUnit,
  canSeeDistrict,
  emit,
  ErrorCode,
  hasRole,
  inputError,
  notFound,
  writeInBatches,
  type EntityManager,
  type RequestContext,
  staleVersion,
} from '@cppcc/kit';
import { proposalRegistered } from '@cppcc/events';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import { ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { ProposalRatingSchema } from '../entities/rating.entity.js';
import {
  proposalFacts,
  proposalWorkflow,
  type ProposalAction,
  type ProposalRecord,
} from '../workflow.js';

/** Text that must say something: trimmed, not empty. */
export function requireText(value: string | null | undefined, field: string, max = 2000): string {
  const text = value?.trim() ?? '';
  if (!text) throw inputError(field, 'required', 'must not be empty');
  if (text.length > max) throw inputError(field, 'max', `must be at most ${max} characters`);
  return text;
}

/** A proposal's three parts as one text, for what it is converted into. */
export function proposalText(p: Proposal): string {
  return [p.situation, p.analysis, p.suggestions].join('\n\n');
}

/** Is the caller the lead author or a co-signer (invited, signed or declined; not revoked) of the proposal? */
export async function isProposer(
  em: EntityManager,
  ctx: RequestContext,
  proposal: Proposal,
): Promise<boolean> {
  if (!ctx.caller.memberId) return false;
  if (ctx.caller.memberId === String(proposal.authorId)) return true;
  // An invitation the author took back no longer opens the draft.
  return (
    (await em.count(CosignerSchema, {
      proposalId: proposal.id,
      memberId: Number(ctx.caller.memberId),
      status: { $ne: 'REVOKED' },
    })) > 0
  );
}

/**
 * Does the caller see the proposal as one working for its district? Office roles do, except a
 * draft: that is its authors', co-signers' and the district staff's only (README, "Who sees what").
 */
export function officeSees(
  ctx: RequestContext,
  proposal: Pick<Proposal, 'district' | 'status'>,
): boolean {
  return (
    canSeeDistrict(ctx.caller, proposal.district) &&
    (proposal.status !== 'DRAFT' || hasRole(ctx.caller, 'staff'))
  );
}

/** Is the proposal assigned to the caller's unit (a handling task of its own, returned or not)? */
async function isAssigned(
  em: EntityManager,
  ctx: RequestContext,
  proposal: Proposal,
): Promise<boolean> {
  const unit = callerUnit(ctx.caller);
  return (
    unit !== null &&
    (await em.count(HandlingTaskSchema, { proposalId: proposal.id, unitId: unit })) > 0
  );
}

/**
 * May the caller see this proposal? Public ones, their district's (office roles), those assigned to
 * their unit, and their own (as author or co-signer). Batched over a request, for the entity resolver and the single query.
 */
export async function maySeeProposal(ctx: RequestContext, proposal: Proposal): Promise<boolean> {
  if (proposal.public || officeSees(ctx, proposal)) return true;
  const unit = callerUnit(ctx.caller);
  if (
    unit &&
    (await ctx.loaders.many(HandlingTaskSchema, 'proposalId').load(proposal.id)).some(
      (t) => t.unitId === unit,
    )
  )
    return true;
  const me = ctx.caller.memberId;
  if (!me) return false;
  if (me === String(proposal.authorId)) return true;
  return (await ctx.loaders.many(CosignerSchema, 'proposalId').load(proposal.id)).some(
    (c) => String(c.memberId) === me && c.status !== 'REVOKED',
  );
}

/**
 * Loads a proposal the caller may see: public ones, their own (as author or co-signer), and
 * their district's. Anything else is NOT_FOUND, so ids of hidden proposals reveal nothing.
 */
export async function loadProposal(
  em: EntityManager,
  ctx: RequestContext,
  id: number,
): Promise<Proposal> {
  const proposal = await em.findOne(ProposalSchema, { id }, { filters: false });
  if (
    !proposal ||
    !(
      proposal.public ||
      officeSees(ctx, proposal) ||
      (await isAssigned(em, ctx, proposal)) ||
      (await isProposer(em, ctx, proposal))
    )
  ) {
    throw notFound('proposal', id);
  }
  return proposal;
}

/** The version the client read must still be the proposal's: a step on a stale read is refused. */
export function checkVersion(proposal: Proposal, version: number): void {
  if (proposal.version !== version) {
    throw staleVersion(`proposal ${proposal.id}`, proposal.version, version);
  }
}

/** Loads what the proposal table's guards read onto the proposal (see proposalFacts). */
export async function loadFacts(
  em: EntityManager,
  proposal: ProposalRecord,
): Promise<ProposalRecord> {
  const cosigners = await em.find(CosignerSchema, { proposalId: proposal.id });
  const ratings = await em.find(ProposalRatingSchema, { proposalId: proposal.id });
  return Object.assign(proposal, proposalFacts(proposal, cosigners, ratings));
}

/**
 * One step of the proposal's table. Touching the row makes its version move even when only a
 * task changed, so two steps on one proposal cannot both commit (the UPDATE checks the version).
 */
export function step(
  ctx: RequestContext,
  em: EntityManager,
  proposal: ProposalRecord,
  action: ProposalAction,
  note: string | null = null,
): void {
  proposalWorkflow.apply({ ...ctx, em }, proposal, action, note);
  touch(proposal);
  // The flush this step ends with bumps the version once: the event carries that version, so a
  // replica keeping the highest sees the steps in order.
  announceProposal(em, ctx.module, proposal, proposal.version + 1);
}

/**
 * Tells replicas that name proposals (plugins' links) how a proposal past drafting now stands.
 * Not a duty event: announcing again adds nothing to anyone's archive.
 */
export function announceProposal(
  em: EntityManager,
  module: string,
  proposal: Proposal,
  version: number,
): void {
  if (proposal.status === 'DRAFT') return;
  emit(
    em,
    module,
    proposalRegistered,
    {
      proposalId: String(proposal.id),
      district: proposal.district,
      title: proposal.title,
      status: proposal.status,
      changedAt: new Date().toISOString(),
      version,
    },
    proposal.district,
  );
}

export function touch(proposal: { changedAt?: Date | null }): void {
  proposal.changedAt = new Date();
}

/** Every proposal past drafting as it stands (seed, `npm run announce`, the first start after an upgrade). */
export async function announceAllProposals(em: EntityManager): Promise<number> {
  const all = await em.find(
    ProposalSchema,
    { status: { $ne: 'DRAFT' } },
    { filters: false, orderBy: { id: 'asc' } },
  );
  await writeInBatches(em, all, (p) => announceProposal(em, 'proposals', p, p.version));
  await em.flush();
  return all.length;
}

/** Refuses a caller who is not of `roles` in `district`; `what` names the record in the message. */
export function requireOffice(
  ctx: RequestContext,
  district: string,
  what: string,
  roles: ('staff' | 'leader' | 'operator')[] = ['staff'],
): void {
  if (!hasRole(ctx.caller, ...roles) || !ctx.caller.districts.includes(district)) {
    throw appError(
      ErrorCode.FORBIDDEN,
      `${what} is recorded by ${roles.join(' or ')} of district ${district}`,
    );
  }
}
