import type { IncomingMessage, ServerResponse } from 'node:http';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
  visit,
} from 'graphql';
import { checkDateArguments } from './date-arguments.js';
import type { LimitSettings } from '@cppcc/kit';

/** The code of each refusal; clients branch on these. */
export const LimitCode = {
  MAX_DEPTH_EXCEEDED: 'MAX_DEPTH_EXCEEDED',
  MAX_ALIASES_EXCEEDED: 'MAX_ALIASES_EXCEEDED',
  MAX_DIRECTIVES_EXCEEDED: 'MAX_DIRECTIVES_EXCEEDED',
  MAX_TOKENS_EXCEEDED: 'MAX_TOKENS_EXCEEDED',
  MAX_ROOT_FIELDS_EXCEEDED: 'MAX_ROOT_FIELDS_EXCEEDED',
  MAX_COST_EXCEEDED: 'MAX_COST_EXCEEDED',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
} as const;
const LIMIT_CODES = new Set<string>(Object.values(LimitCode));

/** Errors in the GraphQL document or its variables: 200 when the client accepts only application/json. */
export const DOCUMENT_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  ...LIMIT_CODES,
]);

function limitError(
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  // Answered like any invalid document: 400 for application/graphql-response+json, 200 for
  // application/json (the GraphQL-over-HTTP spec; `spec` tells Yoga, Apollo's plugin does the same).
  return new GraphQLError(message, {
    extensions: { code, ...extensions, http: { status: 400, spec: true } },
  });
}

/**
 * GraphQL Armor's depth, alias and directive rules (each memoises fragments, so linear in the
 * document), reporting with our codes instead of throwing Armor's uncoded "Syntax Error".
 */
export function armorRules(limits: LimitSettings): ValidationRule[] {
  const reject = (code: string) => [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, ''))),
  ];
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: reject(LimitCode.MAX_DEPTH_EXCEEDED),
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: reject(LimitCode.MAX_ALIASES_EXCEEDED),
    }),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: reject(LimitCode.MAX_DIRECTIVES_EXCEEDED),
    }),
  ];
}

/** graphql-js stops parsing past `maxTokens`; its message becomes our code. */
export function tokenLimitCode(message: string): string | null {
  return /Document contains more tha[nt] \d+ tokens/.test(message)
    ? LimitCode.MAX_TOKENS_EXCEEDED
    : null;
}

/**
 * Apollo Server re-labels every validation error GRAPHQL_VALIDATION_FAILED and every parse
 * error GRAPHQL_PARSE_FAILED; a limit's refusal keeps its own code.
 */
export function limitCodeOf(error: unknown): string | null {
  for (
    let e = error as
      | { extensions?: Record<string, unknown>; originalError?: unknown; message?: string }
      | undefined;
    e;
    e = e.originalError as typeof e
  ) {
    const code = e.extensions?.code;
    if (typeof code === 'string' && LIMIT_CODES.has(code)) return code;
    if (typeof e.message === 'string' && tokenLimitCode(e.message))
      return LimitCode.MAX_TOKENS_EXCEEDED;
  }
  return null;
}

function operationOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
}

/** Top-level fields of the operation, aliases and fragments included (each fragment counted once, then remembered). */
export function rootFieldCount(
  document: DocumentNode,
  operationName: string | null | undefined,
): number {
  const operation = operationOf(document, operationName);
  if (!operation) return 0;
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += s.name.value === '__typename' ? 0 : 1;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else {
        const name = s.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0); // a cycle counts nothing (validation refuses it anyway)
          const fragment = fragments.get(name);
          memo.set(name, fragment ? count(fragment.selectionSet) : 0);
        }
        n += memo.get(name)!;
      }
    }
    return n;
  };
  return count(operation.selectionSet);
}

/** A field's declared extra weight: COST_FIELD_WEIGHTS, else a `@cost(weight:)` directive on it in the supergraph. */
function declaredWeight(
  field: GraphQLField<unknown, unknown>,
  owner: string,
  weights: Record<string, number>,
): number {
  const configured = weights[`${owner}.${field.name}`];
  if (configured !== undefined) return configured;
  const cost = field.astNode?.directives?.find((d) => d.name.value === 'cost');
  const weight = cost?.arguments?.find((a) => a.name.value === 'weight')?.value;
  return weight && (weight.kind === Kind.INT || weight.kind === Kind.STRING)
    ? Number(weight.value) || 0
    : 0;
}

function sizeArgument(
  value: ValueNode | undefined,
  variables: Record<string, unknown>,
): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

