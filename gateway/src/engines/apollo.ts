import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { serveApollo } from '@cppcc/kit';
import { depthLimitRule } from './depth-limit.js';
import { FORWARDED_HEADERS, type Engine, type EngineOptions } from './engine.js';

interface ForwardContext {
  forward: Record<string, string>;
}

/** @apollo/gateway (Elastic License 2.0) on @apollo/server: the default engine. */
export async function apolloEngine(options: EngineOptions): Promise<Engine> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<ForwardContext>({
        url,
        willSendRequest({ request, context }) {
          for (const [key, value] of Object.entries(context.forward ?? {})) request.http?.headers.set(key, String(value));
        },
      }),
  });
  const server = new ApolloServer<ForwardContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    validationRules: [depthLimitRule(options.maxDepth)],
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  return {
    kind: 'apollo',
    async handle(req: IncomingMessage, res: ServerResponse) {
      const forward = Object.fromEntries(FORWARDED_HEADERS.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h] as string]] : [])));
      await serveApollo(server, req, res, async () => ({ forward }));
    },
    async stop() {
      await server.stop();
    },
  };
}
