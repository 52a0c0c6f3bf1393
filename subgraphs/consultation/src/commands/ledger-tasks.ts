import {
  appError,
  audit,
  type EntityManager,
  ErrorCode,
  inputError,
  type RequestContext,
  today,
} from '@cppcc/kit';
import {
  InstructionSchema,
  type Instruction,
  LedgerEntrySchema,
  type LedgerEntry,
} from '../entities/instruction.entity.js';
import { ResultSchema, ResultTimelineEntrySchema, type Result } from '../entities/result.entity.js';
import type { LedgerAction } from '../workflow.js';

/*
 * One department's follow-up is written once: its entry on the conversion ledger (转办台账). A
 * task of a results tree that carries out the same recommendation for the same department
 * stands for that entry (`result.ledger_entry_id`) and follows it; its own steps are refused
 * (the `on-ledger` guard of the task table). The tree and the ledger meet at the recommendation:
 * its instructions' ledger entries and the TASKs directly under its ADOPTION node.
 */

/** The ADOPTION node that carries a recommendation out (the first, should there be several). */
export async function adoptionOf(
  em: EntityManager,
  recommendationId: number,
): Promise<Result | null> {
  return em.findOne(
    ResultSchema,
    { recommendationId, kind: 'ADOPTION' },
    { filters: false, orderBy: { id: 'asc' } },
  );
}

/** The recommendation an instruction is written on, if it is one (not a research report). */
export const recommendationOf = (i: Instruction): number | null =>
  i.subjectType === 'RESEARCH_REPORT' ? null : i.subjectId;

/**
 * The task's status and progress as its entry has them: accepted is done (100%); replied, sent
 * back after a reply, or already under way when it was linked is in progress; else not started.
 * Progress below 100 stays what was reported before the task was linked, as a reopened task's.
 */
function follow(task: Result, entry: LedgerEntry): void {
  if (entry.status === 'DONE') {
    task.status = 'DONE';
    task.ownProgress = 100;
  } else if (entry.status === 'REPLIED' || entry.repliedOn || task.status !== 'NOT_STARTED') {
    task.status = 'IN_PROGRESS';
  }
}

function note(
  em: EntityManager,
  ctx: RequestContext,
  task: Result,
  entry: LedgerEntry,
  text: string,
  on: string,
): void {
  em.create(ResultTimelineEntrySchema, {
    district: task.district,
    resultId: task.id,
    happenedOn: on,
    text,
    progress: task.ownProgress,
    actor: ctx.caller.userId,
    // The department's feedback is as public as its ledger entry, however public the tree is.
    public: task.public && entry.public,
  });
}

/** Points the task at the entry and brings it to the entry's state, saying so on its timeline. */
export function linkTask(
  em: EntityManager,
  ctx: RequestContext,
  task: Result,
  entry: LedgerEntry,
): void {
  const before = task.status;
  task.ledgerEntryId = entry.id;
  follow(task, entry);
  note(em, ctx, task, entry, `列入转办台账 On the conversion ledger: ${entry.task}`, today());
  if (entry.feedback) note(em, ctx, task, entry, entry.feedback, entry.repliedOn ?? today());
  audit(em, {
    entity: 'result',
    entityId: String(task.id),
    action: 'linkLedgerEntry',
    fromState: before ?? null,
    toState: task.status ?? task.kind,
    actor: ctx.caller.userId,
    note: `ledger entry ${entry.id}`,
  });
}

/**
 * The instruction was just put on the ledger: each department's entry is linked to that
 * department's task directly under the recommendation's adoption (one not yet on the ledger),
 * or a task is created there for it. Nothing happens when the recommendation has no tree.
 */
export async function linkAssignedTasks(
  em: EntityManager,
  ctx: RequestContext,
  instruction: Instruction,
  entries: LedgerEntry[],
): Promise<void> {
  const recommendationId = recommendationOf(instruction);
  const adoption = recommendationId === null ? null : await adoptionOf(em, recommendationId);
  if (!adoption) return;
  const open = await em.find(
    ResultSchema,
    { parentId: adoption.id, kind: 'TASK', ledgerEntryId: null },
    { filters: false, orderBy: { id: 'asc' } },
  );
  for (const entry of entries) {
    const task = open.find((t) => t.unitId === entry.unitId);
    if (task) {
      open.splice(open.indexOf(task), 1);
      linkTask(em, ctx, task, entry);
      continue;
    }
    const created = em.create(ResultSchema, {
      district: adoption.district,
      rootId: adoption.rootId,
      parentId: adoption.id,
      kind: 'TASK',
      title: `落实：${entry.task}`.slice(0, 200),
      description: null,
      recommendationId: null,
      unitId: entry.unitId,
      document: null,
      adoptedOn: null,
      startOn: instruction.instructedOn,
      dueOn: entry.dueOn,
      weight: 1,
      ownProgress: 0,
      status: 'NOT_STARTED',
      ledgerEntryId: null,
      public: adoption.public,
    });
    await em.flush();
    audit(em, {
      entity: 'result',
      entityId: String(created.id),
      action: 'create',
      fromState: null,
      toState: 'NOT_STARTED',
      actor: ctx.caller.userId,
      note: null,
    });
    linkTask(em, ctx, created, entry);
  }
}

