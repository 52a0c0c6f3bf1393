import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  addDays,
  appError,
  assertKnownDistrict,
  audit,
  AuditEntrySchema,
  checkTitle,
  emit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  parseDate,
  type RequestContext,
  today,
} from '@cppcc/kit';
import { opinionItemSubmitted, proposalFiled, proposalSubmitted } from '@cppcc/events';
import { announceProposalSubject } from './instructions.js';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import { OpinionAuthorSchema, OpinionItemSchema } from '../entities/opinion-item.entity.js';
import {
  ProposalSchema,
  type Attachment,
  type CollectiveKind,
  type ConversionTarget,
  type Proposal,
  type ProposalCategory,
  type ProposalKind,
  type ProposalWindow,
} from '../entities/proposal.entity.js';
import { MemberRefSchema } from '../entities/refs.entity.js';
import {
  cosignerWorkflow,
  proposalWorkflow,
  type CosignerRecord,
  type ProposalAction,
} from '../workflow.js';
import {
  announceProposal,
  checkVersion,
  proposalText,
  loadFacts,
  loadProposal,
  requireText,
  step,
  touch,
} from './common.js';
import { suggestionFromProposal } from './suggestions.js';

export interface ProposalInput {
  title: string;
  category: ProposalCategory;
  situation: string;
  analysis: string;
  suggestions: string;
  kind?: ProposalKind | null;
  window?: ProposalWindow | null;
  term?: number | null;
  session?: number | null;
  collectiveKind?: CollectiveKind | null;
  collectiveName?: string | null;
  attachments?: Attachment[] | null;
}

/** Rules that tie fields together (each field's own rules are in the input type). */
function checkShape(input: ProposalInput): void {
  const kind = input.kind ?? 'INDIVIDUAL';
  if (kind === 'COLLECTIVE') {
    if (!input.collectiveKind)
      throw inputError(
        'input.collectiveKind',
        'required',
        'a collective proposal names the kind of body that proposes it',
      );
    if (!input.collectiveName?.trim())
      throw inputError(
        'input.collectiveName',
        'required',
        'a collective proposal names the body that proposes it',
      );
  } else if (input.collectiveKind || input.collectiveName) {
    throw inputError(
      'input.collectiveName',
      'collective-only',
      'only a collective proposal names a proposing body',
    );
  }
  if (input.session != null && input.term == null)
    throw inputError('input.term', 'required', 'a session (次会议) belongs to a term (届)');
}

function fields(input: ProposalInput) {
  return {
    title: input.title.trim(),
    category: input.category,
    situation: input.situation.trim(),
    analysis: input.analysis.trim(),
    suggestions: input.suggestions.trim(),
    kind: input.kind ?? 'INDIVIDUAL',
    window: input.window ?? 'INTER_SESSION',
    term: input.term ?? null,
    session: input.session ?? null,
    collectiveKind: input.collectiveKind ?? null,
    collectiveName: input.collectiveName?.trim() || null,
    attachments: input.attachments?.map((a) => ({ name: a.name.trim(), url: a.url.trim() })) ?? [],
  };
}

/** The three parts must each say something before a proposal goes to review. */
function checkComplete(p: Proposal): void {
  for (const part of ['situation', 'analysis', 'suggestions'] as const) {
    if (!p[part].trim())
      throw inputError(part, 'required', `the ${part} part must not be empty before submission`);
  }
  // A draft saved before the title rule may still have a short title.
  checkTitle(p.title, 'title');
}

/** Co-authors are the co-signers who accepted by submission: the members subgraph scores joint work from them. */
function announceSubmitted(
  em: EntityManager,
  ctx: RequestContext,
  p: Proposal,
  coAuthorIds: number[],
): void {
  emit(
    em,
    ctx.module,
    proposalSubmitted,
    {
      proposalId: String(p.id),
      authorId: String(p.authorId),
      coAuthorIds: coAuthorIds.map(String),
      title: p.title,
      submittedAt: p.submittedAt.toISOString(),
    },
    p.district,
  );
}