/**
 * What the answer to an operation can hold: every field counts 1 (+ its declared weight),
 * times the size of each list it sits in — a `first`/`last` argument (literal or variable), or
 * the default page for a list without one; the `nodes`/`edges` of a paginated field are the
 * page, not another list. Linear in the document: a fragment's cost is computed once per
 * context and remembered.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: Pick<LimitSettings, 'defaultListSize' | 'fieldWeights'>,
): number {
  const operation = operationOf(document, operationName);
  if (!operation) return 0;
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const fragments = fragmentsOf(document);
  const vars = variables ?? {};
  const memo = new Map<string, number>();

  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, paged: boolean): number => {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const type = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        total += type && isCompositeType(type) ? costOf(s.selectionSet, type, paged) : 0;
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const key = `${s.name.value}:${paged}`;
        if (!memo.has(key)) {
          memo.set(key, 0);
          const fragment = fragments.get(s.name.value);
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          memo.set(
            key,
            fragment && type && isCompositeType(type)
              ? costOf(fragment.selectionSet, type, paged)
              : 0,
          );
        }
        total += memo.get(key)!;
      } else {
        if (s.name.value.startsWith('__')) continue;
        const field =
          isObjectType(parent) || isInterfaceType(parent)
            ? parent.getFields()[s.name.value]
            : undefined;
        if (!field) continue;
        const own = 1 + declaredWeight(field, parent.name, limits.fieldWeights);
        const hasSize = field.args.some((a) => a.name === 'first' || a.name === 'last');
        const given = sizeArgument(
          s.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last')?.value,
          vars,
        );
        const list = isListType(getNullableType(field.type));
        const size = Math.max(
          0,
          hasSize
            ? (given ?? limits.defaultListSize)
            : list
              ? paged
                ? 1
                : limits.defaultListSize
              : 1,
        );
        const child = getNamedType(field.type);
        const inner =
          s.selectionSet && isCompositeType(child)
            ? costOf(s.selectionSet, child, hasSize && !list)
            : 0;
        // A list's items each count; a paginated object (a connection) is one value over `size` items.
        total += own * (list ? size : 1) + size * inner;
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, false);
}

/**
 * What the limits read from a document, kept with it: the engines hand over the same parsed
 * document for the same text (their parse caches), so a repeated operation is walked once.
 * Keyed further by what else the reading depends on (operation name, schema, limits).
 */
const readings = new WeakMap<DocumentNode, Map<string, unknown>>();
const ids = new WeakMap<object, number>();
let lastId = 0;
const idOf = (o: object) => {
  let id = ids.get(o);
  if (id === undefined) {
    id = ++lastId;
    ids.set(o, id);
  }
  return id;
};

function remembered<T>(document: DocumentNode, key: string, read: () => T): T {
  let byKey = readings.get(document);
  if (!byKey) {
    byKey = new Map();
    readings.set(document, byKey);
  }
  if (!byKey.has(key)) byKey.set(key, read());
  return byKey.get(key) as T;
}

/** The variables an operation's sizes (`first`/`last`) come from: all its cost depends on besides the document. */
function sizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (
        (node.name.value === 'first' || node.name.value === 'last') &&
        node.value.kind === Kind.VARIABLE
      )
        names.add(node.value.name.value);
    },
  });
  return [...names];
}

/** Costs kept per document, one per set of page sizes; past this many a document's are computed each time. */
const COSTS_KEPT = 64;

/** Root fields and cost, checked once variables are known and before any subgraph is called. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: LimitSettings,
): GraphQLError | null {
  const roots = remembered(document, `roots:${operationName ?? ''}`, () =>
    rootFieldCount(document, operationName),
  );
  if (roots > limits.maxRootFields) {
    return limitError(
      LimitCode.MAX_ROOT_FIELDS_EXCEEDED,
      `operation selects ${roots} top-level fields; at most ${limits.maxRootFields}`,
      { limit: limits.maxRootFields },
    );
  }
  const costs = remembered(
    document,
    `cost:${operationName ?? ''}:${idOf(schema)}:${idOf(limits)}`,
    () => ({ sizes: sizeVariables(document), byPage: new Map<string, number>() }),
  );
  const page = costs.sizes
    .map((name) => {
      const v = variables?.[name];
      return typeof v === 'number' ? v : '';
    })
    .join(',');
  let cost = costs.byPage.get(page);
  if (cost === undefined) {
    cost = operationCost(schema, document, operationName, variables, limits);
    if (costs.byPage.size < COSTS_KEPT) costs.byPage.set(page, cost);
  }
  if (cost > limits.maxCost) {
    return limitError(
      LimitCode.MAX_COST_EXCEEDED,
      `operation could return ${cost} values; at most ${limits.maxCost} (ask for smaller pages with first/last)`,
      { cost, limit: limits.maxCost },
    );
  }
  return checkDateArguments(schema, document, operationOf(document, operationName), variables);
}

function asksForSchema(document: DocumentNode): boolean {
  const walk = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === '__schema' || s.name.value === '__type'
        : s.kind === Kind.INLINE_FRAGMENT
          ? walk(s.selectionSet)
          : false,
    );
  return document.definitions.some(
    (d) =>
      (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) &&
      walk(d.selectionSet),
  );
}

/**
 * An operation on a root type this graph lacks, or a subscription sent as a plain request.
 * graphql-js 16 validation lets either through and both @apollo/gateway and the Rust planner
 * then fail with a 500; the client asked for something this endpoint does not answer that way:
 * a 400. Subscriptions are streams (gateway/src/live.ts): SSE or graphql-ws.
 */
