import type { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { rootKind } from '../plugin-gate.js';
import { unsupportedOperation } from './limits.js';

type Handler = typeof unifiedGraphHandler;
type Graph = Awaited<ReturnType<Handler>>;
type Executor = NonNullable<Graph['executor']>;
type Request = {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  context?: unknown;
  rootValue?: unknown;
};

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * The Rust planner's runtime (@graphql-hive/router-runtime) answers three things differently
 * from graphql-js and the GraphQL specs; this wraps its executor so clients get what the JS
 * planner and the Apollo engine give them:
 * - variables that do not coerce are thrown from execution (200); here they are a request error
 *   (400, GraphQL-over-HTTP), as @graphql-tools/executor answers them;
 * - when every root fetch fails it leaves `data` out; here the null is propagated as the spec
 *   says (`data: null` under a non-null root field, else each root field null);
 * - it tells introspection by the first root field alone: it executes a whole operation locally
 *   when that is `__schema`/`__type` (data fields beside it come back null) and plans it when
 *   that is a fragment; here introspection is answered from the schema and the rest planned.
 */
export function withSpecAnswers(handler: Handler): Handler {
  return async (opts) => {
    const graph = await handler(opts);
    const plan = graph.executor;
    if (!plan) return graph;
    const schema = graph.unifiedGraph;
    const split = new WeakMap<DocumentNode, { data: DocumentNode; introspection: DocumentNode }>();
    const splitOf = (document: DocumentNode) => {
      let parts = split.get(document);
      if (!parts) {
        parts = {
          data: withoutRootFields(schema, document, true),
          introspection: withoutRootFields(schema, document, false),
        };
        split.set(document, parts);
      }
      return parts;
    };
    const executor = ((request: Request) => {
      const operation = getOperationAST(request.document, request.operationName);
      if (!operation) return plan(request as never);
      const unsupported = unsupportedOperation(schema, operation);
      if (unsupported) return { errors: [unsupported] };
      if (operation.variableDefinitions?.length) {
        const coerced = getVariableValues(
          schema,
          operation.variableDefinitions,
          request.variables ?? {},
          { maxErrors: 50 },
        );
        if (coerced.errors) return { errors: coerced.errors.map(requestError) };
      }
      const kind = rootKind(request.document, operation);
      if (kind === 'only') return local(schema, request, request.document);
      if (kind === 'none')
        return then(plan(request as never), (result) =>
          withData(schema, request.document, operation, result),
        );
      const parts = splitOf(request.document);
      const planned = then(plan({ ...request, document: parts.data } as never), (result) =>
        withData(schema, parts.data, getOperationAST(parts.data, request.operationName)!, result),
      );
      return then(planned, (data) =>
        then(local(schema, request, parts.introspection), (introspection) =>
          merge(request.document, operation, data, introspection),
        ),
      );
    }) as Executor;
    return { ...graph, executor };
  };
}

function then<T>(value: unknown, next: (result: ExecutionResult) => T): unknown {
  if (value && typeof (value as PromiseLike<unknown>).then === 'function')
    return (value as Promise<ExecutionResult>).then(next);
  // A stream (subscription) is passed on as it is.
  if (value && typeof value === 'object' && Symbol.asyncIterator in value) return value;
  return next(value as ExecutionResult);
}

function local(schema: GraphQLSchema, request: Request, document: DocumentNode) {
  return execute({
    schema,
    document,
    variableValues: request.variables,
    operationName: request.operationName,
    contextValue: request.context,
    rootValue: request.rootValue,
  });
}

function requestError(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { status: 400 } },
  });
}

/** The document without the query root's introspection fields (`data`) or without its other fields. */
function withoutRootFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  introspection: boolean,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const query = schema.getQueryType();
  const stripped = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (typeInfo.getParentType() !== query) return undefined;
        const meta = node.name.value === '__schema' || node.name.value === '__type';
        const plain = !node.name.value.startsWith('__');
        return (introspection ? meta : plain) ? null : undefined;
      },
    }),
  );
  // A selection set left empty stays valid with __typename (the merge reads only the original's keys).
  return visit(stripped, {
    SelectionSet: {
      leave: (node: SelectionSetNode) =>
        node.selections.length ? undefined : { ...node, selections: [TYPENAME] },
    },
  });
}

/** Root fields of the operation (fragments followed) as response key and field name, in order. */
function rootFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { key: string; name: string }[] {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const fields: { key: string; name: string }[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        if (!fields.some((f) => f.key === key)) fields.push({ key, name: s.name.value });
      } else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return fields;
}

/** An executed result always has `data`: a root fetch that failed leaves its fields null. */
function withData(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  result: ExecutionResult,
): ExecutionResult {
  if (!result?.errors?.length || ('data' in result && result.data !== undefined)) return result;
  const root = schema.getRootType(operation.operation);
  const data: Record<string, unknown> = {};
  for (const { key, name } of rootFields(document, operation)) {
    if (name === '__typename') {
      data[key] = root?.name;
      continue;
    }
    const field = root?.getFields()[name];
    if (field && isNonNullType(field.type)) return { ...result, data: null };
    data[key] = null;
  }
  return { ...result, data };
}

/** Planned data and local introspection as one result, in the operation's order. */
function merge(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  planned: ExecutionResult,
  introspection: ExecutionResult,
): ExecutionResult {
  const errors = [...(planned.errors ?? []), ...(introspection.errors ?? [])];
  let data: Record<string, unknown> | null = null;
  if (planned.data && introspection.data) {
    data = {};
    for (const { key, name } of rootFields(document, operation)) {
      const from = name === '__schema' || name === '__type' ? introspection.data : planned.data;
      if (key in from) data[key] = from[key];
    }
  }
  return {
    ...(errors.length ? { errors } : {}),
    data,
    ...(planned.extensions ? { extensions: planned.extensions } : {}),
  };
}
