import {
  callerUnit,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodFields,
  periodWhere,
  type RequestContext,
  today,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { visible } from '../access.js';
import { builder } from '../builder.js';
import {
  addTimelineEntry,
  createResult,
  moveTask,
  removeResult,
  reportProgress,
  setResultWeight,
} from '../commands/results.js';
import { LedgerEntrySchema } from '../entities/instruction.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import {
  RESULT_KINDS,
  ResultSchema,
  ResultTimelineEntrySchema,
  TASK_STATUSES,
  type Result,
  type ResultTimelineEntry,
} from '../entities/result.entity.js';
import { treeProgress } from '../progress.js';
import { taskWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { DistrictRef } from './district.js';
import { GovernmentUnitRef, unitRef } from './government-unit.js';
import { LedgerEntryType } from './instruction.js';
import { RecommendationType } from './recommendation.js';

export const ResultKindType = builder.enumType('ResultKind', {
  values: describedValues(RESULT_KINDS, {
    TOPIC: '党委出题 A topic set by the Party committee: the root of an outcome chain.',
    ADOPTION: "政府采纳 The government's adoption, under a TOPIC.",
    TASK: "部门落实 A department's task carrying it out, under an ADOPTION or another TASK.",
  }),
  description: 'TOPIC 党委出题, ADOPTION 政府采纳, TASK 部门落实.',
});
export const TaskStatusType = builder.enumType('ResultTaskStatus', {
  description: "落实状态 Where a department's task in an outcome chain stands.",
  values: describedValues(TASK_STATUSES, {
    NOT_STARTED: '未开始 Not started; the assigned department starts it.',
    IN_PROGRESS: '进行中 Under way; the department reports progress or completes it.',
    DONE: '已完成 Done; staff may reopen it unless it is on the ledger.',
  }),
});

const TimelineEntryType = builder.objectRef<ResultTimelineEntry>('ResultTimelineEntry').implement({
  description: '进展 A milestone on a node of an outcome chain.',
  fields: (t) => ({
    on: t.expose('happenedOn', { description: '日期 The day it happened.', type: 'Date' }),
    text: t.exposeString('text', { description: '内容 What happened.' }),
    progress: t.exposeInt('progress', {
      description: '进度 The progress reported with it (0 to 100), if any.',
      nullable: true,
    }),
    actor: t.exposeString('actor', {
      description: '记录人 Who recorded it (user id), if known.',
      nullable: true,
    }),
  }),
});

export const ResultType = builder.objectRef<Result>('ImplementationResult');

/** Every node of the tree `node` belongs to, loaded once per tree per request. */
const treeOf = (ctx: RequestContext, node: Result) =>
  ctx.loaders.many(ResultSchema, 'rootId', {}, true).load(node.rootId ?? node.id);

/** The caller's department carries the task out: it reads the task's ledger side too. */
const ownTask = (ctx: RequestContext, r: { unitId?: number | null }) =>
  r.unitId != null && callerUnit(ctx.caller) === r.unitId;

/** Progress of a node, computed from its tree's rows on every read: never stored. */
export async function progressOf(ctx: RequestContext, node: Result): Promise<number> {
  return treeProgress(await treeOf(ctx, node)).get(node.id) ?? node.ownProgress;
}

ResultType.implement({
  description:
    "A node of the outcome chain 党委出题 → 政协调研 → 政府采纳 → 部门落实, tracked like Decidim's accountability results.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ImplementationResult's id." }),
    kind: t.field({
      description: 'TOPIC 党委出题, ADOPTION 政府采纳, TASK 部门落实.',
      type: ResultKindType,
      resolve: (r) => r.kind,
    }),
    title: t.exposeString('title', { description: "标题 The result's title." }),
    description: t.exposeString('description', {
      nullable: true,
      description: '说明 What it is about, if written.',
    }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (r) => ({ code: r.district }),
    }),
    parent: t.field({
      description: '上级 The result it belongs under; null at the top of a tree.',
      type: ResultType,
      nullable: true,
      resolve: (r, _a, ctx) =>
        r.parentId == null ? null : ctx.loaders.one(ResultSchema).load(r.parentId),
    }),
    children: t.field({
      description: '下级 The results under it.',
      type: [ResultType],
      resolve: async (r, _a, ctx) =>
        (await treeOf(ctx, r)).filter((n) => n.parentId === r.id && visible(ctx, n)),
    }),
    recommendation: t.field({
      description: '协商建议 The recommendation it implements, if any.',
      type: RecommendationType,
      nullable: true,
      resolve: (r, _a, ctx) =>
        r.recommendationId == null
          ? null
          : ctx.loaders.one(RecommendationSchema).load(r.recommendationId),
    }),
    unit: t.field({
      type: GovernmentUnitRef,
      nullable: true,
      description: 'The department carrying out a task.',
      resolve: (r) => unitRef(r.unitId),
    }),
    document: t.exposeString('document', {
      nullable: true,
      description: 'The adopting decision or document.',
    }),
    adoptedOn: t.expose('adoptedOn', {
      description: '采纳日期 The day it was adopted, if known.',
      type: 'Date',
      nullable: true,
    }),
    startOn: t.expose('startOn', {
      description: '开始日期 The day work on it starts, if set.',
      type: 'Date',
      nullable: true,
    }),
    dueOn: t.expose('dueOn', {
      description: '完成时限 The day it is due, if set.',
      type: 'Date',
      nullable: true,
    }),
    weight: t.exposeInt('weight', {
      description: "权重 Its weight among its siblings (0 to 100), for the parent's progress.",
    }),
    status: t.field({
      type: TaskStatusType,
      nullable: true,
      description: 'Tasks only.',
      resolve: (r) => r.status ?? null,
    }),
    progress: t.float({
      description: "Percent: a task's own; a parent's the weighted mean of its children's.",
      resolve: (r, _a, ctx) => progressOf(ctx, r),
    }),
    overdue: t.boolean({
      description: '逾期 A TASK not done and past its due date.',
      resolve: (r) => r.kind === 'TASK' && r.status !== 'DONE' && !!r.dueOn && r.dueOn < today(),
    }),
    timeline: t.field({
      type: [TimelineEntryType],
      description:
        "A task on the ledger shows the department's feedback to those who may read its ledger entry.",
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.many(ResultTimelineEntrySchema, 'resultId', {}, true).load(r.id)).filter(
          (e) => visible(ctx, e, ownTask(ctx, r)),
        ),
    }),
    ledgerEntry: t.field({
      type: LedgerEntryType,
      nullable: true,
      description:
        "The conversion-ledger entry a department's task stands for: the one record of that follow-up. The task's status and progress follow it; the department replies there.",
      resolve: async (r, _a, ctx) =>
        r.ledgerEntryId == null
          ? null
          : ownTask(ctx, r)
            ? ((
                await ctx.loaders.many(LedgerEntrySchema, 'id', {}, true).load(r.ledgerEntryId)
              )[0] ?? null)
            : ctx.loaders.one(LedgerEntrySchema).load(r.ledgerEntryId),
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (r, _a, ctx) =>
        r.kind === 'TASK' && r.status
          ? taskWorkflow.available(ctx, r as Result & { status: NonNullable<Result['status']> })
          : [],
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (r, _a, ctx) => history(ctx, 'result', r),
    }),
  }),
});

