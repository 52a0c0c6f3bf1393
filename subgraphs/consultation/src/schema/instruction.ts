import {
  assignedRowsEm,
  callerUnit,
  connectionType,
  findPage,
  hasRole,
  OFFICE_ROLES,
  pageArgs,
  parseId,
  type RequestContext,
  today,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
} from '@cppcc/kit';
import type { EntitySchema, FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { assignedInstruction } from '../access.js';
import { builder } from '../builder.js';
import {
  mayReadInstructionsOn,
  proposalsSubject,
  recordInstruction,
} from '../commands/instructions.js';
import { assignInstruction, moveLedgerEntry } from '../commands/outcomes.js';
import {
  GOVERNMENT_LEVELS,
  INSTRUCTION_SUBJECTS,
  InstructionSchema,
  LEADER_RANKS,
  LEDGER_STATUSES,
  LedgerEntrySchema,
  OUTCOME_SUBJECTS,
  type Instruction,
  type LedgerEntry,
} from '../entities/instruction.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import { ledgerWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { GovernmentUnitRef, unitRef } from './government-unit.js';
import { OpinionItemRef, ProposalRef } from './proposal.js';
import { RecommendationType } from './recommendation.js';
import { ResearchProjectType } from './research-project.js';

export const InstructionSubjectType = builder.enumType('InstructionSubject', {
  values: describedValues(INSTRUCTION_SUBJECTS, {
    PROPOSAL: '提案 A proposal.',
    OPINION_ITEM: '社情民意信息 A social-conditions and public-opinion item.',
    RECOMMENDATION_REPORT: '建议案 A recommendation report.',
    RECOMMENDATION: '建议 A recommendation.',
    RESEARCH_REPORT: '调研报告 A research report.',
  }),
  description:
    'What a leader wrote on: a proposal or an opinion item (proposals), or an outcome of consultation.',
});
/** The subjects recordLeaderInstruction took, for its input while it stays (deprecated). */
const OutcomeSubjectType = builder.enumType('OutcomeInstructionSubject', {
  description: "批示对象 The outcome of consultation a leader's instruction was written on.",
  values: describedValues(OUTCOME_SUBJECTS, {
    RECOMMENDATION_REPORT: '建议案 A recommendation report.',
    RECOMMENDATION: '建议 A recommendation.',
    RESEARCH_REPORT: '调研报告 A research report.',
  }),
});
export const LeaderRankType = builder.enumType('LeaderRank', {
  values: describedValues(LEADER_RANKS, {
    PRINCIPAL: '主要领导 The principal leader.',
    IN_CHARGE: '分管领导 The leader in charge of the area.',
  }),
  description: 'PRINCIPAL 主要领导, IN_CHARGE 分管领导.',
});
export const GovernmentLevelType = builder.enumType('InstructionLevel', {
  description: '批示层级 The level of government of the leader who wrote an instruction.',
  values: describedValues(GOVERNMENT_LEVELS, {
    NATIONAL: '国家级 A national leader.',
    PROVINCIAL: '省级 A provincial leader.',
    CITY: '市级 A city leader.',
    DISTRICT: '区县级 A district or county leader.',
  }),
});
export const LedgerStatusType = builder.enumType('LedgerStatus', {
  description:
    '台账状态 Where a conversion-ledger entry stands: ASSIGNED → REPLIED → DONE (or back to ASSIGNED).',
  values: describedValues(LEDGER_STATUSES, {
    ASSIGNED: '已交办 Assigned; the department replies.',
    REPLIED: '已反馈 The department replied; staff accept or return it.',
    DONE: '已办结 Accepted by staff; done.',
  }),
});

export const LedgerEntryType = builder.objectRef<LedgerEntry>('LedgerEntry');
/** One row by id: unfiltered when the caller's unit was assigned it (`assigned`), else as the filter lets it. */
async function byId<T extends { id: number }>(
  ctx: RequestContext,
  entity: EntitySchema<T>,
  id: number,
  assigned: boolean,
): Promise<T | null> {
  return assigned
    ? ((await ctx.loaders.many(entity, 'id' as keyof T & string, {}, true).load(id))[0] ?? null)
    : ctx.loaders.one(entity).load(id);
}

export const InstructionType = builder.objectRef<Instruction>('LeaderInstruction').implement({
  description:
    "批示: a leader's written instruction on a proposal, an opinion item, a recommendation report, a recommendation or a research report.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The LeaderInstruction's id." }),
    subjectType: t.field({
      description: 'What a leader wrote on.',
      type: InstructionSubjectType,
      resolve: (i) => i.subjectType,
    }),
    subjectId: t.exposeID('subjectId', {
      description: '对象编号 The id of what it is written on (its kind is subjectKind).',
    }),
    proposal: t.field({
      type: ProposalRef,
      nullable: true,
      description: 'The proposal, when it was written on one.',
      resolve: (i) => (i.subjectType === 'PROPOSAL' ? { id: String(i.subjectId) } : null),
    }),
    opinionItem: t.field({
      type: OpinionItemRef,
      nullable: true,
      description: 'The opinion item, when it was written on one.',
      resolve: (i) => (i.subjectType === 'OPINION_ITEM' ? { id: String(i.subjectId) } : null),
    }),
    recommendation: t.field({
      description: '协商建议 The recommendation it is written on, if that is its subject.',
      type: RecommendationType,
      nullable: true,
      resolve: async (i, _a, ctx) =>
        i.subjectType === 'RECOMMENDATION_REPORT' || i.subjectType === 'RECOMMENDATION'
          ? byId(ctx, RecommendationSchema, i.subjectId, await assignedInstruction(ctx, i.id))
          : null,
    }),
    researchProject: t.field({
      description:
        '调研课题 The research project whose report it is written on, if that is its subject.',
      type: ResearchProjectType,
      nullable: true,
      resolve: async (i, _a, ctx) =>
        i.subjectType === 'RESEARCH_REPORT'
          ? byId(ctx, ResearchProjectSchema, i.subjectId, await assignedInstruction(ctx, i.id))
          : null,
    }),
    leader: t.exposeString('leader', { description: '领导 Who wrote it.' }),
    leaderPost: t.exposeString('leaderPost', {
      description: "职务 The leader's post, if given.",
      nullable: true,
    }),
    rank: t.field({
      type: LeaderRankType,
      nullable: true,
      description:
        'Unknown for instructions on proposals and items recorded before consultation kept them.',
      resolve: (i) => i.rank,
    }),
    level: t.field({
      description: '批示层级 The level of government of the leader who wrote an instruction.',
      type: GovernmentLevelType,
      resolve: (i) => i.level,
    }),
    instructedOn: t.expose('instructedOn', {
      description: '批示日期 The day it was written.',
      type: 'Date',
    }),
    text: t.exposeString('text', { description: '批示内容 What it says.' }),
    ledger: t.field({
      type: [LedgerEntryType],
      description: 'The conversion ledger: departments carrying it out.',
      resolve: async (i, _a, ctx) => {
        const unit = callerUnit(ctx.caller);
        const seen = await ctx.loaders.many(LedgerEntrySchema, 'instructionId').load(i.id);
        if (unit === null) return seen;
        // A department also reads its own entry, however the filter would hide it.
        const own = await ctx.loaders
          .many(LedgerEntrySchema, 'instructionId', { unitId: unit }, true)
          .load(i.id);
        return [...seen, ...own.filter((e) => !seen.some((s) => s.id === e.id))].sort(
          (a, b) => a.id - b.id,
        );
      },
    }),
  }),
});

