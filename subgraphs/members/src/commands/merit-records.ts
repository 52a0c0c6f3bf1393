import {
  assertWritableDistrict,
  audit,
  emit,
  type EntityManager,
  inputError,
  notFound,
  type RequestContext,
  today,
} from '@cppcc/kit';
import { awardRecorded, penaltyRecorded } from '@cppcc/events';
import { MemberSchema } from '../entities/member.entity.js';
import {
  MeritRecordSchema,
  type MERIT_LEVELS,
  type MeritRecord,
} from '../entities/merit-record.entity.js';

export type MeritInput =
  | {
      type: 'AWARD';
      memberId: number;
      title: string;
      level: (typeof MERIT_LEVELS)[number];
      decidedOn: string;
    }
  | { type: 'PENALTY'; memberId: number; title: string; reason: string; decidedOn: string };

/**
 * Staff record an award or a penalty: kept as a record of its own, audited, and announced so
 * that it enters the member's duty record (and scores) through the bus like every other entry.
 */
export async function recordMerit(ctx: RequestContext, input: MeritInput): Promise<MeritRecord> {
  const member = await ctx.em.findOne(MemberSchema, { id: input.memberId }, { filters: false });
  if (!member) throw notFound('member', input.memberId);
  await assertWritableDistrict(ctx, member.district, 'memberId');
  if (input.decidedOn > today())
    throw inputError(
      input.type === 'AWARD' ? 'awardedOn' : 'decidedOn',
      'past',
      'must not be in the future',
    );
  return ctx.em.transactional(async (em) => {
    const record = em.create(MeritRecordSchema, {
      district: member.district,
      memberId: member.id,
      type: input.type,
      title: input.title,
      level: input.type === 'AWARD' ? input.level : null,
      reason: input.type === 'PENALTY' ? input.reason : null,
      decidedOn: input.decidedOn,
      recordedBy: ctx.caller.userId,
      public: false,
    });
    await em.flush();
    audit(em as EntityManager, {
      entity: 'merit_record',
      entityId: String(record.id),
      action: 'record',
      fromState: null,
      toState: input.type,
      actor: ctx.caller.userId,
      note: `member ${member.id}: ${input.title}`,
    });
    const ids = { recordId: String(record.id), memberId: String(member.id), title: input.title };
    if (input.type === 'AWARD')
      emit(
        em as EntityManager,
        ctx.module,
        awardRecorded,
        { ...ids, level: input.level, awardedOn: input.decidedOn },
        member.district,
      );
    else
      emit(
        em as EntityManager,
        ctx.module,
        penaltyRecorded,
        { ...ids, reason: input.reason, decidedOn: input.decidedOn },
        member.district,
      );
    return record;
  });
}
