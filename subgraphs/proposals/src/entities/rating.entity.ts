import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Rating } from './proposal.entity.js';

/** LEAD: the lead author (for a collective proposal, the member who submitted it); COSIGNER: an accepted co-signer. */
export const RATER_ROLES = ['LEAD', 'COSIGNER'] as const;
export type RaterRole = (typeof RATER_ROLES)[number];

/**
 * 委员满意度评价: one proposer's rating of the reply, once per handling round (a reopened
 * proposal is answered again and rated again). The lead's rating moves the proposal; a
 * co-signer's is recorded and counted, and an unsatisfied one lets staff reopen handling.
 */
export const ProposalRatingSchema = defineEntity({
  name: 'ProposalRating',
  tableName: 'proposal_rating',
  uniques: [{ properties: ['proposalId', 'memberId', 'round'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    memberId: p.integer().index(),
    role: p.string().$type<RaterRole>(),
    round: p.integer(),
    rating: p.string().$type<Rating>(),
    comment: p.text().nullable(),
    ratedAt: p.datetime(),
  },
});
export type ProposalRating = InferEntity<typeof ProposalRatingSchema>;
