import { builder } from '../builder.js';
import { COMMITTEE_ROLES, type CommitteeMembership } from '../entities/committee-membership.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { MemberType } from './member.js';
import { SpecialCommitteeRef } from './special-committee.js';

export const CommitteeRoleType = builder.enumType('CommitteeRole', { values: COMMITTEE_ROLES });

export const CommitteeMembershipType = builder.objectRef<CommitteeMembership>('CommitteeMembership');

CommitteeMembershipType.implement({
  description: 'A member\'s seat on a special committee.',
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: CommitteeRoleType, resolve: (m) => m.role }),
    since: t.exposeString('since'),
    committee: t.field({ type: SpecialCommitteeRef, nullable: true, resolve: (m) => ({ id: String(m.committeeId) }) }),
    member: t.field({
      type: MemberType,
      resolve: async (m, _args, ctx) => (await ctx.loaders.one(MemberSchema).load(m.memberId))!,
    }),
  }),
});
