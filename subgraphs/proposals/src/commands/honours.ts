import { appError, assertWritableDistrict, audit, callerUnit, emit, ErrorCode, hasRole, inputError, notFound, type EntityManager, type RequestContext } from '@cppcc/kit';
import { instructionReceived, proposalHonoured } from '@cppcc/events';
import { AwardSchema, HANDLING_CRITERIA, HandlingScoreSchema, QUALITY_CRITERIA, QualityScoreSchema } from '../entities/evaluation.entity.js';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import { KeyProposalSchema, SupervisionSchema, type KeyProposal, type SupervisionKind } from '../entities/key-proposal.entity.js';
import { InstructionSchema, OpinionAuthorSchema, OpinionItemSchema, type AdoptionLevel, type Instruction, type InstructionSubject } from '../entities/opinion-item.entity.js';
import { FILED_STATUSES, ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { ConsultationRefSchema, type ConsultationRefKind } from '../entities/refs.entity.js';
import { GradeWordingSchema, type Grade } from '../entities/reply.entity.js';
import { acceptedCosigners } from './proposals.js';
import { loadProposal, parseDay, requireText, today } from './common.js';

function staffOf(ctx: RequestContext, district: string, what: string, roles: ('staff' | 'leader' | 'operator')[] = ['staff']): void {
  if (!hasRole(ctx.caller, ...roles) || !ctx.caller.districts.includes(district)) {
    throw appError(ErrorCode.FORBIDDEN, `${what} is recorded by ${roles.join(' or ')} of district ${district}`);
  }
}

function requireFiled(p: Proposal, field = 'proposalId'): void {
  if (!FILED_STATUSES.includes(p.status)) throw inputError(field, 'filed', `proposal ${p.id} is ${p.status}: only a filed proposal can be honoured`);
}

async function honour(em: EntityManager, ctx: RequestContext, p: Proposal, honour: 'KEY' | 'EXCELLENT', on: string): Promise<void> {
  emit(em, ctx.module, proposalHonoured, {
    proposalId: String(p.id),
    authorId: String(p.authorId),
    coAuthorIds: (await acceptedCosigners(em, p.id)).map(String),
    caseNumber: p.caseNumber!,
    title: p.title,
    honour,
    on,
  }, p.district);
}

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
async function checkOrigin(em: EntityManager, district: string, origin: KeyOrigin, prefix: string): Promise<string | null> {
  const named: [ConsultationRefKind, number, string, string][] = [];
  if (origin.consultationId != null) named.push(['ACTIVITY', origin.consultationId, `${prefix}consultationId`, 'consultation activity']);
  if (origin.researchProjectId != null) named.push(['RESEARCH', origin.researchProjectId, `${prefix}researchProjectId`, 'research project']);
  const notes: string[] = [];
  for (const [kind, id, field, what] of named) {
    const ref = await em.findOne(ConsultationRefSchema, { kind, id });
    if (!ref) throw inputError(field, 'exists', `no ${what} has id ${id}`);
    if (ref.district !== district) throw inputError(field, 'same-district', `${what} ${id} belongs to district ${ref.district}, not ${district}`);
    if (ref.status === 'CANCELLED') throw inputError(field, 'not-cancelled', `${what} ${id} was cancelled`);
    notes.push(`${what} ${id}《${ref.title}》`);
  }
  return notes.length ? notes.join('; ') : null;
}

/** The chair meeting chooses a key proposal (重点提案) and names the leader who supervises it. */
export async function designateKeyProposal(ctx: RequestContext, input: KeyProposalInput): Promise<KeyProposal> {
  const chairMeetingOn = parseDay(input.chairMeetingOn, 'input.chairMeetingOn');
  const leaderName = requireText(input.leaderName, 'input.leaderName', 50);
  const leaderTitle = requireText(input.leaderTitle, 'input.leaderTitle', 50);
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, input.proposalId);
    staffOf(ctx, proposal.district, 'a key proposal', ['staff', 'leader']);
    requireFiled(proposal, 'input.proposalId');
    if (input.year !== proposal.year) throw inputError('input.year', 'proposal-year', `proposal ${proposal.id} is of ${proposal.year}`);
    if (await em.count(KeyProposalSchema, { proposalId: proposal.id })) throw appError(ErrorCode.CONFLICT, `input.proposalId: proposal ${proposal.id} is already a key proposal`, { field: 'input.proposalId' });
    const origin = await checkOrigin(em, proposal.district, input, 'input.');
    const key = em.create(KeyProposalSchema, {
      proposalId: proposal.id, district: proposal.district, year: input.year, chairMeetingOn, leaderName, leaderTitle, topLeader: input.topLeader,
      consultationId: input.consultationId ?? null, researchProjectId: input.researchProjectId ?? null,
    });
    audit(em, { entity: 'proposal', entityId: String(proposal.id), action: 'designateKey', fromState: proposal.status, toState: proposal.status, actor: ctx.caller.userId, note: `${leaderTitle} ${leaderName}${origin ? `; from ${origin}` : ''}` });
    await honour(em, ctx, proposal, 'KEY', chairMeetingOn);
    return key;
  });
}

