import {
  appError,
  canSeeDistrict,
  canWriteDistrict,
  emit,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  staleVersion,
} from '@cppcc/kit';
import { standingReportFiled } from '@cppcc/events';
import { MemberSchema } from '../entities/member.entity.js';
import { StandingReportSchema, type StandingReport } from '../entities/standing-report.entity.js';
import { standingReportWorkflow, type ReportAction } from '../workflow.js';

/** A standing-committee member starts their report for a year. */
export async function draftStandingReport(
  ctx: RequestContext,
  year: number,
  text: string,
): Promise<StandingReport> {
  const memberId = Number(ctx.caller.memberId);
  const member = ctx.caller.memberId
    ? await ctx.em.findOne(MemberSchema, { id: memberId }, { filters: false })
    : null;
  if (!member)
    throw appError(ErrorCode.FORBIDDEN, 'only a member may write a standing-committee report');
  if (!member.standingCommittee)
    throw appError(
      ErrorCode.FORBIDDEN,
      'only standing-committee members (常委) submit yearly reports',
    );
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw inputError('year', 'range', 'must be a year between 2000 and 2100');
  const existing = await ctx.em.findOne(
    StandingReportSchema,
    { memberId, year },
    { filters: false },
  );
  if (existing)
    throw appError(
      ErrorCode.CONFLICT,
      `year: you already have a report for ${year} (id ${existing.id})`,
      { field: 'year', id: String(existing.id) },
    );
  const report = ctx.em.create(StandingReportSchema, {
    district: member.district,
    memberId,
    year,
    text,
    status: 'DRAFT',
    submittedAt: null,
    filedAt: null,
    public: false,
  });
  await ctx.em.flush();
  return report;
}

async function load(ctx: RequestContext, id: number): Promise<StandingReport> {
  const report = await ctx.em.findOne(StandingReportSchema, { id }, { filters: false });
  const own = report && ctx.caller.memberId === String(report.memberId);
  if (!report || !(own || canSeeDistrict(ctx.caller, report.district)))
    throw notFound('standing report', id);
  return report;
}

/** The author edits a draft. */
export async function editStandingReport(
  ctx: RequestContext,
  id: number,
  version: number,
  text: string,
): Promise<StandingReport> {
  const report = await load(ctx, id);
  standingReportWorkflow.check(ctx, report, 'edit');
  if (report.version !== version)
    throw staleVersion(`standing report ${id}`, report.version, version);
  report.text = text;
  await ctx.em.flush();
  return report;
}

/** One step of the report's workflow; filing puts it into the member's archive via the bus. */
export async function moveStandingReport(
  ctx: RequestContext,
  id: number,
  action: ReportAction,
  version: number,
  note: string | null,
): Promise<StandingReport> {
  return ctx.em.transactional(async (em) => {
    const report = await load({ ...ctx, em }, id);
    if (action !== 'submit' && !canWriteDistrict(ctx.caller, report.district)) {
      throw appError(
        ErrorCode.CROSS_DISTRICT,
        `standing report ${id} belongs to district ${report.district}`,
        { field: 'id' },
      );
    }
    if (report.version !== version)
      throw staleVersion(`standing report ${id}`, report.version, version);
    standingReportWorkflow.apply({ ...ctx, em }, report, action, note);
    const now = new Date();
    if (report.status === 'SUBMITTED') report.submittedAt = now;
    if (report.status === 'FILED') {
      report.filedAt = now;
      emit(
        em,
        ctx.module,
        standingReportFiled,
        {
          reportId: String(report.id),
          memberId: String(report.memberId),
          year: report.year,
          filedAt: now.toISOString(),
        },
        report.district,
      );
    }
    return report;
  });
}
