import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { day, id, level } from './common.js';

export const proposalSubmitted = defineEvent(
  'proposal.submitted',
  // coAuthorIds (co-signers who accepted) came later: optional, so events already in outboxes still read.
  z.object({
    proposalId: id,
    authorId: id,
    coAuthorIds: z.array(id).optional(),
    title: z.string().min(1),
    submittedAt: z.string(),
  }),
  'A member submitted a proposal (proposals); a joint one names its co-authors (co-signers who accepted).',
);

export const proposalFiled = defineEvent(
  'proposal.filed',
  z.object({
    proposalId: id,
    authorId: id,
    coAuthorIds: z.array(id),
    caseNumber: z.string(),
    filedAt: z.string(),
  }),
  'A proposal was accepted for handling (立案) (proposals).',
);

export const proposalHonoured = defineEvent(
  'proposal.honoured',
  z.object({
    proposalId: id,
    authorId: id,
    coAuthorIds: z.array(id),
    caseNumber: z.string(),
    title: z.string().min(1),
    honour: z.enum(['KEY', 'EXCELLENT']),
    on: day,
  }),
  'A proposal was chosen as a key proposal by the chair meeting, or awarded as excellent (proposals).',
);

export const opinionItemSubmitted = defineEvent(
  'opinion_item.submitted',
  z.object({ itemId: id, authorIds: z.array(id), title: z.string().min(1), submittedOn: day }),
  'Members submitted a public-opinion information item (社情民意) (proposals). authorIds holds members only.',
);

export const opinionItemAdopted = defineEvent(
  'opinion_item.adopted',
  z.object({ itemId: id, authorIds: z.array(id), title: z.string().min(1), level, adoptedOn: day }),
  'A public-opinion item was adopted (采用) at a level (proposals). One event per level adopted.',
);

export const proposalRegistered = defineEvent(
  'proposal.registered',
  z.object({
    proposalId: id,
    district: z.string().length(6),
    title: z.string().min(1),
    status: z.enum([
      'SUBMITTED',
      'RETURNED',
      'FILED',
      'NOT_FILED',
      'CONVERSION_PROPOSED',
      'CONVERTED',
      'MERGED',
      'WITHDRAWN',
      'ASSIGNED',
      'REPLIED',
      'RATED',
      'UNSATISFIED',
      'CLOSED',
    ]),
    changedAt: z.string(),
    version: z.number().int().positive(),
  }),
  "A proposal past drafting, as it now stands (proposals): for replicas that name proposals (plugins' links). Not a duty event. The highest version per id wins.",
);

/**
 * What consultation needs to record a leader's instruction (批示) on a proposal or an opinion
 * item and to show it to the right people: announced when a proposal is filed or an item issued
 * (instructions are written on those, and neither goes back), and again on the first start after
 * an upgrade. The latest announcement wins.
 */
export const instructionSubjectRegistered = defineEvent(
  'instruction_subject.registered',
  z.object({
    subjectType: z.enum(['PROPOSAL', 'OPINION_ITEM']),
    subjectId: id,
    district: z.string().length(6),
    title: z.string().min(1),
    /** Whose archives hear of an instruction on it: the author and accepted co-signers, or the item's member authors. */
    memberIds: z.array(id),
    /** Who besides the district's office may read its instructions: proposers (co-signers not revoked), or authors. */
    readerIds: z.array(id),
  }),
  'A filed proposal or an issued opinion item, on which leaders record instructions (proposals): for the replica consultation keeps. The latest wins.',
);

/**
 * One row of proposals' old instruction table handed over to consultation, which owns leaders'
 * instructions now. Sent once per row (seed, the first start after the upgrade); consultation
 * takes each once, by sourceId.
 */
export const instructionHandedOver = defineEvent(
  'instruction.handed_over',
  z.object({
    sourceId: id,
    district: z.string().length(6),
    subjectType: z.enum(['PROPOSAL', 'OPINION_ITEM']),
    subjectId: id,
    title: z.string().min(1),
    leader: z.string().min(1),
    level,
    text: z.string().min(1),
    instructedOn: day,
  }),
  "A leader's instruction proposals recorded before consultation owned them, handed over (proposals). Idempotent by sourceId.",
);
