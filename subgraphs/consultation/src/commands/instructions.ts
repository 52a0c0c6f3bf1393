import {
  audit,
  canSeeDistrict,
  emit,
  type EntityManager,
  inputError,
  type RequestContext,
  type Role,
  today,
} from '@cppcc/kit';
import {
  type instructionHandedOver,
  instructionReceived,
  instructionTakenOver,
} from '@cppcc/events';
import type { z } from 'zod';
import { assertActsIn, visible } from '../access.js';
import {
  InstructionSchema,
  type GovernmentLevel,
  type Instruction,
  type InstructionSubject,
  type LeaderRank,
} from '../entities/instruction.entity.js';
import {
  InstructionSubjectRefSchema,
  type InstructionSubjectRef,
} from '../entities/instruction-subject-ref.entity.js';
import {
  RecommendationSchema,
  type RecommendationKind,
} from '../entities/recommendation.entity.js';
import {
  ResearchProjectSchema,
  ResearchTeamMemberSchema,
} from '../entities/research-project.entity.js';

export interface RecordInstruction {
  subjectType: InstructionSubject;
  subjectId: number;
  leader: string;
  leaderPost: string | null;
  rank: LeaderRank | null;
  level: GovernmentLevel;
  instructedOn: string;
  text: string;
}

interface Subject {
  district: string;
  title: string;
  memberIds: number[];
  /** The day an outcome was submitted: no instruction on it is dated before. */
  since: string | null;
  /** Who records instructions on it: the district's office for proposals' subjects, leaders on outcomes (as before the merger). */
  recorders: Role[];
}

const PROPOSALS_SUBJECT = { PROPOSAL: 'filed proposal', OPINION_ITEM: 'issued opinion item' };

/** A filed proposal or an issued item, as proposals announced it; null when it announced none. */
export function proposalsSubject(
  ctx: RequestContext,
  type: 'PROPOSAL' | 'OPINION_ITEM',
  id: number,
): Promise<InstructionSubjectRef | null> {
  return ctx.loaders
    .many(InstructionSubjectRefSchema, 'subjectId', { subjectType: type }, true)
    .load(id)
    .then((rows) => rows[0] ?? null);
}

/**
 * May the caller read the instructions on a proposal or an item? Those working for its district
 * and the members it names as readers (proposers, authors) — as when proposals kept them.
 */
export function mayReadInstructionsOn(ctx: RequestContext, ref: InstructionSubjectRef): boolean {
  const me = ctx.caller.memberId;
  return (
    canSeeDistrict(ctx.caller, ref.district) ||
    (me !== null && ref.readerIds.some((id) => String(id) === me))
  );
}

/** What an instruction is written on, with what it needs: refuses one that is not open to instructions. */
async function subjectOf(
  em: EntityManager,
  ctx: RequestContext,
  type: InstructionSubject,
  id: number,
): Promise<Subject> {
  if (type === 'PROPOSAL' || type === 'OPINION_ITEM') {
    const ref = await em.findOne(InstructionSubjectRefSchema, { subjectType: type, subjectId: id });
    // Proposals announces a proposal once it is filed and an item once it is issued.
    if (!ref)
      throw inputError(
        'input.subjectId',
        type === 'PROPOSAL' ? 'filed' : 'issued',
        `no ${PROPOSALS_SUBJECT[type]} ${id}: instructions are recorded on ${PROPOSALS_SUBJECT[type]}s`,
      );
    return { ...ref, since: null, recorders: ['staff', 'leader'] };
  }
  if (type === 'RESEARCH_REPORT') {
    const project = await em.findOne(ResearchProjectSchema, { id }, { filters: false });
    if (!project || !visible(ctx, project))
      throw inputError('input.subjectId', 'exists', `no research project ${id}`);
    if (!project.reportSubmittedOn)
      throw inputError(
        'input.subjectId',
        'submitted',
        `research project ${id} has not submitted its report`,
      );
    const team = await em.find(
      ResearchTeamMemberSchema,
      { projectId: id },
      { filters: false, orderBy: { id: 'asc' } },
    );
    return {
      district: project.district,
      title: project.reportTitle ?? project.title,
      memberIds: team.map((s) => s.memberId),
      since: project.reportSubmittedOn,
      recorders: ['leader'],
    };
  }
  const r = await em.findOne(RecommendationSchema, { id }, { filters: false });
  if (!r || !visible(ctx, r))
    throw inputError('input.subjectId', 'exists', `no recommendation ${id}`);
  const expected: RecommendationKind =
    type === 'RECOMMENDATION_REPORT' ? 'REPORT' : 'RECOMMENDATION';
  if (r.kind !== expected)
    throw inputError(
      'input.subjectType',
      'kind',
      `recommendation ${id} is a ${r.kind}, not a ${expected}`,
    );
  if (!r.submittedOn)
    throw inputError('input.subjectId', 'submitted', `recommendation ${id} has not been submitted`);
  return {
    district: r.district,
    title: r.title,
    memberIds: r.authorIds,
    since: r.submittedOn,
    recorders: ['leader'],
  };
}

