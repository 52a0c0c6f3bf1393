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
