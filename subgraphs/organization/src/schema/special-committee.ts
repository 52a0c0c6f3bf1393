import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  describedValues,
  MUTATION_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  adjustCommitteeFunctions,
  createSpecialCommittee,
  dissolveCommittee,
  mergeCommittee,
} from '../commands/special-committees.js';
import {
  COMMITTEE_CHANGE_KINDS,
  CommitteeChangeSchema,
  type CommitteeChange,
} from '../entities/committee-change.entity.js';
import { committeeWorkflow } from '../workflow.js';
import {
  COMMITTEE_STATUSES,
  SpecialCommitteeSchema,
  type SpecialCommittee,
} from '../entities/special-committee.entity.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { DistrictType } from './district.js';

export const CommitteeStatusType = builder.enumType('CommitteeStatus', {
  description: '专委会状态 Whether a special committee is active, merged or dissolved.',
  values: describedValues(COMMITTEE_STATUSES, {
    ACTIVE: '在设 Active.',
    MERGED: '已合并 Merged into another committee.',
    DISSOLVED: '已撤销 Dissolved.',
  }),
});

export const SpecialCommitteeType = builder
  .objectRef<SpecialCommittee>('SpecialCommittee')
  .implement({
    description: "专门委员会: a special committee of a district's CPPCC.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The SpecialCommittee's id." }),
      name: t.exposeString('name', { description: "名称 The committee's name." }),
      functions: t.exposeString('functions', {
        description: '职能 What the committee is responsible for, as last adjusted.',
      }),
      status: t.field({
        description: '专委会状态 Whether a special committee is active, merged or dissolved.',
        type: CommitteeStatusType,
        resolve: (c) => c.status,
      }),
      establishedOn: t.field({
        description: '成立日期 The day it was established, when known.',
        type: 'Date',
        nullable: true,
        resolve: (c) => (c.establishedOn ? String(c.establishedOn).slice(0, 10) : null),
      }),
      district: t.field({
        description: 'The district whose committee it belongs to.',
        type: DistrictType,
        resolve: async (c, _args, ctx) =>
          (await ctx.loaders.one(DistrictSchema, 'code').load(c.district))!,
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (c, _a, ctx) => committeeWorkflow.available(ctx, c),
      }),
    }),
  });

export const CommitteeChangeKindType = builder.enumType('CommitteeChangeKind', {
  description: '机构变动类别 A change to a special committee, as recorded in its history.',
  values: describedValues(COMMITTEE_CHANGE_KINDS, {
    CREATED: '设立 The committee was set up.',
    FUNCTIONS_ADJUSTED: '职能调整 Its functions were adjusted.',
    MERGED: '合并 It was merged into another.',
    DISSOLVED: '撤销 It was dissolved.',
  }),
});

export const CommitteeChangeType = builder.objectRef<CommitteeChange>('CommitteeChange').implement({
  description:
    "One dated step of a committee's history: created, functions adjusted, merged or dissolved. Public.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The CommitteeChange's id." }),
    kind: t.field({
      description: '机构变动类别 A change to a special committee, as recorded in its history.',
      type: CommitteeChangeKindType,
      resolve: (c) => c.kind,
    }),
    on: t.expose('changedOn', {
      description: '日期 The day the change took effect.',
      type: 'Date',
    }),
    nameBefore: t.exposeString('nameBefore', {
      description: '原名称 The name before the change; null when the name did not change.',
      nullable: true,
    }),
    nameAfter: t.exposeString('nameAfter', {
      description: '新名称 The name after the change; null when the name did not change.',
      nullable: true,
    }),
    functionsBefore: t.exposeString('functionsBefore', {
      description: '原职能 The functions before the change; null when they did not change.',
      nullable: true,
    }),
    functionsAfter: t.exposeString('functionsAfter', {
      description: '新职能 The functions after the change; null when they did not change.',
      nullable: true,
    }),
    note: t.exposeString('note', {
      description: '备注 The note recorded with the change.',
      nullable: true,
    }),
    committee: t.field({
      description: '专委会 The committee that changed.',
      type: SpecialCommitteeType,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.loaders.one(SpecialCommitteeSchema).load(c.committeeId),
    }),
    mergedInto: t.field({
      description: '并入 The committee it was merged into (MERGED only).',
      type: SpecialCommitteeType,
      nullable: true,
      resolve: (c, _a, ctx) =>
        c.mergedIntoId ? ctx.loaders.one(SpecialCommitteeSchema).load(c.mergedIntoId) : null,
    }),
  }),
});

builder.objectField(SpecialCommitteeType, 'history', (t) =>
  t.field({
    description:
      '沿革 Its changes: established, functions adjusted, merged, dissolved, oldest first.',
    type: [CommitteeChangeType],
    resolve: (c, _a, ctx) => ctx.loaders.many(CommitteeChangeSchema, 'committeeId').load(c.id),
  }),
);

const CommitteeChangeConnection = connectionType<CommitteeChange>(
  builder,
  'CommitteeChange',
  CommitteeChangeType,
);

