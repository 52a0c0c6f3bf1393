/**
 * The day the demo data is written as of: the seed report is the year-end report of 2026, so its
 * 今年 is 2026 and its 去年 2025. Nothing dated after this day is recorded as done (held, reported,
 * adopted); what lies after it is planned. The generators keep to this fixed day rather than the
 * clock so that every machine and every test sees the same rows.
 */
export const AS_OF = '2026-12-06';
/** The report's 今年. */
export const THIS_YEAR = 2026;
/** The report's 去年. */
export const LAST_YEAR = 2025;
