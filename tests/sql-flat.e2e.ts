import fs from 'node:fs';
import { CITY } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, supergraphPath, type Stack } from './harness.js';

/**
 * Every list a client can page, walked from the API schema rather than listed by hand: each root
 * connection is asked for a few rows and for many, with every field of its rows a caller can
 * select without arguments (one level of objects, and the first rows of each nested list), and
 * each module must run the same number of SQL statements for both. A resolver that loads per row
 * (an N+1) shows as more statements for more rows.
 */
const schema = buildSchema(
  fs.readFileSync(supergraphPath.replace(/supergraph\.graphql$/, 'api.graphql'), 'utf8'),
);

const SMALL = 2;
const LARGE = 12;

type Selection = Map<string, Selection | null>;

const leaf = (type: GraphQLOutputType) => {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
};
const takesNoRequiredArgs = (field: GraphQLField<unknown, unknown>, except: string[] = []) =>
  field.args.every(
    (a) => except.includes(a.name) || !isNonNullType(a.type) || a.defaultValue !== undefined,
  );
const isList = (type: GraphQLOutputType) => isListType(isNonNullType(type) ? type.ofType : type);
const connectionOf = (type: GraphQLOutputType) => {
  const named = getNamedType(type);
  return isObjectType(named) && named.name.endsWith('Connection') && named.getFields().nodes
    ? (getNamedType(named.getFields().nodes.type) as GraphQLObjectType)
    : undefined;
};

function scalars(type: GraphQLObjectType): Selection {
  const out: Selection = new Map();
  for (const f of Object.values(type.getFields()))
    if (leaf(f.type) && takesNoRequiredArgs(f)) out.set(f.name, null);
  return out;
}

/** A row's fields: its scalars, one level of the objects it points at, the first rows of its lists. */
function rowSelection(type: GraphQLObjectType): Selection {
  const out: Selection = new Map();
  for (const f of Object.values(type.getFields())) {
    const named = getNamedType(f.type);
    if (leaf(f.type)) {
      if (takesNoRequiredArgs(f)) out.set(f.name, null);
      continue;
    }
    const rows = connectionOf(f.type);
    if (rows && takesNoRequiredArgs(f)) {
      const paged = f.args.some((a) => a.name === 'first');
      out.set(`${f.name}${paged ? '(first: 3)' : ''}`, new Map([['nodes', scalars(rows)]]));
    } else if (isObjectType(named) && takesNoRequiredArgs(f)) {
      const inner = isList(f.type) ? scalars(named) : scalars(named);
      if (inner.size) out.set(f.name, inner);
    } else if (isInterfaceType(named) && takesNoRequiredArgs(f)) {
      out.set(f.name, new Map([['__typename', null]]));
    }
  }
  return out;
}

function print(selection: Selection): string {
  return [...selection]
    .map(([name, inner]) => (inner ? `${name} { ${print(inner)} }` : name))
    .join(' ');
}

/** Removes the field an error's path names (list indexes skipped), so the rest can be asked. */
function prune(selection: Selection, path: readonly (string | number)[]): boolean {
  const names = path.filter((p): p is string => typeof p === 'string');
  let at: Selection | null = selection;
  for (let i = 0; i < names.length && at; i++) {
    const key: string | undefined = [...at.keys()].find(
      (k) => k === names[i] || k.startsWith(`${names[i]}(`),
    );
    if (key === undefined) return false;
    if (i === names.length - 1) {
      at.delete(key);
      return true;
    }
    at = at.get(key) ?? null;
  }
  return false;
}