/**
 * Names (or, with nulls, clears) the consultation activity and research project a key proposal
 * grew from, when that was seen after the chair meeting chose it. Staff or leaders of its district.
 */
export async function setKeyProposalOrigin(ctx: RequestContext, keyProposalId: number, origin: KeyOrigin): Promise<KeyProposal> {
  return ctx.em.transactional(async (em) => {
    const key = await em.findOne(KeyProposalSchema, { id: keyProposalId });
    if (!key) throw notFound('key proposal', keyProposalId);
    staffOf(ctx, key.district, 'the origin of a key proposal', ['staff', 'leader']);
    const note = await checkOrigin(em, key.district, origin, '');
    key.consultationId = origin.consultationId ?? null;
    key.researchProjectId = origin.researchProjectId ?? null;
    audit(em, { entity: 'proposal', entityId: String(key.proposalId), action: 'setKeyOrigin', fromState: null, toState: 'KEY', actor: ctx.caller.userId, note: note ?? 'origin cleared' });
    return key;
  });
}

/** A supervision meeting (督办协商会) or progress report on a key proposal. */
export async function recordSupervision(ctx: RequestContext, keyProposalId: number, kind: SupervisionKind, heldOn: string, text: string) {
  const day = parseDay(heldOn, 'heldOn');
  if (day > today()) throw inputError('heldOn', 'past', 'must not be in the future');
  const body = requireText(text, 'text', 10000);
  return ctx.em.transactional(async (em) => {
    const key = await em.findOne(KeyProposalSchema, { id: keyProposalId });
    if (!key) throw notFound('key proposal', keyProposalId);
    const unit = callerUnit(ctx.caller);
    const unitOnIt = unit !== null && (await em.count(HandlingTaskSchema, { proposalId: key.proposalId, unitId: unit, role: { $in: ['LEAD', 'SOLE', 'SEPARATE'] } })) > 0;
    // Progress reports come from the unit handling it too; meetings are recorded by the committee.
    if (!(kind === 'PROGRESS_REPORT' && unitOnIt)) staffOf(ctx, key.district, 'supervision of a key proposal', ['staff', 'leader']);
    const row = em.create(SupervisionSchema, { keyProposalId, kind, heldOn: day, text: body, recordedBy: ctx.caller.userId });
    audit(em, { entity: 'proposal', entityId: String(key.proposalId), action: kind === 'MEETING' ? 'superviseMeeting' : 'progressReport', fromState: null, toState: 'KEY', actor: ctx.caller.userId, note: body.slice(0, 200) });
    return row;
  });
}

