import { inputError } from '@cppcc/kit';
import { z } from 'zod';

/** A calendar day as clients send it; the zod rule rejects 2026-02-30 as well as "soon". */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar day');

/** Refuses `later` before `earlier`, naming the later field. */
export function assertOrder(earlier: string | null | undefined, later: string | null | undefined, field: string, earlierName: string): void {
  if (earlier && later && later < earlier) throw inputError(field, 'order', `must not be before ${earlierName} (${earlier})`);
}

/** The day a stored date column holds, whatever the driver returned. */
export function dayOf(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
