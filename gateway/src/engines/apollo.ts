import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { bindRequest, noteOperation, requestOf, serveApollo, subgraphFetches } from '@cppcc/kit';
import { GraphQLError } from 'graphql';
import { depthLimitRule } from './depth-limit.js';
import { CALLER_HEADER, siteFromCallerHeader } from './gating.js';
import { FORWARDED_HEADERS, type Engine, type EngineOptions } from './engine.js';
import type { SubgraphRequestInit } from './subgraph-fetch.js';
import { admitWrite, CLIENT_HEADER } from '../write-limit.js';
import { signFetches } from '../sign-subgraph-request.js';

interface ForwardContext {
  forward: Record<string, string>;
  /** The client address, for the write budget; not forwarded. */
  client?: string;
}

function gatingPlugin(options: EngineOptions): ApolloServerPlugin<ForwardContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue, request, operationName }) {
          const req = requestOf(contextValue);
          if (req) noteOperation(req, operationName);
          const limited = await admitWrite(options.writeLimiter, document, request.operationName, contextValue.forward[CALLER_HEADER], contextValue.client);
          // Answered like the plugin gate's refusals (HTTP 200 under both engines); the code and retryAfterSeconds say it.
          if (limited) throw new GraphQLError(limited.message, { extensions: { ...limited.extensions, http: { status: 200 } } });
          const refused = options.gate.check(document, siteFromCallerHeader(contextValue.forward[CALLER_HEADER]));
          // A refusal is an answer like any resolver error (HTTP 200, as under Hive), not a server failure.
          if (refused) throw new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 200 } } });
        },
        async responseForOperation({ document, contextValue, request }) {
          const site = siteFromCallerHeader(contextValue.forward[CALLER_HEADER]);
          if (options.gate.disabledFor(site).length === 0 || options.gate.introspection(document, request.operationName) !== 'only') return null;
          const result = await options.gate.introspect(site, document, request.variables, request.operationName);
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
        },
      };
    },
  };
}

/** @apollo/gateway (Elastic License 2.0) on @apollo/server: the default engine. */
export async function apolloEngine(options: EngineOptions): Promise<Engine> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      signFetches(
        new RemoteGraphQLDataSource<ForwardContext>({
          url,
          // Retries are signed afresh (a proof is used once).
          fetcher: ((target: string, init: SubgraphRequestInit) => options.fetch(target, init, options.sign)) as unknown as RemoteGraphQLDataSource['fetcher'],
          willSendRequest({ request, context }) {
            for (const [key, value] of Object.entries(context.forward ?? {})) request.http?.headers.set(key, String(value));
          },
          didReceiveResponse({ response }) {
            subgraphFetches.inc({ subgraph: name, outcome: response.errors?.length ? 'errors' : 'ok' });
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
    csrfPrevention: false,
    // The gateway process stops on signals itself, letting requests in flight finish first.
    stopOnTerminationSignals: false,
    introspection: options.introspection !== false,
    validationRules: [depthLimitRule(options.maxDepth)],
    plugins: [ApolloServerPluginInlineTraceDisabled(), gatingPlugin(options)],
  });
  await server.start();
  return {
    kind: 'apollo',
    async handle(req: IncomingMessage, res: ServerResponse) {
      const forward = Object.fromEntries(FORWARDED_HEADERS.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h] as string]] : [])));
      const client = typeof req.headers[CLIENT_HEADER] === 'string' ? req.headers[CLIENT_HEADER] : undefined;
      await serveApollo(server, req, res, async () => bindRequest<ForwardContext>({ forward, client }, req));
    },
    async stop() {
      await server.stop();
    },
  };
}
