import { inputError } from '@cppcc/kit';

/** A calendar date as YYYY-MM-DD, refused with the field's name otherwise. */
export function isoDate(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw inputError(field, 'date', `"${value}" is not a date (YYYY-MM-DD)`);
  }
  return value;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function text(value: string, field: string, max = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw inputError(field, 'required', 'must not be empty');
  if (trimmed.length > max) throw inputError(field, 'length', `at most ${max} characters`);
  return trimmed;
}

export function url(value: string | null | undefined, field: string): string | null {
  if (value == null || value.trim() === '') return null;
  try {
    const parsed = new URL(value.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error();
    return parsed.toString();
  } catch {
    throw inputError(field, 'url', `"${value}" is not an http(s) address`);
  }
}

/** Renders an amount kept in 万元 the way the district chose. */
export function displayAmount(amountWan: number, unit: 'yi' | 'wan'): string {
  if (unit === 'wan') return `${amountWan.toLocaleString('en-US')} 万元`;
  return `${Number((amountWan / 10_000).toFixed(4))} 亿元`;
}
