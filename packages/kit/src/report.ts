import { describedValues } from './enum-values.js';
import {
  astFromValue,
  execute,
  getNamedType,
  GraphQLError,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  Kind,
  OperationTypeNode,
  print,
  type ArgumentNode,
  type FieldNode,
  type SelectionSetNode,
} from 'graphql';
import type { Builder } from './builder.js';
import { canSeeDistrict, hasRole } from './caller.js';
import type { RequestContext } from './context.js';
import { appError, ErrorCode, inputError } from './errors.js';

/**
 * The work report (工作报告) is one federated entity,
 * `WorkReport @key(fields: "district from to includeBelow")`:
 * the platform answers the root `workReport`, and each module (core or plugin) adds the section it
 * knows as a field. Every figure is counted by a query a client can run itself (its provenance),
 * and is computed by running exactly that query in-process against the module's own schema, with
 * the caller's context: the figure and the drill-down cannot disagree, and a figure the caller may
 * not see is refused the way the list refuses it. See docs/architecture.md, "The work report".
 */
export interface ReportKey {
  district: string;
  from: string;
  to: string;
  /**
   * Count the district with every district below it (a city's totals). Every figure's query must
   * then count below too (`includeBelow`, or `scope: WITH_DISTRICTS_BELOW`): `computeSection`
   * refuses to answer a figure that would not, rather than mix a city-only count into city totals.
   */
  includeBelow: boolean;
}

/**
 * The arguments that make a query count `key.district` with the districts below when the report
 * does: `{ includeBelow: true }`, or nothing for a district's own report (its provenance stays
 * what it was).
 */
export function below(key: ReportKey): { includeBelow?: true } {
  return key.includeBelow ? { includeBelow: true } : {};
}

/** A root query of the module's schema, its arguments, and the path to a number in its answer. */
export interface ReportQuery {
  /** A root query field of the module's own schema, e.g. `consultationActivities`. */
  query: string;
  args: Record<string, unknown>;
  /**
   * Path to the number within the answer; default `['totalCount']`. A segment `name[key=value]`
   * picks the element of a list whose `key` equals `value` (0 when there is none); a segment
   * ending in `*` (`name[key=value]*`, `name*`) counts the list's (matching) elements.
   */
  path?: string[];
}

export interface FigureSpec extends ReportQuery {
  /** Stable key within the section (camelCase). */
  key: string;
  /** How the report names it, in Chinese (e.g. 重点协商活动). */
  label: string;
  /** The counting word (次, 件, 条, 人) or `%` for a share. */
  unit?: string;
}

export type ReportChart = 'BAR' | 'PIE' | 'LINE';

export interface SeriesSpec {
  key: string;
  label: string;
  chart: ReportChart;
  points: FigureSpec[];
}

/** Notable records (titles, dates): the first few of a list query's `nodes`. */
export interface ItemsSpec {
  key: string;
  label: string;
  query: string;
  args: Record<string, unknown>;
  /** Field names on the node: its title, its date, and an optional detail line. */
  fields: { title: string; date?: string; detail?: string };
  first?: number;
}

/** The seed report's sections, in its order, and the module that writes each. */
export const CORE_REPORT_SECTIONS = [
  { field: 'partyBuilding', title: '党的建设和理论学习', module: 'organization' },
  { field: 'consultation', title: '协商议政', module: 'consultation' },
  { field: 'proposals', title: '提案工作和民主监督', module: 'proposals' },
  { field: 'publicOpinion', title: '社情民意信息', module: 'proposals' },
  { field: 'memberDuties', title: '委员履职', module: 'members' },
  { field: 'consensus', title: '凝聚共识', module: 'organization' },
  { field: 'selfDevelopment', title: '自身建设', module: 'organization' },
] as const;
export type CoreReportSection = (typeof CORE_REPORT_SECTIONS)[number]['field'];

export interface SectionSpec {
  figures?: (key: ReportKey) => FigureSpec[];
  series?: (key: ReportKey) => SeriesSpec[];
  items?: (key: ReportKey) => ItemsSpec[];
}

export interface ReportProvenance {
  query: string;
  arguments: string;
  path: string[];
  document: string;
}
export interface ReportFigure {
  key: string;
  label: string;
  value: number;
  unit: string | null;
  provenance: ReportProvenance;
}
export interface ReportItem {
  id: string;
  title: string;
  date: string | null;
  detail: string | null;
}
export interface ReportItemList {
  key: string;
  label: string;
  totalCount: number;
  items: ReportItem[];
  provenance: ReportProvenance;
}
export interface ReportSeries {
  key: string;
  label: string;
  chart: ReportChart;
  points: ReportFigure[];
}
export interface ReportSection {
  key: string;
  title: string;
  order: number;
  figures: ReportFigure[];
  series: ReportSeries[];
  items: ReportItemList[];
}