builder.queryField('committeeChanges', (t) =>
  t.field({
    type: CommitteeChangeConnection,
    description:
      'Committee history of a district in a period: an institutional reform is the changes of its day.',
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      from: t.arg({
        description: 'Only changes on or after this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      to: t.arg({
        description: 'Only changes on or before this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      kind: t.arg({
        description: 'Only changes of this kind.',
        type: CommitteeChangeKindType,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, from, to, kind, first, after, last, before },
      ctx,
    ): Promise<Page<CommitteeChange>> => {
      const where: FilterQuery<CommitteeChange>[] = [{ district: String(district) }];
      if (from) where.push({ changedOn: { $gte: from } });
      if (to) where.push({ changedOn: { $lte: to } });
      if (kind) where.push({ kind });
      return findPage(
        ctx.em,
        CommitteeChangeSchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

nodeType(builder, SpecialCommitteeType, (ctx, id) =>
  ctx.loaders.one(SpecialCommitteeSchema).load(id),
);

const SpecialCommitteeConnection = connectionType<SpecialCommittee>(
  builder,
  'SpecialCommittee',
  SpecialCommitteeType,
);

const SpecialCommitteeFilter = builder.inputType('SpecialCommitteeFilter', {
  description:
    '筛选 Narrows `specialCommittees`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    status: t.field({
      description: 'Only records in this state.',
      type: CommitteeStatusType,
      required: false,
    }),
  }),
});

builder.queryField('specialCommittees', (t) =>
  t.field({
    description:
      "专委会 Special committees, as `filter` narrows them. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: SpecialCommitteeConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`SpecialCommitteeFilter`).',
        type: SpecialCommitteeFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { filter, first, after, last, before },
      ctx,
    ): Promise<Page<SpecialCommittee>> =>
      findPage(
        ctx.em,
        SpecialCommitteeSchema,
        {
          ...(filter?.district ? { district: String(filter.district) } : {}),
          ...(filter?.status ? { status: filter.status } : {}),
        },
        { first, after, last, before },
      ),
  }),
);

builder.objectField(DistrictType, 'specialCommittees', (t) =>
  t.field({
    description: "专委会 The district committee's special committees.",
    type: [SpecialCommitteeType],
    resolve: (d, _args, ctx) => ctx.loaders.many(SpecialCommitteeSchema, 'district').load(d.code),
  }),
);

const CreateSpecialCommitteeInput = builder.inputType('CreateSpecialCommitteeInput', {
  description: 'What `createSpecialCommittee` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    name: t.string({
      description: 'The name: trimmed, 2 to 60 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(60),
    }),
    functions: t.string({
      description: 'What it is responsible for; must not be empty.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty'),
    }),
    establishedOn: t.field({
      description: 'The day it is established (default today).',
      type: 'Date',
      required: false,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationField('createSpecialCommittee', (t) =>
  t.field({
    type: SpecialCommitteeType,
    description:
      'Staff add a special committee to their district (or, for city staff, to a district below).',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `createSpecialCommittee` takes (`CreateSpecialCommitteeInput`).',
        type: CreateSpecialCommitteeInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      createSpecialCommittee(ctx, {
        district: String(input.district),
        name: input.name,
        functions: input.functions,
        establishedOn: input.establishedOn ?? null,
        note: input.note,
      }),
  }),
);

const AdjustCommitteeFunctionsInput = builder.inputType('AdjustCommitteeFunctionsInput', {
  description: 'What `adjustCommitteeFunctions` takes.',
  fields: (t) => ({
    id: t.id({ description: "The SpecialCommittee's id.", required: true }),
    functions: t.string({
      description: 'The new functions; must not be empty.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty'),
    }),
    name: t.string({
      description: 'A new name, if it changes: trimmed, 2 to 60 characters.',
      required: false,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(60),
    }),
    on: t.field({ description: 'The day the change takes effect.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('adjustCommitteeFunctions', (t) =>
  t.field({
    type: SpecialCommitteeType,
    description:
      "Staff record a change of a committee's functions (and name) on a day, e.g. in an institutional reform.",
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `adjustCommitteeFunctions` takes (`AdjustCommitteeFunctionsInput`).',
        type: AdjustCommitteeFunctionsInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      adjustCommitteeFunctions(ctx, parseId(input.id, 'input.id'), {
        functions: input.functions.trim(),
        name: input.name?.trim(),
        on: input.on,
        note: input.note,
      }),
  }),
);

const MergeCommitteeInput = builder.inputType('MergeCommitteeInput', {
  description: 'What `mergeCommittee` takes.',
  fields: (t) => ({
    id: t.id({ description: "The SpecialCommittee's id.", required: true }),
    into: t.id({
      description: 'The id of the active committee it is merged into.',
      required: true,
    }),
    on: t.field({ description: 'The day of the merger.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('mergeCommittee', (t) =>
  t.field({
    type: SpecialCommitteeType,
    description:
      'Merges a committee into another; its members move to the surviving committee that day.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `mergeCommittee` takes (`MergeCommitteeInput`).',
        type: MergeCommitteeInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      mergeCommittee(
        ctx,
        parseId(input.id, 'input.id'),
        parseId(input.into, 'input.into'),
        input.on,
        input.note ?? null,
      ),
  }),
);

const DissolveCommitteeInput = builder.inputType('DissolveCommitteeInput', {
  description: 'What `dissolveCommittee` takes.',
  fields: (t) => ({
    id: t.id({ description: "The SpecialCommittee's id.", required: true }),
    on: t.field({ description: 'The day it is dissolved.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('dissolveCommittee', (t) =>
  t.field({
    type: SpecialCommitteeType,
    description:
      'Dissolves a committee; its seats end that day and so does its functional Party branch.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `dissolveCommittee` takes (`DissolveCommitteeInput`).',
        type: DissolveCommitteeInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      dissolveCommittee(ctx, parseId(input.id, 'input.id'), input.on, input.note ?? null),
  }),
);
