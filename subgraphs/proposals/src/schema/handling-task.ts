import {
  assertKnownDistrict,
  callerUnit,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  today,
  type RequestContext,
  type WithArgs,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import {
  assignProposal,
  closeProposal,
  decideReturn,
  extendDeadline,
  isOverdue,
  isReceiptOverdue,
  receiveTask,
  reopenProposal,
  replyToProposal,
  requestReturn,
  reviewReply,
  sendOpinion,
  urgeTask,
} from '../commands/handling.js';
import { setGradeWording } from '../commands/grade-wording.js';
import {
  HandlingTaskSchema,
  TASK_ROLES,
  TASK_STATUSES,
  type HandlingTask,
} from '../entities/handling-task.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import {
  DEFAULT_GRADE_WORDING,
  GRADES,
  GradeWordingSchema,
  REPLY_REVIEWS,
  ReplySchema,
  type Grade,
  type Reply,
} from '../entities/reply.entity.js';
import { coUnitsWaiting, taskWorkflow } from '../workflow.js';
import { GovernmentUnitRef } from './government-unit.js';
import { HandlingModeType, ProposalType } from './proposal.js';

export const TaskStatusType = builder.enumType('HandlingTaskStatus', {
  description: "办理状态 Where a unit's handling task for a proposal stands.",
  values: describedValues(TASK_STATUSES, {
    PENDING_RECEIPT: '待签收 Waiting for the unit to receive it or ask to return it.',
    RETURN_REQUESTED: '申请退回 The unit asked to return it; staff approve or refuse.',
    RETURNED: '已退回 Returned: the unit does not handle it.',
    RECEIVED: '已签收 Received; the unit replies (a co-handling unit sends its opinion).',
    OPINION_SENT: '已送会办意见 A co-handling unit sent its opinion to the lead.',
    REPLIED: '已答复 Replied; the supervising office passes the reply or sends it back.',
    ACCEPTED: '已办结 The reply passed review; staff may reopen it.',
  }),
});
export const TaskRoleType = builder.enumType('HandlingTaskRole', {
  values: describedValues(TASK_ROLES, {
    SOLE: '独办 Handles the proposal alone.',
    SEPARATE: '分办 One of several units, each answering.',
    LEAD: '主办 The lead unit, which answers.',
    CO: '会办 A co-handling unit, which sends the lead its opinions.',
  }),
  description: '独办 SOLE, 分办 SEPARATE, 主办 LEAD, 会办 CO.',
});
export const GradeType = builder.enumType('ReplyGrade', {
  values: describedValues(GRADES, {
    A: 'A 所提问题已经解决或基本解决、建议已采纳 Solved or adopted (default wording).',
    B: 'B 所提问题正在解决或已列入计划逐步解决 Being solved or planned (default wording).',
    C: 'C 因条件限制需以后解决 Deferred by conditions (default wording).',
    D: 'D 留作参考 Kept for reference (default wording).',
  }),
  description: 'Result grade of a reply; each district words them (replyGradeWordings).',
});
export const ReplyReviewType = builder.enumType('ReplyReview', {
  description: "答复审核 The supervising office's review of a unit's reply.",
  values: describedValues(REPLY_REVIEWS, {
    PENDING: "待审核 Waiting for the supervising office's review.",
    PASSED: '通过 Passed review.',
    SENT_BACK: '退回 Sent back to the unit.',
  }),
});

/** A district's wording of a grade, or the default. */
async function wording(ctx: RequestContext, district: string, grade: Grade): Promise<string> {
  const rows = await ctx.loaders.many(GradeWordingSchema, 'district').load(district);
  return rows.find((r) => r.grade === grade)?.wording ?? DEFAULT_GRADE_WORDING[grade];
}

