import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';
import { day, id, level } from './common.js';

/**
 * A leader's written instruction (批示) on anything a member wrote or a body produced. Consultation
 * records every instruction (proposals, opinion items, recommendations, reports) and sends it;
 * proposals sent it for the instructions it recorded before (and its seed for the demo's), which
 * it hands over (instruction.handed_over). The archive has one kind of entry for it.
 */
export const instructionReceived = defineEvent(
  'instruction.received',
  z.object({
    instructionId: id,
    subjectType: z.enum([
      'PROPOSAL',
      'OPINION_ITEM',
      'RECOMMENDATION_REPORT',
      'RECOMMENDATION',
      'RESEARCH_REPORT',
      'OTHER',
    ]),
    subjectId: id,
    title: z.string().min(1),
    leader: z.string().min(1),
    level,
    memberIds: z.array(id),
    instructedOn: day,
  }),
  'A leader wrote an instruction on a proposal, an item or an outcome; memberIds are its member authors, if any (consultation; proposals for rows from before the hand-over).',
);

/**
 * A duty event a plugin (or any module without its own contract here) reports for a member.
 * The kind is namespaced by the sender ("plugin.inter-city-exchange.visit") so scoring rules can
 * give it points without the members subgraph knowing the plugin.
 */
export const dutyReported = defineEvent(
  'duty.reported',
  z.object({
    memberId: id,
    kind: z
      .string()
      .regex(
        /^[a-z0-9]+(\.[a-z0-9_-]+)+$/,
        'must be a dotted, namespaced kind such as plugin.my-plugin.visit',
      ),
    sourceId: z.string().min(1),
    summary: z.string().min(1),
    occurredOn: day,
  }),
  'A duty event for a member reported by a plugin or another module (any sender).',
);
