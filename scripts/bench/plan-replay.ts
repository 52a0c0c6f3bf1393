import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import {
  QueryPlanner,
  type FetchNode,
  type PlanNode,
  type QueryPlanSelectionNode,
} from '@apollo/query-planner';
import { parse } from 'graphql';

/**
 * The ceiling (c): a client that already holds each operation's query plan and calls the
 * subgraphs itself. Plans come from @apollo/query-planner (the planner of the stock gateway, so
 * the same fetches), made once per operation; a request replays its plan: sequences in order,
 * parallel steps at once, `_entities` fetches with representations picked from the previous
 * steps' results by the fetch's `requires`, results merged into one response. What a gateway
 * does beyond that (validation, planning, limits, auth, response shaping) is left out on purpose.
 */
export type Post = (
  service: string,
  body: { query: string; variables: Record<string, unknown> },
) => Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }>;

type Json = Record<string, unknown>;

export function planReplayer(
  supergraphSdl: string,
  documents: { query: string; operationName: string }[],
) {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const plans = new Map<string, PlanNode | undefined>();
  for (const d of documents) {
    const plan = planner.buildQueryPlan(
      operationFromDocument(supergraph.schema, parse(d.query), { operationName: d.operationName }),
    );
    if (plan.node) check(plan.node as PlanNode, d.operationName);
    plans.set(d.query, plan.node as PlanNode | undefined);
  }
  return {
    /** Fetches per operation, for the report. */
    fetches: Object.fromEntries(
      documents.map((d) => [d.operationName, countFetches(plans.get(d.query))]),
    ),
    async execute(query: string, variables: Record<string, unknown>, post: Post) {
      if (!plans.has(query)) throw new Error('no plan for this operation');
      const data: Json = {};
      const errors: unknown[] = [];
      const node = plans.get(query);
      if (node) await run(node, [], { data, errors, variables, post });
      return { data, errors };
    },
  };
}

/** The replay handles what the mix's plans use; anything else would be replayed wrong. */
function check(node: PlanNode, operation: string) {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      for (const n of node.nodes) check(n, operation);
      return;
    case 'Flatten':
      return check(node.node, operation);
    case 'Fetch':
      if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length)
        throw new Error(`${operation}: the plan rewrites fetch data, which the replay does not do`);
      return;
    default:
      throw new Error(
        `${operation}: the plan has a ${node.kind} node, which the replay does not do`,
      );
  }
}

function countFetches(node: PlanNode | undefined): number {
  if (!node) return 0;
  if (node.kind === 'Fetch') return 1;
  if (node.kind === 'Flatten') return countFetches(node.node);
  if (node.kind === 'Sequence' || node.kind === 'Parallel')
    return node.nodes.reduce((s, n) => s + countFetches(n), 0);
  return 0;
}

interface Run {
  data: Json;
  errors: unknown[];
  variables: Record<string, unknown>;
  post: Post;
}

async function run(node: PlanNode, path: (string | number)[], r: Run): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const n of node.nodes) await run(n, path, r);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((n) => run(n, path, r)));
      return;
    case 'Flatten':
      return run(node.node, [...path, ...node.path], r);
    case 'Fetch':
      return fetchStep(node, path, r);
  }
}

async function fetchStep(node: FetchNode, path: (string | number)[], r: Run) {
  const variables: Record<string, unknown> = {};
  for (const name of node.variableUsages ?? [])
    if (name in r.variables) variables[name] = r.variables[name];
  if (!node.requires) {
    const answer = await r.post(node.serviceName, { query: node.operation, variables });
    if (answer.errors?.length) r.errors.push(...answer.errors);
    if (answer.data) merge(r.data, answer.data);
    return;
  }
  const targets: Json[] = [];
  const representations: Json[] = [];
  for (const entity of objectsAt(r.data, path)) {
    const representation = pick(entity, node.requires);
    if (representation) {
      targets.push(entity);
      representations.push(representation);
    }
  }
  if (!representations.length) return;
  const answer = await r.post(node.serviceName, {
    query: node.operation,
    variables: { ...variables, representations },
  });
  if (answer.errors?.length) r.errors.push(...answer.errors);
  const entities = (answer.data?._entities ?? []) as (Json | null)[];
  entities.forEach((e, i) => {
    if (e && targets[i]) merge(targets[i], e);
  });
}

/** The objects at a plan path (`@` steps into every element of a list). */
function objectsAt(value: unknown, path: (string | number)[]): Json[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => objectsAt(v, path));
  if (!path.length) return typeof value === 'object' ? [value as Json] : [];
  const [head, ...rest] = path;
  if (head === '@') return objectsAt(value, rest);
  return objectsAt((value as Json)[head as string], rest);
}

/** An entity's representation: the fields `requires` selects, under the fragment of its type. */
function pick(entity: Json, selections: readonly QueryPlanSelectionNode[]): Json | undefined {
  let out: Json | undefined;
  for (const s of selections) {
    if (s.kind === 'InlineFragment') {
      if (s.typeCondition && s.typeCondition !== entity.__typename) continue;
      const inner = pick(entity, s.selections);
      if (inner) out = { ...out, ...inner };
    } else {
      const key = s.alias ?? s.name;
      const value = entity[key];
      out ??= {};
      out[s.name] =
        s.selections && value && typeof value === 'object'
          ? Array.isArray(value)
            ? value.map((v) => pick(v as Json, s.selections!))
            : pick(value as Json, s.selections)
          : value;
    }
  }
  return out;
}

/** Deep merge of a fetch's answer into what earlier fetches answered. */
function merge(into: Json, from: Json) {
  for (const [k, v] of Object.entries(from)) {
    const existing = into[k];
    if (Array.isArray(existing) && Array.isArray(v))
      v.forEach((item, i) => {
        if (item && typeof item === 'object' && existing[i] && typeof existing[i] === 'object')
          merge(existing[i] as Json, item as Json);
        else existing[i] = item;
      });
    else if (existing && typeof existing === 'object' && v && typeof v === 'object')
      merge(existing as Json, v as Json);
    else into[k] = v;
  }
}
