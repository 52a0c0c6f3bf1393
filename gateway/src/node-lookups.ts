import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromGlobalId, readBody, replaceBody } from '@cppcc/kit';
import {
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  isLeafType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type ValueNode,
} from 'graphql';
import { rewriteJsonResponse } from './localize.js';

/**
 * `node(id)`/`nodes(ids)` answer null for a record that does not exist or that the caller may
 * not see, on every engine. The platform subgraph names the type a global id encodes (it cannot
 * know whether the record exists); only the type's owner, asked for the record's fields, can
 * say. Engines answer an owner's "no such record" differently (Apollo nulls the node, the Hive
 * runtimes leave its fields out or raise an error), and a client selecting only `id` would
 * never ask the owner at all. So the gateway, which reads the type from the id, adds to each
 * lookup one field only the owner answers (a probe, under an alias no client uses) and answers
 * null where the probe came back empty; the probe never reaches the client.
 * A stock router fronting the subgraphs has the engines' own behaviour (docs/architecture.md).
 */
const PROBE = '__cppccNode';
const MENTION = /\bnodes?\s*\(/;

/** The field each node type's owner alone answers: its first non-null leaf besides `id`. */
function probeFields(schema: GraphQLSchema): Map<string, string> {
  const probes = new Map<string, string>();
  const node = schema.getType('Node');
  if (!node || isObjectType(node) || !('getFields' in node)) return probes;
  for (const type of schema.getPossibleTypes(
    node as Parameters<GraphQLSchema['getPossibleTypes']>[0],
  )) {
    const field = Object.values(type.getFields()).find(
      (f) =>
        f.name !== 'id' &&
        isNonNullType(f.type) &&
        isLeafType(getNamedType(f.type)) &&
        f.args.length === 0,
    );
    if (field) probes.set(type.name, field.name);
  }
  return probes;
}

type Probed = { key: string; list: boolean };

function argumentValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.LIST) return node.values.map((v) => argumentValue(v, variables));
  return undefined;
}

/** The document with probes for the types its node lookups name, and where they answer. */
export function addProbes(
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  probes: Map<string, string>,
): { query: string; probed: Probed[] } | null {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(query);
  } catch {
    return null; // the engine answers the syntax error
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operations.length === 1 && !operationName
      ? operations[0]
      : operations.find((o) => o.name?.value === operationName);
  if (operation?.operation !== 'query') return null;
  const probed: Probed[] = [];
  const selections = operation.selectionSet.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) return selection;
    const name = selection.name.value;
    if (name !== 'node' && name !== 'nodes') return selection;
    const argument = selection.arguments?.find(
      (a) => a.name.value === (name === 'node' ? 'id' : 'ids'),
    );
    const value = argumentValue(argument?.value, variables);
    const ids = Array.isArray(value) ? value : [value];
    const types = new Set(
      ids.map((id) => fromGlobalId(id)?.type).filter((t): t is string => !!t && probes.has(t)),
    );
    if (types.size === 0) return selection;
    probed.push({ key: selection.alias?.value ?? name, list: name === 'nodes' });
    const added = [...types].map((type) => ({
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } },
      selectionSet: {
        kind: Kind.SELECTION_SET,
        selections: [
          {
            kind: Kind.FIELD,
            // One alias per type: two types' probe fields may differ in type, which one
            // response name could not hold.
            alias: { kind: Kind.NAME, value: `${PROBE}${type}` },
            name: { kind: Kind.NAME, value: probes.get(type)! },
          } satisfies FieldNode,
        ],
      },
    }));
    return {
      ...selection,
      selectionSet: {
        ...selection.selectionSet,
        selections: [...selection.selectionSet.selections, ...added],
      },
    } as FieldNode;
  });
  if (probed.length === 0) return null;
  const rewritten = {
    ...document,
    definitions: document.definitions.map((d) =>
      d === operation
        ? { ...operation, selectionSet: { ...operation.selectionSet, selections } }
        : d,
    ),
  };
  return { query: print(rewritten), probed };
}

/** The response with each probed node null where its owner did not answer, and no probe left. */
export function settleProbes(body: string, probed: Probed[]): string {
  let parsed: {
    data?: Record<string, unknown> | null;
    errors?: { path?: unknown[]; extensions?: { code?: unknown } }[];
  };
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const data = parsed.data;
  if (!data || typeof data !== 'object') return body;
  const gone: unknown[][] = [];
  const settle = (value: unknown, path: unknown[]): unknown => {
    if (value === null) gone.push(path);
    if (!value || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    let seen = false;
    for (const key of Object.keys(record))
      if (key.startsWith(PROBE)) {
        seen ||= record[key] !== null && record[key] !== undefined;
        delete record[key];
      }
    if (seen) return record;
    gone.push(path);
    return null;
  };
  for (const { key, list } of probed) {
    const value = data[key];
    if (list && Array.isArray(value)) data[key] = value.map((v, i) => settle(v, [key, i]));
    else if (!list) data[key] = settle(value, [key]);
  }
  // An engine that raised an error for the owner's missing answer (the Hive runtime's masked
  // non-null violation under the node): it is the null, not a fault. Other errors stay.
  const within = (e: { path?: unknown[]; extensions?: { code?: unknown } }) =>
    e.extensions?.code === 'INTERNAL_SERVER_ERROR' &&
    !!e.path &&
    gone.some((g) => e.path!.length > g.length && g.every((part, i) => e.path![i] === part));
  const errors = parsed.errors?.filter((e) => !within(e));
  const { errors: _all, ...rest } = parsed;
  return JSON.stringify(errors?.length ? { ...rest, errors } : rest);
}

/**
 * Installs the probes for a GraphQL request that looks up nodes (POST JSON or GET), and the
 * response rewrite that settles them. Requests that do not mention `node`/`nodes` pass as they
 * came: the check is one regular expression over the body the engine reads anyway.
 */
export async function probeNodeLookups(
  req: IncomingMessage,
  res: ServerResponse,
  schema: () => GraphQLSchema,
  maxBodyBytes: number,
): Promise<void> {
  const probes = probesOf(schema());
  if (req.method === 'GET') {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const query = url.searchParams.get('query');
    if (!query || !MENTION.test(query)) return;
    let variables: Record<string, unknown> = {};
    try {
      variables = JSON.parse(url.searchParams.get('variables') ?? '{}') ?? {};
    } catch {
      return;
    }
    const done = addProbes(
      query,
      variables,
      url.searchParams.get('operationName') ?? undefined,
      probes,
    );
    if (!done) return;
    url.searchParams.set('query', done.query);
    req.url = `${url.pathname}${url.search}`;
    rewriteJsonResponse(res, (body) => settleProbes(body, done.probed));
    return;
  }
  if (req.method !== 'POST') return;
  const text = await readBody(req, maxBodyBytes).catch(() => null);
  if (text === null || !MENTION.test(text)) return;
  let body: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  if (!body || typeof body !== 'object' || typeof body.query !== 'string') return;
  const done = addProbes(
    body.query,
    (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<
      string,
      unknown
    >,
    typeof body.operationName === 'string' ? body.operationName : undefined,
    probes,
  );
  if (!done) return;
  replaceBody(req, JSON.stringify({ ...body, query: done.query }));
  rewriteJsonResponse(res, (out) => settleProbes(out, done.probed));
}

const cache = new WeakMap<GraphQLSchema, Map<string, string>>();
function probesOf(schema: GraphQLSchema): Map<string, string> {
  let probes = cache.get(schema);
  if (!probes) {
    probes = probeFields(schema);
    cache.set(schema, probes);
  }
  return probes;
}