export const ReplyType = builder
  .objectRef<Reply & { district?: string }>('ProposalReply')
  .implement({
    description: "答复函: a unit's formal reply, and the supervising office's review of it.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The ProposalReply's id." }),
      text: t.exposeString('text', { description: "答复内容 The reply's text." }),
      referenceNumber: t.exposeString('referenceNumber', {
        description: "The letter's reference number (文号).",
      }),
      signingLeader: t.exposeString('signingLeader', {
        description: '签发领导 The leader who signed it.',
      }),
      contact: t.exposeString('contact', { description: '联系人 Whom to contact about it.' }),
      grade: t.field({
        description: 'Result grade of a reply; each district words them (replyGradeWordings).',
        type: GradeType,
        resolve: (r) => r.grade,
      }),
      gradeWording: t.string({
        description: 'What the grade means in this district.',
        resolve: async (r, _a, ctx) =>
          wording(
            ctx,
            (await ctx.loaders.one(HandlingTaskSchema).load(r.taskId))?.district ?? '',
            r.grade,
          ),
      }),
      repliedAt: t.field({
        description: '答复时间 When it was sent.',
        type: 'DateTime',
        resolve: (r) => r.repliedAt,
      }),
      review: t.field({
        description: "答复审核 The supervising office's review of a unit's reply.",
        type: ReplyReviewType,
        resolve: (r) => r.review,
      }),
      reviewNote: t.exposeString('reviewNote', {
        description: '审核意见 What staff said when reviewing it, if anything.',
        nullable: true,
      }),
      unit: t.field({
        description: '承办单位 The unit that replied.',
        type: GovernmentUnitRef,
        nullable: true,
        resolve: (r) => ({ id: String(r.unitId) }),
      }),
    }),
  });

export const HandlingTaskType = builder.objectRef<HandlingTask>('HandlingTask');

HandlingTaskType.implement({
  description: "承办任务: one handling unit's share of a proposal, with its deadlines.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The HandlingTask's id." }),
    unit: t.field({
      description: '承办单位 The unit assigned.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (task) => ({ id: String(task.unitId) }),
    }),
    role: t.field({
      description: '独办 SOLE, 分办 SEPARATE, 主办 LEAD, 会办 CO.',
      type: TaskRoleType,
      resolve: (task) => task.role,
    }),
    status: t.field({
      description: "办理状态 Where a unit's handling task for a proposal stands.",
      type: TaskStatusType,
      resolve: (task) => task.status,
    }),
    version: t.exposeInt('version', {
      description: 'Moves with every step on the task; its steps take it (optimistic concurrency).',
    }),
    assignedOn: t.expose('assignedOn', {
      description: '交办日期 The day it was assigned.',
      type: 'Date',
    }),
    receiptDueOn: t.expose('receiptDueOn', {
      type: 'Date',
      description: 'Sign receipt, or ask to return the item, by this day.',
    }),
    dueOn: t.expose('dueOn', {
      type: 'Date',
      description:
        'Reply (a co-unit: send its opinion) by this day; extended at most to six months.',
    }),
    startedOn: t.expose('startedOn', {
      description: '开始日期 The day the handling period began.',
      type: 'Date',
    }),
    extensionReason: t.exposeString('extensionReason', {
      description: '延期理由 Why the deadline was extended, if it was.',
      nullable: true,
    }),
    urgedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day staff last urged the unit past its due day (催办).',
      resolve: (task) => task.urgedOn,
    }),
    overdue: t.boolean({
      description: 'Not replied (a co-unit: opinion not sent) by dueOn.',
      resolve: (task) => isOverdue(task),
    }),
    receiptOverdue: t.boolean({
      description: 'Neither received nor asked to be returned by receiptDueOn.',
      resolve: (task) => isReceiptOverdue(task),
    }),
    returnReason: t.exposeString('returnReason', {
      description: '退回理由 Why the unit asked to return it, if it did.',
      nullable: true,
    }),
    replacedBy: t.field({
      description: '改交任务 The task that replaced it when it was returned and reassigned.',
      type: HandlingTaskType,
      nullable: true,
      resolve: (task, _a, ctx) =>
        task.replacedById ? ctx.loaders.one(HandlingTaskSchema).load(task.replacedById) : null,
    }),
    opinion: t.exposeString('opinion', {
      nullable: true,
      description: "A co-unit's opinion to the lead unit.",
    }),
    doneOn: t.expose('doneOn', {
      description: '办结日期 The day it was done; null until then.',
      type: 'Date',
      nullable: true,
    }),
    replies: t.field({
      description: "答复 The unit's replies.",
      type: [ReplyType],
      resolve: (task, _a, ctx) => ctx.loaders.many(ReplySchema, 'taskId').load(task.id),
    }),
    proposal: t.field({
      description: '提案 The proposal handled.',
      type: ProposalType,
      nullable: true,
      resolve: (task, _a, ctx) => ctx.loaders.one(ProposalSchema).load(task.proposalId),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (task, _a, ctx) =>
        taskWorkflow.available(ctx, {
          ...task,
          coUnitsWaiting: coUnitsWaiting(
            await ctx.loaders.many(HandlingTaskSchema, 'proposalId').load(task.proposalId),
          ),
        }),
    }),
  }),
});

