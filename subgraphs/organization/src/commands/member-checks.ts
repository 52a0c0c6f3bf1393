import { appError, ErrorCode, inputError, type RequestContext } from '@cppcc/kit';
import { MemberRefSchema, type MemberRef } from '../entities/member-ref.entity.js';

/** A member known from the members subgraph's events, of `district` and active; the field is named on refusal. */
export async function activeMember(
  ctx: RequestContext,
  district: string,
  memberId: number,
  field: string,
): Promise<MemberRef> {
  const member = await ctx.loaders.one(MemberRefSchema, 'memberId').load(memberId);
  if (!member)
    throw appError(ErrorCode.NOT_FOUND, `${field}: no member ${memberId} is known`, { field });
  if (member.district !== district)
    throw inputError(
      field,
      'district',
      `member ${memberId} belongs to district ${member.district}, not ${district}`,
    );
  if (member.status !== 'ACTIVE')
    throw inputError(field, 'status', `member ${memberId} is ${member.status}`);
  return member;
}

/** An active member of `district` who is a member of the Communist Party of China (branches, the Party Group). */
export async function partyMember(
  ctx: RequestContext,
  district: string,
  memberId: number,
  field: string,
): Promise<MemberRef> {
  const member = await activeMember(ctx, district, memberId, field);
  if (!member.cpcMember)
    throw inputError(
      field,
      'cpc',
      `member ${memberId} (${member.party}) is not a member of the Communist Party of China`,
    );
  return member;
}
