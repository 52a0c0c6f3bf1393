import {
  appError,
  audit,
  emit,
  ErrorCode,
  inputError,
  parseDate,
  type RequestContext,
  today,
} from '@cppcc/kit';
import { instructionReceived } from '@cppcc/events';
import {
  InstructionSchema,
  OpinionAuthorSchema,
  OpinionItemSchema,
  type AdoptionLevel,
  type Instruction,
  type InstructionSubject,
} from '../entities/opinion-item.entity.js';
import { FILED_STATUSES, ProposalSchema } from '../entities/proposal.entity.js';
import { acceptedCosigners } from './proposals.js';
import { requireOffice, requireText } from './common.js';

export interface InstructionInput {
  subjectType: InstructionSubject;
  subjectId: number;
  leader: string;
  level: AdoptionLevel;
  text: string;
  instructedOn: string;
}

/** 批示: staff (or a leader) record a leader's written instruction on a proposal or an item; the authors' archives hear of it. */
export async function recordInstruction(
  ctx: RequestContext,
  input: InstructionInput,
): Promise<Instruction> {
  const instructedOn = parseDate(input.instructedOn, 'input.instructedOn');
  if (instructedOn > today())
    throw inputError('input.instructedOn', 'past', 'must not be in the future');
  const leader = requireText(input.leader, 'input.leader', 100);
  const text = requireText(input.text, 'input.text', 5000);
  return ctx.em.transactional(async (em) => {
    let district: string;
    let title: string;
    let memberIds: number[];
    if (input.subjectType === 'PROPOSAL') {
      const p = await em.findOne(ProposalSchema, { id: input.subjectId });
      if (!p)
        throw appError(
          ErrorCode.NOT_FOUND,
          `input.subjectId: proposal ${input.subjectId} does not exist or is not visible to you`,
          { field: 'input.subjectId' },
        );
      if (!FILED_STATUSES.includes(p.status))
        throw inputError(
          'input.subjectId',
          'filed',
          `proposal ${p.id} is ${p.status}: instructions are recorded on filed proposals`,
        );
      ({ district, title } = p);
      memberIds = [p.authorId, ...(await acceptedCosigners(em, p.id))];
    } else {
      const item = await em.findOne(OpinionItemSchema, { id: input.subjectId });
      if (!item)
        throw appError(
          ErrorCode.NOT_FOUND,
          `input.subjectId: opinion item ${input.subjectId} does not exist or is not visible to you`,
          { field: 'input.subjectId' },
        );
      if (!['ISSUED', 'REPORTED', 'ADOPTED'].includes(item.status))
        throw inputError(
          'input.subjectId',
          'issued',
          `item ${item.id} is ${item.status}: instructions are recorded on issued items`,
        );
      ({ district, title } = item);
      memberIds = (await em.find(OpinionAuthorSchema, { itemId: item.id })).map((a) => a.memberId);
    }
    requireOffice(ctx, district, 'an instruction', ['staff', 'leader']);
    const row = em.create(InstructionSchema, {
      district,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      leader,
      level: input.level,
      text,
      instructedOn,
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: input.subjectType === 'PROPOSAL' ? 'proposal' : 'opinion_item',
      entityId: String(input.subjectId),
      action: 'instruct',
      fromState: null,
      toState: input.level,
      actor: ctx.caller.userId,
      note: `${leader}: ${text.slice(0, 200)}`,
    });
    emit(
      em,
      ctx.module,
      instructionReceived,
      {
        instructionId: String(row.id),
        subjectType: input.subjectType,
        subjectId: String(input.subjectId),
        title,
        leader,
        level: input.level,
        memberIds: memberIds.map(String),
        instructedOn,
      },
      district,
    );
    return row;
  });
}
