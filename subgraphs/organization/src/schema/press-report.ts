import {
  connectionType,
  findPage,
  pageArgs,
  type Page,
  districtWhere,
  includeBelowArg,
  describedValues,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { recordPressReport } from '../commands/press-reports.js';
import {
  PRESS_SUBJECTS,
  PressReportSchema,
  type PressReport,
} from '../entities/press-report.entity.js';

export const PressSubjectType = builder.enumType('PressSubject', {
  values: describedValues(PRESS_SUBJECTS, {
    DONATION_DRIVE: '捐款捐物 A donation drive.',
    KEY_PROPOSALS: '重点提案 Key proposals.',
    CONSULTATION: '协商 Consultation work.',
    OPINION_WORK: '社情民意 Social-conditions and public-opinion work.',
    MEMBER_DUTY: "委员履职 Members' performance of duties.",
    OTHER: '其他 Something else.',
  }),
  description: 'What a press report covered.',
});

export const PressReportType = builder.objectRef<PressReport>('PressReport').implement({
  description: "媒体报道: a newspaper or magazine report on the committee's work. Public.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The PressReport's id." }),
    outlet: t.exposeString('outlet', {
      description: 'The paper or magazine, e.g. 《中国政协杂志》.',
    }),
    headline: t.exposeString('headline', { description: "标题 The report's headline." }),
    publishedOn: t.expose('publishedOn', {
      description: '发表日期 The day it was published.',
      type: 'Date',
    }),
    frontPage: t.exposeBoolean('frontPage', { description: '头版.' }),
    subject: t.field({
      description: 'What a press report covered.',
      type: PressSubjectType,
      resolve: (r) => r.subject,
    }),
    about: t.exposeString('about', { description: 'The work it reported, in words.' }),
    url: t.exposeString('url', {
      description: '链接 Where it can be read online, if known.',
      nullable: true,
    }),
  }),
});

const PressReportConnection = connectionType<PressReport>(builder, 'PressReport', PressReportType);

builder.queryField('pressReports', (t) =>
  t.field({
    description:
      "媒体报道 Press reports about the committee's work, by subject. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: PressReportConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      subject: t.arg({
        description: 'Only reports on this subject.',
        type: PressSubjectType,
        required: false,
      }),
      frontPage: t.arg.boolean({
        description: 'Only front-page reports (true) or only others (false).',
        required: false,
      }),
      from: t.arg({
        description: 'Only reports published on or after this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      to: t.arg({
        description: 'Only reports published on or before this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, subject, frontPage, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<PressReport>> => {
      const where: FilterQuery<PressReport>[] = [await districtWhere(ctx, district, includeBelow)];
      if (subject) where.push({ subject });
      if (frontPage != null) where.push({ frontPage });
      if (from) where.push({ publishedOn: { $gte: from } });
      if (to) where.push({ publishedOn: { $lte: to } });
      return findPage(ctx.em, PressReportSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const text = (min: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);

const RecordPressReportInput = builder.inputType('RecordPressReportInput', {
  description: 'What `recordPressReport` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    outlet: t.string({
      description: 'The newspaper or site: at least 2 characters.',
      required: true,
      validate: text(2),
    }),
    headline: t.string({
      description: 'The headline: at least 4 characters.',
      required: true,
      validate: text(4),
    }),
    publishedOn: t.field({
      description: 'The day it was published.',
      type: 'Date',
      required: true,
    }),
    frontPage: t.boolean({
      description: 'On the front page (头版); default false.',
      required: false,
      defaultValue: false,
    }),
    subject: t.field({
      description: 'What a press report covered.',
      type: PressSubjectType,
      required: true,
    }),
    about: t.string({
      description: 'What or whom it reports on: at least 2 characters.',
      required: true,
      validate: text(2),
    }),
    url: t.string({
      description: 'Where it can be read online: a URL.',
      required: false,
      validate: z.string().url('must be a URL'),
    }),
  }),
});

builder.mutationField('recordPressReport', (t) =>
  t.field({
    description:
      'Staff record a press report; the same outlet, day and headline twice is refused (CONFLICT).',
    type: PressReportType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordPressReport` takes (`RecordPressReportInput`).',
        type: RecordPressReportInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordPressReport(ctx, {
        district: String(input.district),
        outlet: input.outlet.trim(),
        headline: input.headline.trim(),
        publishedOn: input.publishedOn,
        frontPage: input.frontPage ?? false,
        subject: input.subject,
        about: input.about.trim(),
        url: input.url ?? null,
      }),
  }),
);
