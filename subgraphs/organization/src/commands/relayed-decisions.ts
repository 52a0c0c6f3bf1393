import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  appError,
  assertWritableDistrict,
  ErrorCode,
  inputError,
  type RequestContext,
} from '@cppcc/kit';
import { BodyMeetingSchema } from '../entities/body-meeting.entity.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { PolicyDocumentSchema } from '../entities/policy-document.entity.js';
import {
  RelayedDecisionSchema,
  type RelayedDecision,
} from '../entities/relayed-decision.entity.js';
import { auditRecorded } from './recorded.js';

export interface RecordRelayedDecision {
  meeting: number;
  document: number;
  agendaItem: string;
  decision: string;
}

/** `code` and every district above it: a county committee relays the city's decisions too. */
async function withAncestors(ctx: RequestContext, code: string): Promise<string[]> {
  const codes = [code];
  for (let at = code; ; ) {
    const district = await ctx.loaders.one(DistrictSchema, 'code').load(at);
    if (!district?.parentCode || codes.includes(district.parentCode)) return codes;
    at = district.parentCode;
    codes.push(at);
  }
}

/**
 * Records that a held meeting's agenda item relayed a decision, linked to the policy document
 * that carries it out. The item must be on the meeting's agenda (the agenda is what was held),
 * and the document of the meeting's own district or one above it.
 */
export async function recordRelayedDecision(
  ctx: RequestContext,
  input: RecordRelayedDecision,
): Promise<RelayedDecision> {
  const meeting = await ctx.loaders.one(BodyMeetingSchema).load(input.meeting);
  if (!meeting)
    throw appError(ErrorCode.NOT_FOUND, `input.meeting: no meeting ${input.meeting}`, {
      field: 'input.meeting',
    });
  await assertWritableDistrict(ctx, meeting.district, 'input.meeting');
  if (meeting.status !== 'HELD' || !meeting.heldOn)
    throw inputError(
      'input.meeting',
      'held',
      `${meeting.title} is ${meeting.status}: a decision is relayed at a meeting that was held`,
    );
  if (!meeting.agenda.includes(input.agendaItem))
    throw inputError(
      'input.agendaItem',
      'onAgenda',
      `"${input.agendaItem}" is not an item of ${meeting.title}'s agenda (${meeting.agenda.join('; ')})`,
    );
  const document = await ctx.loaders.one(PolicyDocumentSchema).load(input.document);
  if (!document)
    throw appError(ErrorCode.NOT_FOUND, `input.document: no policy document ${input.document}`, {
      field: 'input.document',
    });
  if (!(await withAncestors(ctx, meeting.district)).includes(document.district))
    throw inputError(
      'input.document',
      'district',
      `《${document.title}》 is district ${document.district}'s: a meeting of ${meeting.district} relays its own district's documents or those of a district above it`,
    );
  try {
    return await ctx.em.transactional(async (em) => {
      const row = em.create(RelayedDecisionSchema, {
        district: meeting.district,
        meetingId: meeting.id,
        documentId: document.id,
        agendaItem: input.agendaItem,
        decision: input.decision,
        relayedOn: meeting.heldOn!,
        public: meeting.public,
      });
      await em.flush();
      auditRecorded(
        em,
        ctx,
        'relayed_decision',
        row.id,
        'RELAYED',
        `${meeting.title}：${input.decision}`,
      );
      return row;
    });
  } catch (err) {
    // The table's unique key decides, also between two staff recording the same item at once.
    if (err instanceof UniqueConstraintViolationException)
      throw appError(
        ErrorCode.CONFLICT,
        `input.agendaItem: "${input.agendaItem}" of ${meeting.title} already relays a decision`,
        { field: 'input.agendaItem' },
      );
    throw err;
  }
}