builder.objectField(ProposalType, 'tasks', (t) =>
  t.field({
    type: [HandlingTaskType],
    description: "The handling units' tasks, including returned ones and their replacements.",
    resolve: (p, _a, ctx) => ctx.loaders.many(HandlingTaskSchema, 'proposalId').load(p.id),
  }),
);

builder.objectField(ProposalType, 'replies', (t) =>
  t.field({
    type: [ReplyType],
    description: 'Every reply sent on the proposal, in order, with its review.',
    resolve: (p, _a, ctx) => ctx.loaders.many(ReplySchema, 'proposalId').load(p.id),
  }),
);

const TaskConnection = connectionType<HandlingTask>(builder, 'HandlingTask', HandlingTaskType);

const TaskFilter = builder.inputType('HandlingTaskFilter', {
  description:
    '筛选 Narrows `handlingTasks`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    unit: t.id({
      required: false,
      description: "Defaults to the caller's own unit for unit users.",
    }),
    status: t.field({
      description: 'Only records in this state.',
      type: TaskStatusType,
      required: false,
    }),
    overdue: t.boolean({
      description: 'Only overdue tasks (true) or only others (false).',
      required: false,
    }),
  }),
});

builder.queryField('handlingTasks', (t) =>
  t.field({
    type: TaskConnection,
    description:
      "Tasks of handling units: a unit user sees its own unit's; staff, leaders and the supervising office those of their districts.",
    authScopes: { authenticated: true },
    args: {
      filter: t.arg({
        description: 'Narrows the list (`HandlingTaskFilter`).',
        type: TaskFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_r, { filter, first, after, last, before }, ctx) => {
      // Office roles: their districts' tasks; a unit: its own (callerUnit), nothing without a unit id.
      const unit = callerUnit(ctx.caller);
      const where: FilterQuery<HandlingTask>[] = [
        { $or: [{ district: { $in: ctx.caller.districts } }, ...(unit ? [{ unitId: unit }] : [])] },
      ];
      if (filter?.unit) where.push({ unitId: parseId(filter.unit, 'filter.unit') });
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.overdue != null) {
        const open = {
          status: { $in: ['PENDING_RECEIPT', 'RETURN_REQUESTED', 'RECEIVED'] },
          dueOn: { $lt: today() },
        } as FilterQuery<HandlingTask>;
        where.push(filter.overdue ? open : ({ $not: open } as FilterQuery<HandlingTask>));
      }
      return findPage(ctx.em, HandlingTaskSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const AssignInput = builder.inputType('AssignProposalInput', {
  description: 'What `assignProposal` takes.',
  fields: (t) => ({
    mode: t.field({
      description: '独办 (SOLE), 分办 (SEPARATE), 主办+会办 (LEAD_WITH_CO).',
      type: HandlingModeType,
      required: true,
    }),
    unitIds: t.idList({
      required: true,
      description: 'SOLE: the one unit; SEPARATE: every unit; LEAD_WITH_CO: the co-units.',
    }),
    leadUnitId: t.id({ required: false, description: 'LEAD_WITH_CO only: the lead unit (主办).' }),
    assignedOn: t.field({
      type: 'Date',
      required: false,
      description:
        'Day of the assignment meeting (交办会), YYYY-MM-DD; today if absent. Deadlines count from it.',
    }),
  }),
});

builder.mutationField('assignProposal', (t) =>
  t.field({
    type: ProposalType,
    description: 'Staff assign a filed proposal (交办) to its handling units.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      input: t.arg({
        description: 'What `assignProposal` takes (`AssignProposalInput`).',
        type: AssignInput,
        required: true,
      }),
    },
    resolve: (_r, { id, version, input }, ctx) =>
      assignProposal(ctx, parseId(id), version, {
        mode: input.mode,
        unitIds: input.unitIds.map((u, i) => parseId(u, `input.unitIds.${i}`)),
        leadUnitId: input.leadUnitId ? parseId(input.leadUnitId, 'input.leadUnitId') : null,
        assignedOn: input.assignedOn ?? null,
      }),
  }),
);

const taskArgs = (t: WithArgs) => ({
  id: t.arg.id({ required: true, description: 'The task.' }),
  version: t.arg.int({
    required: true,
    description:
      "The task's version (HandlingTask.version): units step their own tasks of one proposal at once.",
  }),
});

builder.mutationField('receiveHandlingTask', (t) =>
  t.field({
    type: HandlingTaskType,
    description: 'The unit signs receipt (签收).',
    authScopes: { authenticated: true },
    args: taskArgs(t),
    resolve: (_r, { id, version }, ctx) => receiveTask(ctx, parseId(id), version),
  }),
);
builder.mutationField('requestHandlingTaskReturn', (t) =>
  t.field({
    type: HandlingTaskType,
    description:
      'The unit asks to return an item that is not its business (申退), within the receipt window.',
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      reason: t.arg.string({ required: true, description: 'Why the item is not its business.' }),
    },
    resolve: (_r, { id, version, reason }, ctx) => requestReturn(ctx, parseId(id), version, reason),
  }),
);
builder.mutationField('approveHandlingTaskReturn', (t) =>
  t.field({
    type: HandlingTaskType,
    description: 'Staff approve a return and reassign the item to another unit.',
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      reassignTo: t.arg.id({
        description: 'The id of the unit to assign it to instead, if any.',
        required: false,
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_r, { id, version, reassignTo, note }, ctx) =>
      decideReturn(
        ctx,
        parseId(id),
        version,
        true,
        reassignTo ? parseId(reassignTo, 'reassignTo') : null,
        note ?? null,
      ),
  }),
);
builder.mutationField('refuseHandlingTaskReturn', (t) =>
  t.field({
    type: HandlingTaskType,
    description: 'Staff refuse a return; the unit must handle the item.',
    authScopes: { authenticated: true },
    args: { ...taskArgs(t), note: t.arg.string({ description: NOTE_DESCRIPTION, required: true }) },
    resolve: (_r, { id, version, note }, ctx) =>
      decideReturn(ctx, parseId(id), version, false, null, note),
  }),
);
builder.mutationField('sendCoUnitOpinion', (t) =>
  t.field({
    type: HandlingTaskType,
    description: 'A co-unit (会办) sends its opinion to the lead unit.',
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      text: t.arg.string({ required: true, description: "The co-unit's opinion." }),
    },
    resolve: (_r, { id, version, text }, ctx) => sendOpinion(ctx, parseId(id), version, text),
  }),
);

const ReplyInput = builder.inputType('ProposalReplyInput', {
  description: 'What `replyToProposal` takes.',
  fields: (t) => ({
    text: t.string({ description: "The reply's text.", required: true }),
    referenceNumber: t.string({ required: true, description: '文号' }),
    signingLeader: t.string({ description: 'The leader who signs it.', required: true }),
    contact: t.string({ required: true, description: 'Contact person and phone.' }),
    grade: t.field({
      type: GradeType,
      required: false,
      description: 'Required: a reply without a grade is refused naming this field.',
    }),
  }),
});

builder.mutationField('replyToProposal', (t) =>
  t.field({
    type: HandlingTaskType,
    description:
      'The replying unit sends its formal reply; a lead unit only after every co-unit sent its opinion.',
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      input: t.arg({
        description: 'What `replyToProposal` takes (`ProposalReplyInput`).',
        type: ReplyInput,
        required: true,
      }),
    },
    resolve: (_r, { id, version, input }, ctx) => replyToProposal(ctx, parseId(id), version, input),
  }),
);
builder.mutationField('passProposalReply', (t) =>
  t.field({
    type: HandlingTaskType,
    description:
      "The supervising office passes a reply; when the last one passes, the proposal awaits the proposer's rating.",
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_r, { id, version, note }, ctx) =>
      reviewReply(ctx, parseId(id), version, true, note ?? null),
  }),
);
builder.mutationField('sendBackProposalReply', (t) =>
  t.field({
    type: HandlingTaskType,
    description: 'The supervising office sends a reply back to the unit, saying why.',
    authScopes: { authenticated: true },
    args: { ...taskArgs(t), note: t.arg.string({ description: NOTE_DESCRIPTION, required: true }) },
    resolve: (_r, { id, version, note }, ctx) =>
      reviewReply(ctx, parseId(id), version, false, note),
  }),
);
builder.mutationField('extendHandlingDeadline', (t) =>
  t.field({
    type: HandlingTaskType,
    description:
      "Staff or the supervising office extend a task's deadline with a reason, to at most six months from its start.",
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      until: t.arg({ description: 'The new deadline.', type: 'Date', required: true }),
      reason: t.arg.string({ description: 'Why it is extended.', required: true }),
    },
    resolve: (_r, { id, version, until, reason }, ctx) =>
      extendDeadline(ctx, parseId(id), version, until, reason),
  }),
);