LedgerEntryType.implement({
  description: "转办台账: one department's share of carrying out an instruction, and its feedback.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The LedgerEntry's id." }),
    instruction: t.field({
      description: '批示 The instruction the department carries out.',
      type: InstructionType,
      nullable: true,
      resolve: (e, _a, ctx) =>
        byId(ctx, InstructionSchema, e.instructionId, callerUnit(ctx.caller) === e.unitId),
    }),
    unit: t.field({
      description: '承办单位 The department assigned.',
      type: GovernmentUnitRef,
      nullable: true,
      resolve: (e) => unitRef(e.unitId),
    }),
    task: t.exposeString('task', { description: '任务 What the department is to do.' }),
    dueOn: t.expose('dueOn', { description: '时限 The day its reply is due.', type: 'Date' }),
    overdue: t.boolean({
      description: 'Not replied to and past its due date.',
      resolve: (e) => e.status === 'ASSIGNED' && e.dueOn < today(),
    }),
    feedback: t.exposeString('feedback', {
      description: "反馈 The department's reply; null until it replies.",
      nullable: true,
    }),
    repliedOn: t.expose('repliedOn', {
      description: '反馈日期 The day it replied; null until then.',
      type: 'Date',
      nullable: true,
    }),
    status: t.field({
      description: '台账状态 Where a conversion-ledger entry stands.',
      type: LedgerStatusType,
      resolve: (e) => e.status,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (e, _a, ctx) => ledgerWorkflow.available(ctx, e),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (e, _a, ctx) => history(ctx, 'ledger_entry', e),
    }),
  }),
});

