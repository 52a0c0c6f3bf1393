import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { day, id } from './common.js';

export const consultationAttended = defineEvent(
  'consultation.attended',
  z.object({
    activityId: id,
    memberId: id,
    form: z.string(),
    title: z.string(),
    heldOn: z.string(),
  }),
  'A member took part in a consultation activity (consultation).',
);

export const consultationSpoke = defineEvent(
  'consultation.spoke',
  z.object({
    activityId: id,
    speechId: id,
    memberId: id,
    title: z.string().min(1),
    mode: z.enum(['ORAL', 'WRITTEN']),
    spokeOn: day,
  }),
  'A member spoke at (or sent a written speech to) a consultation activity (consultation).',
);

export const researchJoined = defineEvent(
  'research.joined',
  z.object({
    projectId: id,
    memberId: id,
    title: z.string().min(1),
    role: z.enum(['LEAD', 'MEMBER']),
    joinedOn: day,
  }),
  'A member joined a research project (调研) team (consultation).',
);

/**
 * Consultation's records other modules may name (a key proposal's origin, a plugin's topic link)
 * announce themselves: sent when one is created and on every change of state, and from the demo
 * seed. `version` is the record's own optimistic-lock version, which only grows, so a replica
 * keeps the highest whatever the order of arrival; `changedAt` says when.
 */
const registration = {
  district: z.string().length(6),
  title: z.string().min(1),
  changedAt: z.string(),
  version: z.number().int().positive(),
};

export const consultationActivityRegistered = defineEvent(
  'consultation_activity.registered',
  z.object({
    activityId: id,
    ...registration,
    form: z.string().min(1),
    heldOn: day,
    status: z.enum(['PLANNED', 'PREPARING', 'HELD', 'OUTCOME_SUBMITTED', 'CLOSED', 'CANCELLED']),
  }),
  'A consultation activity was planned or recorded, or moved to another status (consultation). The highest version per id wins.',
);

export const researchProjectRegistered = defineEvent(
  'research_project.registered',
  z.object({
    projectId: id,
    ...registration,
    phase: z.enum([
      'TOPIC_SELECTED',
      'PLAN_APPROVED',
      'FIELDWORK',
      'DRAFTING',
      'REVIEWED',
      'SUBMITTED',
      'CONVERTED',
      'CLOSED',
    ]),
  }),
  'A research project (调研课题) was opened or moved to another phase (consultation). The highest version per id wins.',
);

export const recommendationRegistered = defineEvent(
  'recommendation.registered',
  z.object({
    recommendationId: id,
    ...registration,
    kind: z.enum(['REPORT', 'RECOMMENDATION']),
    status: z.enum(['DRAFT', 'SUBMITTED', 'ADOPTED', 'NOT_ADOPTED']),
  }),
  'A recommendation (建议案 or 建议) was drafted or moved to another status (consultation). The highest version per id wins.',
);

/**
 * Consultation took over an instruction proposals handed over: sourceId (proposals' row) is
 * instructionId now. The archive re-keys its entries and proposals' tally learns the new id.
 */
export const instructionTakenOver = defineEvent(
  'instruction.taken_over',
  z.object({ sourceId: id, instructionId: id }),
  'An instruction handed over by proposals has an id in consultation now (consultation). Not a duty event.',
);
