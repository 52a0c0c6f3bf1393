import {
  assertWritableDistrict,
  inputError,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { MemberChangeSchema } from '../entities/member-change.entity.js';
import { MemberSchema, type GENDERS, type Member } from '../entities/member.entity.js';
import { TermRefSchema } from '../entities/term-ref.entity.js';
import { announceMember } from './announce-member.js';
import { applyParkedEvents } from './retry-parked-events.js';

export interface NewMember {
  district: string;
  name: string;
  gender: (typeof GENDERS)[number];
  ethnicity: string;
  party: string;
  sectorId: number;
  workUnit: string;
  title: string;
  standingCommittee: boolean;
  termId: number | null;
  appointedOn: string;
}

/**
 * Staff register a member appointed to their committee. The member is announced on the bus
 * (organization and proposals replicate members), and events that arrived for this member's
 * id before the member existed here are applied at once.
 */
export async function registerMember(ctx: RequestContext, input: NewMember): Promise<Member> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (input.termId !== null) {
    const term = await ctx.em.findOne(TermRefSchema, { id: input.termId });
    if (!term || term.district !== input.district)
      throw inputError(
        'input.term',
        'exists',
        `term ${input.termId} is not a term of district ${input.district}`,
      );
  }
  const { appointedOn, ...fields } = input;
  return ctx.em.transactional(async (em) => {
    const member = em.create(MemberSchema, { ...fields, status: 'ACTIVE', public: true });
    await em.flush();
    em.create(MemberChangeSchema, {
      district: member.district,
      memberId: member.id,
      field: 'status',
      fromValue: null,
      toValue: 'ACTIVE',
      effectiveOn: appointedOn,
      changedBy: ctx.caller.userId,
      note: '任命为委员',
      public: false,
    });
    announceMember(em as EntityManager, ctx.module, member);
    await applyParkedEvents(em as EntityManager, [member.id]);
    return member;
  });
}
