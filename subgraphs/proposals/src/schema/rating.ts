import { parseId, type WithArgs, describedValues, VERSION_DESCRIPTION } from '@cppcc/kit';
import { builder } from '../builder.js';
import { rateReply, rateReplyAsCosigner } from '../commands/handling.js';
import {
  RATER_ROLES,
  ProposalRatingSchema,
  type ProposalRating,
} from '../entities/rating.entity.js';
import { MemberRef } from './member.js';
import { ProposalType, RatingType } from './proposal.js';

export const RaterRoleType = builder.enumType('ProposalRaterRole', {
  values: describedValues(RATER_ROLES, {
    LEAD: "领衔提案人 The lead author (a collective proposal's submitting member).",
    COSIGNER: '联名提案人 A co-signer who accepted.',
  }),
  description:
    "LEAD: the lead author (a collective proposal's submitting member); COSIGNER: a co-signer who accepted.",
});

export const ProposalRatingType = builder.objectRef<ProposalRating>('ProposalRating').implement({
  description: "委员满意度评价: one proposer's rating of the reply in one handling round.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ProposalRating's id." }),
    member: t.field({
      description: '委员 The member who rated the reply.',
      type: MemberRef,
      nullable: true,
      resolve: (r) => ({ id: String(r.memberId) }),
    }),
    role: t.field({ description: 'LEAD.', type: RaterRoleType, resolve: (r) => r.role }),
    round: t.exposeInt('round', {
      description: 'Handling round: 1, then one more per reopening (再次办理).',
    }),
    rating: t.field({
      description: '满意 / 基本满意 / 不满意.',
      type: RatingType,
      resolve: (r) => r.rating,
    }),
    comment: t.exposeString('comment', {
      description: '意见 What they said, if anything.',
      nullable: true,
    }),
    ratedAt: t.field({
      description: '评价时间 When they rated it.',
      type: 'DateTime',
      resolve: (r) => r.ratedAt,
    }),
  }),
});

builder.objectField(ProposalType, 'ratings', (t) =>
  t.field({
    type: [ProposalRatingType],
    description:
      "Every proposer's rating, every round. The lead's latest is the proposal's `rating`.",
    resolve: async (p, _a, ctx) =>
      (await ctx.loaders.many(ProposalRatingSchema, 'proposalId').load(p.id)).sort(
        (a, b) => a.round - b.round || a.id - b.id,
      ),
  }),
);

const rateArgs = (t: WithArgs) => ({
  id: t.arg.id({ required: true, description: "The Proposal's id." }),
  version: t.arg.int({ required: true, description: VERSION_DESCRIPTION }),
  rating: t.arg({
    type: RatingType,
    required: true,
    description: 'How satisfied the proposer is with the reply.',
  }),
  comment: t.arg.string({
    required: false,
    description: 'Required with UNSATISFIED: what the reply left unanswered.',
  }),
});

builder.mutationField('rateProposalReply', (t) =>
  t.field({
    type: ProposalType,
    description:
      "The lead proposer rates the reply: this is the proposal's rating and moves it (RATED, or UNSATISFIED with a comment, which lets staff reopen handling).",
    authScopes: { member: true },
    args: rateArgs(t),
    resolve: (_r, { id, version, rating, comment }, ctx) =>
      rateReply(ctx, parseId(id), version, rating, comment ?? null),
  }),
);

builder.mutationField('rateProposalReplyAsCosigner', (t) =>
  t.field({
    type: ProposalType,
    description:
      'A co-signer who accepted rates the reply, once a round, until the proposal is closed. Recorded and counted; it does not move the proposal, but an UNSATISFIED one lets staff reopen handling.',
    authScopes: { member: true },
    args: rateArgs(t),
    resolve: (_r, { id, version, rating, comment }, ctx) =>
      rateReplyAsCosigner(ctx, parseId(id), version, rating, comment ?? null),
  }),
);
