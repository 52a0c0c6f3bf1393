import { inputError } from './errors.js';

/**
 * Calendar days travel as ISO strings (YYYY-MM-DD) everywhere: in the schema (the `Date`
 * scalar), in rows and in events. Strings of this one shape sort as the days do, so comparing
 * two days is comparing two strings.
 */
export type Day = string;

/** The one date rule, quoted by every refusal so a client sees what it broke. */
export const DATE_RULE = 'must be a calendar date written YYYY-MM-DD (e.g. 2026-03-01)';

/** The one instant rule: a calendar day, a time and an offset (Z or ±hh:mm). */
export const DATE_TIME_RULE =
  'must be an ISO-8601 date and time with an offset (e.g. 2026-03-01T08:30:00Z or 2026-03-01T16:30:00+08:00)';

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_SHAPE =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Is `value` a real calendar day, zero-padded YYYY-MM-DD (so not 2026-02-30, 2026-13-01 or 2026-3-1)? */
export function isDate(value: unknown): value is Day {
  if (typeof value !== 'string') return false;
  const match = DAY_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 30 February over into March; only a real day comes back unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Is `value` an instant written as ISO 8601 with a real day, a real time and an offset? */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME_SHAPE.exec(value);
  if (!match || !isDate(match[1])) return false;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return false;
  return match[5] === 'Z' || (Number(match[6]) <= 23 && Number(match[7]) <= 59);
}

/** Reads a day argument, refusing anything else as BAD_USER_INPUT naming `field` and the rule. */
export function parseDate(value: unknown, field: string): Day {
  if (!isDate(value))
    throw inputError(field, 'date', `${JSON.stringify(value)} is not a date: ${DATE_RULE}`);
  return value;
}

/** The day an instant falls on in UTC, the zone deadlines and overdue flags are counted in. */
export function utcDay(instant: Date): Day {
  return instant.toISOString().slice(0, 10);
}

/** Today in UTC. */
export function today(): Day {
  return utcDay(new Date());
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: Day, days: number): Day {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** Days from `from` to `to` (negative when `to` is before it). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `day` plus `months` calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return utcDay(target);
}

/** Negative, zero or positive as `a` is before, on or after `b`; a sort comparator. */
export function compareDates(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The condition a list's `from`/`to` put on its date column (both inclusive; either may be
 * absent), refused when `to` is before `from` so an empty answer never hides a typo.
 */
export function periodWhere<K extends string>(
  column: K,
  period: { from?: Day | null; to?: Day | null },
  fields: { from: string; to: string } = { from: 'from', to: 'to' },
): { [P in K]?: { $gte?: Day; $lte?: Day } } {
  const { from, to } = period;
  if (from && to && to < from)
    throw inputError(fields.to, 'order', `must not be before ${fields.from} (${from})`);
  if (!from && !to) return {};
  return {
    [column]: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) },
  } as { [P in K]?: { $gte?: Day; $lte?: Day } };
}

/**
 * A query that takes a year or a date range (`from`/`to`, both needed without a year): the one
 * given, checked. Both at once are refused rather than one silently ignored.
 */
export function yearOrPeriod(args: {
  year?: number | null;
  from?: Day | null;
  to?: Day | null;
}): { year: number } | { from: Day; to: Day } {
  const { year, from, to } = args;
  if (year != null) {
    if (from || to)
      throw inputError('year', 'one-period', 'give a year or a from/to range, not both');
    return { year };
  }
  if (!from || !to) throw inputError(from ? 'to' : 'from', 'required', 'is required without year');
  periodWhere('day', { from, to });
  return { from, to };
}