builder.objectField(RecommendationType, 'instructions', (t) =>
  t.field({
    description: "批示 Leaders' instructions written on it or on the report it went in.",
    type: [InstructionType],
    resolve: async (r, _a, ctx) =>
      await ctx.loaders
        .many(InstructionSchema, 'subjectId', {
          subjectType: { $in: ['RECOMMENDATION_REPORT', 'RECOMMENDATION'] },
        })
        .load(r.id),
  }),
);
builder.objectField(ResearchProjectType, 'instructions', (t) =>
  t.field({
    description: "批示 Leaders' instructions written on its report.",
    type: [InstructionType],
    resolve: (p, _a, ctx) =>
      ctx.loaders
        .many(InstructionSchema, 'subjectId', { subjectType: 'RESEARCH_REPORT' })
        .load(p.id),
  }),
);

/**
 * An instruction is not public though its subject may be (a filed proposal, an issued item): read
 * past the filter, then shown to those working for the subject's district and to the members whose
 * archives received it (its proposers, its authors); anyone else who sees the subject gets none.
 */
async function instructionsOn(
  ctx: RequestContext,
  type: 'PROPOSAL' | 'OPINION_ITEM',
  id: string,
): Promise<Instruction[]> {
  const subject = await proposalsSubject(ctx, type, Number(id));
  if (!subject || !mayReadInstructionsOn(ctx, subject)) return [];
  return ctx.loaders
    .many(InstructionSchema, 'subjectId', { subjectType: type }, true)
    .load(Number(id));
}

builder.objectField(ProposalRef, 'instructions', (t) =>
  t.field({
    type: [InstructionType],
    // Another subgraph's entity: null, not the whole proposal, while this subgraph is down.
    nullable: true,
    description:
      "Leaders' instructions on it: for those working for its district and its proposers; empty for others.",
    resolve: (p, _a, ctx) => instructionsOn(ctx, 'PROPOSAL', p.id),
  }),
);

builder.objectField(OpinionItemRef, 'instructions', (t) =>
  t.field({
    type: [InstructionType],
    // Another subgraph's entity: null, not the whole item, while this subgraph is down.
    nullable: true,
    description:
      "Leaders' instructions on it: for those working for its district and its authors; empty for others.",
    resolve: (i, _a, ctx) => instructionsOn(ctx, 'OPINION_ITEM', i.id),
  }),
);

export const InstructionConnection = connectionType<Instruction>(
  builder,
  'LeaderInstruction',
  InstructionType,
);
export const LedgerEntryConnection = connectionType<LedgerEntry>(
  builder,
  'LedgerEntry',
  LedgerEntryType,
);

const InstructionFilter = builder.inputType('OutcomeInstructionFilter', {
  description:
    '筛选 Narrows `leaderInstructions`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    subjectType: t.field({
      description: 'Only records with this subjectType.',
      type: InstructionSubjectType,
      required: false,
    }),
    rank: t.field({
      description: 'Only records with this rank.',
      type: LeaderRankType,
      required: false,
    }),
    from: t.field({
      description: 'Only instructions written on or after this day (inclusive).',
      type: 'Date',
      required: false,
    }),
    to: t.field({
      description: 'Only instructions written on or before this day (inclusive).',
      type: 'Date',
      required: false,
    }),
  }),
});