/** 优秀提案: staff award a filed proposal for a year. */
export async function awardExcellent(ctx: RequestContext, proposalId: number, year: number, awardedOn: string) {
  const day = parseDay(awardedOn, 'awardedOn');
  return ctx.em.transactional(async (em) => {
    const proposal = await loadProposal(em, ctx, proposalId);
    staffOf(ctx, proposal.district, 'an excellent-proposal award');
    requireFiled(proposal);
    if (year < proposal.year) throw inputError('year', 'after-proposal', `proposal ${proposalId} is of ${proposal.year}`);
    if (await em.count(AwardSchema, { proposalId, year })) throw appError(ErrorCode.CONFLICT, `proposal ${proposalId} was already awarded for ${year}`, { field: 'proposalId' });
    const award = em.create(AwardSchema, { proposalId, district: proposal.district, year, awardedOn: day });
    audit(em, { entity: 'proposal', entityId: String(proposalId), action: 'awardExcellent', fromState: proposal.status, toState: proposal.status, actor: ctx.caller.userId, note: String(year) });
    await honour(em, ctx, proposal, 'EXCELLENT', day);
    return award;
  });
}

function checkScores(scores: Record<string, number>, criteria: readonly string[], max: number, field: string): number {
  for (const c of criteria) {
    const v = scores[c];
    if (v == null) throw inputError(`${field}.${c}`, 'required', `score ${c} is missing`);
    if (!Number.isInteger(v) || v < 0 || v > max) throw inputError(`${field}.${c}`, 'range', `must be a whole number from 0 to ${max}`);
  }
  return criteria.reduce((sum, c) => sum + scores[c], 0);
}

const EVALUABLE = ['REPLIED', 'RATED', 'UNSATISFIED', 'CLOSED'];

/** 双向评议, one side: a unit that replied scores the proposal's quality (five criteria, 20 each). */
export async function scoreProposalQuality(ctx: RequestContext, taskId: number, scores: Record<string, number>) {
  const total = checkScores(scores, QUALITY_CRITERIA, 20, 'scores');
  return ctx.em.transactional(async (em) => {
    const task = await em.findOne(HandlingTaskSchema, { id: taskId });
    if (!task || callerUnit(ctx.caller) !== task.unitId) throw notFound('handling task of your unit', taskId);
    const proposal = await loadProposal(em, ctx, task.proposalId);
    if (!EVALUABLE.includes(proposal.status) || task.status !== 'ACCEPTED') throw inputError('taskId', 'replied', `the unit scores a proposal once its reply was accepted (task is ${task.status})`);
    if (await em.count(QualityScoreSchema, { taskId })) throw appError(ErrorCode.CONFLICT, `task ${taskId}: the proposal was already scored`, { field: 'taskId' });
    // The trail says who scored, not the score: the evaluation is back to back.
    audit(em, { entity: 'proposal', entityId: String(proposal.id), action: 'scoreQuality', fromState: proposal.status, toState: proposal.status, actor: ctx.caller.userId, note: `task ${taskId}` });
    return em.create(QualityScoreSchema, { proposalId: proposal.id, taskId, unitId: task.unitId, scores, total, scoredAt: new Date() });
  });
}

/** The other side: a proposer scores a unit's handling (four criteria, 25 each). */
export async function scoreHandlingQuality(ctx: RequestContext, taskId: number, scores: Record<string, number>) {
  const total = checkScores(scores, HANDLING_CRITERIA, 25, 'scores');
  return ctx.em.transactional(async (em) => {
    const task = await em.findOne(HandlingTaskSchema, { id: taskId });
    if (!task) throw notFound('handling task', taskId);
    const proposal = await loadProposal(em, ctx, task.proposalId);
    const memberId = Number(ctx.caller.memberId);
    const proposers = [proposal.authorId, ...(await acceptedCosigners(em, proposal.id))];
    if (!ctx.caller.memberId || !proposers.includes(memberId)) throw appError(ErrorCode.FORBIDDEN, `task ${taskId}: only the proposers score its handling`);
    if (!EVALUABLE.includes(proposal.status) || task.status !== 'ACCEPTED') throw inputError('taskId', 'replied', `handling is scored once the unit's reply was accepted (task is ${task.status})`);
    if (await em.count(HandlingScoreSchema, { taskId, memberId })) throw appError(ErrorCode.CONFLICT, `task ${taskId}: you already scored it`, { field: 'taskId' });
    audit(em, { entity: 'proposal', entityId: String(proposal.id), action: 'scoreHandling', fromState: proposal.status, toState: proposal.status, actor: ctx.caller.userId, note: `task ${taskId}` });
    return em.create(HandlingScoreSchema, { proposalId: proposal.id, taskId, unitId: task.unitId, memberId, scores, total, scoredAt: new Date() });
  });
}