async function callerMember(ctx: RequestContext): Promise<{ memberId: string; district: string }> {
  const { memberId, district } = ctx.caller;
  if (!memberId || !district)
    throw appError(ErrorCode.FORBIDDEN, 'only a member may write a proposal');
  await assertKnownDistrict(ctx, district, 'caller.district');
  return { memberId, district };
}

function create(
  em: EntityManager,
  memberId: string,
  district: string,
  input: ProposalInput,
  status: 'DRAFT' | 'SUBMITTED',
): Proposal {
  const now = new Date();
  return em.create(ProposalSchema, {
    district,
    caseNumber: null,
    ...fields(input),
    year: now.getUTCFullYear(),
    status,
    authorId: Number(memberId),
    submittedAt: now,
    filedAt: null,
    public: false,
  });
}

/** A member submits a proposal straight to review (individual or collective; joint ones are drafted first). */
export async function submitProposal(ctx: RequestContext, input: ProposalInput): Promise<Proposal> {
  checkShape(input);
  if (input.kind === 'JOINT')
    throw inputError(
      'input.kind',
      'draft-first',
      'a joint proposal is drafted first (draftProposal) so co-signers can be invited',
    );
  const { memberId, district } = await callerMember(ctx);
  // The proposal, its audit row and its event commit together or not at all.
  return ctx.em.transactional(async (em) => {
    const proposal = create(em, memberId, district, input, 'SUBMITTED');
    checkComplete(proposal);
    await em.flush();
    audit(em, {
      entity: 'proposal',
      entityId: String(proposal.id),
      action: 'submit',
      fromState: null,
      toState: 'SUBMITTED',
      actor: ctx.caller.userId,
      note: null,
    });
    announceSubmitted(em, ctx, proposal, []);
    announceProposal(em, ctx.module, proposal, proposal.version);
    return proposal;
  });
}

/** A member starts a draft; joint proposals invite co-signers while drafting. */
export async function draftProposal(ctx: RequestContext, input: ProposalInput): Promise<Proposal> {
  checkShape(input);
  const { memberId, district } = await callerMember(ctx);
  return ctx.em.transactional(async (em) => {
    const proposal = create(em, memberId, district, input, 'DRAFT');
    await em.flush();
    audit(em, {
      entity: 'proposal',
      entityId: String(proposal.id),
      action: 'draft',
      fromState: null,
      toState: 'DRAFT',
      actor: ctx.caller.userId,
      note: null,
    });
    return proposal;
  });
}

/** The author edits a draft or a proposal returned for revision. */
export async function editProposal(
  ctx: RequestContext,
  id: number,
  version: number,
  input: ProposalInput,
): Promise<Proposal> {
  checkShape(input);
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    proposalWorkflow.check({ ...ctx, em }, proposal, 'edit');
    checkVersion(proposal, version);
    if (
      (input.kind ?? 'INDIVIDUAL') !== proposal.kind &&
      (await em.count(CosignerSchema, { proposalId: id })) > 0
    ) {
      throw inputError(
        'input.kind',
        'has-cosigners',
        'co-signers were invited: the proposal stays joint',
      );
    }
    Object.assign(proposal, fields(input));
    touch(proposal);
    return proposal;
  });
}