/** The months (YYYY-MM) a period touches, for month-by-month series; at most the last 36. */
export function reportMonths(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months.slice(-36);
}

/** Who may read a district's work report: its committee's staff and leaders (and the city's, for a district below). */
export function requireReportReader(ctx: RequestContext, district: string): void {
  if (!hasRole(ctx.caller, 'staff', 'leader') || !canSeeDistrict(ctx.caller, district))
    throw appError(
      ErrorCode.FORBIDDEN,
      `workReport: the work report of ${district} is for its committee's staff and leaders`,
      { field: 'workReport' },
    );
}

export function checkReportPeriod(key: ReportKey): void {
  if (key.from > key.to)
    throw inputError('to', 'after-from', `must not be before from (${key.from})`);
}

const refs = new WeakMap<Builder, ReturnType<typeof defineReportTypes>>();

/** Said on every figure's and list's `provenance`: how a client drills down to the records. */
const PROVENANCE_DESCRIPTION =
  '出处 The records it counts: a query a client can run to list them (its `document` answers exactly this).';

/**
 * The report's shared value types, identical in every module that adds a section (hence
 * shareable), and the WorkReport entity: resolvable in a core module; an external reference in a
 * plugin, whose SDK marks only the plugin's own section field as the plugin's.
 */
function defineReportTypes(builder: Builder, external: boolean) {
  const chart = builder.enumType('ReportChart', {
    values: describedValues(['BAR', 'PIE', 'LINE'] as const, {
      BAR: '柱状图 A bar chart.',
      PIE: '饼图 A pie chart.',
      LINE: '折线图 A line chart.',
    }),
    description: 'How a series is best drawn: BAR 柱状图, PIE 饼图, LINE 折线图.',
  });
  const provenance = builder.objectRef<ReportProvenance>('ReportProvenance').implement({
    shareable: true,
    description:
      'Which records a figure counts: a query of the graph a client can run to drill down (its `document` answers exactly the figure).',
    fields: (t) => ({
      query: t.exposeString('query', { description: 'The root query field.' }),
      arguments: t.exposeString('arguments', { description: 'Its arguments, as JSON.' }),
      path: t.string({
        description:
          'Where the number sits in its answer, as dot-separated fields; `name[key=value]` picks the element of a list whose key is value, a trailing `*` counts the (matching) elements.',
        resolve: (p) => p.path.join('.'),
      }),
      document: t.exposeString('document', { description: 'The GraphQL query to run.' }),
    }),
  });
  const figure = builder.objectRef<ReportFigure>('ReportFigure').implement({
    shareable: true,
    description: 'One figure of the report (数字), with the records it counts.',
    fields: (t) => ({
      key: t.exposeString('key', {
        description:
          '标识 A stable key naming the figure within its section (for code, not for people).',
      }),
      label: t.exposeString('label', { description: 'How the report names it (Chinese).' }),
      value: t.exposeFloat('value', {
        description: '数值 The figure: a count, or a share between 0 and 1 when `unit` is `%`.',
      }),
      unit: t.exposeString('unit', {
        nullable: true,
        description: 'The counting word (次, 件, 条, 人); `%` marks a share between 0 and 1.',
      }),
      provenance: t.field({
        type: provenance,
        description: PROVENANCE_DESCRIPTION,
        resolve: (f) => f.provenance,
      }),
    }),
  });
  const series = builder.objectRef<ReportSeries>('ReportSeries').implement({
    shareable: true,
    description: 'Figures meant to be drawn together (a chart): each point is a figure.',
    fields: (t) => ({
      key: t.exposeString('key', {
        description: '标识 A stable key naming the series within its section.',
      }),
      label: t.exposeString('label', {
        description: '名称 How the report names the series (Chinese).',
      }),
      chart: t.field({
        description: 'How a series is best drawn.',
        type: chart,
        resolve: (s) => s.chart,
      }),
      points: t.field({
        type: [figure],
        description: '数据点 The figures drawn, in order (e.g. month by month).',
        resolve: (s) => s.points,
      }),
    }),
  });
  const item = builder.objectRef<ReportItem>('ReportItem').implement({
    shareable: true,
    description: 'A notable record the section names (a title and a date).',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The ReportItem's id." }),
      title: t.exposeString('title', { description: "标题 The record's title or name." }),
      date: t.exposeString('date', {
        nullable: true,
        description:
          '日期 The day that places the record in the period (YYYY-MM-DD), if it has one.',
      }),
      detail: t.exposeString('detail', {
        nullable: true,
        description: '说明 A short note on the record (e.g. its topic).',
      }),
    }),
  });
  const itemList = builder.objectRef<ReportItemList>('ReportItemList').implement({
    shareable: true,
    description: 'The first records of a list the section names, with how many there are.',
    fields: (t) => ({
      key: t.exposeString('key', {
        description: '标识 A stable key naming the list within its section.',
      }),
      label: t.exposeString('label', {
        description: '名称 How the report names the list (Chinese).',
      }),
      totalCount: t.exposeInt('totalCount', {
        description: '总数 How many records the whole list has; `items` shows the first of them.',
      }),
      items: t.field({
        type: [item],
        description: '条目 The first records of the list.',
        resolve: (l) => l.items,
      }),
      provenance: t.field({
        type: provenance,
        description: PROVENANCE_DESCRIPTION,
        resolve: (l) => l.provenance,
      }),
    }),
  });
  const section = builder.objectRef<ReportSection>('ReportSection').implement({
    shareable: true,
    description:
      'One section of the work report, contributed by the module that keeps its records.',
    fields: (t) => ({
      key: t.exposeString('key', { description: 'The WorkReport field that answers it.' }),
      title: t.exposeString('title', { description: "标题 The section's heading (Chinese)." }),
      order: t.exposeInt('order', { description: 'Its place in the document.' }),
      figures: t.field({
        type: [figure],
        description: "数字 The section's figures.",
        resolve: (s) => s.figures,
      }),
      series: t.field({
        type: [series],
        description: '图表 The figures meant to be drawn together as charts.',
        resolve: (s) => s.series,
      }),
      items: t.field({
        type: [itemList],
        description: '清单 The lists of notable records the section names.',
        resolve: (s) => s.items,
      }),
    }),
  });
  return { report: external ? externalReport(builder) : ownReport(builder), section };
}

