import fs from 'node:fs';
import { activities, activityStatus, CITY, districts } from '@cppcc/demo';
import { provenanceValue } from '@cppcc/kit';
import {
  figureText,
  gatherReport,
  type ReportDocument,
  renderHtml,
  renderMarkdown,
} from '@cppcc/report';
import { htmlToPdf } from '@cppcc/report/pdf';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAsker, startStack, type Stack } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';

interface Provenance {
  query: string;
  path: string;
  document: string;
}
interface Figure {
  key: string;
  label: string;
  value: number;
  unit: string | null;
  provenance: Provenance;
}
interface Section {
  key: string;
  title: string;
  order: number;
  figures: Figure[];
  series: { key: string; chart: string; points: Figure[] }[];
  items: {
    key: string;
    totalCount: number;
    items: { id: string; title: string; date: string | null }[];
    provenance: Provenance;
  }[];
}
type Report = Record<string, Section> & { sections: string[] };

const FIGURE = 'key label value unit provenance { query path document }';
const SECTION = `key title order figures { ${FIGURE} } series { key chart points { ${FIGURE} } } items { key totalCount items { id title date } provenance { query path document } }`;
const SECTIONS = [
  'partyBuilding',
  'consultation',
  'proposals',
  'publicOpinion',
  'memberDuties',
  'consensus',
  'selfDevelopment',
];
const REPORT = `query($d: ID!, $from: Date!, $to: Date!) {
  workReport(district: $d, from: $from, to: $to) {
    sections
    ${SECTIONS.map((s) => `${s} { ${SECTION} }`).join('\n    ')}
  }
}`;
const DISTRICT = '341002';
/** Has the inter-city exchange plugin off in the demo data. */
const PLUGIN_OFF = '341024';

/**
 * The work report through the one graph: one document, a section from each module, and every
 * figure answered again — through the gateway, as the same caller — by the query its provenance
 * names, so a client drilling down always finds exactly the records a figure counts.
 */