/** Invites members of the proposal's district to co-sign a joint draft, answering by `respondBy`. */
export async function inviteCosigners(
  ctx: RequestContext,
  id: number,
  version: number,
  memberIds: number[],
  respondBy: string,
): Promise<Proposal> {
  parseDate(respondBy, 'respondBy');
  if (respondBy < today()) throw inputError('respondBy', 'future', 'must not be in the past');
  if (respondBy > addDays(today(), 30))
    throw inputError('respondBy', 'max', 'must be within 30 days');
  if (memberIds.length === 0) throw inputError('memberIds', 'required', 'name at least one member');
  if (new Set(memberIds).size !== memberIds.length)
    throw inputError('memberIds', 'unique', 'names a member twice');
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    proposalWorkflow.check({ ...ctx, em }, proposal, 'invite');
    checkVersion(proposal, version);
    const refs = await em.find(MemberRefSchema, { id: { $in: memberIds } });
    const existing = await em.find(CosignerSchema, {
      proposalId: id,
      memberId: { $in: memberIds },
    });
    for (const [i, memberId] of memberIds.entries()) {
      const field = `memberIds.${i}`;
      const ref = refs.find((r) => r.id === memberId);
      if (memberId === proposal.authorId)
        throw inputError(field, 'not-author', 'the author does not co-sign their own proposal');
      if (!ref)
        throw appError(ErrorCode.NOT_FOUND, `${field}: member ${memberId} is not known`, {
          field,
          id: String(memberId),
        });
      if (ref.district !== proposal.district)
        throw inputError(
          field,
          'same-district',
          `member ${memberId} belongs to district ${ref.district}, not ${proposal.district}: co-signers come from the proposal's district`,
        );
      if (ref.status !== 'ACTIVE')
        throw inputError(field, 'active', `member ${memberId} is ${ref.status}`);
      const before = existing.find((c) => c.memberId === memberId);
      if (before && (before.status === 'INVITED' || before.status === 'ACCEPTED'))
        throw appError(
          ErrorCode.CONFLICT,
          `${field}: member ${memberId} was already invited (${before.status})`,
          { field },
        );
    }
    for (const memberId of memberIds) {
      const before: CosignerRecord | undefined = existing.find((c) => c.memberId === memberId);
      if (!before) {
        em.create(CosignerSchema, {
          proposalId: id,
          memberId,
          status: 'INVITED',
          respondBy,
          respondedAt: null,
          source: 'INVITATION',
        });
        continue;
      }
      // One row per member and proposal: asking again reopens it, with a fresh deadline.
      before.proposalAuthorId = proposal.authorId;
      cosignerWorkflow.apply({ ...ctx, em }, before, 'reinvite');
      Object.assign(before, { respondBy, respondedAt: null });
    }
    touch(proposal);
    return proposal;
  });
}

/** The invitee accepts or declines, while the proposal is still a draft and before the deadline. */
export async function answerInvitation(
  ctx: RequestContext,
  cosignerId: number,
  action: 'accept' | 'decline',
) {
  return ctx.em.transactional(async (em) => {
    const cosigner = await em.findOne(CosignerSchema, { id: cosignerId });
    if (!cosigner || ctx.caller.memberId !== String(cosigner.memberId))
      throw appError(
        ErrorCode.NOT_FOUND,
        `invitation ${cosignerId} does not exist or is not yours`,
        { id: String(cosignerId) },
      );
    // The invitation is the invitee's own, even once revoked (the draft is then no longer theirs to read).
    const proposal = await em.findOneOrFail(
      ProposalSchema,
      { id: cosigner.proposalId },
      { filters: false },
    );
    const record: CosignerRecord = Object.assign(cosigner, {
      proposalAuthorId: proposal.authorId,
      proposalStatus: proposal.status,
    });
    cosignerWorkflow.apply({ ...ctx, em }, record, action);
    cosigner.respondedAt = new Date();
    touch(proposal);
    return cosigner;
  });
}

/**
 * The lead author takes back an invitation not yet answered (a wrong name, a change of plan),
 * while the proposal is a draft; the member no longer sees the draft and is not waited for.
 */
export async function revokeInvitation(
  ctx: RequestContext,
  cosignerId: number,
  version: number,
  note: string | null,
) {
  return ctx.em.transactional(async (em) => {
    const cosigner: CosignerRecord | null = await em.findOne(CosignerSchema, { id: cosignerId });
    if (!cosigner) throw notFound('invitation', cosignerId);
    const proposal = await loadProposal(em, ctx, cosigner.proposalId).catch(() => {
      throw notFound('invitation', cosignerId);
    });
    checkVersion(proposal, version);
    cosigner.proposalAuthorId = proposal.authorId;
    cosigner.proposalStatus = proposal.status;
    cosignerWorkflow.apply({ ...ctx, em }, cosigner, 'revoke', note?.trim() || null);
    cosigner.respondedAt = new Date();
    touch(proposal);
    return cosigner;
  });
}

