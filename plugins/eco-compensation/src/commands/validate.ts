import { inputError } from '@cppcc/plugin-sdk';

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
