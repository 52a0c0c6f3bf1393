import {
  appError,
  audit,
  callerUnit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  parseDate,
  type RequestContext,
  today,
} from '@cppcc/kit';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import {
  KeyProposalSchema,
  SupervisionSchema,
  type KeyProposal,
  type SupervisionKind,
} from '../entities/key-proposal.entity.js';
import { ConsultationRefSchema, type ConsultationRefKind } from '../entities/refs.entity.js';
import { loadProposal, requireOffice, requireText } from './common.js';
import { announceHonour, requireFiled } from './honours.js';

/** 一体两用: the consultation activity and research project a key proposal grew from, by consultation's ids. */
export interface KeyOrigin {
  consultationId?: number | null;
  researchProjectId?: number | null;
}

export interface KeyProposalInput extends KeyOrigin {
  proposalId: number;
  year: number;
  chairMeetingOn: string;
  leaderName: string;
  leaderTitle: string;
  topLeader: boolean;
}

/**
 * Checks a named origin against the replica of consultation's records: it must exist, be of the
 * key proposal's district and, for an activity, not be cancelled (a proposal cannot have grown
 * from a consultation that never took place). Returns a note for the audit trail.
 */
async function checkOrigin(
  em: EntityManager,
  district: string,
  origin: KeyOrigin,
  prefix: string,
): Promise<string | null> {
  const named: [ConsultationRefKind, number, string, string][] = [];
  if (origin.consultationId != null)
    named.push([
      'ACTIVITY',
      origin.consultationId,
      `${prefix}consultationId`,
      'consultation activity',
    ]);
  if (origin.researchProjectId != null)
    named.push([
      'RESEARCH',
      origin.researchProjectId,
      `${prefix}researchProjectId`,
      'research project',
    ]);
  const notes: string[] = [];
  for (const [kind, id, field, what] of named) {
    const ref = await em.findOne(ConsultationRefSchema, { kind, id });
    if (!ref) throw inputError(field, 'exists', `no ${what} has id ${id}`);
    if (ref.district !== district)
      throw inputError(
        field,
        'same-district',
        `${what} ${id} belongs to district ${ref.district}, not ${district}`,
      );
    if (ref.status === 'CANCELLED')
      throw inputError(field, 'not-cancelled', `${what} ${id} was cancelled`);
    notes.push(`${what} ${id}《${ref.title}》`);
  }
  return notes.length ? notes.join('; ') : null;
}

/** The chair meeting chooses a key proposal (重点提案) and names the leader who supervises it. */
export async function designateKeyProposal(
  ctx: RequestContext,
  input: KeyProposalInput,
): Promise<KeyProposal> {
  const chairMeetingOn = parseDate(input.chairMeetingOn, 'input.chairMeetingOn');
  const leaderName = requireText(input.leaderName, 'input.leaderName', 50);
  const leaderTitle = requireText(input.leaderTitle, 'input.leaderTitle', 50);
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, input.proposalId);
    requireOffice(ctx, proposal.district, 'a key proposal', ['staff', 'leader']);
    requireFiled(proposal, 'input.proposalId');
    if (input.year !== proposal.year)
      throw inputError(
        'input.year',
        'proposal-year',
        `proposal ${proposal.id} is of ${proposal.year}`,
      );
    if (await em.count(KeyProposalSchema, { proposalId: proposal.id }))
      throw appError(
        ErrorCode.CONFLICT,
        `input.proposalId: proposal ${proposal.id} is already a key proposal`,
        { field: 'input.proposalId' },
      );
    const origin = await checkOrigin(em, proposal.district, input, 'input.');
    const key = em.create(KeyProposalSchema, {
      proposalId: proposal.id,
      district: proposal.district,
      year: input.year,
      chairMeetingOn,
      leaderName,
      leaderTitle,
      topLeader: input.topLeader,
      consultationId: input.consultationId ?? null,
      researchProjectId: input.researchProjectId ?? null,
    });
    audit(em, {
      entity: 'proposal',
      entityId: String(proposal.id),
      action: 'designateKey',
      fromState: proposal.status,
      toState: proposal.status,
      actor: ctx.caller.userId,
      note: `${leaderTitle} ${leaderName}${origin ? `; from ${origin}` : ''}`,
    });
    await announceHonour(em, ctx, proposal, 'KEY', chairMeetingOn);
    return key;
  });
}

/**
 * Names (or, with nulls, clears) the consultation activity and research project a key proposal
 * grew from, when that was seen after the chair meeting chose it. Staff or leaders of its district.
 */
export async function setKeyProposalOrigin(
  ctx: RequestContext,
  keyProposalId: number,
  origin: KeyOrigin,
): Promise<KeyProposal> {
  return ctx.em.transactional(async (em) => {
    const key = await em.findOne(KeyProposalSchema, { id: keyProposalId });
    if (!key) throw notFound('key proposal', keyProposalId);
    requireOffice(ctx, key.district, 'the origin of a key proposal', ['staff', 'leader']);
    const note = await checkOrigin(em, key.district, origin, '');
    key.consultationId = origin.consultationId ?? null;
    key.researchProjectId = origin.researchProjectId ?? null;
    audit(em, {
      entity: 'proposal',
      entityId: String(key.proposalId),
      action: 'setKeyOrigin',
      fromState: null,
      toState: 'KEY',
      actor: ctx.caller.userId,
      note: note ?? 'origin cleared',
    });
    return key;
  });
}

/** A supervision meeting (督办协商会) or progress report on a key proposal. */
export async function recordSupervision(
  ctx: RequestContext,
  keyProposalId: number,
  kind: SupervisionKind,
  heldOn: string,
  text: string,
) {
  const day = parseDate(heldOn, 'heldOn');
  if (day > today()) throw inputError('heldOn', 'past', 'must not be in the future');
  const body = requireText(text, 'text', 10000);
  return ctx.em.transactional(async (em) => {
    const key = await em.findOne(KeyProposalSchema, { id: keyProposalId });
    if (!key) throw notFound('key proposal', keyProposalId);
    const unit = callerUnit(ctx.caller);
    const unitOnIt =
      unit !== null &&
      (await em.count(HandlingTaskSchema, {
        proposalId: key.proposalId,
        unitId: unit,
        role: { $in: ['LEAD', 'SOLE', 'SEPARATE'] },
      })) > 0;
    // Progress reports come from the unit handling it too; meetings are recorded by the committee.
    if (!(kind === 'PROGRESS_REPORT' && unitOnIt))
      requireOffice(ctx, key.district, 'supervision of a key proposal', ['staff', 'leader']);
    const row = em.create(SupervisionSchema, {
      keyProposalId,
      kind,
      heldOn: day,
      text: body,
      recordedBy: ctx.caller.userId,
    });
    audit(em, {
      entity: 'proposal',
      entityId: String(key.proposalId),
      action: kind === 'MEETING' ? 'superviseMeeting' : 'progressReport',
      fromState: null,
      toState: 'KEY',
      actor: ctx.caller.userId,
      note: body.slice(0, 200),
    });
    return row;
  });
}
