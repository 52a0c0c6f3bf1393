import { inputError } from '@cppcc/plugin-sdk';

export interface Indicator {
  code: string;
  name: string;
  unit: string;
  standard: boolean;
  /** For district-added indicators, the base limit from the settings. */
  baseLimit: number | null;
  includeInIndex: boolean;
}

/** The four indicators the Xin'an River agreement assesses at the 街口 section. */
export const STANDARD_INDICATORS: Indicator[] = [
  {
    code: 'codmn',
    name: '高锰酸盐指数',
    unit: 'mg/L',
    standard: true,
    baseLimit: null,
    includeInIndex: true,
  },
  {
    code: 'nh3n',
    name: '氨氮',
    unit: 'mg/L',
    standard: true,
    baseLimit: null,
    includeInIndex: true,
  },
  { code: 'tn', name: '总氮', unit: 'mg/L', standard: true, baseLimit: null, includeInIndex: true },
  { code: 'tp', name: '总磷', unit: 'mg/L', standard: true, baseLimit: null, includeInIndex: true },
];

export interface ExtraIndicatorSetting {
  code: string;
  name: string;
  unit: string;
  baseLimit: number;
  includeInIndex: boolean;
}

export function catalogue(extras: ExtraIndicatorSetting[]): Indicator[] {
  return [...STANDARD_INDICATORS, ...extras.map((e) => ({ ...e, standard: false }))];
}

export interface IndicatorResult {
  code: string;
  name: string;
  unit: string;
  sampleCount: number;
  average: number;
  baseLimit: number;
  ratio: number;
  inIndex: boolean;
}

export interface IndexResult {
  k: number;
  threshold: number;
  sampleCount: number;
  indicators: IndicatorResult[];
  meanRatio: number;
  p: number;
  passed: boolean;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The compensation index of one year: for each indicator in the index, the yearly average of
 * the samples divided by its base limit; P is k times the mean of those ratios, taken to four
 * decimals (the published precision), and the year passes when P ≤ threshold. Indicators a
 * district added without `includeInIndex` are averaged and shown but do not move P.
 */
export function computeIndex(
  samples: Record<string, number>[],
  rule: { k: number; threshold: number; baseLimits: Record<string, number> },
  extras: ExtraIndicatorSetting[],
  field = 'year',
): IndexResult {
  if (samples.length === 0)
    throw inputError(
      field,
      'no-samples',
      "no water-quality samples were recorded at the round's section in that year",
    );
  const indicators: IndicatorResult[] = [];
  for (const indicator of catalogue(extras)) {
    const limit = rule.baseLimits[indicator.code] ?? indicator.baseLimit;
    const inIndex = indicator.standard ? limit != null : indicator.includeInIndex;
    const values = samples
      .map((s) => s[indicator.code])
      .filter((v): v is number => typeof v === 'number');
    if (values.length === 0) {
      if (inIndex)
        throw inputError(
          field,
          'indicator-missing',
          `no sample of that year carries ${indicator.code} (${indicator.name}), which the index needs`,
        );
      continue;
    }
    if (limit == null) continue;
    const average = values.reduce((a, b) => a + b, 0) / values.length;
    indicators.push({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      sampleCount: values.length,
      average: round(average, 4),
      baseLimit: limit,
      ratio: round(average / limit, 4),
      inIndex,
    });
  }
  const counted = indicators.filter((i) => i.inIndex);
  // Ratios from the unrounded averages, so that the shown figures do not compound rounding.
  const exact = counted.map((i) => {
    const values = samples.map((s) => s[i.code]).filter((v): v is number => typeof v === 'number');
    return values.reduce((a, b) => a + b, 0) / values.length / i.baseLimit;
  });
  const meanRatio = exact.reduce((a, b) => a + b, 0) / exact.length;
  const p = round(rule.k * meanRatio, 4);
  return {
    k: rule.k,
    threshold: rule.threshold,
    sampleCount: samples.length,
    indicators,
    meanRatio: round(meanRatio, 4),
    p,
    passed: p <= rule.threshold,
  };
}
