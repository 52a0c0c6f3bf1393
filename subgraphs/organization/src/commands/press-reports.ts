import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { appError, assertWritableDistrict, ErrorCode, type RequestContext } from '@cppcc/kit';
import {
  PressReportSchema,
  type PressReport,
  type PressSubject,
} from '../entities/press-report.entity.js';
import { auditRecorded } from './recorded.js';

export interface PressReportInput {
  district: string;
  outlet: string;
  headline: string;
  publishedOn: string;
  frontPage: boolean;
  subject: PressSubject;
  about: string;
  url: string | null;
}

/** One report in one outlet on one day under one headline: recording it twice is a conflict, not a second report. */
export async function recordPressReport(
  ctx: RequestContext,
  input: PressReportInput,
): Promise<PressReport> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  try {
    return await ctx.em.transactional(async (em) => {
      const report = em.create(PressReportSchema, { ...input, public: true });
      await em.flush();
      auditRecorded(
        em,
        ctx,
        'press_report',
        report.id,
        'PUBLISHED',
        `${input.outlet}《${input.headline}》`,
      );
      return report;
    });
  } catch (err) {
    // The table's unique key decides, also between two staff recording the same report at once.
    if (err instanceof UniqueConstraintViolationException) {
      throw appError(
        ErrorCode.CONFLICT,
        `input.headline: ${input.outlet} ${input.publishedOn}《${input.headline}》is already recorded`,
        { field: 'input.headline' },
      );
    }
    throw err;
  }
}
