import {
  AuditEntrySchema,
  inputError,
  notFound,
  parseId,
  type RequestContext,
  requirePermissionIn,
  TITLE_DESCRIPTION,
  titleSchema,
  describedValues,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { text, url } from '../commands/validate.js';
import { taskWorkflow } from '../workflow.js';
import {
  CooperationTaskSchema,
  TASK_STATES,
  type CooperationTask,
} from '../entities/cooperation-task.entity.js';
import {
  CompensationRoundRef,
  HistoryRef,
  assertYearInRound,
  visibleRound,
} from './compensation-round.js';

const TaskStatusEnum = builder.enumType('CooperationTaskStatus', {
  description:
    '合作任务状态 Where a cooperation task stands: PLANNED → IN_PROGRESS → DONE, or CANCELLED.',
  values: describedValues(TASK_STATES, {
    planned: '计划 Planned; staff start or cancel it.',
    in_progress: '进行中 Under way; staff report progress, complete or cancel it.',
    done: '已完成 Completed (100%).',
    cancelled: '已取消 Cancelled.',
  }),
});

export const CooperationTaskRef = builder.objectRef<CooperationTask>('CooperationTask').implement({
  description:
    "An item of a year's cooperation key points (合作要点), with its owners and progress.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The CooperationTask's id." }),
    year: t.exposeInt('year', { description: '年度 The year of the task.' }),
    title: t.exposeString('title', { description: "任务名称 The task's title." }),
    owners: t.exposeString('owners', { description: '责任单位 Who carries it out.' }),
    progress: t.exposeInt('progress', { description: 'Percent, 0–100.' }),
    status: t.field({
      description: '合作任务状态 Where a cooperation task stands.',
      type: TaskStatusEnum,
      resolve: (x) => x.status,
    }),
    resultsUrl: t.exposeString('resultsUrl', {
      description: '成果链接 Where its results can be read, if given.',
      nullable: true,
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (x, _a, ctx) => taskWorkflow.available(ctx, x),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [HistoryRef],
      resolve: (x, _a, ctx) =>
        ctx.loaders
          .many(AuditEntrySchema, 'entityId', { entity: 'CooperationTask' })
          .load(String(x.id)),
    }),
  }),
});

builder.objectField(CompensationRoundRef, 'cooperationTasks', (t) =>
  t.field({
    description: '协作任务 Its cooperation tasks.',
    type: [CooperationTaskRef],
    resolve: (r, _a, ctx) => ctx.loaders.many(CooperationTaskSchema, 'roundId').load(r.id),
  }),
);

function progressOf(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 100)
    throw inputError('progress', 'range', 'must be a whole percent between 0 and 100');
  return value;
}

async function moveTask(
  ctx: RequestContext,
  id: string | number,
  action: 'start' | 'reportProgress' | 'complete' | 'cancel',
  note: string | null,
  alsoSet?: (task: CooperationTask) => void,
): Promise<CooperationTask> {
  const found = await ctx.em.findOne(CooperationTaskSchema, { id: parseId(id) });
  if (!found) throw notFound('cooperation task', id);
  await requirePermissionIn(ctx, 'round.manage', found.district, 'id');
  return ctx.em.transactional(async (em) => {
    const task = await em.findOneOrFail(
      CooperationTaskSchema,
      { id: found.id },
      { filters: false },
    );
    taskWorkflow.apply({ ...ctx, em }, task, action, note);
    alsoSet?.(task);
    return task;
  });
}

builder.mutationFields((t) => ({
  addCooperationTask: t.field({
    type: CooperationTaskRef,
    description: 'Adds a cooperation task to a round (permission round.manage).',
    args: {
      roundId: t.arg.id({ description: "The round's id.", required: true }),
      year: t.arg.int({ description: 'The year of the task.', required: true }),
      title: t.arg.string({
        required: true,
        validate: titleSchema,
        description: TITLE_DESCRIPTION,
      }),
      owners: t.arg.string({ description: 'Who carries it out.', required: true }),
      resultsUrl: t.arg.string({ description: 'Where its results can be read.', required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const round = await visibleRound(ctx, args.roundId);
      await requirePermissionIn(ctx, 'round.manage', round.district, 'roundId');
      assertYearInRound(round, args.year);
      const title = text(args.title, 'title');
      const owners = text(args.owners, 'owners');
      const resultsUrl = url(args.resultsUrl, 'resultsUrl');
      return ctx.em.transactional(async (em) =>
        em.create(CooperationTaskSchema, {
          district: round.district,
          public: round.public,
          roundId: round.id,
          year: args.year,
          title,
          owners,
          progress: 0,
          status: 'planned',
          resultsUrl,
          createdBy: ctx.caller.userId,
          createdAt: new Date(),
        }),
      );
    },
  }),
  startCooperationTask: t.field({
    description:
      "A planned cooperation task starts (PLANNED → IN_PROGRESS); permission round.manage (staff) in the task's district. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CooperationTaskRef,
    args: {
      id: t.arg.id({ description: "The CooperationTask's id.", required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, args, ctx) => moveTask(ctx, args.id, 'start', args.note ?? null),
  }),
  reportCooperationTaskProgress: t.field({
    type: CooperationTaskRef,
    description: 'Reports progress on a started task; 100% is reached by completing it.',
    args: {
      id: t.arg.id({ description: "The CooperationTask's id.", required: true }),
      progress: t.arg.int({
        description: 'The progress now, in percent (0 to 100).',
        required: true,
      }),
      resultsUrl: t.arg.string({ description: 'Where its results can be read.', required: false }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, args, ctx) => {
      const progress = progressOf(args.progress);
      if (progress === 100)
        throw inputError(
          'progress',
          'complete-instead',
          'a finished task is completed (completeCooperationTask), not reported at 100%',
        );
      const resultsUrl = url(args.resultsUrl, 'resultsUrl');
      return moveTask(ctx, args.id, 'reportProgress', args.note ?? `${progress}%`, (task) => {
        task.progress = progress;
        if (resultsUrl) task.resultsUrl = resultsUrl;
      });
    },
  }),
  completeCooperationTask: t.field({
    description:
      "A task in progress is completed (IN_PROGRESS → DONE, progress 100%), with an optional link to its results; permission round.manage. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CooperationTaskRef,
    args: {
      id: t.arg.id({ description: "The CooperationTask's id.", required: true }),
      resultsUrl: t.arg.string({ description: 'Where its results can be read.', required: false }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, args, ctx) => {
      const resultsUrl = url(args.resultsUrl, 'resultsUrl');
      return moveTask(ctx, args.id, 'complete', args.note ?? null, (task) => {
        task.progress = 100;
        if (resultsUrl) task.resultsUrl = resultsUrl;
      });
    },
  }),
  cancelCooperationTask: t.field({
    description:
      "A planned or in-progress task is cancelled (→ CANCELLED), saying why in `note` (at most 500 characters); permission round.manage. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CooperationTaskRef,
    args: {
      id: t.arg.id({ description: "The CooperationTask's id.", required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: true }),
    },
    resolve: (_root, args, ctx) => moveTask(ctx, args.id, 'cancel', text(args.note, 'note', 500)),
  }),
}));
