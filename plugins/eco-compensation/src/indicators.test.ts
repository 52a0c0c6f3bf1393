import { describe, expect, it } from 'vitest';
import { computeIndex } from './indicators.js';

const rule = { k: 0.85, threshold: 1, baseLimits: { codmn: 2, nh3n: 0.1, tn: 1, tp: 0.05 } };
const s1 = { codmn: 1.8, nh3n: 0.08, tn: 0.9, tp: 0.04 };
const s2 = { codmn: 2.2, nh3n: 0.1, tn: 1.1, tp: 0.05 };

describe('compensation index P', () => {
  it('is k times the mean of yearly average over base limit, per indicator', () => {
    const r = computeIndex([s1, s2], rule, []);
    // averages 2.0, 0.09, 1.0, 0.045 → ratios 1, 0.9, 1, 0.9 → mean 0.95 → P = 0.85 × 0.95
    expect(r.indicators.map((i) => [i.code, i.average, i.ratio])).toEqual([
      ['codmn', 2, 1],
      ['nh3n', 0.09, 0.9],
      ['tn', 1, 1],
      ['tp', 0.045, 0.9],
    ]);
    expect(r.meanRatio).toBe(0.95);
    expect(r.p).toBe(0.8075);
    expect(r.passed).toBe(true);
    expect(r.sampleCount).toBe(2);
  });

  it('passes at exactly the threshold and fails just above it', () => {
    const atBase = { codmn: 2, nh3n: 0.1, tn: 1, tp: 0.05 };
    expect(computeIndex([atBase], { ...rule, k: 1 }, []).p).toBe(1);
    expect(computeIndex([atBase], { ...rule, k: 1 }, []).passed).toBe(true);
    expect(computeIndex([atBase], { ...rule, k: 1.001 }, []).passed).toBe(false);
  });

  it('counts a district indicator only when the settings put it in the index', () => {
    const extra = { code: 'do', name: '溶解氧', unit: 'mg/L', baseLimit: 8, includeInIndex: false };
    const withDo = [
      { ...s1, do: 16 },
      { ...s2, do: 16 },
    ];
    const shown = computeIndex(withDo, rule, [extra]);
    expect(shown.p).toBe(0.8075);
    expect(shown.indicators.find((i) => i.code === 'do')).toMatchObject({
      average: 16,
      ratio: 2,
      inIndex: false,
    });
    const counted = computeIndex(withDo, rule, [{ ...extra, includeInIndex: true }]);
    // ratios 1, 0.9, 1, 0.9, 2 → mean 1.16 → P = 0.986
    expect(counted.p).toBe(0.986);
  });

  it('refuses a year without samples, or without an indicator the index needs, with a clear rule', () => {
    expect(() => computeIndex([], rule, [])).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'BAD_USER_INPUT',
          field: 'year',
          rule: 'no-samples',
        }),
      }),
    );
    expect(() => computeIndex([{ codmn: 2, nh3n: 0.1, tn: 1 }], rule, [])).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ rule: 'indicator-missing' }),
      }),
    );
  });
});
