import {
  appError,
  assertWritableDistrict,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import {
  LeadershipPostSchema,
  type LeadershipPost,
  type LeadershipRole,
} from '../entities/leadership-post.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import { TermSchema } from '../entities/term.entity.js';
import { auditRecorded } from './recorded.js';
import { assertWithinTerm } from './terms.js';

/** A committee has one chair and one secretary-general at a time; vice-chairs are several. */
const SINGLE: LeadershipRole[] = ['CHAIR', 'SECRETARY_GENERAL'];

export interface AppointLeader {
  term: number;
  member: number;
  role: LeadershipRole;
  startsOn: string;
}

/** Is a post held on `day` (from its first day through its last)? */
export const heldOn = (post: LeadershipPost, day: string) =>
  post.startsOn <= day && (post.endsOn === null || post.endsOn === undefined || day <= post.endsOn);

/**
 * Appoints a member of the term's district to a leadership post from `startsOn`. Refuses a second
 * chair or secretary-general while one is in office, and a member who already holds a post.
 */
export async function appointLeader(
  ctx: RequestContext,
  input: AppointLeader,
): Promise<LeadershipPost> {
  const term = await ctx.loaders.one(TermSchema).load(input.term);
  if (!term)
    throw appError(ErrorCode.NOT_FOUND, `input.term: no term ${input.term}`, {
      field: 'input.term',
    });
  await assertWritableDistrict(ctx, term.district, 'input.term');
  assertWithinTerm(term, input.startsOn, 'input.startsOn');
  const member = await ctx.loaders.one(MemberRefSchema, 'memberId').load(input.member);
  if (!member)
    throw appError(ErrorCode.NOT_FOUND, `input.member: no member ${input.member} is known`, {
      field: 'input.member',
    });
  if (member.district !== term.district)
    throw inputError(
      'input.member',
      'district',
      `member ${input.member} belongs to district ${member.district}, the term to ${term.district}`,
    );
  if (member.status !== 'ACTIVE')
    throw inputError('input.member', 'status', `member ${input.member} is ${member.status}`);
  return ctx.em.transactional(async (em) => {
    // Posts still open, or ending on or after the new one's first day, overlap it.
    const open = await em.find(
      LeadershipPostSchema,
      { district: term.district, $or: [{ endsOn: null }, { endsOn: { $gte: input.startsOn } }] },
      { filters: false },
    );
    if (open.some((p) => p.memberId === input.member))
      throw appError(
        ErrorCode.CONFLICT,
        `input.member: ${member.name} already holds a leadership post on ${input.startsOn}`,
        { field: 'input.member' },
      );
    if (SINGLE.includes(input.role) && open.some((p) => p.role === input.role))
      throw appError(
        ErrorCode.CONFLICT,
        `input.role: district ${term.district} has a ${input.role} in office on ${input.startsOn}; end that post first`,
        { field: 'input.role' },
      );
    const post = em.create(LeadershipPostSchema, {
      district: term.district,
      termId: term.id,
      memberId: input.member,
      role: input.role,
      startsOn: input.startsOn,
      endsOn: null,
      public: true,
    });
    await em.flush();
    auditRecorded(
      em,
      ctx,
      'leadership_post',
      post.id,
      'IN_OFFICE',
      `${input.role} ${member.name}`,
      'appoint',
    );
    return post;
  });
}

/** Ends a post on its last day; the row stays, so earlier days still show who led. */
export async function endLeadershipPost(
  ctx: RequestContext,
  input: { post: number; endsOn: string },
): Promise<LeadershipPost> {
  const post = await ctx.em.findOne(LeadershipPostSchema, { id: input.post });
  if (!post) throw notFound('leadership post', input.post);
  await assertWritableDistrict(ctx, post.district, 'input.post');
  if (post.endsOn)
    throw appError(ErrorCode.CONFLICT, `input.post: the post already ended on ${post.endsOn}`, {
      field: 'input.post',
    });
  assertOrder(post.startsOn, input.endsOn, 'input.endsOn', 'the post’s first day');
  return ctx.em.transactional(async (em) => {
    // Only a post still open is ended: of two staff ending it at once, one wins.
    const changed = await em.nativeUpdate(
      LeadershipPostSchema,
      { id: post.id, endsOn: null },
      { endsOn: input.endsOn },
    );
    if (changed === 0)
      throw appError(ErrorCode.CONFLICT, 'input.post: the post has just been ended', {
        field: 'input.post',
      });
    auditRecorded(em, ctx, 'leadership_post', post.id, 'ENDED', null, 'end', 'IN_OFFICE');
    return { ...post, endsOn: input.endsOn };
  });
}
