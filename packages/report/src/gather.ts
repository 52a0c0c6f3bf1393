/** The work report as the graph answers it: what the renderers draw. */
export interface Provenance {
  query: string;
  arguments: string;
  path: string;
  document: string;
}
export interface Figure {
  key: string;
  label: string;
  value: number;
  unit: string | null;
  provenance: Provenance;
}
export interface Series {
  key: string;
  label: string;
  chart: 'BAR' | 'PIE' | 'LINE';
  points: Figure[];
}
export interface ItemList {
  key: string;
  label: string;
  totalCount: number;
  items: { id: string; title: string; date: string | null; detail: string | null }[];
  provenance: Provenance;
}
export interface Section {
  key: string;
  title: string;
  order: number;
  figures: Figure[];
  series: Series[];
  items: ItemList[];
}
export interface ReportDocument {
  district: { code: string; name: string };
  from: string;
  to: string;
  /** The figures count the district with every district below it (a city's totals). */
  includeBelow: boolean;
  sections: Section[];
}

/** Runs one operation against the graph and answers its data, throwing on any error. */
export type Ask = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** Asks the graph at `url` with a bearer token, as the report's CLI and the bench do. */
export function graphAsker(url: string, token: string): Ask {
  return async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  };
}

const PROVENANCE = 'query arguments path document';
const FIGURE = `key label value unit provenance { ${PROVENANCE} }`;
/** The selection of one section, as the renderers read it. */
export const SECTION_SELECTION = `key title order figures { ${FIGURE} } series { key label chart points { ${FIGURE} } } items { key label totalCount items { id title date detail } provenance { ${PROVENANCE} } }`;

/**
 * Gathers the report one section at a time (so progress can be shown while it does): first the
 * outline — which sections this district's report has, core and plugins — then each section.
 */
export async function gatherReport(
  ask: Ask,
  period: { district: string; from: string; to: string; includeBelow?: boolean },
  progress: (done: number, total: number, title: string) => void = () => {},
): Promise<ReportDocument> {
  const includeBelow = period.includeBelow ?? false;
  const vars = { d: period.district, from: period.from, to: period.to, below: includeBelow };
  const outline = await ask<{
    district: { code: string; name: string } | null;
    workReport: { sections: string[] };
  }>(
    `query($d: ID!, $from: Date!, $to: Date!, $below: Boolean!) {
      district(code: $d) { code name }
      workReport(district: $d, from: $from, to: $to, includeBelow: $below) { sections }
    }`,
    vars,
  );
  const names = outline.workReport.sections;
  const sections: Section[] = [];
  for (const [i, name] of names.entries()) {
    if (!/^\w+$/.test(name)) throw new Error(`unexpected section name ${name}`);
    const data = await ask<{ workReport: Record<string, Section> }>(
      `query($d: ID!, $from: Date!, $to: Date!, $below: Boolean!) {
        workReport(district: $d, from: $from, to: $to, includeBelow: $below) {
          ${name} { ${SECTION_SELECTION} }
        }
      }`,
      vars,
    );
    const section = data.workReport[name];
    sections.push(section);
    progress(i + 1, names.length, section.title);
  }
  return {
    district: outline.district ?? { code: period.district, name: period.district },
    from: period.from,
    to: period.to,
    includeBelow,
    sections: sections.sort((a, b) => a.order - b.order),
  };
}
