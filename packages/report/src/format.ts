import type { Figure, ReportDocument } from './gather.js';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、二、… for the report's headings; past ten, 十一、十二、… */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  return String(n);
}

/** 2026-03-05 → 2026年3月5日 */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A figure as the text gives it: 12次, 96.5%. */
export function figureText(f: Pick<Figure, 'value' | 'unit'>): string {
  if (f.unit === '%') return `${formatShare(f.value)}%`;
  return `${formatCount(f.value)}${f.unit ?? ''}`;
}

function formatShare(value: number): string {
  const pct = Math.round(value * 1000) / 10;
  return Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The sentence that opens a section: 报告期内，党组理论学习中心组学习12次，常委会议4次。 */
export function figuresSentence(figures: Figure[]): string {
  if (figures.length === 0) return '';
  return `报告期内，${figures.map((f) => `${f.label}${figureText(f)}`).join('，')}。`;
}

export function reportTitle(doc: ReportDocument): string {
  // District names are the committees' own (黄山市政协): the title does not repeat 政协.
  const name = doc.district.name.endsWith('政协') ? doc.district.name : `${doc.district.name}政协`;
  return `${name}工作报告（草稿）`;
}

export function periodLine(doc: ReportDocument): string {
  const scope = doc.includeBelow ? '（数字含所辖区县）' : '';
  return `报告期：${chineseDate(doc.from)}至${chineseDate(doc.to)}${scope}`;
}
