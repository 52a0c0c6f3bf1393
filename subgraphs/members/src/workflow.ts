import { defineWorkflow, type RequestContext } from '@cppcc/kit';
import type { ReportStatus, StandingReport } from './entities/standing-report.entity.js';

export type ReportAction = 'submit' | 'return' | 'file';

const author = { relation: 'author', holds: (ctx: RequestContext, r: StandingReport) => ctx.caller.memberId === String(r.memberId) };

/** A standing member's yearly report: written and submitted by the member, filed (or sent back) by staff. */
export const standingReportWorkflow = defineWorkflow<ReportStatus, ReportAction, StandingReport>('standing_report', [
  { from: 'DRAFT', action: 'submit', who: [author], to: 'SUBMITTED' },
  { from: 'SUBMITTED', action: 'return', who: ['staff'], to: 'DRAFT' },
  { from: 'SUBMITTED', action: 'file', who: ['staff'], to: 'FILED' },
]);