/** 批示: a leader's instruction on any subject is recorded; its members' archives hear of it. */
export async function recordInstruction(
  ctx: RequestContext,
  input: RecordInstruction,
): Promise<Instruction> {
  const subject = await subjectOf(ctx.em, ctx, input.subjectType, input.subjectId);
  await assertActsIn(ctx, subject.district, subject.recorders, 'input.subjectId');
  if (input.instructedOn > today())
    throw inputError('input.instructedOn', 'past', 'must not be in the future');
  if (subject.since !== null && input.instructedOn < subject.since)
    throw inputError(
      'input.instructedOn',
      'order',
      `is before the outcome was submitted (${subject.since})`,
    );
  return ctx.em.transactional(async (em) => {
    const instruction = em.create(InstructionSchema, {
      ...input,
      district: subject.district,
      public: false,
      handedOverFrom: null,
    });
    await em.flush();
    audit(em, {
      entity: 'instruction',
      entityId: String(instruction.id),
      action: 'record',
      fromState: null,
      toState: input.level,
      actor: ctx.caller.userId,
      note: `${input.subjectType} ${input.subjectId} ${input.leader}: ${input.text.slice(0, 200)}`,
    });
    emit(
      em,
      ctx.module,
      instructionReceived,
      {
        instructionId: String(instruction.id),
        subjectType: input.subjectType,
        subjectId: String(input.subjectId),
        title: subject.title,
        leader: input.leader,
        level: input.level,
        memberIds: subject.memberIds.map(String),
        instructedOn: input.instructedOn,
      },
      subject.district,
    );
    return instruction;
  });
}

/**
 * Takes over an instruction proposals recorded before this module owned them (consumer of
 * instruction.handed_over). Once per source row; the archive already heard of it, so no
 * instruction.received — only instruction.taken_over, naming its new id.
 */
export async function takeOverInstruction(
  em: EntityManager,
  module: string,
  row: z.infer<typeof instructionHandedOver.payload>,
): Promise<void> {
  const { district } = row;
  const sourceId = Number(row.sourceId);
  let instruction = await em.findOne(
    InstructionSchema,
    { handedOverFrom: sourceId },
    { filters: false },
  );
  if (!instruction) {
    instruction = em.create(InstructionSchema, {
      district,
      subjectType: row.subjectType,
      subjectId: Number(row.subjectId),
      leader: row.leader,
      leaderPost: null,
      rank: null,
      level: row.level,
      instructedOn: row.instructedOn,
      text: row.text,
      public: false,
      handedOverFrom: sourceId,
    });
    await em.flush();
  }
  // Said again for a row taken before: a redelivered hand-over finds its answer lost with it.
  emit(
    em,
    module,
    instructionTakenOver,
    { sourceId: row.sourceId, instructionId: String(instruction.id) },
    district,
  );
}
