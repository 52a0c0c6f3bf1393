import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const TASK_STATES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** One item of a year's 合作要点 (joint salvage, joint enforcement, industry cooperation …). */
export const CooperationTaskSchema = defineEntity({
  name: 'CooperationTask',
  tableName: 'eco_task',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    roundId: p.integer().index(),
    year: p.integer(),
    title: p.string(),
    owners: p.string(),
    progress: p.integer(),
    status: p.string().$type<TaskState>(),
    resultsUrl: p.string().nullable(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
  },
});
export type CooperationTask = InferEntity<typeof CooperationTaskSchema>;
