import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createGatewayRuntime,
  useCustomFetch,
  type GatewayPlugin,
} from '@graphql-hive/gateway-runtime';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { ErrorCode, noteOperation, readBodyOrRefuse, subgraphFetches } from '@cppcc/kit';
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { callerFromHeader, CALLER_HEADER, siteFromCallerHeader } from './gating.js';
import type { EngineOptions as Options } from './engine.js';
import {
  applyCors,
  armorRules,
  exemptGetFromCsrf,
  checkIntrospection,
  checkOperation,
  cleanError,
  PREFLIGHT_HEADERS,
} from './limits.js';
import { admitWrite, CLIENT_HEADER } from '../write-limit.js';
import { signingPlugin } from '../sign-subgraph-request.js';
import { FORWARDED_HEADERS, type Engine, type EngineOptions } from './engine.js';
import type { SubgraphRequestInit } from './subgraph-fetch.js';
import { withSpecAnswers } from './rust-planner.js';
import { invalidateAfterWrite, responseCachePlugins } from '../response-cache.js';

/** Answers sent as they come rather than whole. */
const STREAMED = /text\/event-stream|multipart\/mixed/;

type HttpExtension = { status?: number; spec?: boolean; headers?: Record<string, string> };

/**
 * Yoga leaves variable-coercion errors and request errors without a code; clients get the same
 * codes as under the Apollo engine instead, and the same cleaning (no subgraph names, hosts or
 * suggestions). A request error (unreadable body, no query) keeps its 4xx even when the client
 * accepts only application/json; document errors follow the GraphQL-over-HTTP spec (200 there).
 */
function stableErrorCodes(options: Options): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      const r = result as { errors?: GraphQLError[] } | null;
      if (!r || Array.isArray(r) || !Array.isArray(r.errors)) return;
      setResult({
        ...r,
        errors: r.errors.map((error) => {
          const { originalError: _hidden, ...extensions } = (error.extensions ?? {}) as Record<
            string,
            unknown
          >;
          if (!extensions.code)
            extensions.code = /^Variable "\$/.test(error.message)
              ? ErrorCode.BAD_USER_INPUT
              : ErrorCode.BAD_REQUEST;
          // An unreadable request (not a GraphQL document error: no query, a body that is not JSON)
          // stays 4xx whatever the client accepts, as the GraphQL-over-HTTP audit asks.
          const http = extensions.http as HttpExtension | undefined;
          if (http?.spec && extensions.code === ErrorCode.BAD_REQUEST)
            extensions.http = { ...http, spec: false };
          const clean = cleanError({ message: error.message, extensions }, error, options.limits);
          return new GraphQLError(clean.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            path: error.path,
            extensions: clean.extensions,
          });
        }),
      } as typeof result);
    },
  };
}

/** Yoga's CSRF check (same content types as Apollo's), answered 400 with a code like Apollo's. */
function csrfPrevention() {
  const yoga = useCSRFPrevention({ requestHeaders: PREFLIGHT_HEADERS });
  return {
    onRequestParse(payload: Parameters<NonNullable<typeof yoga.onRequestParse>>[0]) {
      try {
        return yoga.onRequestParse?.(payload);
      } catch {
        throw new GraphQLError(
          `This operation has been blocked as a potential Cross-Site Request Forgery (CSRF): send content-type application/json, or one of the headers ${PREFLIGHT_HEADERS.join(', ')}`,
          {
            extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
          },
        );
      }
    },
  };
}

/** Operation limits: Armor's rules in validation, graphql-js's token limit in the parser. */
function operationLimits(options: Options) {
  return {
    onParse({ setParseFn }: { setParseFn: (fn: typeof parse) => void }) {
      setParseFn((source, parseOptions) =>
        parse(source, { ...parseOptions, maxTokens: options.limits.maxTokens }),
      );
    },
    onValidate({
      addValidationRule,
    }: {
      addValidationRule: (rule: ReturnType<typeof armorRules>[number]) => void;
    }) {
      for (const rule of armorRules(options.limits)) addValidationRule(rule);
    },
  };
}

/** Names the operation for the access log and metrics, and counts fetches per subgraph. */
const observing = {
  onExecute({
    args,
  }: {
    args: {
      operationName?: string | null;
      document: DocumentNode;
      contextValue?: { req?: IncomingMessage };
    };
  }) {
    const req = args.contextValue?.req;
    const named = args.document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION &&
        (!args.operationName || d.name?.value === args.operationName),
    );
    if (req) noteOperation(req, args.operationName ?? named?.name?.value);
  },
  onSubgraphExecute({ subgraphName }: { subgraphName: string }) {
    return ({ result }: { result: unknown }) => {
      const errors = (result as { errors?: unknown[] } | null)?.errors;
      subgraphFetches.inc({ subgraph: subgraphName, outcome: errors?.length ? 'errors' : 'ok' });
    };
  },
};