describe('workReport', () => {
  let stack: Stack;
  let cityStaff: string;
  let districtStaff: string;
  const from = '2025-01-01';
  const to = '2026-12-31';

  const report = async (token: string, district: string, period = { from, to }) => {
    const { status, body } = await stack.post<{ workReport: Report }>(
      { query: REPORT, variables: { d: district, ...period } },
      { token },
    );
    return { status, body };
  };

  const asker = (token: string) => reportAsker(stack, token);

  beforeAll(async () => {
    stack = await startStack();
    cityStaff = await stack.token({ roles: ['staff'], district: CITY });
    districtStaff = await stack.token({ roles: ['staff'], district: DISTRICT });
  });
  afterAll(() => stack?.stop());

  it('answers every section in the report order, each figure equal to what its provenance query answers', async () => {
    const { body } = await report(cityStaff, CITY);
    expect(body.errors).toBeUndefined();
    expect(body.data!.workReport.sections).toEqual([...SECTIONS, 'interCityExchange']);
    expect(SECTIONS.map((s) => body.data!.workReport[s].order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The plugin's section too: gathered the way the renderer does, section by section.
    const doc = await gatherReport(asker(cityStaff), { district: CITY, from, to });
    const figures = doc.sections.flatMap((s) => [
      ...s.figures,
      ...s.series.flatMap((x) => x.points),
    ]);
    expect(figures.length).toBeGreaterThan(40);
    // One request per distinct provenance document (the figures of a statistics query share one).
    const answers = new Map<string, unknown>();
    for (const f of figures) {
      if (!answers.has(f.provenance.document)) {
        const { body: drill } = await stack.post(
          { query: f.provenance.document },
          { token: cityStaff },
        );
        expect(drill.errors, f.provenance.document).toBeUndefined();
        answers.set(f.provenance.document, drill.data);
      }
      expect(
        provenanceValue(answers.get(f.provenance.document), f.provenance),
        `${f.key}: ${f.provenance.document}`,
      ).toBe(f.value);
    }
    for (const list of doc.sections.flatMap((s) => s.items)) {
      const { body: drill } = await stack.post<Record<string, { totalCount: number }>>(
        { query: list.provenance.document },
        { token: cityStaff },
      );
      expect(drill.data![list.provenance.query].totalCount).toBe(list.totalCount);
      expect(list.items.length).toBe(Math.min(5, list.totalCount));
    }
  });

  it('counts what the records say: activities held, by form; grades add up to the assessments', async () => {
    const doc = (await report(cityStaff, CITY)).body.data!.workReport;
    const within = (day: string) => day >= from && day <= to;
    const held = activities().filter(
      (a) =>
        a.district === CITY &&
        within(a.heldOn) &&
        !['PLANNED', 'PREPARING'].includes(activityStatus(a)),
    );
    const figure = (section: string, key: string) =>
      doc[section].figures.find((f) => f.key === key)!.value;
    expect(held.length).toBeGreaterThan(0);
    expect(figure('consultation', 'activitiesHeld')).toBe(held.length);
    const byForm = doc.consultation.series.find((s) => s.key === 'activitiesByForm')!;
    for (const point of byForm.points)
      expect(point.value, point.key).toBe(held.filter((a) => a.form === point.key).length);
    // The activities listed are those of the period, newest first or not, each dated within it.
    const listed = doc.consultation.items.find((l) => l.key === 'activities')!;
    expect(listed.items.every((i) => i.date !== null && within(i.date))).toBe(true);

    const grades = doc.memberDuties.series.find((s) => s.key === 'assessmentGrades')!;
    const { body } = await stack.post<{ assessments: { grade: string }[] }>(
      { query: `{ assessments(district: "${CITY}", year: 2026) { grade } }` },
      { token: cityStaff },
    );
    expect(grades.points.reduce((sum, p) => sum + p.value, 0)).toBe(body.data!.assessments.length);

    // Shares are between 0 and 1, marked %.
    for (const f of SECTIONS.flatMap((s) => doc[s].figures).filter((x) => x.unit === '%'))
      expect(f.value >= 0 && f.value <= 1, f.key).toBe(true);
  });

  it("gives a district's staff their own district's report, with its own figures", async () => {
    const city = (await report(cityStaff, CITY)).body.data!.workReport;
    const { body } = await report(districtStaff, DISTRICT);
    expect(body.errors).toBeUndefined();
    const own = body.data!.workReport;
    const members = (doc: Report) => doc.memberDuties.figures.find((f) => f.key === 'members')!;
    expect(members(own).value).toBeGreaterThan(0);
    expect(members(own).value).not.toBe(members(city).value);
    expect(members(own).provenance.document).toContain(DISTRICT);
  });

  it('adds a section from each plugin the district has on, and none from those it has off', async () => {
    const progress: string[] = [];
    const doc = await gatherReport(asker(cityStaff), { district: CITY, from, to }, (d, n, title) =>
      progress.push(`${d}/${n} ${title}`),
    );
    const keys = doc.sections.map((s) => s.key);
    expect(keys).toEqual([...SECTIONS, 'interCityExchange']);
    expect(progress).toHaveLength(keys.length);
    expect(progress.at(-1)).toMatch(/^8\/8 /);
    const plugin = doc.sections.at(-1)!;
    const { body } = await stack.post<{ cooperationMechanisms: { totalCount: number } }>(
      { query: `{ cooperationMechanisms(district: "${CITY}", status: ACTIVE) { totalCount } }` },
      { token: cityStaff },
    );
    expect(plugin.figures.find((f) => f.key === 'activeMechanisms')?.value).toBe(
      body.data!.cooperationMechanisms.totalCount,
    );
    expect(body.data!.cooperationMechanisms.totalCount).toBeGreaterThan(0);

    const offStaff = await stack.token({ roles: ['staff'], district: PLUGIN_OFF });
    const off = await gatherReport(asker(offStaff), { district: PLUGIN_OFF, from, to });
    expect(off.sections.map((s) => s.key)).toEqual(SECTIONS);
  });

  describe('drafted as Markdown, HTML in a real browser, and PDF pages', () => {
    let doc: ReportDocument;
    /** Every figure as the draft must state it: its label followed by its value and unit. */
    const statements = () =>
      doc.sections.flatMap((s) => [
        ...s.figures.map((f) => `${f.label}${figureText(f)}`),
        ...s.series.flatMap((x) => x.points.map((p) => `${p.label}${figureText(p)}`)),
      ]);
    const squash = (text: string) => text.replace(/\s+/g, '');

    beforeAll(async () => {
      doc = await gatherReport(asker(cityStaff), { district: CITY, from, to });
    });

    it('states every figure in the Markdown draft, under the report headings', () => {
      const md = renderMarkdown(doc);
      expect(md).toMatch(/^# .+政协工作报告（草稿）/);
      expect(md).not.toContain('政协政协');
      expect(md).toContain('## 一、党的建设和理论学习');
      expect(md).toContain('## 八、区域政协交流合作');
      for (const s of statements()) expect(md, s).toContain(s);
    });

    it('shows the HTML in Chromium, offline, with each figure and one SVG chart per series', async () => {
      if (process.env.CI && !fs.existsSync(CHROMIUM))
        throw new Error(`${CHROMIUM} is missing: CI installs the Debian package chromium`);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'],
      });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.setContent(renderHtml(doc), { waitUntil: 'load' });
        const text = squash(await page.innerText('body'));
        for (const s of statements()) expect(text, s).toContain(squash(s));
        const charts = await page.locator('figure svg').count();
        expect(charts).toBe(doc.sections.reduce((n, s) => n + s.series.length, 0));
        // Each chart is drawn: it has a visible size and marks in it.
        const box = await page.locator('figure svg').first().boundingBox();
        expect(box!.width).toBeGreaterThan(100);
        expect(await page.locator('figure svg :is(rect, path, circle)').count()).toBeGreaterThan(
          charts,
        );
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    it('prints to PDF pages whose text states every figure', async () => {
      const pdf = await htmlToPdf(renderHtml(doc));
      const file = await getDocument({ data: new Uint8Array(pdf) }).promise;
      expect(file.numPages).toBeGreaterThan(1);
      let text = '';
      for (let i = 1; i <= file.numPages; i++) {
        const content = await (await file.getPage(i)).getTextContent();
        text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
      }
      text = squash(text);
      expect(text).toContain(squash('一、党的建设和理论学习'));
      for (const s of doc.sections.flatMap((x) =>
        x.figures.map((f) => `${f.label}${figureText(f)}`),
      ))
        expect(text, s).toContain(squash(s));
    });
  });

  it('serves the same HTML draft at the gateway, as the caller, with clear errors', async () => {
    const url = (query: string) => new URL(`/report?${query}`, stack.gateway.url).toString();
    const period = `district=${CITY}&from=${from}&to=${to}`;
    const page = await fetch(url(period), { headers: { authorization: `Bearer ${cityStaff}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const doc = await gatherReport(asker(cityStaff), { district: CITY, from, to });
    expect(html).toBe(renderHtml(doc));

    const anonymous = await fetch(url(period));
    expect(anonymous.status).toBe(403);
    expect((await anonymous.json()).errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/workReport/),
    });
    const other = await stack.token({ roles: ['staff'], district: '341021' });
    const refused = await fetch(url(`district=${DISTRICT}&from=${from}&to=${to}`), {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(refused.status).toBe(403);
    const bad = await fetch(url(`district=${CITY}&from=2026-1-1&to=${to}`), {
      headers: { authorization: `Bearer ${cityStaff}` },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/^from: /),
    });
  });

  describe("with the districts below (a city's totals)", () => {
    const below = districts.filter((d) => d.parent === CITY).map((d) => d.code);
    let total: ReportDocument;
    let each: ReportDocument[];
    const values = (doc: ReportDocument) =>
      new Map(
        doc.sections.flatMap((s) => [
          ...s.figures.map((f) => [`${s.key}.${f.key}`, f] as const),
          ...s.series.flatMap((x) =>
            x.points.map((p) => [`${s.key}.${x.key}.${p.key}`, p] as const),
          ),
        ]),
      );

    beforeAll(async () => {
      total = await gatherReport(asker(cityStaff), {
        district: CITY,
        from,
        to,
        includeBelow: true,
      });
      each = [];
      for (const d of [CITY, ...below])
        each.push(await gatherReport(asker(cityStaff), { district: d, from, to }));
    });

    it('counts the city and every district below it, figure by figure, and each drill-down says so', async () => {
      expect(below.length).toBeGreaterThan(2);
      expect(total.includeBelow).toBe(true);
      expect(total.sections.map((s) => s.key)).toEqual([...SECTIONS, 'interCityExchange']);
      const totals = values(total);
      const parts = each.map(values);
      let grew = 0;
      for (const [key, figure] of totals) {
        const document = figure.provenance.document;
        expect(document, key).toMatch(/includeBelow: true|scope: WITH_DISTRICTS_BELOW/);
        if (figure.unit === '%') continue; // shares are recomputed from the sums, not added
        const sum = parts.reduce((n, p) => n + (p.get(key)?.value ?? 0), 0);
        expect(figure.value, key).toBe(sum);
        if (figure.value > (parts[0].get(key)?.value ?? 0)) grew++;
      }
      // The districts below add to most figures: the sum is not the city alone.
      expect(grew).toBeGreaterThan(10);
      // Lists by section (a district with the plugin off has no plugin section).
      const lists = (doc: ReportDocument) =>
        new Map(doc.sections.flatMap((s) => s.items.map((l) => [`${s.key}.${l.key}`, l] as const)));
      for (const [key, list] of lists(total)) {
        expect(list.provenance.document, key).toMatch(/includeBelow: true/);
        const sum = each.reduce((n, d) => n + (lists(d).get(key)?.totalCount ?? 0), 0);
        expect(list.totalCount, key).toBe(sum);
      }
      // Every drill-down answers its figure (the figures of one statistics query share a document).
      const answers = new Map<string, unknown>();
      for (const [key, figure] of totals) {
        const { document } = figure.provenance;
        if (!answers.has(document)) {
          const { body } = await stack.post({ query: document }, { token: cityStaff });
          expect(body.errors, document).toBeUndefined();
          answers.set(document, body.data);
        }
        expect(provenanceValue(answers.get(document), figure.provenance), key).toBe(figure.value);
      }
    });

    it("is refused to a district's staff for the city, and is their own report for their district", async () => {
      const { body } = await stack.post<{ workReport: { sections: string[] } }>(
        {
          query: `{ workReport(district: "${CITY}", from: "${from}", to: "${to}", includeBelow: true) { sections } }`,
        },
        { token: districtStaff },
      );
      expect(body.data?.workReport ?? null).toBeNull();
      expect(body.errors?.[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringMatching(/workReport/),
      });
      // A district with none below: its total is its own report.
      const own = await gatherReport(asker(districtStaff), {
        district: DISTRICT,
        from,
        to,
        includeBelow: true,
      });
      const alone = values(each[1 + below.indexOf(DISTRICT)]);
      // The core sections (the plugin's partner list follows the caller's own district settings).
      for (const [key, figure] of values(own))
        if (!key.startsWith('interCityExchange.'))
          expect(figure.value, key).toBe(alone.get(key)?.value);
    });

    it('refuses includeBelow on a list without a district, naming the argument', async () => {
      const { body } = await stack.post(
        { query: '{ partyBranches(includeBelow: true) { totalCount } }' },
        { token: cityStaff },
      );
      expect(body.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'includeBelow' },
      });
    });
  });

  it('is refused to those outside the committee, naming the report, and checks the period', async () => {
    const other = await stack.token({ roles: ['staff'], district: '341021' });
    const { body: listed } = await stack.post<{ members: { nodes: { id: string }[] } }>(
      { query: `{ members(filter: { district: "${DISTRICT}" }, first: 1) { nodes { id } } }` },
      { token: districtStaff },
    );
    const memberId = listed.data!.members.nodes[0].id;
    const member = await stack.token({ roles: ['member'], district: DISTRICT, memberId });
    for (const [who, token] of [
      ['another district', other],
      ['a member', member],
      ['anonymous', ''],
    ] as const) {
      const { body } = await report(token, DISTRICT);
      expect(body.data?.workReport ?? null, who).toBeNull();
      expect(body.errors?.[0].extensions?.code, who).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(body.errors?.[0].message, who).toMatch(/workReport/);
    }
    const { body } = await report(cityStaff, CITY, { from: '2026-12-31', to: '2026-01-01' });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
