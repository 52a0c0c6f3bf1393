import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SUGGESTION_STATUSES = ['RECEIVED', 'FORWARDED', 'ANSWERED', 'ARCHIVED'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * 委员意见建议: a proposal not filed but converted, with its proposer's consent, into a member's
 * suggestion, which the proposal office forwards to a government unit for reference (参考) — or
 * keeps on file when no unit is concerned. The unit may answer; it is not held to a deadline.
 */
export const MemberSuggestionSchema = defineEntity({
  name: 'MemberSuggestion',
  tableName: 'member_suggestion',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    proposalId: p.integer().unique(),
    title: p.string(),
    content: p.text(),
    /** The lead proposer and the co-signers who had accepted: the suggestion's authors. */
    authorIds: p.json<number[]>(),
    status: p.string().$type<SuggestionStatus>(),
    unitId: p.integer().nullable().index(),
    forwardedOn: p.string().length(10).nullable(),
    answer: p.text().nullable(),
    answeredOn: p.string().length(10).nullable(),
    createdAt: p.datetime(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type MemberSuggestion = InferEntity<typeof MemberSuggestionSchema>;