builder.queryField('leaderInstructions', (t) =>
  t.field({
    description:
      "领导批示 Leaders' written instructions, filtered by district, what they were written on, the leader's rank and the day (`from`/`to`, inclusive). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: InstructionConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`OutcomeInstructionFilter`).',
        type: InstructionFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<Instruction>[] = [];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.subjectType) where.push({ subjectType: filter.subjectType });
      if (filter?.rank) where.push({ rank: filter.rank });
      if (filter?.from) where.push({ instructedOn: { $gte: filter.from } });
      if (filter?.to) where.push({ instructedOn: { $lte: filter.to } });
      return findPage(ctx.em, InstructionSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('ledgerEntries', (t) =>
  t.field({
    type: LedgerEntryConnection,
    description: "The conversion ledger. A department's users see their own entries.",
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      unitId: t.arg.id({
        description: 'Only entries assigned to this government unit.',
        required: false,
      }),
      status: t.arg({
        description: 'Only entries in this state.',
        type: LedgerStatusType,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, { district, unitId, status, first, after, last, before }, ctx) => {
      const where: FilterQuery<LedgerEntry>[] = [];
      if (district) where.push({ district: String(district) });
      if (unitId) where.push({ unitId: parseId(unitId, 'unitId') });
      if (status) where.push({ status });
      // A department sees its own share of the ledger, not the other departments', wherever it is.
      if (hasRole(ctx.caller, 'unit') && !ctx.caller.roles.some((r) => OFFICE_ROLES.includes(r))) {
        where.push({ unitId: callerUnit(ctx.caller) ?? 0 });
        return findPage(
          assignedRowsEm(ctx),
          LedgerEntrySchema,
          { $and: where },
          { first, after, last, before },
        );
      }
      return findPage(ctx.em, LedgerEntrySchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const leaderRule = z.string().trim().min(2, 'must name the leader').max(100);
const textRule = z.string().trim().min(2, 'must give the instruction').max(20000);

const RecordInstructionInput = builder.inputType('RecordInstructionInput', {
  description: 'What `recordInstruction` takes.',
  fields: (t) => ({
    subjectType: t.field({
      description: 'What a leader wrote on.',
      type: InstructionSubjectType,
      required: true,
    }),
    subjectId: t.id({
      description: 'The id of what it is written on (of the kind subjectKind names).',
      required: true,
    }),
    leader: t.string({
      required: true,
      description: 'Who wrote it, e.g. 国家领导人, 省委书记, 市委主要负责同志.',
      validate: leaderRule,
    }),
    leaderPost: t.string({
      description: "The leader's post: at most 80 characters.",
      required: false,
      validate: z.string().trim().max(80),
    }),
    rank: t.field({
      description: 'PRINCIPAL 主要领导, IN_CHARGE 分管领导.',
      type: LeaderRankType,
      required: false,
    }),
    level: t.field({
      description: '批示层级 The level of government of the leader who wrote an instruction.',
      type: GovernmentLevelType,
      required: true,
    }),
    instructedOn: t.field({ description: 'The day it was written.', type: 'Date', required: true }),
    text: t.string({
      description: 'What it says: trimmed, 2 to 20,000 characters.',
      required: true,
      validate: textRule,
    }),
  }),
});

builder.mutationField('recordInstruction', (t) =>
  t.field({
    type: InstructionType,
    description:
      "Records a leader's instruction on any subject: on a filed proposal or an issued opinion item staff or a leader of its district record it; on a submitted outcome, a leader. Its members' archives hear of it.",
    authScopes: { authenticated: true },
    args: {
      input: t.arg({
        description: 'What `recordInstruction` takes (`RecordInstructionInput`).',
        type: RecordInstructionInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordInstruction(ctx, {
        subjectType: input.subjectType,
        subjectId: parseId(input.subjectId, 'input.subjectId'),
        leader: input.leader.trim(),
        leaderPost: input.leaderPost?.trim() || null,
        rank: input.rank ?? null,
        level: input.level,
        instructedOn: input.instructedOn,
        text: input.text.trim(),
      }),
  }),
);

const RecordOutcomeInstructionInput = builder.inputType('RecordOutcomeInstructionInput', {
  description: 'What `recordLeaderInstruction` takes.',
  fields: (t) => ({
    subjectType: t.field({
      description: "批示对象 The outcome of consultation a leader's instruction was written on.",
      type: OutcomeSubjectType,
      required: true,
    }),
    subjectId: t.id({ description: 'The id of what it is written on.', required: true }),
    leader: t.string({
      description: 'Who wrote it: trimmed, 2 to 60 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must name the leader').max(60),
    }),
    leaderPost: t.string({
      description: "The leader's post: at most 80 characters.",
      required: false,
      validate: z.string().trim().max(80),
    }),
    rank: t.field({
      description: 'PRINCIPAL 主要领导, IN_CHARGE 分管领导.',
      type: LeaderRankType,
      required: true,
    }),
    level: t.field({
      description: '批示层级 The level of government of the leader who wrote an instruction.',
      type: GovernmentLevelType,
      required: true,
    }),
    instructedOn: t.field({ description: 'The day it was written.', type: 'Date', required: true }),
    text: t.string({
      description: 'What it says: trimmed, 2 to 20,000 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must give the instruction').max(20000),
    }),
  }),
});

builder.mutationField('recordLeaderInstruction', (t) =>
  t.field({
    type: InstructionType,
    description:
      "A leader records a written instruction on a submitted outcome; its member authors' records hear of it.",
    deprecationReason:
      'Use recordInstruction, which takes every subject; this name goes in the next release.',
    authScopes: { role: 'leader' },
    args: {
      input: t.arg({
        description: 'What `recordLeaderInstruction` takes (`RecordOutcomeInstructionInput`).',
        type: RecordOutcomeInstructionInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordInstruction(ctx, {
        subjectType: input.subjectType,
        subjectId: parseId(input.subjectId, 'input.subjectId'),
        leader: input.leader.trim(),
        leaderPost: input.leaderPost?.trim() || null,
        rank: input.rank,
        level: input.level,
        instructedOn: input.instructedOn,
        text: input.text.trim(),
      }),
  }),
);

const AssignmentInput = builder.inputType('LedgerAssignmentInput', {
  description:
    '交办 A department an instruction is assigned to, what it must do (4 to 2,000 characters) and by when.',
  fields: (t) => ({
    unitId: t.id({
      description: 'The id of the department (government unit) assigned.',
      required: true,
    }),
    task: t.string({
      description: 'What the department is to do: trimmed, 4 to 2,000 characters.',
      required: true,
      validate: z.string().trim().min(4, 'must say what the department is to do').max(2000),
    }),
    dueOn: t.field({ description: 'The day its reply is due.', type: 'Date', required: true }),
  }),
});

builder.mutationField('assignInstruction', (t) =>
  t.field({
    type: [LedgerEntryType],
    description:
      'Staff put an instruction on the conversion ledger: departments, tasks, due dates.',
    authScopes: { staff: true },
    args: {
      instructionId: t.arg.id({ description: "The instruction's id.", required: true }),
      assignments: t.arg({
        description: 'The departments assigned, each with its task and due date.',
        type: [AssignmentInput],
        required: true,
      }),
    },
    resolve: (_root, { instructionId, assignments }, ctx) =>
      assignInstruction(
        ctx,
        parseId(instructionId, 'instructionId'),
        assignments.map((a, i) => ({
          unitId: parseId(a.unitId, `assignments.${i}.unitId`),
          task: a.task.trim(),
          dueOn: a.dueOn,
        })),
      ),
  }),
);

builder.mutationField('replyToLedgerEntry', (t) =>
  t.field({
    type: LedgerEntryType,
    description: 'The assigned department reports back what it did.',
    authScopes: { role: 'unit' },
    args: {
      id: t.arg.id({ description: "The LedgerEntry's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      feedback: t.arg.string({
        description: "The department's reply: trimmed, 10 to 20,000 characters.",
        required: true,
        validate: z.string().trim().min(10, 'must have at least 10 characters').max(20000),
      }),
    },
    resolve: (_root, { id, version, feedback }, ctx) =>
      moveLedgerEntry(ctx, parseId(id), 'reply', version, null, feedback.trim()),
  }),
);

for (const [field, action, description] of [
  [
    'acceptLedgerReply',
    'accept',
    "Staff accept a department's REPLIED ledger entry (→ DONE). `version` is the entry's current version.",
  ],
  [
    'returnLedgerReply',
    'return',
    'Staff return a REPLIED ledger entry to its department for more (→ ASSIGNED), saying why in `note`.',
  ],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: LedgerEntryType,
      description,
      authScopes: { staff: true },
      args: {
        id: t.arg.id({ description: "The LedgerEntry's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveLedgerEntry(ctx, parseId(id), action, version, note ?? null, null),
    }),
  );
}
