import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  isDate,
  isDateTime,
  parseDate,
  today,
  utcDay,
} from './dates.js';

describe('the date rule', () => {
  it('takes real, zero-padded calendar days', () => {
    for (const day of ['2026-03-01', '2024-02-29', '2026-12-31', '2000-02-29'])
      expect(isDate(day), day).toBe(true);
  });

  it('refuses days that do not exist, unpadded days, times and other types', () => {
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2025-02-29',
      '1900-02-29',
      '2026-3-1',
      '2026-03-01T00:00:00Z',
      ' 2026-03-01',
      '20260301',
      '',
      20260301,
      null,
    ]) {
      expect(isDate(bad), String(bad)).toBe(false);
    }
  });

  it('refuses with BAD_USER_INPUT naming the field and the rule', () => {
    expect(parseDate('2026-03-01', 'heldOn')).toBe('2026-03-01');
    try {
      parseDate('2026-02-30', 'input.heldOn');
      expect.unreachable();
    } catch (err) {
      const e = err as { message: string; extensions: Record<string, unknown> };
      expect(e.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.heldOn',
        rule: 'date',
      });
      expect(e.message).toBe(
        'input.heldOn: "2026-02-30" is not a date: must be a calendar date written YYYY-MM-DD (e.g. 2026-03-01)',
      );
    }
  });

  it('takes instants only with an offset and a real time', () => {
    for (const ok of [
      '2026-03-01T08:30:00Z',
      '2026-03-01T08:30Z',
      '2026-03-01T16:30:00.123+08:00',
      '2026-03-01T00:00:00-05:30',
    ])
      expect(isDateTime(ok), ok).toBe(true);
    for (const bad of [
      '2026-03-01T08:30:00',
      '2026-03-01',
      '2026-02-30T08:30:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T08:60:00Z',
      '2026-03-01 08:30:00Z',
      'yesterday',
    ]) {
      expect(isDateTime(bad), bad).toBe(false);
    }
  });
});

describe('the date helpers', () => {
  it('count days in UTC across months, years and leap days', () => {
    expect(utcDay(new Date('2026-03-01T23:59:59+08:00'))).toBe('2026-03-01');
    expect(today()).toBe(new Date().toISOString().slice(0, 10));
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('compare days as a sort does', () => {
    expect(['2026-03-01', '2025-12-31', '2026-01-15'].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-03-01',
    ]);
    expect(compareDates('2026-03-01', '2026-03-01')).toBe(0);
  });
});
