import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** What a leader writes an instruction on: proposals' proposals and items, and this module's outcomes. */
export const INSTRUCTION_SUBJECTS = [
  'PROPOSAL',
  'OPINION_ITEM',
  'RECOMMENDATION_REPORT',
  'RECOMMENDATION',
  'RESEARCH_REPORT',
] as const;
export type InstructionSubject = (typeof INSTRUCTION_SUBJECTS)[number];
/** The subjects this module owns; proposals' are known through the instruction_subject_ref replica. */
export const OUTCOME_SUBJECTS = [
  'RECOMMENDATION_REPORT',
  'RECOMMENDATION',
  'RESEARCH_REPORT',
] as const;
export type OutcomeSubject = (typeof OUTCOME_SUBJECTS)[number];
export type ProposalsSubject = Exclude<InstructionSubject, OutcomeSubject>;

/** 主要领导 (the principal leader) or 分管领导 (the leader in charge of the area). */
export const LEADER_RANKS = ['PRINCIPAL', 'IN_CHARGE'] as const;
export type LeaderRank = (typeof LEADER_RANKS)[number];

export const GOVERNMENT_LEVELS = ['NATIONAL', 'PROVINCIAL', 'CITY', 'DISTRICT'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

/** 批示: a leader's written instruction on a proposal, an opinion item or an outcome. */
export const InstructionSchema = defineEntity({
  name: 'Instruction',
  tableName: 'instruction',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'instruction_subject_type_id_index', properties: ['subjectType', 'id'] },
    { name: 'instruction_rank_id_index', properties: ['rank', 'id'] },
    { name: 'instruction_instructed_on_id_index', properties: ['instructedOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    subjectType: p.string().$type<InstructionSubject>(),
    subjectId: p.integer(),
    leader: p.string(),
    leaderPost: p.string().nullable(),
    /** Unknown for instructions proposals recorded before the hand-over, and optional on its subjects. */
    rank: p.string().$type<LeaderRank>().nullable(),
    level: p.string().$type<GovernmentLevel>(),
    instructedOn: p.string().length(10),
    text: p.text(),
    public: p.boolean().default(false),
    /** Proposals' id for a row it handed over (migration one-instruction); a row is taken once. */
    handedOverFrom: p.integer().nullable().unique(),
  },
});
export type Instruction = InferEntity<typeof InstructionSchema>;

export const LEDGER_STATUSES = ['ASSIGNED', 'REPLIED', 'DONE'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** 转办台账: one department's share of carrying out an instruction, and its feedback. */
export const LedgerEntrySchema = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entry',
  // The filters its list offers (migration filter-indexes).
  indexes: [{ name: 'ledger_entry_status_id_index', properties: ['status', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    instructionId: p.integer().index(),
    unitId: p.integer().index(),
    task: p.text(),
    dueOn: p.string().length(10),
    feedback: p.text().nullable(),
    repliedOn: p.string().length(10).nullable(),
    status: p.string().$type<LedgerStatus>(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type LedgerEntry = InferEntity<typeof LedgerEntrySchema>;
