import {
  appError,
  assertWritableDistrict,
  audit,
  callerUnit,
  canWriteDistrict,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  today,
  staleVersion,
} from '@cppcc/kit';
import { visible } from '../access.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import {
  ResultSchema,
  ResultTimelineEntrySchema,
  type Result,
  type ResultKind,
  type TaskStatus,
} from '../entities/result.entity.js';
import { taskWorkflow, type TaskAction } from '../workflow.js';
import { ledgerEntryFor, linkTask } from './ledger-tasks.js';
import { assertUnit } from './units.js';

export interface CreateResult {
  district: string | null;
  parentId: number | null;
  kind: ResultKind;
  title: string;
  description: string | null;
  recommendationId: number | null;
  unitId: number | null;
  document: string | null;
  adoptedOn: string | null;
  startOn: string | null;
  dueOn: string | null;
  weight: number;
  public: boolean;
}

/** The chain's shape: 党委出题 (topic) → 政府采纳 (adoption) → 部门落实 (tasks, maybe split further). */
const PARENT_KINDS: Record<ResultKind, ResultKind[]> = {
  TOPIC: [],
  ADOPTION: ['TOPIC'],
  TASK: ['ADOPTION', 'TASK'],
};

/** Staff add a node to an outcome chain. */
export async function createResult(ctx: RequestContext, input: CreateResult): Promise<Result> {
  const parent =
    input.parentId === null
      ? null
      : await ctx.em.findOne(ResultSchema, { id: input.parentId }, { filters: false });
  if (input.parentId !== null && (!parent || !visible(ctx, parent)))
    throw inputError('input.parentId', 'exists', `no result ${input.parentId}`);
  const district = parent?.district ?? input.district;
  if (!district)
    throw inputError(
      'input.district',
      'required',
      'a topic (the root of a chain) names its district',
    );
  await assertWritableDistrict(ctx, district, parent ? 'input.parentId' : 'input.district');
  if (parent ? !PARENT_KINDS[input.kind].includes(parent.kind) : input.kind !== 'TOPIC') {
    throw inputError(
      'input.kind',
      'shape',
      parent
        ? `a ${input.kind} cannot sit under a ${parent.kind}`
        : 'a chain starts with its TOPIC',
    );
  }
  if (input.kind === 'ADOPTION' && (!input.document || !input.adoptedOn))
    throw inputError(
      'input.document',
      'required',
      'an adoption names its decision or document and the day',
    );
  if (input.kind === 'TASK') {
    if (input.unitId === null)
      throw inputError('input.unitId', 'required', 'a task names the department carrying it out');
    if (!input.dueOn) throw inputError('input.dueOn', 'required', 'a task has a due date');
    await assertUnit(ctx, input.unitId, district, 'input.unitId');
  } else if (input.unitId !== null) {
    throw inputError('input.unitId', 'shape', 'only tasks are carried out by a department');
  }
  if (input.startOn && input.dueOn && input.dueOn < input.startOn)
    throw inputError('input.dueOn', 'order', 'is before the start');
  if (input.recommendationId !== null) {
    const r = await ctx.em.findOne(
      RecommendationSchema,
      { id: input.recommendationId },
      { filters: false },
    );
    if (!r || r.district !== district)
      throw inputError(
        'input.recommendationId',
        'exists',
        `no recommendation ${input.recommendationId} in district ${district}`,
      );
  }
  return ctx.em.transactional(async (em) => {
    const status: TaskStatus | null = input.kind === 'TASK' ? 'NOT_STARTED' : null;
    // A department's task under an adoption whose recommendation is on the ledger stands for
    // its entry there (found or made), so the department reports once.
    const entry =
      parent && input.kind === 'TASK' && input.unitId !== null && input.dueOn
        ? await ledgerEntryFor(em as EntityManager, ctx, parent, {
            unitId: input.unitId,
            title: input.title,
            dueOn: input.dueOn,
          })
        : null;
    const { district: _d, ...fields } = input;
    const node = em.create(ResultSchema, {
      ...fields,
      district,
      rootId: parent?.rootId ?? null,
      ownProgress: 0,
      status,
      ledgerEntryId: null,
    });
    await em.flush();
    if (!parent) node.rootId = node.id;
    audit(em, {
      entity: 'result',
      entityId: String(node.id),
      action: 'create',
      fromState: null,
      toState: status ?? input.kind,
      actor: ctx.caller.userId,
      note: null,
    });
    if (entry) linkTask(em as EntityManager, ctx, node, entry);
    return node;
  });
}