/** The author sends a draft (or a returned proposal) to review. */
export async function submitDraft(
  ctx: RequestContext,
  id: number,
  version: number,
  note: string | null,
): Promise<Proposal> {
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    if (proposal.status === 'DRAFT' || proposal.status === 'RETURNED') checkComplete(proposal);
    await loadFacts(em, proposal);
    const first = proposal.status === 'DRAFT';
    step(ctx, em, proposal, 'submit', note);
    if (first) {
      proposal.submittedAt = new Date();
      proposal.year = proposal.submittedAt.getUTCFullYear();
      announceSubmitted(em, ctx, proposal, await acceptedCosigners(em, id));
    }
    proposal.statusNote = null;
    return proposal;
  });
}

export async function acceptedCosigners(em: EntityManager, proposalId: number): Promise<number[]> {
  return (
    await em.find(CosignerSchema, { proposalId, status: 'ACCEPTED' }, { orderBy: { id: 'asc' } })
  ).map((c) => c.memberId);
}

/** Review decisions of staff and the author's answers that need nothing but a note. */
export async function review(
  ctx: RequestContext,
  id: number,
  action: Extract<
    ProposalAction,
    'file' | 'reject' | 'returnForRevision' | 'withdraw' | 'declineConversion'
  >,
  version: number,
  note: string | null,
): Promise<Proposal> {
  const needsReason = action === 'reject' || action === 'returnForRevision';
  const reason = needsReason ? requireText(note, 'note') : note?.trim() || null;
  const decide = () =>
    ctx.em.transactional(async (em) => {
      const proposal = await loadProposal(em, ctx, id);
      checkVersion(proposal, version);
      step(ctx, em, proposal, action, reason);
      if (needsReason) proposal.statusNote = reason;
      if (action === 'declineConversion') {
        proposal.convertedTo = null;
        proposal.conversionFrom = null;
        // Back to not filed: the proposer is told again why it was not filed.
        if (proposal.status === 'NOT_FILED') proposal.statusNote = await rejectReason(em, id);
      }
      if (proposal.status === 'FILED') {
        const count = await em.count(
          ProposalSchema,
          { district: proposal.district, year: proposal.year, caseNumber: { $ne: null } },
          { filters: false },
        );
        proposal.caseNumber = `${proposal.year}-${String(count + 1).padStart(4, '0')}`;
        proposal.filedAt = new Date();
        proposal.public = true;
        proposal.statusNote = null;
        emit(
          em,
          ctx.module,
          proposalFiled,
          {
            proposalId: String(proposal.id),
            authorId: String(proposal.authorId),
            coAuthorIds: (await acceptedCosigners(em, proposal.id)).map(String),
            caseNumber: proposal.caseNumber,
            filedAt: proposal.filedAt.toISOString(),
          },
          proposal.district,
        );
        await announceProposalSubject(em, ctx.module, proposal);
      }
      return proposal;
    });
  // Two proposals of a district filed at once draw the same case number (each counts the filed ones
  // before the other commits) and the unique index refuses the later: it runs again and counts anew.
  // Nothing of the refused attempt was written, so the staff member never sees the race.
  for (let attempt = 1; ; attempt++) {
    try {
      return await decide();
    } catch (err) {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      if (attempt === CASE_NUMBER_ATTEMPTS)
        throw appError(
          ErrorCode.CONFLICT,
          `proposal ${id}: other proposals kept being filed at the same moment; file it again`,
          { field: 'id' },
        );
      ctx.em.clear();
    }
  }
}

/** How often filing draws a case number again after a simultaneous filing took it. */
const CASE_NUMBER_ATTEMPTS = 5;

/** Why staff did not file the proposal: the note of its latest `reject` step. */
async function rejectReason(em: EntityManager, id: number): Promise<string | null> {
  const [last] = await em.find(
    AuditEntrySchema,
    { entity: 'proposal', entityId: String(id), action: 'reject' },
    { orderBy: { id: 'desc' }, limit: 1 },
  );
  return last?.note ?? null;
}

