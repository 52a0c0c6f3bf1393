import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { depthLimitRule } from './depth-limit.js';
import { FORWARDED_HEADERS, type Engine, type EngineOptions } from './engine.js';

/** The Hive Gateway runtime (MIT): Yoga + @graphql-tools/federation's planner. */
export async function hiveEngine(options: EngineOptions): Promise<Engine> {
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'CPPCC Graph' },
    logging: process.env.HIVE_DEBUG ? 'debug' : false,
    maskedErrors: !process.env.HIVE_DEBUG,
    plugins: () => [{ onValidate: ({ addValidationRule }: any) => addValidationRule(depthLimitRule(options.maxDepth)) }],
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) =>
        Object.fromEntries(FORWARDED_HEADERS.map((h) => [h, request.headers.get(h)])),
    },
  });
  return {
    kind: 'hive',
    async handle(req: IncomingMessage, res: ServerResponse) {
      await runtime.requestListener(req, res);
    },
    async stop() {
      await runtime.dispose();
    },
  };
}