builder.mutationField('urgeHandlingTask', (t) =>
  t.field({
    type: HandlingTaskType,
    description:
      'Staff urge a unit past its receipt or reply day (催办), at most once a week; the note says what they told it.',
    authScopes: { authenticated: true },
    args: {
      ...taskArgs(t),
      note: t.arg.string({ required: false, description: 'What staff told the unit.' }),
    },
    resolve: (_r, { id, version, note }, ctx) => urgeTask(ctx, parseId(id), version, note ?? null),
  }),
);

builder.mutationField('reopenProposal', (t) =>
  t.field({
    type: ProposalType,
    description:
      "Staff reopen handling after an unsatisfied rating — the lead's, or a co-signer's this round (再次办理); replying units get fresh deadlines and every proposer rates again.",
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: true }),
    },
    resolve: (_r, { id, version, note }, ctx) => reopenProposal(ctx, parseId(id), version, note),
  }),
);
builder.mutationField('closeProposal', (t) =>
  t.field({
    type: ProposalType,
    description: 'Staff close a rated proposal (办结).',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_r, { id, version, note }, ctx) =>
      closeProposal(ctx, parseId(id), version, note ?? null),
  }),
);

const GradeWordingType = builder
  .objectRef<{ district: string; grade: Grade; wording: string }>('ReplyGradeWording')
  .implement({
    description: '结果分类措辞 How a district words one result grade of replies.',
    fields: (t) => ({
      grade: t.field({
        description: 'Result grade of a reply; each district words them (replyGradeWordings).',
        type: GradeType,
        resolve: (w) => w.grade,
      }),
      wording: t.exposeString('wording', { description: '表述 How the district words the grade.' }),
    }),
  });

builder.queryField('replyGradeWordings', (t) =>
  t.field({
    type: [GradeWordingType],
    description: 'What each reply grade means in a district (its own wording, or the default).',
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
    },
    resolve: async (_r, { district }, ctx) => {
      await assertKnownDistrict(ctx, String(district));
      return Promise.all(
        GRADES.map(async (grade) => ({
          district: String(district),
          grade,
          wording: await wording(ctx, String(district), grade),
        })),
      );
    },
  }),
);

builder.mutationField('setReplyGradeWording', (t) =>
  t.field({
    type: GradeWordingType,
    description: "A district's staff word a reply grade their own way.",
    authScopes: { staff: true },
    args: {
      district: t.arg.id({ description: "The district's code.", required: true }),
      grade: t.arg({ description: 'The grade worded.', type: GradeType, required: true }),
      wording: t.arg.string({ description: 'How the district words it.', required: true }),
    },
    resolve: (_r, { district, grade, wording: text }, ctx) =>
      setGradeWording(ctx, String(district), grade, text),
  }),
);
