import { inputError } from '@cppcc/kit';

/** Refuses `later` before `earlier`, naming the later field. */
export function assertOrder(
  earlier: string | null | undefined,
  later: string | null | undefined,
  field: string,
  earlierName: string,
): void {
  if (earlier && later && later < earlier)
    throw inputError(field, 'order', `must not be before ${earlierName} (${earlier})`);
}

/** The day a stored date column holds, whatever the driver returned. */
export function dayOf(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