/** Plugin gating as an envelop plugin: the same checks as under the Apollo engine. */
function gating(options: Options) {
  return {
    async onExecute({
      args,
      setResultAndStopExecution,
    }: Parameters<NonNullable<GatewayPlugin['onExecute']>>[0]) {
      const headers = args.contextValue?.request?.headers;
      // Limits first: a refused operation spends no write budget and reaches no subgraph.
      const caller = callerFromHeader(headers?.get(CALLER_HEADER));
      const over =
        checkIntrospection(args.document, !!caller?.userId, options.limits) ??
        checkOperation(
          args.schema,
          args.document,
          args.operationName,
          args.variableValues,
          options.limits,
        );
      if (over) return setResultAndStopExecution({ errors: [over] });
      const limited = await admitWrite(
        options.writeLimiter,
        args.document,
        args.operationName,
        headers?.get(CALLER_HEADER),
        headers?.get(CLIENT_HEADER),
      );
      if (limited) return setResultAndStopExecution({ errors: [limited] });
      const site = siteFromCallerHeader(headers?.get(CALLER_HEADER));
      const refused = options.gate.check(args.document, site);
      if (refused) return setResultAndStopExecution({ errors: [refused] });
      if (
        options.gate.disabledFor(site).length > 0 &&
        options.gate.introspection(args.document, args.operationName) === 'only'
      ) {
        setResultAndStopExecution(
          await options.gate.introspect(
            site,
            args.document,
            args.variableValues,
            args.operationName,
          ),
        );
      }
    },
  };
}

/**
 * The Hive Gateway runtime (MIT) on Yoga. GATEWAY_ENGINE=hive. Its planner is
 * @graphql-tools/federation's, or with GATEWAY_PLANNER=rust the one Hive Router is built on
 * (@graphql-hive/router-runtime, a native module shipped in the npm package), whose executor
 * is wrapped to answer as the specs ask (`withSpecAnswers`).
 */
export async function hiveEngine(options: EngineOptions): Promise<Engine> {
  // Loaded only when used: the native planner has no business in an Apollo-engine gateway.
  const rust =
    options.planner === 'js'
      ? undefined
      : withSpecAnswers((await import('@graphql-hive/router-runtime')).unifiedGraphHandler);
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    ...(rust ? { unifiedGraphHandler: rust } : {}),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // The gateway serves the explorer itself, per EXPLORER, for both engines.
    graphiql: false,
    // CORS is answered before the engine, from CORS_ORIGINS (Yoga's default echoes any Origin).
    cors: false,
    disableIntrospection: options.introspection === false ? {} : undefined,
    logging: options.debug ? 'debug' : false,
    maskedErrors: !options.debug,
    plugins: () => [
      observing,
      csrfPrevention(),
      operationLimits(options),
      stableErrorCodes(options),
      gating(options),
      ...(options.responseCache
        ? responseCachePlugins(options.responseCache, options.gate, options.supergraphSdl)
        : []),
      signingPlugin(options.sign),
      useCustomFetch(((url: string, init: SubgraphRequestInit) =>
        options.fetch(url, init, options.sign)) as never),
    ],
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) =>
        Object.fromEntries(FORWARDED_HEADERS.map((h) => [h, request.headers.get(h)])),
    },
  });
  return {
    kind: 'hive',
    async handle(req: IncomingMessage, res: ServerResponse) {
      if (applyCors(req, res, options.limits.corsOrigins)) return;
      exemptGetFromCsrf(req);
      // The body is read here, within MAX_BODY_BYTES (Yoga itself reads any size).
      let body: string | undefined;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const text = await readBodyOrRefuse(req, res, options.limits.maxBodyBytes);
        if (text === null) return;
        body = text;
      }
      // Handed over as Node's request with the body already read (Yoga takes a string body as
      // it is), not rebuilt as a fetch Request: copying every header into a Headers object and
      // parsing the URL again cost more per request than our own checks.
      const response = await runtime.handleNodeRequestAndResponse(
        Object.assign(req, { body }),
        res,
        { req, res },
      );
      // A write's cached reads are gone before its answer is: the next read sees it.
      await invalidateAfterWrite(options.responseCache, req);
      res.statusCode = response.status;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      // An answer is one JSON text, sent whole; only a stream (SSE, multipart) is sent as it comes.
      if (!STREAMED.test(response.headers.get('content-type') ?? ''))
        return void res.end(await response.text());
      if (!response.body) return void res.end();
      // Node's web stream is async-iterable; the fetch typings here do not say so.
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        res.write(chunk);
      res.end();
    },
    async stop() {
      await runtime.dispose();
    },
  };
}