/** A district sets its own wording for a reply grade. */
export async function setGradeWording(ctx: RequestContext, district: string, grade: Grade, wording: string) {
  const text = requireText(wording, 'wording', 200);
  await assertWritableDistrict(ctx, district);
  return ctx.em.transactional(async (em) => {
    await em.upsert(GradeWordingSchema, { district, grade, wording: text });
    audit(em, { entity: 'reply_grade_wording', entityId: `${district}:${grade}`, action: 'set', fromState: null, toState: grade, actor: ctx.caller.userId, note: text });
    return { district, grade, wording: text };
  });
}

export interface InstructionInput {
  subjectType: InstructionSubject;
  subjectId: number;
  leader: string;
  level: AdoptionLevel;
  text: string;
  instructedOn: string;
}

/** 批示: staff (or a leader) record a leader's written instruction on a proposal or an item; the authors' archives hear of it. */
export async function recordInstruction(ctx: RequestContext, input: InstructionInput): Promise<Instruction> {
  const instructedOn = parseDay(input.instructedOn, 'input.instructedOn');
  if (instructedOn > today()) throw inputError('input.instructedOn', 'past', 'must not be in the future');
  const leader = requireText(input.leader, 'input.leader', 100);
  const text = requireText(input.text, 'input.text', 5000);
  return ctx.em.transactional(async (em) => {
    let district: string;
    let title: string;
    let memberIds: number[];
    if (input.subjectType === 'PROPOSAL') {
      const p = await em.findOne(ProposalSchema, { id: input.subjectId });
      if (!p) throw appError(ErrorCode.NOT_FOUND, `input.subjectId: proposal ${input.subjectId} does not exist or is not visible to you`, { field: 'input.subjectId' });
      if (!FILED_STATUSES.includes(p.status)) throw inputError('input.subjectId', 'filed', `proposal ${p.id} is ${p.status}: instructions are recorded on filed proposals`);
      ({ district, title } = p);
      memberIds = [p.authorId, ...(await acceptedCosigners(em, p.id))];
    } else {
      const item = await em.findOne(OpinionItemSchema, { id: input.subjectId });
      if (!item) throw appError(ErrorCode.NOT_FOUND, `input.subjectId: opinion item ${input.subjectId} does not exist or is not visible to you`, { field: 'input.subjectId' });
      if (!['ISSUED', 'REPORTED', 'ADOPTED'].includes(item.status)) throw inputError('input.subjectId', 'issued', `item ${item.id} is ${item.status}: instructions are recorded on issued items`);
      ({ district, title } = item);
      memberIds = (await em.find(OpinionAuthorSchema, { itemId: item.id })).map((a) => a.memberId);
    }
    staffOf(ctx, district, 'an instruction', ['staff', 'leader']);
    const row = em.create(InstructionSchema, { district, subjectType: input.subjectType, subjectId: input.subjectId, leader, level: input.level, text, instructedOn, public: false });
    await em.flush();
    audit(em, { entity: input.subjectType === 'PROPOSAL' ? 'proposal' : 'opinion_item', entityId: String(input.subjectId), action: 'instruct', fromState: null, toState: input.level, actor: ctx.caller.userId, note: `${leader}: ${text.slice(0, 200)}` });
    emit(em, ctx.module, instructionReceived, {
      instructionId: String(row.id),
      subjectType: input.subjectType,
      subjectId: String(input.subjectId),
      title,
      leader,
      level: input.level,
      memberIds: memberIds.map(String),
      instructedOn,
    }, district);
    return row;
  });
}