async function load(
  ctx: RequestContext,
  em: EntityManager,
  id: number,
  version?: number,
): Promise<Result> {
  const node = await em.findOne(ResultSchema, { id }, { filters: false });
  const own = !!node && node.unitId != null && callerUnit(ctx.caller) === node.unitId;
  if (!node || !visible(ctx, node, own)) throw notFound('result', id);
  if (version !== undefined && node.version !== version)
    throw staleVersion(`result ${id}`, node.version, version);
  return node;
}

function requireStaff(ctx: RequestContext, node: Result): void {
  if (!canWriteDistrict(ctx.caller, node.district))
    throw appError(
      ErrorCode.FORBIDDEN,
      `result ${node.id}: only staff of district ${node.district} may change the chain`,
    );
}

function timeline(
  em: EntityManager,
  ctx: RequestContext,
  node: Result,
  text: string,
  progress: number | null,
  on: string | null,
): void {
  em.create(ResultTimelineEntrySchema, {
    district: node.district,
    resultId: node.id,
    happenedOn: on ?? today(),
    text,
    progress,
    actor: ctx.caller.userId,
    public: node.public,
  });
}

/** Staff change how much a node counts towards its parent. */
export async function setResultWeight(
  ctx: RequestContext,
  id: number,
  version: number,
  weight: number,
): Promise<Result> {
  return ctx.em.transactional(async (em) => {
    const node = await load(ctx, em, id, version);
    requireStaff(ctx, node);
    if (node.parentId == null)
      throw inputError('id', 'root', 'a topic has no parent to count towards');
    node.weight = weight;
    return node;
  });
}

/** Staff remove a node with nothing under it; the parent's progress is computed anew without it. */
export async function removeResult(
  ctx: RequestContext,
  id: number,
  version: number,
  note: string | null,
): Promise<Result> {
  return ctx.em.transactional(async (em) => {
    const node = await load(ctx, em, id, version);
    requireStaff(ctx, node);
    const children = await em.count(ResultSchema, { parentId: id }, { filters: false });
    if (children > 0)
      throw appError(
        ErrorCode.CONFLICT,
        `result ${id} has ${children} result(s) under it: remove them first`,
        { field: 'id' },
      );
    audit(em, {
      entity: 'result',
      entityId: String(id),
      action: 'remove',
      fromState: node.status ?? node.kind,
      toState: 'REMOVED',
      actor: ctx.caller.userId,
      note,
    });
    await em.nativeDelete(ResultTimelineEntrySchema, { resultId: id });
    em.remove(node);
    return node;
  });
}

/** A department starts or completes its task; staff reopen one. Completing it makes it 100%. */
export async function moveTask(
  ctx: RequestContext,
  id: number,
  action: Exclude<TaskAction, 'reportProgress'>,
  version: number,
  note: string | null,
): Promise<Result> {
  return ctx.em.transactional(async (em) => {
    const node = await load(ctx, em, id, version);
    if (node.kind !== 'TASK' || !node.status)
      throw inputError('id', 'task', `result ${id} is a ${node.kind}, not a task`);
    if (action === 'reopen') requireStaff(ctx, node);
    taskWorkflow.apply({ ...ctx, em }, node as Result & { status: TaskStatus }, action, note);
    if (action === 'complete') node.ownProgress = 100;
    timeline(
      em,
      ctx,
      node,
      note ?? { start: '开始实施', complete: '完成', reopen: '重新打开' }[action],
      node.ownProgress,
      null,
    );
    return node;
  });
}

/** The department reports how far its task in progress has come; it goes on the task's timeline. */
export async function reportProgress(
  ctx: RequestContext,
  id: number,
  version: number,
  progress: number,
  text: string,
  on: string | null,
): Promise<Result> {
  return ctx.em.transactional(async (em) => {
    const node = await load(ctx, em, id, version);
    if (node.kind !== 'TASK')
      throw inputError('id', 'task', `result ${id} is a ${node.kind}, not a task`);
    if (callerUnit(ctx.caller) !== node.unitId)
      throw appError(
        ErrorCode.FORBIDDEN,
        `result ${id}: only the department carrying it out reports its progress`,
      );
    // Progress is reported while IN_PROGRESS (the table's row).
    taskWorkflow.check(ctx, node as Result & { status: TaskStatus }, 'reportProgress');
    node.ownProgress = progress;
    timeline(em, ctx, node, text, progress, on);
    return node;
  });
}

/** Staff note a milestone on any node of the chain. */
export async function addTimelineEntry(
  ctx: RequestContext,
  id: number,
  text: string,
  on: string | null,
): Promise<Result> {
  return ctx.em.transactional(async (em) => {
    const node = await load(ctx, em, id);
    requireStaff(ctx, node);
    timeline(em, ctx, node, text, null, on);
    return node;
  });
}
