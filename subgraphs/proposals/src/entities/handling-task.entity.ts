import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const TASK_STATUSES = [
  'PENDING_RECEIPT',
  'RETURN_REQUESTED',
  'RETURNED',
  'RECEIVED',
  'OPINION_SENT',
  'REPLIED',
  'ACCEPTED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** SOLE (独办), SEPARATE (分办: each answers), LEAD (主办) and CO (会办: sends opinions to the lead). */
export const TASK_ROLES = ['SOLE', 'SEPARATE', 'LEAD', 'CO'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

/** One handling unit's share of a proposal (承办任务). */
export const HandlingTaskSchema = defineEntity({
  name: 'HandlingTask',
  tableName: 'handling_task',
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    district: p.string().length(12).index(),
    /** A government unit of the organization subgraph. */
    unitId: p.integer().index(),
    role: p.string().$type<TaskRole>(),
    status: p.string().$type<TaskStatus>(),
    assignedOn: p.string().length(10),
    /** Sign receipt or ask to return by this day. */
    receiptDueOn: p.string().length(10),
    /** Reply (or, for a co-unit, opinion) due; at most six months after `startedOn`. */
    dueOn: p.string().length(10),
    /** Handling started (assignment, or reopening after an unsatisfied rating). */
    startedOn: p.string().length(10),
    extensionReason: p.text().nullable(),
    /** The day staff last urged the unit (催办) past its due day: once a week at most. */
    urgedOn: p.string().length(10).nullable(),
    receivedAt: p.datetime().nullable(),
    returnReason: p.text().nullable(),
    /** The task that replaced this one when its return was approved. */
    replacedById: p.integer().nullable(),
    opinion: p.text().nullable(),
    opinionAt: p.datetime().nullable(),
    /** Day the reply was accepted or the opinion sent. */
    doneOn: p.string().length(10).nullable(),
    /**
     * Moves with every step on the task: a task step checks it, so units step their own tasks of
     * one proposal at once, while two steps on one task cannot both commit.
     */
    version: p.integer().version(),
  },
});
export type HandlingTask = InferEntity<typeof HandlingTaskSchema>;
