import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The outcome chain as a results tree: the topic set, the government's adoption, the departments' tasks. */
export const RESULT_KINDS = ['TOPIC', 'ADOPTION', 'TASK'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const TASK_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const ResultSchema = defineEntity({
  name: 'Result',
  tableName: 'result',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'result_kind_id_index', properties: ['kind', 'id'] },
    { name: 'result_status_id_index', properties: ['status', 'id'] },
    // The period (migration period-indexes).
    { name: 'result_start_on_id_index', properties: ['startOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    /** The tree's root (the topic); a root points at itself. Loads a whole tree in one query. */
    rootId: p.integer().nullable().index(),
    parentId: p.integer().nullable().index(),
    kind: p.string().$type<ResultKind>(),
    title: p.string(),
    description: p.text().nullable(),
    recommendationId: p.integer().nullable().index(),
    /** The department carrying out a task. */
    unitId: p.integer().nullable().index(),
    /** The adopting decision or document (ADOPTION). */
    document: p.string().nullable(),
    adoptedOn: p.string().length(10).nullable(),
    startOn: p.string().length(10).nullable(),
    dueOn: p.string().length(10).nullable(),
    /** A share of the parent's progress; 0 tracks a child without counting it. */
    weight: p.integer().default(1),
    /** Progress the node reports itself (tasks); parents compute theirs from their children. */
    ownProgress: p.integer().default(0),
    status: p.string().$type<TaskStatus>().nullable(),
    /**
     * The conversion-ledger entry a department's task stands for (migration result-ledger-entry):
     * the entry is the one record of that follow-up; the task's status and progress follow it.
     */
    ledgerEntryId: p.integer().nullable().unique(),
    public: p.boolean().default(true),
    version: p.integer().version(),
  },
});
export type Result = InferEntity<typeof ResultSchema>;

/** A dated step in a result's history: progress reported, a milestone reached. */
export const ResultTimelineEntrySchema = defineEntity({
  name: 'ResultTimelineEntry',
  tableName: 'result_timeline_entry',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    resultId: p.integer().index(),
    happenedOn: p.string().length(10),
    text: p.text(),
    progress: p.integer().nullable(),
    actor: p.string().nullable(),
    public: p.boolean().default(true),
  },
});
export type ResultTimelineEntry = InferEntity<typeof ResultTimelineEntrySchema>;