function ownReport(builder: Builder) {
  const report = builder.objectRef<ReportKey>('WorkReport');
  builder.asEntity(report, {
    key: builder.selection<ReportKey>('district from to includeBelow'),
    resolveReference: (key) => key,
  });
  return report.implement({
    description:
      '工作报告: the work report of a committee for a period, drafted from the records. Each module adds its section.',
    fields: (t) => ({
      district: t.exposeID('district', {
        description: 'The code of the district whose committee it belongs to.',
      }),
      from: t.expose('from', {
        type: 'Date',
        description: '起始日 The first day of the period the report covers (inclusive).',
      }),
      to: t.expose('to', {
        type: 'Date',
        description: '截止日 The last day of the period the report covers (inclusive).',
      }),
      includeBelow: t.exposeBoolean('includeBelow', {
        description: 'Whether every figure counts the district with every district below it.',
      }),
    }),
  });
}

function externalReport(builder: Builder) {
  return builder
    .externalRef('WorkReport', builder.selection<ReportKey>('district from to includeBelow'))
    .implement({
      externalFields: (t) => ({
        district: t.id(),
        from: t.field({ type: 'Date' }),
        to: t.field({ type: 'Date' }),
        includeBelow: t.boolean(),
      }),
    });
}

/** The report's types on this builder (`external` for a plugin's). */
export function workReportTypes(builder: Builder, external = false) {
  let r = refs.get(builder);
  if (!r) {
    r = defineReportTypes(builder, external);
    refs.set(builder, r);
  }
  return r;
}

/** Types every module defines the same way; a plugin's SDK must not mark them as the plugin's. */
export const REPORT_SHARED_TYPES = [
  'ReportChart',
  'ReportProvenance',
  'ReportFigure',
  'ReportSeries',
  'ReportItem',
  'ReportItemList',
  'ReportSection',
] as const;

/** Adds one of the core sections to the work report: `WorkReport.<field>`, computed as `spec` says. */
export function reportSection(builder: Builder, field: CoreReportSection, spec: SectionSpec): void {
  const order = CORE_REPORT_SECTIONS.findIndex((s) => s.field === field);
  const { title } = CORE_REPORT_SECTIONS[order];
  addSection(builder, false, field, { title, order: order + 1 }, spec);
}

/** Plugin sections come after the core ones, in the order plugins are installed. */
export const PLUGIN_SECTION_ORDER = 100;

/** A plugin's section (`WorkReport.<camelCase plugin id>`); the SDK's `reportSection` calls it. */
export function pluginReportSection(
  builder: Builder,
  field: string,
  spec: SectionSpec & { title: string },
): void {
  addSection(builder, true, field, { title: spec.title, order: PLUGIN_SECTION_ORDER }, spec);
}

