import { ENGINES } from '@cppcc/gateway';
import {
  buildClientSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
  getIntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '@cppcc/demo';
import { settings, startStack, type Stack } from '../harness.js';
import { fragmentBomb, productionLimits } from './shared.js';

/** Documents and variables sent per engine: bounded by count, never by time. */
export const FUZZ_COUNT = 2000;
export const FUZZ_SEED = 1313;

/** The demo data's seeded generator: the same seed, the same 2,000 requests, run after run. */
function rng(seed: number) {
  const r = seeded(seed);
  return { ...r, int: (n: number) => r.int(0, n - 1) };
}
type Rng = ReturnType<typeof rng>;

const WEIRD_STRINGS = [
  '',
  'a\u0000b',
  '\u0000',
  'x'.repeat(25_000),
  "'; DROP TABLE proposal; --",
  '%00',
  '\ud800',
  '王'.repeat(300),
  '{"$gt":""}',
  '../../etc/passwd',
  '341002',
  '-1',
  '1e309',
];

function randomValue(r: Rng, type: GraphQLInputType, depth = 0): unknown {
  if (r.chance(0.08))
    return r.pick([
      null,
      'wrong',
      42,
      -1,
      1.5,
      true,
      [],
      {},
      WEIRD_STRINGS[r.int(WEIRD_STRINGS.length)],
    ]);
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable))
    return depth > 3
      ? []
      : Array.from({ length: r.int(3) }, () => randomValue(r, nullable.ofType, depth + 1));
  const named = getNamedType(nullable);
  if (isEnumType(named)) return r.chance(0.9) ? r.pick(named.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(named)) {
    if (depth > 3) return {};
    const fields = Object.values(named.getFields());
    return Object.fromEntries(
      fields
        .filter((f) => isNonNullType(f.type) || r.chance(0.4))
        .map((f) => [f.name, randomValue(r, f.type, depth + 1)]),
    );
  }
  switch (named.name) {
    case 'Int':
      return r.pick([0, 1, 5, 20, 100, 1000, 5000, -3, 2 ** 31]);
    case 'Float':
      return r.next() * 100;
    case 'Boolean':
      return r.chance(0.5);
    case 'ID':
      return r.pick([
        '1',
        '2',
        '12',
        '341002',
        '341021',
        '999999',
        'abc',
        '0',
        WEIRD_STRINGS[r.int(WEIRD_STRINGS.length)],
      ]);
    case 'DateTime':
      return r.pick(['2026-05-01T00:00:00Z', 'yesterday', '2026-13-40']);
    default:
      return r.chance(0.7)
        ? r.pick(['茶', 'a', '2026', '屯溪', 'test'])
        : WEIRD_STRINGS[r.int(WEIRD_STRINGS.length)];
  }
}

/** A random selection on `type`, args as variables (sometimes wrong types), at most `depth` deep. */
function randomSelection(
  r: Rng,
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  depth: number,
  vars: { defs: string[]; values: Record<string, unknown> },
): string {
  const fields = Object.values(type.getFields());
  const chosen = Array.from({ length: 1 + r.int(3) }, () => r.pick(fields));
  const parts: string[] = [];
  for (const field of new Set(chosen)) {
    const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || r.chance(0.3));
    const argText = args
      .map((a) => {
        const name = `v${vars.defs.length}`;
        vars.defs.push(`$${name}: ${a.type.toString()}`);
        vars.values[name] = randomValue(r, a.type);
        return `${a.name}: $${name}`;
      })
      .join(', ');
    const named = getNamedType(field.type);
    const head = `${field.name}${argText ? `(${argText})` : ''}`;
    if (isLeafType(named)) parts.push(head);
    else if (isObjectType(named) && depth > 0)
      parts.push(`${head} { ${randomSelection(r, schema, named, depth - 1, vars)} }`);
    else parts.push(`${head} { __typename }`);
  }
  return parts.join(' ');
}

export interface FuzzRequest {
  kind: string;
  body: string;
  headers?: Record<string, string>;
}