export interface NewTask {
  unitId: number;
  title: string;
  dueOn: string;
}

/**
 * A task is being created for a department directly under the adoption of a recommendation whose
 * instructions are on the ledger: it stands for that department's entry, the one not yet linked
 * (the first), or for a new entry on the latest instruction on the ledger. Returns the entry to
 * link once the task is written, or null when the recommendation has nothing on the ledger.
 */
export async function ledgerEntryFor(
  em: EntityManager,
  ctx: RequestContext,
  adoption: Result,
  task: NewTask,
): Promise<LedgerEntry | null> {
  if (adoption.kind !== 'ADOPTION' || adoption.recommendationId == null) return null;
  const instructions = await em.find(
    InstructionSchema,
    { subjectId: adoption.recommendationId, subjectType: { $ne: 'RESEARCH_REPORT' } },
    { filters: false, orderBy: { id: 'asc' } },
  );
  const entries = await em.find(
    LedgerEntrySchema,
    { instructionId: { $in: instructions.map((i) => i.id) } },
    { filters: false, orderBy: { id: 'asc' } },
  );
  if (entries.length === 0) return null;
  const own = entries.filter((e) => e.unitId === task.unitId);
  if (own.length > 0) {
    const tasks = await em.find(
      ResultSchema,
      { ledgerEntryId: { $in: own.map((e) => e.id) } },
      { filters: false, orderBy: { id: 'asc' } },
    );
    const free = own.find((e) => !tasks.some((t) => t.ledgerEntryId === e.id));
    if (free) return free;
    throw appError(
      ErrorCode.CONFLICT,
      `input.unitId: unit ${task.unitId}'s follow-up of recommendation ${adoption.recommendationId} is already task ${tasks[0].id} (ledger entry ${tasks[0].ledgerEntryId}); split it under that task`,
      { field: 'input.unitId' },
    );
  }
  const latest = instructions.filter((i) => entries.some((e) => e.instructionId === i.id)).at(-1)!;
  if (task.dueOn < latest.instructedOn)
    throw inputError(
      'input.dueOn',
      'order',
      `is before instruction ${latest.id} it carries out (${latest.instructedOn})`,
    );
  const entry = em.create(LedgerEntrySchema, {
    district: latest.district,
    instructionId: latest.id,
    unitId: task.unitId,
    task: task.title,
    dueOn: task.dueOn,
    feedback: null,
    repliedOn: null,
    status: 'ASSIGNED',
    public: false,
  });
  await em.flush();
  audit(em, {
    entity: 'ledger_entry',
    entityId: String(entry.id),
    action: 'assign',
    fromState: null,
    toState: 'ASSIGNED',
    actor: ctx.caller.userId,
    note: null,
  });
  return entry;
}

const STEP_NOTES: Record<LedgerAction, string> = {
  reply: '部门已反馈 The department replied',
  accept: '反馈已审核通过 The reply was accepted',
  return: '反馈退回 The reply was sent back',
};

/** A ledger step shows on the task that stands for the entry: its state and a timeline entry. */
export async function showOnTask(
  em: EntityManager,
  ctx: RequestContext,
  entry: LedgerEntry,
  action: LedgerAction,
  text: string | null,
): Promise<void> {
  const task = await em.findOne(ResultSchema, { ledgerEntryId: entry.id }, { filters: false });
  if (!task) return;
  const before = task.status;
  follow(task, entry);
  note(em, ctx, task, entry, text ?? STEP_NOTES[action], today());
  if (task.status !== before)
    audit(em, {
      entity: 'result',
      entityId: String(task.id),
      action: `ledger:${action}`,
      fromState: before ?? null,
      toState: task.status ?? task.kind,
      actor: ctx.caller.userId,
      note: `ledger entry ${entry.id}`,
    });
}
