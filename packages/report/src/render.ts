import { svgChart } from './charts.js';
import {
  chineseDate,
  chineseOrdinal,
  figureText,
  figuresSentence,
  periodLine,
  reportTitle,
} from './format.js';
import type { ItemList, ReportDocument, Series } from './gather.js';

function itemsSentence(list: ItemList): string {
  if (list.totalCount === 0) return '';
  const named = list.items
    .map((i) => `《${i.title}》${i.date ? `（${chineseDate(i.date)}）` : ''}`)
    .join('、');
  const more = list.totalCount > list.items.length ? `等${list.totalCount}项` : '';
  return `${list.label}主要有：${named}${more}。`;
}

function seriesSentence(s: Series): string {
  return `${s.label}：${s.points.map((p) => `${p.label}${figureText(p)}`).join('，')}。`;
}

/** Markdown: headings, the figures as sentences, each chart as its figures (and the SVG beside it in HTML). */
export function renderMarkdown(doc: ReportDocument): string {
  const out = [`# ${reportTitle(doc)}`, '', periodLine(doc), ''];
  for (const [i, s] of doc.sections.entries()) {
    out.push(`## ${chineseOrdinal(i + 1)}、${s.title}`, '');
    const sentence = figuresSentence(s.figures);
    if (sentence) out.push(sentence, '');
    for (const series of s.series) out.push(seriesSentence(series), '');
    for (const list of s.items) {
      const line = itemsSentence(list);
      if (line) out.push(line, '');
    }
  }
  out.push(
    '---',
    '',
    '本稿由CPPCC Graph据各业务记录自动汇总生成，数字均可按“数据来源”追溯到原始记录。',
    '',
  );
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One self-contained page: no script, no external resource (it opens offline and prints as it
 * shows), each figure tagged with its key and its provenance document for drilling down.
 */
export function renderHtml(doc: ReportDocument): string {
  const body: string[] = [
    `<h1>${escapeHtml(reportTitle(doc))}</h1>`,
    `<p class="period">${escapeHtml(periodLine(doc))}</p>`,
  ];
  for (const [i, s] of doc.sections.entries()) {
    body.push(`<section id="${s.key}"><h2>${chineseOrdinal(i + 1)}、${escapeHtml(s.title)}</h2>`);
    if (s.figures.length > 0) {
      const parts = s.figures.map(
        (f) =>
          `<span class="figure" data-key="${s.key}.${f.key}" title="${escapeHtml(f.provenance.document)}">${escapeHtml(f.label)}${escapeHtml(figureText(f))}</span>`,
      );
      body.push(`<p>报告期内，${parts.join('，')}。</p>`);
    }
    for (const series of s.series)
      body.push(
        `<figure data-key="${s.key}.${series.key}">${svgChart(series)}<figcaption>${escapeHtml(seriesSentence(series))}</figcaption></figure>`,
      );
    for (const list of s.items) {
      const line = itemsSentence(list);
      if (line) body.push(`<p class="items">${escapeHtml(line)}</p>`);
    }
    body.push('</section>');
  }
  body.push(
    '<footer>本稿由CPPCC Graph据各业务记录自动汇总生成，数字均可按“数据来源”追溯到原始记录。</footer>',
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(reportTitle(doc))}</title>
<style>
body{font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.9;color:#222}
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}
.period{text-align:center;color:#555}figure{margin:1em 0;break-inside:avoid}figcaption{font-size:.9em;color:#555}
footer{margin-top:3em;font-size:.85em;color:#777;border-top:1px solid #ddd;padding-top:.5em}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
