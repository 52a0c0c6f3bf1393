import {
  connectionType,
  pagedList,
  parseId,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
} from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  draftStandingReport,
  editStandingReport,
  moveStandingReport,
} from '../commands/standing-reports.js';
import {
  REPORT_STATUSES,
  StandingReportSchema,
  type StandingReport,
} from '../entities/standing-report.entity.js';
import { standingReportWorkflow } from '../workflow.js';
import { MemberType, recordPage } from './member.js';

export const ReportStatusType = builder.enumType('StandingReportStatus', {
  description:
    "常委履职报告状态 Where a standing-committee member's yearly report stands: DRAFT → SUBMITTED → FILED (or back to DRAFT).",
  values: describedValues(REPORT_STATUSES, {
    DRAFT: '草稿 Being written by its author, who submits it.',
    SUBMITTED: '已提交 Submitted; staff file it or return it to the author.',
    FILED: "已归档 Filed into the member's archive.",
  }),
});

export const StandingReportType = builder.objectRef<StandingReport>('StandingReport').implement({
  description:
    "常委履职报告: a standing-committee member's yearly duty report, filed into their archive.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The StandingReport's id." }),
    year: t.exposeInt('year', { description: '年度 The year reported on.' }),
    text: t.exposeString('text', { description: "正文 The report's text." }),
    status: t.field({
      description: "常委履职报告状态 Where a standing-committee member's yearly report stands.",
      type: ReportStatusType,
      resolve: (r) => r.status,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    submittedAt: t.field({
      description: '提交时间 When it was submitted; null while a draft.',
      type: 'DateTime',
      nullable: true,
      resolve: (r) => r.submittedAt ?? null,
    }),
    filedAt: t.field({
      description: '归档时间 When it was filed; null until then.',
      type: 'DateTime',
      nullable: true,
      resolve: (r) => r.filedAt ?? null,
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (r, _args, ctx) => standingReportWorkflow.available(ctx, r),
    }),
  }),
});

const StandingReportConnection = connectionType<StandingReport>(
  builder,
  'StandingReport',
  StandingReportType,
);

pagedList(builder, MemberType, {
  name: 'standingReports',
  node: StandingReportType,
  connection: StandingReportConnection,
  what: 'reports',
  listDescription: "The member's yearly reports. The member and their district staff only.",
  description:
    '常委履职报告 The member’s yearly reports, oldest first, a page at a time. The member and their district staff only (FORBIDDEN for others).',
  page: recordPage(StandingReportSchema),
});

const reportText = z
  .string()
  .trim()
  .min(20, 'must have at least 20 characters')
  .max(20000, 'must be at most 20000 characters');

builder.mutationField('draftStandingReport', (t) =>
  t.field({
    description:
      '常委履职报告 A standing-committee member (常委) starts their yearly report (DRAFT): year 2000 to 2100; text trimmed, 20 to 20,000 characters. Others are refused (FORBIDDEN).',
    type: StandingReportType,
    authScopes: { member: true },
    args: {
      year: t.arg.int({ description: 'The year reported on.', required: true }),
      text: t.arg.string({
        description: 'The text: trimmed, 20 to 20,000 characters.',
        required: true,
        validate: reportText,
      }),
    },
    resolve: (_root, { year, text }, ctx) => draftStandingReport(ctx, year, text.trim()),
  }),
);

builder.mutationField('editStandingReport', (t) =>
  t.field({
    description:
      "The author edits their report while it is a DRAFT: text trimmed, 20 to 20,000 characters. `version` is the report's current version.",
    type: StandingReportType,
    authScopes: { member: true },
    args: {
      id: t.arg.id({ description: "The StandingReport's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      text: t.arg.string({
        description: 'The new text: trimmed, 20 to 20,000 characters.',
        required: true,
        validate: reportText,
      }),
    },
    resolve: (_root, { id, version, text }, ctx) =>
      editStandingReport(ctx, parseId(id), version, text.trim()),
  }),
);

for (const [field, action, description] of [
  ['submitStandingReport', 'submit', 'The author submits the report.'],
  [
    'returnStandingReport',
    'return',
    'Staff send a submitted report back to its author as a draft.',
  ],
  ['fileStandingReport', 'file', "Staff file the report into the member's archive."],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: StandingReportType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The StandingReport's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveStandingReport(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}
