import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const REPORT_STATUSES = ['DRAFT', 'SUBMITTED', 'FILED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** 常委履职报告: a standing-committee member's yearly duty report. */
export const StandingReportSchema = defineEntity({
  name: 'StandingReport',
  tableName: 'standing_report',
  uniques: [{ properties: ['memberId', 'year'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    memberId: p.integer(),
    year: p.integer(),
    text: p.text(),
    status: p.string().$type<ReportStatus>(),
    submittedAt: p.datetime().nullable(),
    filedAt: p.datetime().nullable(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type StandingReport = InferEntity<typeof StandingReportSchema>;
