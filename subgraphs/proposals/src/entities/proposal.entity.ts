import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Where a proposal stands. Review: DRAFT → SUBMITTED → FILED | NOT_FILED | RETURNED (for
 * revision) | CONVERSION_PROPOSED → CONVERTED | MERGED | WITHDRAWN; a proposal NOT_FILED may
 * still be proposed for conversion. Handling: FILED →
 * ASSIGNED → REPLIED → RATED | UNSATISFIED (→ ASSIGNED again) → CLOSED. The transition table
 * in workflow.ts is the only thing that moves a proposal between them.
 */
export const PROPOSAL_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'RETURNED',
  'FILED',
  'NOT_FILED',
  'CONVERSION_PROPOSED',
  'CONVERTED',
  'MERGED',
  'WITHDRAWN',
  'ASSIGNED',
  'REPLIED',
  'RATED',
  'UNSATISFIED',
  'CLOSED',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses a proposal has once it was filed (立案): public, with a case number. */
export const FILED_STATUSES: ProposalStatus[] = [
  'FILED',
  'ASSIGNED',
  'REPLIED',
  'RATED',
  'UNSATISFIED',
  'CLOSED',
];

export const PROPOSAL_CATEGORIES = [
  '经济建设',
  '农业农村',
  '生态环境',
  '社会事业',
  '文化旅游',
  '城市管理',
  '其他',
] as const;
/** 提案类别, stored by its Chinese name (the `ProposalCategory` enum names each in English). */
export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];

/** A category read from elsewhere (the demo data), refused when it is not one the API can name. */
export function proposalCategory(name: string): ProposalCategory {
  const found = PROPOSAL_CATEGORIES.find((c) => c === name);
  if (!found) throw new Error(`${name} is not a proposal category`);
  return found;
}

/** 个人提案 / 联名提案 / 集体提案. */
export const PROPOSAL_KINDS = ['INDIVIDUAL', 'JOINT', 'COLLECTIVE'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** 大会提案 (during the plenary) / 平时提案 (between sessions). */
export const PROPOSAL_WINDOWS = ['PLENARY', 'INTER_SESSION'] as const;
export type ProposalWindow = (typeof PROPOSAL_WINDOWS)[number];

/** Who proposes collectively: a party or people's organization, a special committee, a sector group. */
export const COLLECTIVE_KINDS = [
  'PARTY',
  'PEOPLES_ORGANIZATION',
  'SPECIAL_COMMITTEE',
  'SECTOR_GROUP',
] as const;
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number];

/** 转委员意见建议 / 转社情民意信息. */
export const CONVERSION_TARGETS = ['SUGGESTION', 'OPINION_ITEM'] as const;
export type ConversionTarget = (typeof CONVERSION_TARGETS)[number];

/** 独办 / 分办 / 主办+会办. */
export const HANDLING_MODES = ['SOLE', 'SEPARATE', 'LEAD_WITH_CO'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];

export const RATINGS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;
export type Rating = (typeof RATINGS)[number];

export interface Attachment {
  name: string;
  url: string;
}

/** 提案. Public once filed; before that only its author, co-signers and the district's staff see it. */
export const ProposalSchema = defineEntity({
  name: 'Proposal',
  tableName: 'proposal',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'proposal_status_id_index', properties: ['status', 'id'] },
    { name: 'proposal_category_id_index', properties: ['category', 'id'] },
    { name: 'proposal_year_id_index', properties: ['year', 'id'] },
    { name: 'proposal_kind_id_index', properties: ['kind', 'id'] },
    { name: 'proposal_window_id_index', properties: ['window', 'id'] },
    { name: 'proposal_term_id_index', properties: ['term', 'id'] },
    { name: 'proposal_session_id_index', properties: ['session', 'id'] },
  ],
  uniques: [{ properties: ['district', 'caseNumber'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    caseNumber: p.string().nullable(),
    title: p.string(),
    category: p.string().$type<ProposalCategory>(),
    year: p.integer(),
    situation: p.text(),
    analysis: p.text(),
    suggestions: p.text(),
    status: p.string().$type<ProposalStatus>(),
    /** The lead proposer; for a collective proposal, the member who submits it for the body. */
    authorId: p.integer().index(),
    submittedAt: p.datetime(),
    filedAt: p.datetime().nullable(),
    public: p.boolean().default(false),
    version: p.integer().version(),
    kind: p.string().$type<ProposalKind>().default('INDIVIDUAL'),
    window: p.string().$type<ProposalWindow>().default('INTER_SESSION'),
    term: p.integer().nullable(),
    session: p.integer().nullable(),
    collectiveKind: p.string().$type<CollectiveKind>().nullable(),
    collectiveName: p.string().nullable(),
    attachments: p.json<Attachment[]>().nullable(),
    /** Why it was not filed, returned, or what the office proposes: told to the proposer. */
    statusNote: p.text().nullable(),
    convertedTo: p.string().$type<ConversionTarget>().nullable(),
    /** The review state a conversion was proposed from (SUBMITTED or NOT_FILED): declining goes back to it. */
    conversionFrom: p.string().$type<ProposalStatus>().nullable(),
    /** The opinion item a conversion to public-opinion information produced. */
    convertedItemId: p.integer().nullable(),
    mergedIntoId: p.integer().nullable(),
    /**
     * The member studio reception (接待, members' StudioReception) whose issue this draft was made
     * from, set when proposals takes `studio.issue_raised`; one draft per reception.
     */
    studioReceptionId: p.integer().nullable().unique(),
    mode: p.string().$type<HandlingMode>().nullable(),
    /** Day of the assignment meeting (交办会), YYYY-MM-DD. */
    assignedOn: p.string().length(10).nullable(),
    repliedAt: p.datetime().nullable(),
    /**
     * The proposal's overall rating: the lead's latest (each proposer's own is a ProposalRating
     * row). It decides the step and the per-proposal satisfaction rate.
     */
    rating: p.string().$type<Rating>().nullable(),
    ratingComment: p.text().nullable(),
    /** Handling round: 1, and one more each time handling is reopened (再次办理); ratings are per round. */
    round: p.integer().default(1),
    closedAt: p.datetime().nullable(),
    /**
     * Touched by every step on the proposal, and by the task steps that depend on its other tasks
     * (passing a reply, approving a return), so each bumps `version`.
     */
    changedAt: p.datetime().nullable(),
  },
});
export type Proposal = InferEntity<typeof ProposalSchema>;
