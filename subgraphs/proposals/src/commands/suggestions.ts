import {
  appError,
  audit,
  callerUnit,
  canSeeDistrict,
  type EntityManager,
  ErrorCode,
  hasRole,
  notFound,
  parseDate,
  type RequestContext,
  today,
  staleVersion,
} from '@cppcc/kit';
import type { Proposal } from '../entities/proposal.entity.js';
import { MemberSuggestionSchema, type MemberSuggestion } from '../entities/suggestion.entity.js';
import { suggestionWorkflow, type SuggestionAction } from '../workflow.js';
import { proposalText, requireText } from './common.js';
import { checkUnits } from './handling.js';

/** The converted proposal becomes a suggestion to be forwarded; called in the consent's transaction. */
export async function suggestionFromProposal(
  em: EntityManager,
  ctx: RequestContext,
  proposal: Proposal,
  authorIds: number[],
): Promise<MemberSuggestion> {
  const suggestion = em.create(MemberSuggestionSchema, {
    district: proposal.district,
    proposalId: proposal.id,
    title: proposal.title,
    content: proposalText(proposal),
    authorIds,
    status: 'RECEIVED',
    unitId: null,
    forwardedOn: null,
    answer: null,
    answeredOn: null,
    createdAt: new Date(),
    public: false,
  });
  await em.flush();
  audit(em, {
    entity: 'member_suggestion',
    entityId: String(suggestion.id),
    action: 'convert',
    fromState: null,
    toState: 'RECEIVED',
    actor: ctx.caller.userId,
    note: `from proposal ${proposal.id}`,
  });
  return suggestion;
}

/** Seen by the district's staff, its authors, and the unit it went to (not every unit of the district). */
export function maySeeSuggestion(ctx: RequestContext, s: MemberSuggestion): boolean {
  return (
    (hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, s.district)) ||
    (ctx.caller.memberId !== null && s.authorIds.includes(Number(ctx.caller.memberId))) ||
    (s.unitId !== null && callerUnit(ctx.caller) === s.unitId)
  );
}

async function load(
  em: EntityManager,
  ctx: RequestContext,
  id: number,
  version: number,
): Promise<MemberSuggestion> {
  const s = await em.findOne(MemberSuggestionSchema, { id }, { filters: false });
  if (!s || !maySeeSuggestion(ctx, s)) throw notFound('member suggestion', id);
  if (s.version !== version) throw staleVersion(`member suggestion ${id}`, s.version, version);
  return s;
}

async function move(
  ctx: RequestContext,
  id: number,
  version: number,
  action: SuggestionAction,
  note: string | null,
  change: (s: MemberSuggestion) => void,
): Promise<MemberSuggestion> {
  return ctx.em.transactional(async (em) => {
    const s = await load(em, ctx, id, version);
    suggestionWorkflow.apply({ ...ctx, em }, s, action, note);
    change(s);
    return s;
  });
}

/** Staff forward the suggestion to one unit of its district, for reference. */
export async function forwardSuggestion(
  ctx: RequestContext,
  id: number,
  version: number,
  unitId: number,
  on: string | null,
  note: string | null,
): Promise<MemberSuggestion> {
  const day = on ? parseDate(on, 'on') : today();
  const pre = await ctx.em.findOne(MemberSuggestionSchema, { id }, { filters: false });
  // The unit is checked only for a caller the table lets forward: others hear why they may not, not about the unit.
  if (
    pre &&
    maySeeSuggestion(ctx, pre) &&
    suggestionWorkflow.available(ctx, pre).includes('forward')
  )
    await checkUnits(ctx, pre.district, [{ unitId, field: 'unitId' }]);
  return move(ctx, id, version, 'forward', note, (s) =>
    Object.assign(s, { unitId, forwardedOn: day }),
  );
}

/** Staff keep it on file when no unit is concerned; the reason is told to its authors. */
export async function archiveSuggestion(
  ctx: RequestContext,
  id: number,
  version: number,
  reason: string,
): Promise<MemberSuggestion> {
  const why = requireText(reason, 'reason');
  return move(ctx, id, version, 'archive', why, () => undefined);
}

/** The unit it went to answers what it makes of it. */
export async function answerSuggestion(
  ctx: RequestContext,
  id: number,
  version: number,
  answer: string,
  on: string | null,
): Promise<MemberSuggestion> {
  const text = requireText(answer, 'answer');
  const day = on ? parseDate(on, 'on') : today();
  return move(ctx, id, version, 'answer', null, (s) => {
    if (s.forwardedOn && day < s.forwardedOn)
      throw appError(
        ErrorCode.BAD_USER_INPUT,
        `on: the answer cannot come before the suggestion was forwarded (${s.forwardedOn})`,
        { field: 'on', rule: 'order' },
      );
    Object.assign(s, { answer: text, answeredOn: day });
  });
}