function addSection(
  builder: Builder,
  external: boolean,
  field: string,
  meta: { title: string; order: number },
  spec: SectionSpec,
): void {
  const { report, section } = workReportTypes(builder, external);
  builder.objectField(report, field, (t) =>
    t.field({
      type: section,
      // A plugin's field on a type it does not own: its outage must not null the whole report.
      nullable: external,
      description: `${meta.title}: a section of the work report.`,
      resolve: (key, _args, ctx, info) => computeSection(field, meta, spec, key, ctx, info),
    }),
  );
}

/** The field a plugin's section answers on: its id in camelCase (`inter-city-exchange` → `interCityExchange`). */
export function pluginSectionField(pluginId: string): string {
  return pluginId.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

async function computeSection(
  field: string,
  { title, order }: { title: string; order: number },
  spec: SectionSpec,
  key: ReportKey,
  ctx: RequestContext,
  info: GraphQLResolveInfo,
): Promise<ReportSection> {
  requireReportReader(ctx, key.district);
  checkReportPeriod(key);
  const schema = info.schema;
  const figures = spec.figures?.(key) ?? [];
  const series = spec.series?.(key) ?? [];
  const items = spec.items?.(key) ?? [];
  if (key.includeBelow)
    for (const q of [...figures, ...series.flatMap((s) => s.points), ...items])
      if (!countsBelow(q.args))
        throw new Error(
          `work report: ${field}.${q.key} (${q.query}) does not count the districts below`,
        );
  const selections: FieldNode[] = [];
  const named = <T>(prefix: string, list: T[]) => list.map((x, i) => [`${prefix}${i}`, x] as const);
  const figureAliases = named('f', figures);
  const pointAliases = series.map((s, i) => named(`s${i}_`, s.points));
  const itemAliases = named('i', items);
  for (const [alias, f] of [...figureAliases, ...pointAliases.flat()])
    selections.push(queryField(schema, f, alias, selectionOf(f.path ?? ['totalCount'])));
  for (const [alias, l] of itemAliases) selections.push(itemsField(schema, l, alias));
  const answer =
    selections.length === 0
      ? { data: {} }
      : await execute({
          schema,
          document: {
            kind: Kind.DOCUMENT,
            definitions: [
              {
                kind: Kind.OPERATION_DEFINITION,
                operation: OperationTypeNode.QUERY,
                selectionSet: { kind: Kind.SELECTION_SET, selections },
              },
            ],
          },
          contextValue: ctx,
        });
  const error = answer.errors?.[0];
  if (error) {
    // Name the figure the caller may not see (or that failed), keeping the list's own code.
    const alias = String(error.path?.[0] ?? '');
    const which =
      figureAliases.find(([a]) => a === alias)?.[1].key ??
      pointAliases.flat().find(([a]) => a === alias)?.[1].key ??
      itemAliases.find(([a]) => a === alias)?.[1].key ??
      'figures';
    throw new GraphQLError(`workReport.${field}.${which}: ${error.message}`, {
      extensions: { ...error.extensions, field: `workReport.${field}.${which}` },
    });
  }
  const data = (answer.data ?? {}) as Record<string, unknown>;
  const figureOf = (alias: string, f: FigureSpec): ReportFigure => ({
    key: f.key,
    label: f.label,
    unit: f.unit ?? null,
    value: numberAt(data[alias], f.path ?? ['totalCount']),
    provenance: provenanceOf(schema, f, f.path ?? ['totalCount']),
  });
  return {
    key: field,
    title,
    order,
    figures: figureAliases.map(([a, f]) => figureOf(a, f)),
    series: series.map((s, i) => ({
      key: s.key,
      label: s.label,
      chart: s.chart,
      points: pointAliases[i].map(([a, f]) => figureOf(a, f)),
    })),
    items: itemAliases.map(([a, l]) => {
      const page = data[a] as { totalCount: number; nodes: Record<string, unknown>[] };
      return {
        key: l.key,
        label: l.label,
        totalCount: page.totalCount,
        items: page.nodes.map((n) => ({
          id: String(n.id),
          title: String(n[l.fields.title] ?? ''),
          date: l.fields.date ? ((n[l.fields.date] as string | null) ?? null) : null,
          detail: l.fields.detail ? ((n[l.fields.detail] as string | null) ?? null) : null,
        })),
        provenance: provenanceOf(schema, l, ['totalCount']),
      };
    }),
  };
}

/** Do a query's arguments (or its `filter`'s) ask for the districts below too? */
function countsBelow(args: Record<string, unknown>): boolean {
  const filter = args.filter as Record<string, unknown> | undefined;
  return (
    args.includeBelow === true ||
    filter?.includeBelow === true ||
    args.scope === 'WITH_DISTRICTS_BELOW'
  );
}

function rootField(schema: GraphQLSchema, name: string): GraphQLField<unknown, unknown> {
  const field = schema.getQueryType()?.getFields()[name];
  if (!field) throw new Error(`work report: the schema has no query ${name}`);
  return field;
}

function argumentsOf(schema: GraphQLSchema, q: ReportQuery): ArgumentNode[] {
  const field = rootField(schema, q.query);
  return Object.entries(q.args)
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => {
      const arg = field.args.find((a) => a.name === name);
      if (!arg) throw new Error(`work report: ${q.query} has no argument ${name}`);
      const ast = astFromValue(value, arg.type);
      if (!ast)
        throw new Error(`work report: ${q.query}(${name}) cannot take ${JSON.stringify(value)}`);
      return { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value: ast };
    });
}

