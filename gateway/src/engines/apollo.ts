import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { bindRequest, noteOperation, requestOf, serveApollo, subgraphFetches } from '@cppcc/kit';
import { GraphQLError } from 'graphql';
import { callerFromHeader, CALLER_HEADER, siteFromCallerHeader } from './gating.js';
import {
  applyCors,
  armorRules,
  exemptGetFromCsrf,
  checkIntrospection,
  checkOperation,
  cleanError,
  DOCUMENT_ERROR_CODES,
  PREFLIGHT_HEADERS,
  unsupportedOperation,
} from './limits.js';
import { FORWARDED_HEADERS, type Engine, type EngineOptions } from './engine.js';
import type { SubgraphRequestInit } from './subgraph-fetch.js';
import { admitWrite, CLIENT_HEADER } from '../write-limit.js';
import { signFetches } from '../sign-subgraph-request.js';

interface ForwardContext {
  forward: Record<string, string>;
  /** The client address, for the write budget; not forwarded. */
  client?: string;
}

/**
 * Apollo Server answers a request naming no operation of its document, or a persisted query
 * whose hash does not match, as a server failure (500 / INTERNAL_SERVER_ERROR); they are the
 * client's: 400 with a code of their own (the status is set in willSendResponse).
 */
const REQUEST_ERRORS: [RegExp, string, string?][] = [
  [/^Unknown operation named|^Must provide operation name/, 'OPERATION_RESOLUTION_FAILURE'],
  [
    /did not resolve an operation/,
    'OPERATION_RESOLUTION_FAILURE',
    'operationName names no operation of the document',
  ],
  [
    /^provided sha does not match query/,
    'PERSISTED_QUERY_HASH_MISMATCH',
    'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query',
  ],
];
const CLIENT_CODES = new Set(REQUEST_ERRORS.map(([, code]) => code));

function requestError<E extends { message: string; extensions?: Record<string, unknown> }>(
  formatted: E,
): E {
  const known = REQUEST_ERRORS.find(([pattern]) => pattern.test(formatted.message));
  return known
    ? {
        ...formatted,
        message: known[2] ?? formatted.message,
        extensions: { ...formatted.extensions, code: known[1] },
      }
    : formatted;
}

/** Whether Apollo Server answers this Accept with application/json (not application/graphql-response+json); its content type is set after the plugins run. */
function answersPlainJson(accept: string | undefined): boolean {
  const modern = accept?.indexOf('application/graphql-response+json') ?? -1;
  const plain = accept?.indexOf('application/json') ?? -1;
  return modern < 0 || (plain >= 0 && plain < modern);
}

function gatingPlugin(options: EngineOptions): ApolloServerPlugin<ForwardContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          document,
          contextValue,
          request,
          operationName,
          schema,
          operation,
        }) {
          const unsupported = operation && unsupportedOperation(schema, operation);
          if (unsupported) throw unsupported;
          const req = requestOf(contextValue);
          if (req) noteOperation(req, operationName);
          // Limits first: a refused operation spends no write budget and reaches no subgraph.
          const caller = callerFromHeader(contextValue.forward[CALLER_HEADER]);
          const over =
            checkIntrospection(document, !!caller?.userId, options.limits) ??
            checkOperation(
              schema,
              document,
              request.operationName,
              request.variables,
              options.limits,
            );
          if (over) throw over;
          const limited = await admitWrite(
            options.writeLimiter,
            document,
            request.operationName,
            contextValue.forward[CALLER_HEADER],
            contextValue.client,
          );
          // Answered like the plugin gate's refusals (HTTP 200 under both engines); the code and retryAfterSeconds say it.
          if (limited)
            throw new GraphQLError(limited.message, {
              extensions: { ...limited.extensions, http: { status: 200 } },
            });
          const refused = options.gate.check(
            document,
            siteFromCallerHeader(contextValue.forward[CALLER_HEADER]),
          );
          // A refusal is an answer like any resolver error (HTTP 200, as under Hive), not a server failure.
          if (refused)
            throw new GraphQLError(refused.message, {
              extensions: { ...refused.extensions, http: { status: 200 } },
            });
        },
        async willSendResponse({ response, request }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (result?.errors ?? []).map((e) => String(e.extensions?.code));
          if (codes.some((c) => CLIENT_CODES.has(c))) response.http.status = 400;
          // GraphQL over HTTP: a client accepting only application/json hears of document errors with 200.
          else if (
            codes.length &&
            result?.data === undefined &&
            codes.every((c) => DOCUMENT_ERROR_CODES.has(c)) &&
            answersPlainJson(request.http?.headers.get('accept'))
          )
            response.http.status = 200;
        },
        async responseForOperation({ document, contextValue, request }) {
          const site = siteFromCallerHeader(contextValue.forward[CALLER_HEADER]);
          if (
            options.gate.disabledFor(site).length === 0 ||
            options.gate.introspection(document, request.operationName) !== 'only'
          )
            return null;
          const result = await options.gate.introspect(
            site,
            document,
            request.variables,
            request.operationName,
          );
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: result },
          };
        },
      };
    },
  };
}