/** The mix: malformed bodies, bad operation names, oversized / deep / aliased documents, NUL strings, wrong types, random schema walks. */
export function* fuzzRequests(
  schema: GraphQLSchema,
  seed: number,
  count: number,
): Generator<FuzzRequest> {
  const r = rng(seed);
  const query = schema.getQueryType()!;
  const mutation = schema.getMutationType();
  const walk = (root: GraphQLObjectType, op: string) => {
    const vars = { defs: [] as string[], values: {} as Record<string, unknown> };
    const selection = randomSelection(r, schema, root, 1 + r.int(4), vars);
    return {
      query: `${op} Fuzz${vars.defs.length ? `(${vars.defs.join(', ')})` : ''} { ${selection} }`,
      variables: vars.values,
    };
  };
  for (let i = 0; i < count; i++) {
    const roll = r.int(12);
    if (roll === 0) {
      const valid = JSON.stringify(walk(query, 'query'));
      yield {
        kind: 'malformed-json',
        body: r.pick([
          valid.slice(0, r.int(valid.length)),
          '',
          'null',
          '[]',
          '42',
          '"q"',
          '{"query": 5}',
          '{"query": "{ __typename }", "variables": "x"}',
          '{"query": "{ __typename }", "extensions": []}',
          '\u0000',
          '{"query":"{ __typename }"}'.repeat(2),
        ]),
      };
    } else if (roll === 1) {
      const doc = walk(query, 'query');
      yield {
        kind: 'operation-name',
        body: JSON.stringify({
          ...doc,
          operationName: r.pick(['', 'Nope', 'fuzz', 42, null, ['Fuzz']]),
        }),
      };
    } else if (roll === 2) {
      const n = r.pick([25, 40, 200, 3000]);
      yield {
        kind: 'aliases',
        body: JSON.stringify({
          query: `{ ${Array.from({ length: n }, (_, j) => `a${j}: proposals(first: ${r.pick([10, 1000])}) { totalCount }`).join(' ')} }`,
        }),
      };
    } else if (roll === 3) {
      const levels = r.pick([10, 16, 40, 200]);
      yield {
        kind: 'deep',
        body: JSON.stringify({
          query: `{ districts { ${'parent { '.repeat(levels)}code${' }'.repeat(levels)} } }`,
        }),
      };
    } else if (roll === 4) {
      yield {
        kind: 'fragment-bomb',
        body: JSON.stringify({ query: fragmentBomb(r.pick([3, 6, 10, 12]), r.pick([2, 10, 20])) }),
      };
    } else if (roll === 5) {
      const s = r.pick(WEIRD_STRINGS);
      yield {
        kind: 'strings',
        body: JSON.stringify({
          query:
            'query($n: String, $id: ID!) { members(filter: { nameContains: $n }) { totalCount } proposal(id: $id) { title } }',
          variables: { n: s, id: r.pick(WEIRD_STRINGS) },
        }),
      };
    } else if (roll === 6) {
      yield {
        kind: 'wrong-types',
        body: JSON.stringify({
          query:
            'query($f: Int, $d: ID) { proposals(first: $f, filter: { district: $d }) { totalCount } }',
          variables: {
            f: r.pick(['ten', 1.5, [], {}, 2 ** 40, null]),
            d: r.pick([{ $gt: '' }, 7, true, null]),
          },
        }),
      };
    } else if (roll === 7 && mutation) {
      yield { kind: 'mutation', body: JSON.stringify(walk(mutation, 'mutation')) };
    } else if (roll === 8) {
      yield {
        kind: 'huge',
        body: JSON.stringify({
          query: `{ ${'__typename '.repeat(r.pick([100, 4000]))} }`,
          variables: { pad: 'x'.repeat(r.pick([10, 20_000])) },
        }),
      };
    } else if (roll === 9) {
      yield {
        kind: 'syntax',
        body: JSON.stringify({
          query: r.pick([
            '{',
            '}',
            'query {',
            '{ proposals(first: ) { id } }',
            'subscription { x }',
            '{ __schema { types { name } } }',
            'mutation',
            '{ ...F }',
            'fragment F on Query { ...F } { ...F }',
            '{ districts { code @skip } }',
            '"\u0000"',
          ]),
        }),
      };
    } else {
      yield { kind: 'schema-walk', body: JSON.stringify(walk(query, 'query')) };
    }
  }
}

describe.each(ENGINES)('seeded fuzz through %s', (engine) => {
  let stack: Stack;
  let schema: GraphQLSchema;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({
      engine,
      gatewaySettings: { ...settings, limits: productionLimits },
    });
    token = await stack.token({ roles: ['staff'], district: '341002' });
    const introspection = await stack.post<IntrospectionQuery>(
      { query: getIntrospectionQuery() },
      { token },
    );
    schema = buildClientSchema(introspection.body.data!);
  });
  afterAll(() => stack?.stop());

  it(`answers ${FUZZ_COUNT} seeded requests with 0 HTTP 5xx and every error coded`, async () => {
    const r = rng(FUZZ_SEED + 1);
    const failures: string[] = [];
    const tally = { sent: 0, fiveHundreds: 0, uncoded: 0, byStatus: {} as Record<number, number> };
    for (const request of fuzzRequests(schema, FUZZ_SEED, FUZZ_COUNT)) {
      const response = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: r.pick(['application/json', 'application/graphql-response+json', '*/*']),
          ...(r.chance(0.25) ? { authorization: `Bearer ${token}` } : {}),
        },
        body: request.body,
      });
      const text = await response.text();
      tally.sent++;
      tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
      let body: { errors?: { extensions?: { code?: unknown } }[] } | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const uncoded =
        !body || (body.errors ?? []).some((e) => typeof e.extensions?.code !== 'string');
      if (response.status >= 500) tally.fiveHundreds++;
      if (uncoded) tally.uncoded++;
      if ((response.status >= 500 || uncoded) && failures.length < 5)
        failures.push(
          `${request.kind} ${response.status}: ${request.body.slice(0, 200)} → ${text.slice(0, 300)}`,
        );
    }
    console.log(`fuzz ${engine}: ${JSON.stringify(tally)}`);
    expect(failures).toEqual([]);
    expect(tally).toMatchObject({ sent: FUZZ_COUNT, fiveHundreds: 0, uncoded: 0 });
  }, 300_000);
});
