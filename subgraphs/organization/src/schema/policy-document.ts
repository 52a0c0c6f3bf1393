import {
  connectionType,
  findPage,
  foundRows,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  type Page,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  PLANNED_ON_DESCRIPTION,
} from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  moveImplementationReview,
  planImplementationReview,
  recordPolicyDocument,
} from '../commands/policy-documents.js';
import { DistrictSchema } from '../entities/district.entity.js';
import {
  ImplementationReviewSchema,
  POLICY_KINDS,
  PolicyDocumentSchema,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  type ImplementationReview,
  type PolicyDocument,
} from '../entities/policy-document.entity.js';
import { reviewWorkflow } from '../workflow.js';
import { DistrictType } from './district.js';

export const PolicyKindType = builder.enumType('PolicyKind', {
  description: '文件类别 The kind of a policy document.',
  values: describedValues(POLICY_KINDS, {
    IMPLEMENTATION_OPINION: '实施意见 Implementation opinions.',
    REGULATION: '规定 A regulation.',
    WORK_OPINION: '工作意见 Work opinions.',
    OTHER: '其他 Another kind of document.',
  }),
});
export const ReviewKindType = builder.enumType('ReviewKind', {
  description: '督查类别 How the implementation of a policy document is reviewed.',
  values: describedValues(REVIEW_KINDS, {
    INSPECTION: '视察 An inspection.',
    SPECIAL_RESEARCH: '专题调研 Special research.',
  }),
});
export const ReviewStatusType = builder.enumType('ReviewStatus', {
  description:
    '督查状态 Where an implementation review stands: PLANNED → IN_PROGRESS → REPORTED → CLOSED.',
  values: describedValues(REVIEW_STATUSES, {
    PLANNED: '计划 Planned; staff start it.',
    IN_PROGRESS: '进行中 Under way; staff report it.',
    REPORTED: '已报告 Reported; staff close it.',
    CLOSED: '已结束 Closed.',
  }),
});

export const ImplementationReviewType = builder
  .objectRef<ImplementationReview>('ImplementationReview')
  .implement({
    description:
      'An inspection or special research (专题调研) on how a policy document is carried out.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The ImplementationReview's id." }),
      kind: t.field({
        description: '督查类别 How the implementation of a policy document is reviewed.',
        type: ReviewKindType,
        resolve: (r) => r.kind,
      }),
      title: t.exposeString('title', { description: "标题 The review's title." }),
      plannedOn: t.expose('plannedOn', {
        description: PLANNED_ON_DESCRIPTION,
        type: 'Date',
      }),
      reportedOn: t.expose('reportedOn', {
        description: '报告日期 The day its findings were reported; null before.',
        type: 'Date',
        nullable: true,
      }),
      findings: t.exposeString('findings', {
        description: '发现问题 What the review found.',
        nullable: true,
      }),
      followUp: t.exposeString('followUp', {
        description: '整改跟进 What is to be done about it, and by whom.',
        nullable: true,
      }),
      status: t.field({
        description: '督查状态 Where an implementation review stands.',
        type: ReviewStatusType,
        resolve: (r) => r.status,
      }),
      districtsVisited: t.field({
        description: '走访地区 The districts the review visited.',
        type: [DistrictType],
        resolve: async (r, _a, ctx) =>
          foundRows(await ctx.loaders.one(DistrictSchema, 'code').loadMany(r.districtsVisited)),
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (r, _a, ctx) => reviewWorkflow.available(ctx, r),
      }),
    }),
  });

export const PolicyDocumentType = builder.objectRef<PolicyDocument>('PolicyDocument').implement({
  description:
    'A policy document the committee helped issue, e.g. 《关于新时代加强和改进人民政协工作的实施意见》.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The PolicyDocument's id." }),
    kind: t.field({
      description: '文件类别 The kind of a policy document.',
      type: PolicyKindType,
      resolve: (d) => d.kind,
    }),
    title: t.exposeString('title', { description: "标题 The document's title." }),
    issuedBy: t.exposeString('issuedBy', { description: '发文机关 Who issued it.' }),
    issuedOn: t.expose('issuedOn', {
      description: '发文日期 The day it was issued.',
      type: 'Date',
    }),
    summary: t.exposeString('summary', { description: '摘要 What it says, in short.' }),
    reviews: t.field({
      description: '督查 The reviews of its implementation.',
      type: [ImplementationReviewType],
      resolve: (d, _a, ctx) =>
        ctx.loaders.many(ImplementationReviewSchema, 'documentId').load(d.id),
    }),
  }),
});

const PolicyDocumentConnection = connectionType<PolicyDocument>(
  builder,
  'PolicyDocument',
  PolicyDocumentType,
);