/** @apollo/gateway (Elastic License 2.0) on @apollo/server. GATEWAY_ENGINE=apollo. */
export async function apolloEngine(options: EngineOptions): Promise<Engine> {
  // @apollo/gateway reports usage metrics to Apollo's collector (and probes cloud metadata
  // addresses such as 169.254.169.254 to describe the host) unless this is set: a committee's
  // intranet gateway sends nothing outside, so it is set here, not left to each deployment.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      signFetches(
        new RemoteGraphQLDataSource<ForwardContext>({
          url,
          // Retries are signed afresh (a proof is used once). Apollo types its fetcher with its own
          // fetch types (node-fetch's), which Node's fetch init does not match.
          fetcher: ((target: string, init: SubgraphRequestInit) =>
            options.fetch(
              target,
              init,
              options.sign,
            )) as unknown as RemoteGraphQLDataSource['fetcher'],
          willSendRequest({ request, context }) {
            for (const [key, value] of Object.entries(context.forward ?? {}))
              request.http?.headers.set(key, String(value));
          },
          didReceiveResponse({ response }) {
            subgraphFetches.inc({
              subgraph: name,
              outcome: response.errors?.length ? 'errors' : 'ok',
            });
            return response;
          },
          didEncounterError(error) {
            subgraphFetches.inc({ subgraph: name, outcome: 'failed' });
            throw error;
          },
        }),
        options.sign,
      ),
  });
  const server = new ApolloServer<ForwardContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // The gateway process stops on signals itself, letting requests in flight finish first.
    stopOnTerminationSignals: false,
    introspection: options.introspection !== false,
    // A POST that is not JSON (text/plain, form, multipart) or a GET needs a header no
    // cross-site form can send, so a browser must preflight it (and CORS_ORIGINS decides).
    csrfPrevention: { requestHeaders: PREFLIGHT_HEADERS },
    validationRules: armorRules(options.limits),
    parseOptions: { maxTokens: options.limits.maxTokens },
    formatError: (formatted, error) => cleanError(requestError(formatted), error, options.limits),
    plugins: [ApolloServerPluginInlineTraceDisabled(), gatingPlugin(options)],
  });
  await server.start();
  return {
    kind: 'apollo',
    async handle(req: IncomingMessage, res: ServerResponse) {
      if (applyCors(req, res, options.limits.corsOrigins)) return;
      exemptGetFromCsrf(req);
      const forward = Object.fromEntries(
        FORWARDED_HEADERS.flatMap((h) =>
          typeof req.headers[h] === 'string' ? [[h, req.headers[h] as string]] : [],
        ),
      );
      const client =
        typeof req.headers[CLIENT_HEADER] === 'string' ? req.headers[CLIENT_HEADER] : undefined;
      await serveApollo(
        server,
        req,
        res,
        async () => bindRequest<ForwardContext>({ forward, client }, req),
        { maxBodyBytes: options.limits.maxBodyBytes },
      );
    },
    async stop() {
      await server.stop();
    },
  };
}