builder.objectField(LedgerEntryType, 'result', (t) =>
  t.field({
    type: ResultType,
    nullable: true,
    description:
      "The results-tree task that stands for this entry, showing the department's follow-up there.",
    resolve: async (e, _a, ctx) =>
      (await ctx.loaders.many(ResultSchema, 'ledgerEntryId', {}, ownTask(ctx, e)).load(e.id))[0] ??
      null,
  }),
);

export const ResultConnection = connectionType<Result>(builder, 'ImplementationResult', ResultType);

builder.objectField(RecommendationType, 'results', (t) =>
  t.field({
    type: [ResultType],
    description: 'Chain nodes that carry this recommendation out.',
    resolve: (r, _a, ctx) => ctx.loaders.many(ResultSchema, 'recommendationId').load(r.id),
  }),
);

// A node has no other day every kind carries: a topic starts when the plan that set it was
// approved, an adoption on its day, a task when the department takes it up.
const RESULT_DAY =
  "first day (startOn: a topic's plan approved, an adoption's day, a task's start)";

const ResultFilter = builder.inputType('ImplementationResultFilter', {
  description:
    '筛选 Narrows `implementationResults`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    kind: t.field({
      description: 'Only records with this kind.',
      type: ResultKindType,
      required: false,
    }),
    unitId: t.id({ required: false, description: 'Tasks of this department.' }),
    status: t.field({
      description: 'Only records in this state.',
      type: TaskStatusType,
      required: false,
    }),
    ...periodFields(t, RESULT_DAY),
  }),
});

