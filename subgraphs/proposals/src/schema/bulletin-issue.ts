import {
  canSeeDistrict,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  nodeType,
  type RequestContext,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import { createBulletinIssue, placeItems, publishIssue } from '../commands/opinion.js';
import {
  BulletinIssueSchema,
  ISSUE_STATUSES,
  OpinionItemSchema,
  type BulletinIssue,
} from '../entities/opinion-item.entity.js';
import { issueWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { OpinionItemType } from './opinion-item.js';

export const IssueStatusType = builder.enumType('BulletinIssueStatus', {
  description: '专刊状态 Where a bulletin issue stands: DRAFT → PUBLISHED.',
  values: describedValues(ISSUE_STATUSES, {
    DRAFT: '草稿 Being put together; staff publish it.',
    PUBLISHED: '已印发 Published.',
  }),
});

export const BulletinIssueType = builder.objectRef<BulletinIssue>('BulletinIssue').implement({
  description:
    '《社情民意》专刊: one numbered issue (期) and the items it carries. Internal to its district.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The BulletinIssue's id." }),
    year: t.exposeInt('year', { description: '年度 The year of the issue.' }),
    number: t.exposeInt('number', { description: "期号 The issue's number within the year." }),
    title: t.exposeString('title', { description: "标题 The issue's title." }),
    editor: t.exposeString('editor', { description: '编辑 Who edited it.' }),
    issuer: t.exposeString('issuer', { description: 'Who signed it off (签发).' }),
    status: t.field({
      description: '专刊状态 Where a bulletin issue stands.',
      type: IssueStatusType,
      resolve: (i) => i.status,
    }),
    publishedOn: t.expose('publishedOn', {
      description: '发布日期 The day it was published; null while a draft.',
      type: 'Date',
      nullable: true,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (i) => ({ code: i.district }),
    }),
    items: t.field({
      description: '社情民意 The opinion items in the issue.',
      type: [OpinionItemType],
      resolve: (i, _a, ctx) => ctx.loaders.many(OpinionItemSchema, 'issueId').load(i.id),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (i, _a, ctx) =>
        issueWorkflow.available(ctx, {
          ...i,
          itemCount: (await ctx.loaders.many(OpinionItemSchema, 'issueId').load(i.id)).length,
        }),
    }),
  }),
});

const IssueConnection = connectionType<BulletinIssue>(builder, 'BulletinIssue', BulletinIssueType);

builder.queryField('bulletinIssues', (t) =>
  t.field({
    description:
      "专刊 Issues (期) of the social-conditions bulletin, by district and numbering year. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: IssueConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      year: t.arg.int({
        required: false,
        description: "The issue's numbering year (期 are numbered within it).",
      }),
      status: t.arg({
        description: 'Only issues in this state.',
        type: IssueStatusType,
        required: false,
      }),
      ...periodArgs(t, 'day of publication (publishedOn; unpublished issues have none)'),
      ...pageArgs(t),
    },
    resolve: (_r, { district, year, status, from, to, first, after, last, before }, ctx) => {
      const where: FilterQuery<BulletinIssue>[] = [periodWhere('publishedOn', { from, to })];
      if (district) where.push({ district: String(district) });
      if (year) where.push({ year });
      if (status) where.push({ status });
      return findPage(ctx.em, BulletinIssueSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('bulletinIssue', (t) =>
  t.field({
    description:
      '专刊 One bulletin issue by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: BulletinIssueType,
    nullable: true,
    args: { id: t.arg.id({ description: "The BulletinIssue's id.", required: true }) },
    resolve: (_r, { id }, ctx) => visibleIssue(ctx, parseId(id, 'id', 'BulletinIssue')),
  }),
);

async function visibleIssue(ctx: RequestContext, id: number) {
  const issue = await ctx.em.findOne(BulletinIssueSchema, { id });
  return issue && (issue.public || canSeeDistrict(ctx.caller, issue.district)) ? issue : null;
}

nodeType(builder, BulletinIssueType, visibleIssue);

const IssueInput = builder.inputType('CreateBulletinIssueInput', {
  description: 'What `createBulletinIssue` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    year: t.int({ description: 'The year of the issue.', required: true }),
    number: t.int({ required: true, description: 'Issue number (期) within the year.' }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    editor: t.string({ description: 'Who edits it.', required: true }),
    issuer: t.string({ description: 'Who signs it off (签发).', required: true }),
  }),
});

builder.mutationField('createBulletinIssue', (t) =>
  t.field({
    type: BulletinIssueType,
    description: 'Information staff open a bulletin issue as a draft.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `createBulletinIssue` takes (`CreateBulletinIssueInput`).',
        type: IssueInput,
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) =>
      createBulletinIssue(ctx, { ...input, district: String(input.district) }),
  }),
);

for (const [field, remove, description] of [
  ['addItemsToBulletinIssue', false, 'Put selected items into a draft issue.'],
  ['removeItemsFromBulletinIssue', true, 'Take items out of a draft issue.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: BulletinIssueType,
      description,
      authScopes: { staff: true },
      args: {
        id: t.arg.id({ description: "The BulletinIssue's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        itemIds: t.arg.idList({
          description: 'The ids of the opinion items to put in or take out.',
          required: true,
        }),
      },
      resolve: (_r, { id, version, itemIds }, ctx) =>
        placeItems(
          ctx,
          parseId(id),
          version,
          itemIds.map((i, n) => parseId(i, `itemIds.${n}`)),
          remove,
        ),
    }),
  );
}

builder.mutationField('publishBulletinIssue', (t) =>
  t.field({
    type: BulletinIssueType,
    description: 'Publish (编发) a draft issue: every item it carries is issued.',
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The BulletinIssue's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      publishedOn: t.arg({
        description: 'The day it is published (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_r, { id, version, publishedOn }, ctx) =>
      publishIssue(ctx, parseId(id), version, publishedOn ?? null),
  }),
);
