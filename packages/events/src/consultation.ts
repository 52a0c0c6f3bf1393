import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { day, id } from './common.js';

export const consultationAttended = defineEvent(
  'consultation.attended',
  z.object({ activityId: id, memberId: id, form: z.string(), title: z.string(), heldOn: z.string() }),
  'A member took part in a consultation activity (consultation).',
);

export const consultationSpoke = defineEvent(
  'consultation.spoke',
  z.object({ activityId: id, speechId: id, memberId: id, title: z.string().min(1), mode: z.enum(['ORAL', 'WRITTEN']), spokeOn: day }),
  'A member spoke at (or sent a written speech to) a consultation activity (consultation).',
);

export const researchJoined = defineEvent(
  'research.joined',
  z.object({ projectId: id, memberId: id, title: z.string().min(1), role: z.enum(['LEAD', 'MEMBER']), joinedOn: day }),
  'A member joined a research project (调研) team (consultation).',
);
