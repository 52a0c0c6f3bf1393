import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ProposalCategory } from './proposal.entity.js';

/**
 * 社情民意信息: DRAFT → SUBMITTED → SELECTED (screened in, edited) → ISSUED (in a bulletin) →
 * REPORTED (sent up) → ADOPTED, or DISCARDED / WITHDRAWN. The table in workflow.ts moves it.
 */
export const OPINION_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'SELECTED',
  'DISCARDED',
  'WITHDRAWN',
  'ISSUED',
  'REPORTED',
  'ADOPTED',
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

/** Who reported it: members, a party, a special committee, a district committee, an informant (特邀信息员). */
export const OPINION_SOURCES = [
  'MEMBER',
  'PARTY',
  'SPECIAL_COMMITTEE',
  'DISTRICT_COMMITTEE',
  'INFORMANT',
] as const;
export type OpinionSource = (typeof OPINION_SOURCES)[number];

export const OpinionItemSchema = defineEntity({
  name: 'OpinionItem',
  tableName: 'opinion_item',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'opinion_item_status_id_index', properties: ['status', 'id'] },
    { name: 'opinion_item_source_id_index', properties: ['source', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    content: p.text(),
    /** The text as edited for the bulletin (采编); the author's text stays in `content`. */
    editedContent: p.text().nullable(),
    category: p.string().$type<ProposalCategory>(),
    source: p.string().$type<OpinionSource>(),
    /** Name of the party, committee, district committee or informant when not members. */
    sourceName: p.string().nullable(),
    status: p.string().$type<OpinionStatus>(),
    statusNote: p.text().nullable(),
    submittedOn: p.string().length(10).nullable(),
    issueId: p.integer().nullable().index(),
    /** Where it was reported up (全国政协, 省政协, 市委, 市政府 …). */
    reportedTo: p.json<string[]>().nullable(),
    reportedOn: p.string().length(10).nullable(),
    feedback: p.text().nullable(),
    fedBackOn: p.string().length(10).nullable(),
    /** Set when a proposal was converted into this item. */
    fromProposalId: p.integer().nullable(),
    /** The member studio reception (接待) whose issue this draft item was made from; one item per reception. */
    studioReceptionId: p.integer().nullable().unique(),
    public: p.boolean().default(false),
    version: p.integer().version(),
    changedAt: p.datetime().nullable(),
  },
});
export type OpinionItem = InferEntity<typeof OpinionItemSchema>;

/** The members who wrote an item (none when a body or informant reported it). */
export const OpinionAuthorSchema = defineEntity({
  name: 'OpinionAuthor',
  tableName: 'opinion_item_author',
  properties: {
    itemId: p.integer().primary(),
    memberId: p.integer().primary().index(),
  },
});
export type OpinionAuthor = InferEntity<typeof OpinionAuthorSchema>;

export const ISSUE_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** 《社情民意》专刊, one numbered issue (期) carrying items. */
export const BulletinIssueSchema = defineEntity({
  name: 'BulletinIssue',
  tableName: 'bulletin_issue',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'bulletin_issue_published_on_id_index', properties: ['publishedOn', 'id'] }],
  uniques: [{ properties: ['district', 'year', 'number'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    year: p.integer(),
    number: p.integer(),
    title: p.string(),
    editor: p.string(),
    /** Who signed it off (签发). */
    issuer: p.string(),
    status: p.string().$type<IssueStatus>(),
    publishedOn: p.string().length(10).nullable(),
    public: p.boolean().default(false),
    version: p.integer().version(),
    changedAt: p.datetime().nullable(),
  },
});
export type BulletinIssue = InferEntity<typeof BulletinIssueSchema>;

export const ADOPTION_LEVELS = ['NATIONAL', 'PROVINCIAL', 'CITY', 'DISTRICT'] as const;
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];
/** 单篇采用 / 综合采用 (combined with others into one report). */
export const ADOPTION_MODES = ['SINGLE', 'COMBINED'] as const;
export type AdoptionMode = (typeof ADOPTION_MODES)[number];

/** 采用: a level took up an item. One per level. */
export const AdoptionSchema = defineEntity({
  name: 'Adoption',
  tableName: 'opinion_adoption',
  uniques: [{ properties: ['itemId', 'level'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    itemId: p.integer().index(),
    district: p.string().length(12).index(),
    level: p.string().$type<AdoptionLevel>(),
    mode: p.string().$type<AdoptionMode>(),
    adoptedOn: p.string().length(10),
    /** Where it appeared, e.g. 全国政协《社情民意信息》第X期. */
    publication: p.string().nullable(),
  },
});
export type Adoption = InferEntity<typeof AdoptionSchema>;

export const INSTRUCTION_SUBJECTS = ['PROPOSAL', 'OPINION_ITEM'] as const;
export type InstructionSubject = (typeof INSTRUCTION_SUBJECTS)[number];

/**
 * 批示 recorded here before consultation owned leaders' instructions: kept for the hand-over
 * (instruction.handed_over, once per row on the first start after the upgrade) and dropped in the
 * release after. New instructions live in consultation; the statistics count instruction_ref.
 */
export const InstructionSchema = defineEntity({
  name: 'Instruction',
  tableName: 'instruction',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    subjectType: p.string().$type<InstructionSubject>(),
    subjectId: p.integer().index(),
    leader: p.string(),
    level: p.string().$type<AdoptionLevel>(),
    text: p.text(),
    instructedOn: p.string().length(10),
    public: p.boolean().default(false),
  },
});
export type Instruction = InferEntity<typeof InstructionSchema>;
