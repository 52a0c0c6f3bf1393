import { connectionType, findPage, pageArgs, type Page, describedValues } from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { recordStaffChange } from '../commands/staff-records.js';
import {
  STAFF_RECORD_KINDS,
  StaffRecordSchema,
  type StaffRecord,
} from '../entities/staff-record.entity.js';

export const StaffRecordKindType = builder.enumType('StaffRecordKind', {
  values: describedValues(STAFF_RECORD_KINDS, {
    SECONDMENT: '挂职 A secondment (the only kind with an end).',
    PROMOTION: '提拔任用 A promotion to a post, naming the grade.',
    RANK_PROMOTION: '晋升职级 A promotion in rank, naming the grade.',
  }),
  description: '挂职, 提拔任用, 晋升职级.',
});

export const StaffRecordType = builder.objectRef<StaffRecord>('StaffRecord').implement({
  description: "机关干部: a staff member's secondment or promotion. The district's staff only.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The StaffRecord's id." }),
    kind: t.field({
      description: '挂职, 提拔任用, 晋升职级.',
      type: StaffRecordKindType,
      resolve: (r) => r.kind,
    }),
    person: t.exposeString('person', { description: "姓名 The staff member's name." }),
    grade: t.exposeString('grade', {
      description: '等次 The grade a promotion names; null for other kinds.',
      nullable: true,
    }),
    post: t.exposeString('post', { description: '职务 The post.' }),
    startsOn: t.expose('startsOn', {
      description: '开始日期 The first day of the change.',
      type: 'Date',
    }),
    endsOn: t.expose('endsOn', {
      description: '结束日期 The last day of a secondment; null for other kinds.',
      type: 'Date',
      nullable: true,
    }),
    note: t.exposeString('note', {
      description: '备注 The note recorded with the change.',
      nullable: true,
    }),
  }),
});

const StaffRecordConnection = connectionType<StaffRecord>(builder, 'StaffRecord', StaffRecordType);

builder.queryField('staffRecords', (t) =>
  t.field({
    description:
      "干部 Staff changes (promotions, secondments …), by kind. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: StaffRecordConnection,
    authScopes: { staff: true },
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      kind: t.arg({
        description: 'Only changes of this kind.',
        type: StaffRecordKindType,
        required: false,
      }),
      from: t.arg({
        description: 'Only changes starting on or after this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      to: t.arg({
        description: 'Only changes starting on or before this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, kind, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<StaffRecord>> => {
      const where: FilterQuery<StaffRecord>[] = [];
      if (district) where.push({ district: String(district) });
      if (kind) where.push({ kind });
      if (from) where.push({ startsOn: { $gte: from } });
      if (to) where.push({ startsOn: { $lte: to } });
      return findPage(ctx.em, StaffRecordSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const RecordStaffChangeInput = builder.inputType('RecordStaffChangeInput', {
  description: 'What `recordStaffChange` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    kind: t.field({
      description: '挂职, 提拔任用, 晋升职级.',
      type: StaffRecordKindType,
      required: true,
    }),
    person: t.string({
      description: "The staff member's name: trimmed, at least 2 characters.",
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters'),
    }),
    grade: t.string({
      required: false,
      description: 'For promotions: 正县级, 副县级, 一级调研员…',
    }),
    post: t.string({
      description: 'The post: trimmed, at least 2 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters'),
    }),
    startsOn: t.field({
      description: 'The first day of the change.',
      type: 'Date',
      required: true,
    }),
    endsOn: t.field({
      description: 'The last day: only a SECONDMENT has one (rule `kind`).',
      type: 'Date',
      required: false,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('recordStaffChange', (t) =>
  t.field({
    description:
      'Staff record a change to a staff member: only a SECONDMENT has an end (rule `kind`); a promotion names the grade (rule `required`).',
    type: StaffRecordType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordStaffChange` takes (`RecordStaffChangeInput`).',
        type: RecordStaffChangeInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordStaffChange(ctx, {
        district: String(input.district),
        kind: input.kind,
        person: input.person.trim(),
        grade: input.grade?.trim() || null,
        post: input.post.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        note: input.note ?? null,
      }),
  }),
);
