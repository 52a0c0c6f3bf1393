import {
  assertWritableDistrict,
  inputError,
  notFound,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { announceMember, REPLICATED_FIELDS } from './announce-member.js';
import { MemberChangeSchema } from '../entities/member-change.entity.js';
import {
  type GENDERS,
  type MEMBER_STATUSES,
  MemberSchema,
  type Member,
} from '../entities/member.entity.js';
import { TermRefSchema } from '../entities/term-ref.entity.js';

/** Profile fields staff may change; each change is kept as a dated history row. */
export interface ProfileChanges {
  name?: string | null;
  gender?: (typeof GENDERS)[number] | null;
  ethnicity?: string | null;
  party?: string | null;
  sectorId?: number | null;
  workUnit?: string | null;
  title?: string | null;
  standingCommittee?: boolean | null;
  status?: (typeof MEMBER_STATUSES)[number] | null;
  /** Reappointment for another term (届) of the member's committee. */
  termId?: number | null;
}

export async function updateMemberProfile(
  ctx: RequestContext,
  id: number,
  changes: ProfileChanges,
  effectiveOn: string,
  note: string | null,
): Promise<Member> {
  const found = await ctx.em.findOne(MemberSchema, { id }, { filters: false });
  if (!found) throw notFound('member', id);
  // Checked before the transaction: the check reads through the request's loaders, and on
  // SQLite's single connection a read outside an open transaction would wait for it forever.
  await assertWritableDistrict(ctx, found.district, 'id');
  return ctx.em.transactional(async (em) => {
    const member = (await em.findOne(MemberSchema, { id }, { filters: false }))!;
    const given = Object.entries(changes).filter(([, v]) => v !== undefined && v !== null) as [
      keyof ProfileChanges,
      string | number | boolean,
    ][];
    if (given.length === 0) throw inputError('input', 'non-empty', 'names no field to change');
    if (changes.termId != null) {
      const term = await em.findOne(TermRefSchema, { id: changes.termId }, { filters: false });
      if (!term || term.district !== member.district)
        throw inputError(
          'input.term',
          'exists',
          `term ${changes.termId} is not a term of district ${member.district}`,
        );
    }
    const changed: string[] = [];
    for (const [field, value] of given) {
      const before = member[field];
      if (before === value) continue;
      em.create(MemberChangeSchema, {
        district: member.district,
        memberId: member.id,
        field,
        fromValue: before === null || before === undefined ? null : String(before),
        toValue: String(value),
        effectiveOn,
        changedBy: ctx.caller.userId,
        note,
        public: false,
      });
      (member as Record<string, unknown>)[field] = value;
      changed.push(field);
    }
    if (changed.length === 0)
      throw inputError('input', 'changes', 'every field already has the value given');
    // Organization and proposals keep replicas of some of these facts.
    if (changed.some((field) => REPLICATED_FIELDS.has(field)))
      announceMember(em as EntityManager, ctx.module, member);
    return member;
  });
}