const SEGMENT = /^(\w*)(?:\[(\w+)=([^\]]+)\])?(\*)?$/;

function selectionOf(path: string[]): SelectionSetNode {
  const [head, ...rest] = path;
  const m = SEGMENT.exec(head);
  if (!m) throw new Error(`work report: bad path segment ${head}`);
  const [, name, key] = m;
  const inner: FieldNode[] = key ? [leaf(key)] : [];
  const below = rest.length > 0 ? (selectionOf(rest).selections as FieldNode[]) : [];
  const selections = [...inner, ...below];
  // A segment without a name (`[grade=优秀]*`) reads the list the path has reached.
  if (!name) return { kind: Kind.SELECTION_SET, selections };
  return {
    kind: Kind.SELECTION_SET,
    selections: [
      {
        kind: Kind.FIELD,
        name: { kind: Kind.NAME, value: name },
        selectionSet: selections.length > 0 ? { kind: Kind.SELECTION_SET, selections } : undefined,
      },
    ],
  };
}

function leaf(name: string): FieldNode {
  return { kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } };
}

function queryField(
  schema: GraphQLSchema,
  q: ReportQuery,
  alias: string | undefined,
  selectionSet: SelectionSetNode,
): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: alias ? { kind: Kind.NAME, value: alias } : undefined,
    name: { kind: Kind.NAME, value: q.query },
    arguments: argumentsOf(schema, q),
    selectionSet,
  };
}

function itemsField(schema: GraphQLSchema, l: ItemsSpec, alias: string): FieldNode {
  const nodeFields = ['id', l.fields.title, l.fields.date, l.fields.detail].filter(
    (f): f is string => !!f,
  );
  const connection = getNamedType(rootField(schema, l.query).type);
  if (!('getFields' in connection) || !connection.getFields().nodes)
    throw new Error(`work report: ${l.query} is not a connection`);
  return queryField(schema, { query: l.query, args: { ...l.args, first: l.first ?? 5 } }, alias, {
    kind: Kind.SELECTION_SET,
    selections: [
      leaf('totalCount'),
      {
        kind: Kind.FIELD,
        name: { kind: Kind.NAME, value: 'nodes' },
        selectionSet: { kind: Kind.SELECTION_SET, selections: nodeFields.map(leaf) },
      },
    ],
  });
}

function numberAt(value: unknown, path: string[]): number {
  let at: unknown = value;
  for (const segment of path) {
    const [, name, key, wanted, count] = SEGMENT.exec(segment) ?? [];
    if (name) at = (at as Record<string, unknown> | null)?.[name];
    if (count) {
      const list = (at as Record<string, unknown>[] | null) ?? [];
      return key ? list.filter((e) => String(e[key]) === wanted).length : list.length;
    }
    if (key) {
      const hit = (at as Record<string, unknown>[] | null)?.find((e) => String(e[key]) === wanted);
      if (!hit) return 0;
      at = hit;
    }
  }
  return typeof at === 'number' ? at : 0;
}

function provenanceOf(schema: GraphQLSchema, q: ReportQuery, path: string[]): ReportProvenance {
  const document = print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [queryField(schema, q, undefined, selectionOf(path))],
        },
      },
    ],
  });
  return { query: q.query, arguments: JSON.stringify(q.args), path, document };
}

/** For tests and the renderer: the number a provenance document's answer holds (`path` as the graph gives it). */
export function provenanceValue(
  data: unknown,
  provenance: { query: string; path: string },
): number {
  return numberAt((data as Record<string, unknown>)[provenance.query], provenance.path.split('.'));
}