export function unsupportedOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLError | null {
  const exists = schema.getRootType(operation.operation);
  if (exists && operation.operation !== 'subscription') return null;
  return new GraphQLError(
    exists
      ? 'a subscription is a stream: ask for it with Accept: text/event-stream (GraphQL over SSE) or over graphql-ws at /graphql'
      : `this graph has no ${operation.operation} type: send a query or a mutation`,
    {
      nodes: [operation],
      extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
    },
  );
}

/** Introspection per INTROSPECTION: everyone, signed-in callers only, or no one. */
export function checkIntrospection(
  document: DocumentNode,
  signedIn: boolean,
  limits: LimitSettings,
): GraphQLError | null {
  if (
    limits.introspection === 'all' ||
    (limits.introspection === 'signed-in' && signedIn) ||
    !remembered(document, 'schema', () => asksForSchema(document))
  )
    return null;
  return limitError(
    LimitCode.INTROSPECTION_DISABLED,
    limits.introspection === 'none'
      ? 'introspection is disabled'
      : 'introspection needs a signed-in caller',
  );
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const INTERNAL_URL = /\bhttps?:\/\/[^\s"')]+/g;

/**
 * What leaves the gateway in an error: no subgraph name, no internal URL or host, no "Did
 * you mean" hint unless FIELD_SUGGESTIONS, and the limit's own code where an engine relabelled it.
 */
export function cleanError<E extends { message: string; extensions?: Record<string, unknown> }>(
  formatted: E,
  original: unknown,
  limits: LimitSettings,
): E {
  const extensions: Record<string, unknown> = { ...(formatted.extensions ?? {}) };
  delete extensions.serviceName;
  delete extensions.stacktrace;
  delete extensions.exception;
  const code = limitCodeOf(original) ?? limitCodeOf(formatted);
  if (code) extensions.code = code;
  let message = formatted.message.replace(INTERNAL_URL, '[internal]');
  if (!limits.fieldSuggestions) message = message.replace(SUGGESTION, '');
  if (code === LimitCode.MAX_TOKENS_EXCEEDED) message = message.replace(/^Syntax Error: /, '');
  return { ...formatted, message, extensions };
}

/** Headers a browser must send (forcing a CORS preflight) to POST a body that is not JSON. */
export const PREFLIGHT_HEADERS = [
  'x-apollo-operation-name',
  'apollo-require-preflight',
  'graphql-require-preflight',
];

/**
 * CSRF prevention is for POSTs: a GET runs only queries (both engines refuse a mutation over
 * GET) and no cookie ever signs a request here (tokens travel in Authorization, which no
 * cross-site page can set), so a GET is marked as preflighted before the engines' checks.
 */
export function exemptGetFromCsrf(req: IncomingMessage): void {
  if (req.method === 'GET' || req.method === 'HEAD')
    req.headers['graphql-require-preflight'] = 'get';
}

/**
 * CORS from CORS_ORIGINS only: an allowed Origin is echoed (with credentials), any other gets
 * no CORS header at all. Answers a preflight itself; returns true when it did.
 */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  origins: readonly string[],
): boolean {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && origins.includes(origin);
  res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader(
      'access-control-allow-headers',
      ['content-type', 'authorization', 'x-cppcc-district', ...PREFLIGHT_HEADERS].join(', '),
    );
    res.setHeader('access-control-max-age', '600');
  }
  res.statusCode = 204;
  res.end();
  return true;
}
