import {
  appError,
  assertWritableDistrict,
  audit,
  ErrorCode,
  inputError,
  notFound,
  parseId,
  type RequestContext,
} from '@cppcc/kit';
import {
  CommitteeMembershipSchema,
  type CommitteeMembership,
  type CommitteeRole,
} from '../entities/committee-membership.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { assertOrder, dayOf } from '../dates.js';
import { membershipWorkflow } from '../workflow.js';

export interface AssignSeat {
  committee: string;
  member: string;
  role: CommitteeRole;
  joinedOn: string;
  note?: string | null;
}

/**
 * Seats a member on a committee of their own district. The member must be known from the
 * members subgraph's events, active, and not already seated there.
 */
export async function assignCommitteeSeat(
  ctx: RequestContext,
  input: AssignSeat,
): Promise<CommitteeMembership> {
  const committeeId = parseId(input.committee, 'input.committee');
  const memberId = parseId(input.member, 'input.member');
  const committee = await ctx.loaders.one(SpecialCommitteeSchema).load(committeeId);
  if (!committee)
    throw appError(ErrorCode.NOT_FOUND, `input.committee: no special committee ${committeeId}`, {
      field: 'input.committee',
    });
  await assertWritableDistrict(ctx, committee.district, 'input.committee');
  if (committee.status !== 'ACTIVE') {
    throw appError(
      ErrorCode.CONFLICT,
      `input.committee: ${committee.name} is ${committee.status} and takes no new members`,
      { field: 'input.committee' },
    );
  }
  assertOrder(
    dayOf(committee.establishedOn),
    input.joinedOn,
    'input.joinedOn',
    'the day the committee was established',
  );
  const member = await ctx.loaders.one(MemberRefSchema, 'memberId').load(memberId);
  if (!member)
    throw appError(ErrorCode.NOT_FOUND, `input.member: no member ${memberId} is known`, {
      field: 'input.member',
    });
  if (member.district !== committee.district) {
    throw inputError(
      'input.member',
      'district',
      `member ${memberId} belongs to district ${member.district}, the committee to ${committee.district}`,
    );
  }
  if (member.status !== 'ACTIVE')
    throw inputError('input.member', 'status', `member ${memberId} is ${member.status}`);

  return ctx.em.transactional(async (em) => {
    const seated = await em.count(
      CommitteeMembershipSchema,
      { committeeId, memberId, status: 'ACTIVE' },
      { filters: false },
    );
    if (seated > 0)
      throw appError(
        ErrorCode.CONFLICT,
        `input.member: member ${memberId} already sits on ${committee.name}`,
        { field: 'input.member' },
      );
    const seat = em.create(CommitteeMembershipSchema, {
      district: committee.district,
      memberId,
      committeeId,
      role: input.role,
      joinedOn: input.joinedOn,
      leftOn: null,
      status: 'ACTIVE',
      public: true,
    });
    await em.flush();
    audit(em, {
      entity: 'committee_membership',
      entityId: String(seat.id),
      action: 'assign',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: input.note ?? null,
    });
    return seat;
  });
}

/** Ends a seat on the day the member left; the row stays for figures of earlier days. */
export async function endCommitteeSeat(
  ctx: RequestContext,
  id: number,
  leftOn: string,
  note: string | null,
): Promise<CommitteeMembership> {
  const seat = await ctx.em.findOne(CommitteeMembershipSchema, { id });
  if (!seat) throw notFound('committee membership', id);
  await assertWritableDistrict(ctx, seat.district, 'input.id');
  assertOrder(seat.joinedOn, leftOn, 'input.leftOn', 'joinedOn');
  return ctx.em.transactional(async (em) => {
    const row = await em.findOneOrFail(CommitteeMembershipSchema, { id });
    membershipWorkflow.apply({ ...ctx, em }, row, 'end', note);
    row.leftOn = leftOn;
    return row;
  });
}
