import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  type Page,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  capped,
  listBoundArg,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { endLiaison, pairCommitteeWithUnit, recordLiaisonActivity } from '../commands/liaison.js';
import { GovernmentUnitSchema } from '../entities/government-unit.entity.js';
import {
  LIAISON_STATUSES,
  LiaisonActivitySchema,
  LiaisonPairSchema,
  type LiaisonActivity,
  type LiaisonPair,
} from '../entities/liaison.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { GovernmentUnitType } from './government-unit.js';
import { SpecialCommitteeType } from './special-committee.js';

export const LiaisonStatusType = builder.enumType('LiaisonStatus', {
  description: '对口联系状态 Whether a committee–unit pairing is in force.',
  values: describedValues(LIAISON_STATUSES, {
    ACTIVE: '联系中 The pairing is in force.',
    ENDED: '已结束 The pairing ended.',
  }),
});

export const LiaisonActivityType = builder.objectRef<LiaisonActivity>('LiaisonActivity').implement({
  description: '对口联系活动 An activity held under a committee–unit pairing.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The LiaisonActivity's id." }),
    title: t.exposeString('title', { description: "标题 The activity's title." }),
    heldOn: t.expose('heldOn', { description: '日期 The day it was held.', type: 'Date' }),
    summary: t.exposeString('summary', { description: '内容 What was done.' }),
  }),
});

export const LiaisonPairType = builder.objectRef<LiaisonPair>('LiaisonPair').implement({
  description: '对口联系: a special committee paired with a government unit. Public.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The LiaisonPair's id." }),
    since: t.expose('since', {
      description: '开始日期 The first day of the pairing.',
      type: 'Date',
    }),
    until: t.expose('until', {
      description: '结束日期 The last day of the pairing; null while in force.',
      type: 'Date',
      nullable: true,
    }),
    status: t.field({
      description: '对口联系状态 Whether a committee–unit pairing is in force.',
      type: LiaisonStatusType,
      resolve: (p) => p.status,
    }),
    committee: t.field({
      description: '专委会 The special committee of the pair.',
      type: SpecialCommitteeType,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.one(SpecialCommitteeSchema).load(p.committeeId),
    }),
    unit: t.field({
      description: '单位 The government unit of the pair.',
      type: GovernmentUnitType,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.one(GovernmentUnitSchema).load(p.unitId),
    }),
    activities: t.field({
      description: '联系活动 The activities held under the pairing.',
      type: [LiaisonActivityType],
      args: listBoundArg(t, 'activities'),
      resolve: async (p, { first }, ctx) =>
        capped(await ctx.loaders.many(LiaisonActivitySchema, 'pairId').load(p.id), first),
    }),
  }),
});

builder.objectField(SpecialCommitteeType, 'liaisons', (t) =>
  t.field({
    description: '对口联系 The government units the committee is paired with, past pairings too.',
    type: [LiaisonPairType],
    resolve: (c, _a, ctx) => ctx.loaders.many(LiaisonPairSchema, 'committeeId').load(c.id),
  }),
);
builder.objectField(GovernmentUnitType, 'liaisons', (t) =>
  t.field({
    description: '对口联系 The special committees the unit is paired with, past pairings too.',
    type: [LiaisonPairType],
    resolve: (u, _a, ctx) => ctx.loaders.many(LiaisonPairSchema, 'unitId').load(u.id),
  }),
);

const LiaisonPairConnection = connectionType<LiaisonPair>(builder, 'LiaisonPair', LiaisonPairType);

builder.queryField('liaisonPairs', (t) =>
  t.field({
    description:
      "对口联系 Pairings of special committees with government units; `from`/`to` bound the pairing's first day (`since`, inclusive). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: LiaisonPairConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      status: t.arg({
        description: 'Only pairs in this state.',
        type: LiaisonStatusType,
        required: false,
      }),
      ...periodArgs(t, 'first day of the pairing (since)'),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, status, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<LiaisonPair>> => {
      const where: FilterQuery<LiaisonPair> = periodWhere('since', { from, to });
      if (district) where.district = String(district);
      if (status) where.status = status;
      return findPage(ctx.em, LiaisonPairSchema, where, { first, after, last, before });
    },
  }),
);

const PairInput = builder.inputType('PairCommitteeWithUnitInput', {
  description: 'What `pairCommitteeWithUnit` takes.',
  fields: (t) => ({
    committee: t.id({ description: 'The id of an active special committee.', required: true }),
    unit: t.id({ description: "The government unit's id.", required: true }),
    since: t.field({ description: "The pairing's first day.", type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('pairCommitteeWithUnit', (t) =>
  t.field({
    description:
      'Staff pair an active special committee with a government unit of the same district (rule `district`).',
    type: LiaisonPairType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `pairCommitteeWithUnit` takes (`PairCommitteeWithUnitInput`).',
        type: PairInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      pairCommitteeWithUnit(ctx, {
        committee: parseId(input.committee, 'input.committee'),
        unit: parseId(input.unit, 'input.unit'),
        since: input.since,
        note: input.note,
      }),
  }),
);

const EndLiaisonInput = builder.inputType('EndLiaisonInput', {
  description: 'What `endLiaison` takes.',
  fields: (t) => ({
    id: t.id({ description: "The LiaisonPair's id.", required: true }),
    until: t.field({ description: "The pairing's last day.", type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('endLiaison', (t) =>
  t.field({
    description: 'Staff end an ACTIVE pairing (→ ENDED).',
    type: LiaisonPairType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `endLiaison` takes (`EndLiaisonInput`).',
        type: EndLiaisonInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      endLiaison(ctx, parseId(input.id, 'input.id'), input.until, input.note ?? null),
  }),
);

const LiaisonActivityInput = builder.inputType('RecordLiaisonActivityInput', {
  description: 'What `recordLiaisonActivity` takes.',
  fields: (t) => ({
    pair: t.id({ description: "The pairing's id.", required: true }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    heldOn: t.field({ description: 'The day it was held.', type: 'Date', required: true }),
    summary: t.string({
      description: 'What was done; must not be empty.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty'),
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

builder.mutationField('recordLiaisonActivity', (t) =>
  t.field({
    description:
      'Staff record an activity held under a pairing: title 5 to 200 characters; a summary that is not empty.',
    type: LiaisonActivityType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordLiaisonActivity` takes (`RecordLiaisonActivityInput`).',
        type: LiaisonActivityInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordLiaisonActivity(ctx, {
        pair: parseId(input.pair, 'input.pair'),
        title: input.title.trim(),
        heldOn: input.heldOn,
        summary: input.summary.trim(),
        public: input.public ?? true,
      }),
  }),
);
