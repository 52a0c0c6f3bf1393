import { connectionType, describedValues, parseId, pagedList } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { recordMerit } from '../commands/merit-records.js';
import {
  MERIT_LEVELS,
  MERIT_TYPES,
  MeritRecordSchema,
  type MeritRecord,
} from '../entities/merit-record.entity.js';
import { recordPage, MemberType } from './member.js';

const MeritTypeType = builder.enumType('MeritType', {
  description: '奖惩类别 An award or a penalty.',
  values: describedValues(MERIT_TYPES, {
    AWARD: '奖励 An award.',
    PENALTY: '惩戒 A penalty (an admonition, a persuasion to resign).',
  }),
});
export const MeritLevelType = builder.enumType('MeritLevel', {
  description: '奖惩层级 The level at which an award or penalty was given.',
  values: describedValues(MERIT_LEVELS, {
    NATIONAL: '国家级 Given at national level.',
    PROVINCIAL: '省级 Given at provincial level.',
    CITY: '市级 Given at city level.',
    DISTRICT: '区县级 Given at district or county level.',
  }),
});

export const MeritRecordType = builder.objectRef<MeritRecord>('MeritRecord').implement({
  description:
    '奖惩: an award a member received or a penalty they were given; each is also a duty event.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The MeritRecord's id." }),
    type: t.field({
      description: '奖惩类别 An award or a penalty.',
      type: MeritTypeType,
      resolve: (r) => r.type,
    }),
    title: t.exposeString('title', { description: "名称 The award's or penalty's title." }),
    level: t.field({
      description: '奖惩层级 The level at which an award or penalty was given.',
      type: MeritLevelType,
      nullable: true,
      resolve: (r) => r.level ?? null,
    }),
    reason: t.exposeString('reason', {
      description: '事由 Why a penalty was given; null for an award.',
      nullable: true,
    }),
    decidedOn: t.expose('decidedOn', {
      description: '决定日期 The day it was decided.',
      type: 'Date',
    }),
  }),
});

const MeritRecordConnection = connectionType<MeritRecord>(builder, 'MeritRecord', MeritRecordType);

pagedList(builder, MemberType, {
  name: 'merits',
  node: MeritRecordType,
  connection: MeritRecordConnection,
  what: 'awards and penalties',
  listDescription: 'Awards and penalties. The member and their district staff only.',
  description:
    '奖惩 Awards and penalties, oldest first, a page at a time. The member and their district staff only (FORBIDDEN for others).',
  page: recordPage(MeritRecordSchema),
});

const title = z.string().trim().min(2, 'must have at least 2 characters').max(120);

builder.mutationField('recordAward', (t) =>
  t.field({
    type: MeritRecordType,
    description: 'Staff record an award a member received; audited, and it enters the duty record.',
    authScopes: { staff: true },
    args: {
      memberId: t.arg.id({ description: "The member's id.", required: true }),
      title: t.arg.string({
        description: 'The award: trimmed, 2 to 120 characters.',
        required: true,
        validate: title,
      }),
      level: t.arg({
        description: 'The level that gave it.',
        type: MeritLevelType,
        required: true,
      }),
      awardedOn: t.arg({ description: 'The day it was given.', type: 'Date', required: true }),
    },
    resolve: (_root, a, ctx) =>
      recordMerit(ctx, {
        type: 'AWARD',
        memberId: parseId(a.memberId, 'memberId'),
        title: a.title.trim(),
        level: a.level,
        decidedOn: a.awardedOn,
      }),
  }),
);

builder.mutationField('recordPenalty', (t) =>
  t.field({
    type: MeritRecordType,
    description:
      'Staff record a penalty (an admonition, a persuasion to resign); audited, and it enters the duty record.',
    authScopes: { staff: true },
    args: {
      memberId: t.arg.id({ description: "The member's id.", required: true }),
      title: t.arg.string({
        description: 'The penalty: trimmed, 2 to 120 characters.',
        required: true,
        validate: title,
      }),
      reason: t.arg.string({
        description: 'Why: trimmed, 2 to 500 characters.',
        required: true,
        validate: z.string().trim().min(2, 'must give a reason').max(500),
      }),
      decidedOn: t.arg({ description: 'The day it was decided.', type: 'Date', required: true }),
    },
    resolve: (_root, a, ctx) =>
      recordMerit(ctx, {
        type: 'PENALTY',
        memberId: parseId(a.memberId, 'memberId'),
        title: a.title.trim(),
        reason: a.reason.trim(),
        decidedOn: a.decidedOn,
      }),
  }),
);