builder.queryField('policyDocuments', (t) =>
  t.field({
    description:
      "实施意见 Policy documents the committee helped issue; `from`/`to` bound the day of issue (`issuedOn`, inclusive). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: PolicyDocumentConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...periodArgs(t, 'day of issue (issuedOn)'),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<PolicyDocument>> =>
      findPage(
        ctx.em,
        PolicyDocumentSchema,
        {
          ...periodWhere('issuedOn', { from, to }),
          ...(district ? { district: String(district) } : {}),
        },
        { first, after, last, before },
      ),
  }),
);

const text = (min: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);

const RecordPolicyDocumentInput = builder.inputType('RecordPolicyDocumentInput', {
  description: 'What `recordPolicyDocument` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    kind: t.field({
      description: '文件类别 The kind of a policy document.',
      type: PolicyKindType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    issuedBy: t.string({
      description: 'Who issued it: at least 2 characters.',
      required: true,
      validate: text(2),
    }),
    issuedOn: t.field({ description: 'The day it was issued.', type: 'Date', required: true }),
    summary: t.string({
      description: 'What it says; must not be empty.',
      required: true,
      validate: text(1),
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

builder.mutationField('recordPolicyDocument', (t) =>
  t.field({
    description:
      'Staff record a policy document; one already on record under the same title is refused (CONFLICT).',
    type: PolicyDocumentType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordPolicyDocument` takes (`RecordPolicyDocumentInput`).',
        type: RecordPolicyDocumentInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordPolicyDocument(ctx, {
        district: String(input.district),
        kind: input.kind,
        title: input.title.trim(),
        issuedBy: input.issuedBy.trim(),
        issuedOn: input.issuedOn,
        summary: input.summary.trim(),
        public: input.public ?? true,
      }),
  }),
);

const PlanReviewInput = builder.inputType('PlanImplementationReviewInput', {
  description: 'What `planImplementationReview` takes.',
  fields: (t) => ({
    document: t.id({ description: "The policy document's id.", required: true }),
    kind: t.field({
      description: '督查类别 How the implementation of a policy document is reviewed.',
      type: ReviewKindType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    plannedOn: t.field({ description: 'The day it is planned for.', type: 'Date', required: true }),
    districtsVisited: t.idList({
      description: 'The codes of the districts to visit: at least one.',
      required: true,
      validate: z.array(z.string()).min(1, 'names at least one district'),
    }),
  }),
});

builder.mutationField('planImplementationReview', (t) =>
  t.field({
    description:
      "专题调研 Staff plan an inspection or special research on how a document is carried out; the districts it visits must be the document's district or below it.",
    type: ImplementationReviewType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `planImplementationReview` takes (`PlanImplementationReviewInput`).',
        type: PlanReviewInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      planImplementationReview(ctx, {
        document: parseId(input.document, 'input.document'),
        kind: input.kind,
        title: input.title.trim(),
        plannedOn: input.plannedOn,
        districtsVisited: input.districtsVisited.map(String),
      }),
  }),
);

const ReviewActionType = builder.enumType('ReviewAction', {
  description: '督查操作 A step on an implementation review.',
  values: describedValues(['START', 'REPORT', 'CLOSE'] as const, {
    START: '开始 Start a PLANNED review.',
    REPORT: '报告 Report a review IN_PROGRESS.',
    CLOSE: '结束 Close a REPORTED review.',
  }),
});

const MoveReviewInput = builder.inputType('MoveImplementationReviewInput', {
  description: 'What `moveImplementationReview` takes.',
  fields: (t) => ({
    id: t.id({ description: "The ImplementationReview's id.", required: true }),
    action: t.field({
      description: '督查操作 A step on an implementation review.',
      type: ReviewActionType,
      required: true,
    }),
    findings: t.string({
      description: 'What the review found (with the report step).',
      required: false,
    }),
    reportedOn: t.field({
      description: 'The day the findings were reported (with the report step).',
      type: 'Date',
      required: false,
    }),
    followUp: t.string({ description: 'What is to be done about them.', required: false }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('moveImplementationReview', (t) =>
  t.field({
    type: ImplementationReviewType,
    description: 'Start, report (findings, date) or close (follow-up) an inspection or research.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `moveImplementationReview` takes (`MoveImplementationReviewInput`).',
        type: MoveReviewInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      moveImplementationReview(ctx, parseId(input.id, 'input.id'), {
        action: input.action.toLowerCase() as 'start' | 'report' | 'close',
        findings: input.findings,
        reportedOn: input.reportedOn,
        followUp: input.followUp,
        note: input.note,
      }),
  }),
);