builder.queryField('implementationResults', (t) =>
  t.field({
    description:
      "成果转化 Nodes of outcome chains (党委出题 → 政府采纳 → 部门落实). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: ResultConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`ImplementationResultFilter`).',
        type: ResultFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<Result>[] = [
        periodWhere(
          'startOn',
          { from: filter?.from, to: filter?.to },
          { from: 'filter.from', to: 'filter.to' },
        ),
      ];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.kind) where.push({ kind: filter.kind });
      if (filter?.unitId) where.push({ unitId: parseId(filter.unitId, 'filter.unitId') });
      if (filter?.status) where.push({ status: filter.status });
      return findPage(ctx.em, ResultSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('implementationResult', (t) =>
  t.field({
    description:
      '成果转化 One node of an outcome chain by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: ResultType,
    nullable: true,
    args: { id: t.arg.id({ description: "The ImplementationResult's id.", required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const node = await ctx.loaders
        .one(ResultSchema)
        .load(parseId(id, 'id', 'ImplementationResult'));
      return node ?? null;
    },
  }),
);

nodeType(builder, ResultType, (ctx, id) => ctx.loaders.one(ResultSchema).load(id));

const weightInput = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(100, 'must be at most 100');

const CreateResultInput = builder.inputType('CreateImplementationResultInput', {
  description: 'What `createImplementationResult` takes.',
  fields: (t) => ({
    district: t.id({
      required: false,
      description: "For a TOPIC (a chain's root); children take their parent's.",
    }),
    parentId: t.id({
      description: 'The id of the result it goes under; none for the top of a tree.',
      required: false,
    }),
    kind: t.field({
      description: 'TOPIC 党委出题, ADOPTION 政府采纳, TASK 部门落实.',
      type: ResultKindType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    description: t.string({
      required: false,
      validate: z.string().trim().max(20000),
      description: 'What it is about: at most 20,000 characters.',
    }),
    recommendationId: t.id({
      description: 'The id of the recommendation it implements.',
      required: false,
    }),
    unitId: t.id({ required: false, description: 'TASK: the department carrying it out.' }),
    document: t.string({
      required: false,
      validate: z.string().trim().min(4).max(200),
      description: 'ADOPTION: the decision or document.',
    }),
    adoptedOn: t.field({ description: 'The day it was adopted.', type: 'Date', required: false }),
    startOn: t.field({ description: 'The day work on it starts.', type: 'Date', required: false }),
    dueOn: t.field({ description: 'The day it is due.', type: 'Date', required: false }),
    weight: t.int({
      required: false,
      validate: weightInput,
      description: "Share of the parent's progress (default 1; 0 tracks without counting).",
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
    }),
  }),
});

const optionalId = (v: string | number | null | undefined, field: string) =>
  v == null ? null : parseId(v, field);

builder.mutationField('createImplementationResult', (t) =>
  t.field({
    description:
      "Staff add a node to an outcome chain: a TOPIC is a chain's root; an ADOPTION sits under a TOPIC; a TASK under an ADOPTION or another TASK. Title 5 to 200 characters; weight 0 to 100.",
    type: ResultType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `createImplementationResult` takes (`CreateImplementationResultInput`).',
        type: CreateResultInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      createResult(ctx, {
        district: input.district == null ? null : String(input.district),
        parentId: optionalId(input.parentId, 'input.parentId'),
        kind: input.kind,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        recommendationId: optionalId(input.recommendationId, 'input.recommendationId'),
        unitId: optionalId(input.unitId, 'input.unitId'),
        document: input.document?.trim() || null,
        adoptedOn: input.adoptedOn ?? null,
        startOn: input.startOn ?? null,
        dueOn: input.dueOn ?? null,
        weight: input.weight ?? 1,
        public: input.public ?? true,
      }),
  }),
);

builder.mutationField('setImplementationResultWeight', (t) =>
  t.field({
    description:
      "Staff change how much a node counts towards its parent's progress: a whole number 0 to 100 (0 tracks it without counting). `version` is the node's current version.",
    type: ResultType,
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ImplementationResult's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      weight: t.arg.int({
        description: 'The new weight: a whole number from 0 to 100.',
        required: true,
        validate: weightInput,
      }),
    },
    resolve: (_root, { id, version, weight }, ctx) =>
      setResultWeight(ctx, parseId(id), version, weight),
  }),
);

builder.mutationField('removeImplementationResult', (t) =>
  t.field({
    type: ResultType,
    description:
      "Staff remove a node with nothing under it; its parent's progress is computed without it.",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ImplementationResult's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({ required: false, description: NOTE_DESCRIPTION }),
    },
    resolve: async (_root, { id, version, note }, ctx) => ({
      ...(await removeResult(ctx, parseId(id), version, note ?? null)),
    }),
  }),
);

for (const [field, action, description] of [
  ['startResultTask', 'start', 'The assigned department starts its task.'],
  ['completeResultTask', 'complete', 'The assigned department completes its task (100%).'],
  ['reopenResultTask', 'reopen', 'Staff reopen a task that was completed.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: ResultType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The ImplementationResult's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveTask(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}

builder.mutationField('reportResultProgress', (t) =>
  t.field({
    type: ResultType,
    description: "The assigned department reports its task's progress; it goes on the timeline.",
    authScopes: { role: 'unit' },
    args: {
      id: t.arg.id({ description: "The ImplementationResult's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      progress: t.arg.int({
        description: 'The progress now: a whole number from 0 to 100.',
        required: true,
        validate: z
          .number()
          .int()
          .min(0, 'must be between 0 and 100')
          .max(100, 'must be between 0 and 100'),
      }),
      text: t.arg.string({
        description: 'What was done: trimmed, 4 to 5,000 characters.',
        required: true,
        validate: z.string().trim().min(4, 'must say what was done').max(5000),
      }),
      on: t.arg({
        description: 'The day of the report (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_root, { id, version, progress, text, on }, ctx) =>
      reportProgress(ctx, parseId(id), version, progress, text.trim(), on ?? null),
  }),
);

builder.mutationField('addResultTimelineEntry', (t) =>
  t.field({
    description:
      'Staff note a milestone on any node of the chain: text trimmed, 4 to 5,000 characters; `on` defaults to today.',
    type: ResultType,
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ImplementationResult's id.", required: true }),
      text: t.arg.string({
        description: 'What happened: trimmed, 4 to 5,000 characters.',
        required: true,
        validate: z.string().trim().min(4, 'must say what happened').max(5000),
      }),
      on: t.arg({
        description: 'The day it happened (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_root, { id, text, on }, ctx) =>
      addTimelineEntry(ctx, parseId(id), text.trim(), on ?? null),
  }),
);