/** Statements by module and shape: the same SQL whatever the number of ids in its `in (…)`. */
function shapes(statements: { module: string; sql: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { module, sql } of statements) {
    const key = `${module}: ${sql
      .replace(/^\[query\] /, '')
      .replace(/'(?:[^']|'')*'/g, '?')
      .replace(/\b\d+\b/g, '?')
      .replace(/ \[took .*$/, '')
      .replace(/\((\?, )*\?\)/g, '(…)')}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

interface RootList {
  name: string;
  args: string;
  rows: Selection;
}

function rootLists(): RootList[] {
  const out: RootList[] = [];
  for (const f of Object.values(schema.getQueryType()!.getFields())) {
    const rows = connectionOf(f.type);
    if (!rows || !f.args.some((a) => a.name === 'first')) continue;
    // A district argument gets the city (with the districts below where offered); other
    // required arguments name one record, which is not a list a client pages through.
    if (!takesNoRequiredArgs(f, ['district'])) continue;
    const args = ['first: $n'];
    if (f.args.some((a) => a.name === 'district')) args.push(`district: "${CITY}"`);
    if (f.args.some((a) => a.name === 'includeBelow')) args.push('includeBelow: true');
    out.push({ name: f.name, args: args.join(', '), rows: rowSelection(rows) });
  }
  return out;
}

describe.each(databases())('SQL statements per request, flat in list size, on $name', ({ url }) => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    // Three times the demo data, so most lists hold more rows than the large page.
    stack = await startStack({
      databaseUrl: url,
      seed: { scale: 1 },
      gatewaySettings: { limits: { ...settings.limits, maxCost: 100_000_000, maxDepth: 20 } },
    });
    token = await stack.token({ roles: ['staff'], district: CITY });
  }, 180_000);
  afterAll(() => stack?.stop());

  async function run(list: RootList, n: number) {
    stack.resetQueryCounts();
    const query = `query($n: Int) { ${list.name}(${list.args}) { nodes { ${print(list.rows)} } } }`;
    const r = await stack.post<Record<string, { nodes: unknown[] }>>(
      { query, variables: { n } },
      { token },
    );
    return { body: r.body, counts: new Map(stack.queryCounts), statements: [...stack.statements] };
  }

  it('runs no statement once per row, on any root list a client can page', async () => {
    const walked: string[] = [];
    const short: string[] = [];
    const grew: string[] = [];
    const lists = rootLists();
    expect(lists.length).toBeGreaterThan(25);
    for (const list of lists) {
      // Fields this caller may not read, or that need a district's plugin, are left out.
      let large = await run(list, LARGE);
      for (let tries = 0; large.body.errors && tries < 15; tries++) {
        const pruned = large.body.errors.some((e) =>
          e.path ? prune(list.rows, e.path.slice(2)) : false,
        );
        if (!pruned) break;
        large = await run(list, LARGE);
      }
      if (large.body.errors || !large.body.data?.[list.name]) {
        // A whole list refused to city staff (e.g. a member's own) says why; it is not walked.
        short.push(`${list.name}: ${large.body.errors?.[0]?.extensions?.code}`);
        continue;
      }
      const rows = large.body.data[list.name].nodes.length;
      // Fewer rows than three small pages cannot tell a statement per row from one per kind.
      if (rows < 3 * SMALL) {
        short.push(`${list.name}: ${rows} rows`);
        continue;
      }
      const small = await run(list, SMALL);
      expect(small.body.errors, list.name).toBeUndefined();
      walked.push(`${list.name} (${rows})`);
      // A page that reaches more kinds of record runs a batch more for each (one per kind, level
      // and filter); a statement repeated for row after row is what must not happen.
      for (const [key, count] of shapes(large.statements)) {
        const before = shapes(small.statements).get(key) ?? 0;
        // More than one more statement for every other row of the larger page.
        if (count > Math.max(before, 1) && count - before >= (rows - SMALL) / 2) {
          grew.push(`${list.name}: ${count}× for ${rows} rows, ${before}× for ${SMALL}: ${key}`);
          if (process.env.SQL_FLAT_DEBUG) console.log(list.name, print(list.rows));
        }
      }
    }
    console.log(
      `walked ${walked.length} lists: ${walked.join(', ')}\nnot walked: ${short.join('; ')}`,
    );
    expect(grew).toEqual([]);
    // Most lists must be walked, or the walk proves little.
    expect(walked.length).toBeGreaterThan(lists.length * 0.5);
  }, 600_000);
});
