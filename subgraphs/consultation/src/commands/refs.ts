import { DistrictRefSchema, inputError, type RequestContext } from '@cppcc/kit';
import { CommitteeRefSchema, type CommitteeRef } from '../entities/committee-ref.entity.js';
import { MemberRefSchema, type MemberRef } from '../entities/member-ref.entity.js';

/**
 * Refuses members the members subgraph has not announced, those no longer active (suspended,
 * left), and those of another district: a district's records name its own members, and the
 * city's may also name members of the districts below it (市县联动). `fieldOf(i)` names the
 * field of the i-th id. Reads through the loaders: call it before a transaction.
 */
export async function assertMembers(
  ctx: RequestContext,
  ids: number[],
  district: string,
  fieldOf: (i: number) => string,
): Promise<MemberRef[]> {
  const found = await ctx.loaders.one(MemberRefSchema, 'memberId').loadMany(ids);
  const below = async (code: string) =>
    (await ctx.loaders.one(DistrictRefSchema, 'code').load(code))?.parentCode === district;
  const members: MemberRef[] = [];
  for (const [i, id] of ids.entries()) {
    const m = found[i];
    if (!m || m instanceof Error) throw inputError(fieldOf(i), 'member', `no member has id ${id}`);
    if (m.status !== 'ACTIVE')
      throw inputError(
        fieldOf(i),
        'active',
        `member ${id} (${m.name}) is ${m.status}, not an active member`,
      );
    if (m.district !== district && !(await below(m.district)))
      throw inputError(
        fieldOf(i),
        'district',
        `member ${id} (${m.name}) belongs to district ${m.district}, not ${district}`,
      );
    members.push(m);
  }
  return members;
}

/** One member id, named by `field`. */
export async function assertMember(
  ctx: RequestContext,
  id: number,
  district: string,
  field: string,
): Promise<MemberRef> {
  return (await assertMembers(ctx, [id], district, () => field))[0];
}

/**
 * Refuses a special committee organization has not announced, one of another district, and one
 * merged or dissolved: it can no longer lead a new topic or project.
 */
export async function assertLeadCommittee(
  ctx: RequestContext,
  id: number,
  district: string,
  field: string,
): Promise<CommitteeRef> {
  const c = await ctx.loaders.one(CommitteeRefSchema).load(id);
  if (!c) throw inputError(field, 'committee', `no special committee has id ${id}`);
  if (c.district !== district)
    throw inputError(
      field,
      'district',
      `special committee ${id} (${c.name}) belongs to district ${c.district}, not ${district}`,
    );
  if (c.status !== 'ACTIVE') {
    const into = c.mergedIntoId === null ? '' : `; committee ${c.mergedIntoId} took over its work`;
    throw inputError(field, 'active', `special committee ${id} (${c.name}) is ${c.status}${into}`);
  }
  return c;
}
