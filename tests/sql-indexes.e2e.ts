import fs from 'node:fs';
import { CITY } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
} from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, supergraphPath, type Stack } from './harness.js';

/**
 * Every filter a client can put on a root list is served by an index on PostgreSQL. Each filter
 * field is sent alone; the page statement it produced is EXPLAINed without its order and limit,
 * with sequential scans priced out (`enable_seqscan = off`): a plan that still reads the list's
 * table sequentially has no index for the filter, at any size of data.
 */
const postgres = databases().find((d) => d.name === 'postgres');
if (!postgres && process.env.CI)
  throw new Error('CI runs this test on PostgreSQL: set DATABASE_URL');

const schema = buildSchema(
  fs.readFileSync(supergraphPath.replace(/supergraph\.graphql$/, 'api.graphql'), 'utf8'),
);

/** A value of the filter field's type that the demo data can match. */
function valueFor(field: GraphQLInputField | GraphQLArgument): string | undefined {
  const type = getNamedType(field.type);
  if (isEnumType(type)) return type.getValues()[0].name;
  if (field.name === 'district') return `"${CITY}"`;
  switch (type.name) {
    case 'ID':
      return '"1"';
    case 'String':
      return '"委员"';
    case 'Boolean':
      return 'true';
    case 'Int':
      return String(new Date().getFullYear());
    case 'Date':
      return `"${new Date().getFullYear()}-01-01"`;
    default:
      return undefined;
  }
}

interface FilterCase {
  list: string;
  field: string;
  query: string;
}

/** Arguments that page or scope a list rather than filter it. */
const NOT_FILTERS = new Set([
  'first',
  'after',
  'last',
  'before',
  'district',
  'includeBelow',
  'filter',
]);

function cases(): FilterCase[] {
  const out: FilterCase[] = [];
  for (const f of Object.values(schema.getQueryType()!.getFields())) {
    const named = getNamedType(f.type);
    if (!isObjectType(named) || !named.name.endsWith('Connection')) continue;
    if (f.args.some((a) => !NOT_FILTERS.has(a.name) && isNonNullType(a.type))) continue;
    const district = f.args.some((a) => a.name === 'district') ? `district: "${CITY}", ` : '';
    const ask = (field: string, args: string) =>
      out.push({
        list: f.name,
        field,
        query: `{ ${f.name}(${district}first: 5, ${args}) { nodes { __typename } } }`,
      });
    // A filter is a field of the list's `filter` input, or an argument of the list itself.
    const filter = f.args.find((a) => a.name === 'filter');
    const filterType = filter && getNamedType(filter.type);
    if (filterType && isInputObjectType(filterType))
      for (const field of Object.values(filterType.getFields())) {
        const value = field.name === 'includeBelow' ? undefined : valueFor(field);
        if (value !== undefined) ask(field.name, `filter: { ${field.name}: ${value} }`);
      }
    for (const arg of f.args) {
      if (NOT_FILTERS.has(arg.name)) continue;
      const value = valueFor(arg);
      if (value !== undefined) ask(arg.name, `${arg.name}: ${value}`);
    }
  }
  return out;
}

/** Scan nodes of a plan, with the table each reads. */
function scans(plan: Record<string, unknown>, out: { type: string; table?: string }[] = []) {
  const type = plan['Node Type'] as string;
  if (/Scan/.test(type)) out.push({ type, table: plan['Relation Name'] as string | undefined });
  for (const child of (plan.Plans as Record<string, unknown>[] | undefined) ?? [])
    scans(child, out);
  return out;
}

describe.runIf(postgres)('every list filter has an index on PostgreSQL', () => {
  let stack: Stack;
  let token: string;
  // Each module has its own database: a client per module, on the URL its ORM connected to.
  const clients = new Map<string, pg.Client>();
  async function clientOf(module: string): Promise<pg.Client> {
    const known = clients.get(module);
    if (known) return known;
    const url = stack.modules.get(module)!.orm.config.get('clientUrl');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.set(module, client);
    return client;
  }
  beforeAll(async () => {
    stack = await startStack({
      databaseUrl: postgres!.url,
      queryParams: true,
      gatewaySettings: { limits: { ...settings.limits, maxCost: 100_000_000 } },
    });
    token = await stack.token({ roles: ['staff'], district: CITY });
  }, 180_000);
  afterAll(async () => {
    for (const client of clients.values()) await client.end();
    await stack?.stop();
  });

  it('plans no sequential scan of a list’s table for any filter a client can send', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(40);
    const unindexed: string[] = [];
    let explained = 0;
    for (const c of all) {
      stack.resetQueryCounts();
      const r = await stack.post({ query: c.query }, { token });
      expect(r.body.errors, `${c.list}.${c.field}`).toBeUndefined();
      // The page statement: the one with the limit (its order and limit dropped, the filter kept).
      const page = stack.statements.find((s) => / limit \d+/.test(s.sql));
      if (!page) continue;
      const sql = page.sql
        .replace(/^\[query\] /, '')
        .replace(/ \[took .*$/, '')
        .replace(/ order by .*$/, '');
      const table = /from "[^"]+"\."([^"]+)"/.exec(sql)?.[1];
      const client = await clientOf(page.module);
      await client.query('begin');
      try {
        await client.query('set local enable_seqscan = off');
        const plan = (await client.query(`explain (format json) ${sql}`)).rows[0]['QUERY PLAN'][0]
          .Plan as Record<string, unknown>;
        explained++;
        const seq = scans(plan).filter((s) => s.type === 'Seq Scan' && s.table === table);
        if (seq.length)
          unindexed.push(`${c.list}(filter: { ${c.field} }) reads ${table} sequentially: ${sql}`);
      } finally {
        await client.query('rollback');
      }
    }
    expect(unindexed).toEqual([]);
    expect(explained).toBeGreaterThan(all.length * 0.8);
  }, 600_000);
});