/** Staff propose turning a proposal into a member suggestion or an opinion item; the author must consent. */
export async function proposeConversion(
  ctx: RequestContext,
  id: number,
  version: number,
  target: ConversionTarget,
  note: string,
): Promise<Proposal> {
  const reason = requireText(note, 'note');
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    const from = proposal.status;
    step(ctx, em, proposal, 'proposeConversion', `${target}: ${reason}`);
    proposal.conversionFrom = from;
    proposal.convertedTo = target;
    proposal.statusNote = reason;
    return proposal;
  });
}

/** The author consents; the conversion becomes a member suggestion to forward, or a submitted opinion item. */
export async function consentConversion(
  ctx: RequestContext,
  id: number,
  version: number,
): Promise<Proposal> {
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    step(ctx, em, proposal, 'consentConversion');
    const authorIds = [proposal.authorId, ...(await acceptedCosigners(em, id))];
    if (proposal.convertedTo === 'SUGGESTION')
      await suggestionFromProposal(em as EntityManager, ctx, proposal, authorIds);
    if (proposal.convertedTo === 'OPINION_ITEM') {
      const day = today();
      const item = em.create(OpinionItemSchema, {
        district: proposal.district,
        title: proposal.title,
        content: proposalText(proposal),
        editedContent: null,
        category: proposal.category,
        source: 'MEMBER',
        sourceName: null,
        status: 'SUBMITTED',
        statusNote: null,
        submittedOn: day,
        issueId: null,
        reportedTo: null,
        reportedOn: null,
        feedback: null,
        fedBackOn: null,
        fromProposalId: proposal.id,
        public: false,
      });
      await em.flush();
      for (const memberId of authorIds)
        em.create(OpinionAuthorSchema, { itemId: item.id, memberId });
      audit(em, {
        entity: 'opinion_item',
        entityId: String(item.id),
        action: 'convert',
        fromState: null,
        toState: 'SUBMITTED',
        actor: ctx.caller.userId,
        note: `from proposal ${proposal.id}`,
      });
      emit(
        em,
        ctx.module,
        opinionItemSubmitted,
        {
          itemId: String(item.id),
          authorIds: authorIds.map(String),
          title: item.title,
          submittedOn: day,
        },
        item.district,
      );
      proposal.convertedItemId = item.id;
    }
    return proposal;
  });
}

/** Staff merge a submitted proposal into a similar one (并案); its proposers join the other as co-signers. */
export async function mergeProposal(
  ctx: RequestContext,
  id: number,
  version: number,
  intoId: number,
  note: string | null,
): Promise<Proposal> {
  if (intoId === id) throw inputError('intoId', 'other', 'a proposal is not merged into itself');
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, id);
    checkVersion(proposal, version);
    const target = await loadProposal(em, ctx, intoId);
    if (target.district !== proposal.district)
      throw inputError(
        'intoId',
        'same-district',
        `proposal ${intoId} belongs to district ${target.district}`,
      );
    if (target.status !== 'SUBMITTED' && target.status !== 'FILED')
      throw inputError(
        'intoId',
        'open',
        `proposal ${intoId} is ${target.status}: merge into a proposal under review or filed and not yet assigned`,
      );
    step(ctx, em, proposal, 'merge', note?.trim() || `merged into ${intoId}`);
    proposal.mergedIntoId = intoId;
    const joining = [proposal.authorId, ...(await acceptedCosigners(em, id))];
    const present = new Set([
      target.authorId,
      ...(await em.find(CosignerSchema, { proposalId: intoId })).map((c) => c.memberId),
    ]);
    for (const memberId of joining) {
      if (present.has(memberId)) continue;
      em.create(CosignerSchema, {
        proposalId: intoId,
        memberId,
        status: 'ACCEPTED',
        respondBy: today(),
        respondedAt: new Date(),
        source: 'MERGE',
      });
    }
    touch(target);
    return proposal;
  });
}
