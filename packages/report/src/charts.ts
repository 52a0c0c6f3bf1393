import { arc, line, pie, type PieArcDatum } from 'd3-shape';
import { figureText } from './format.js';
import type { Figure, Series } from './gather.js';

/** Muted colours that print legibly in grey as well. */
const PALETTE = [
  '#b22222',
  '#d2691e',
  '#daa520',
  '#2e8b57',
  '#4682b4',
  '#6a5acd',
  '#708090',
  '#8b4513',
];
const WIDTH = 560;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function frame(height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif" font-size="12"><title>${escapeXml(title)}</title>${body}</svg>`;
}

/** Horizontal bars, one per point, labelled with the figure as the text gives it. */
function bars(series: Series): string {
  const rowHeight = 26;
  const labelWidth = 150;
  const max = Math.max(1, ...series.points.map((p) => p.value));
  const rows = series.points.map((p, i) => {
    const y = 10 + i * rowHeight;
    const w = Math.round(((WIDTH - labelWidth - 90) * p.value) / max);
    return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(p.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="16" fill="${PALETTE[i % PALETTE.length]}"/><text x="${labelWidth + w + 6}" y="${y + 15}">${escapeXml(figureText(p))}</text>`;
  });
  return frame(20 + series.points.length * rowHeight, series.label, rows.join(''));
}

/** A pie with a legend; points worth nothing are left out of the pie but kept in the legend. */
function pieChart(series: Series): string {
  const radius = 90;
  const shown = series.points.filter((p) => p.value > 0);
  const slices = pie<Figure>()
    .value((p) => p.value)
    .sort(null)(shown);
  const path = arc<PieArcDatum<Figure>>().innerRadius(0).outerRadius(radius);
  const colour = (p: Figure) => PALETTE[series.points.indexOf(p) % PALETTE.length];
  const wedges = slices
    .map((s) => `<path d="${path(s)}" fill="${colour(s.data)}" stroke="#fff"/>`)
    .join('');
  const legend = series.points
    .map(
      (p, i) =>
        `<rect x="230" y="${20 + i * 22}" width="12" height="12" fill="${colour(p)}"/><text x="248" y="${31 + i * 22}">${escapeXml(p.label)} ${escapeXml(figureText(p))}</text>`,
    )
    .join('');
  const height = Math.max(2 * radius + 20, 30 + series.points.length * 22);
  return frame(
    height,
    series.label,
    `<g transform="translate(110,${radius + 10})">${wedges}</g>${legend}`,
  );
}

/** A line over the points in order (months), with each value written above its point. */
function lineChart(series: Series): string {
  const height = 200;
  const left = 30;
  const bottom = height - 40;
  const max = Math.max(1, ...series.points.map((p) => p.value));
  const step = (WIDTH - left - 20) / Math.max(1, series.points.length - 1);
  const xy = series.points.map(
    (p, i) => [left + i * step, bottom - ((bottom - 20) * p.value) / max] as [number, number],
  );
  const d = line()(xy) ?? '';
  const marks = series.points
    .map((p, i) => {
      const [x, y] = xy[i];
      return `<circle cx="${x}" cy="${y}" r="3" fill="${PALETTE[0]}"/><text x="${x}" y="${y - 8}" text-anchor="middle">${escapeXml(figureText(p))}</text><text x="${x}" y="${bottom + 16}" text-anchor="middle" font-size="10">${escapeXml(p.label)}</text>`;
    })
    .join('');
  return frame(
    height,
    series.label,
    `<line x1="${left}" y1="${bottom}" x2="${WIDTH - 10}" y2="${bottom}" stroke="#999"/><path d="${d}" fill="none" stroke="${PALETTE[0]}" stroke-width="2"/>${marks}`,
  );
}

/** The series drawn as server-side SVG, no script, no external resource. */
export function svgChart(series: Series): string {
  if (series.chart === 'PIE') return pieChart(series);
  if (series.chart === 'LINE') return lineChart(series);
  return bars(series);
}
