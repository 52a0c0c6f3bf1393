import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGatewayRuntime, useCustomFetch } from '@graphql-hive/gateway-runtime';
import { noteOperation, subgraphFetches } from '@cppcc/kit';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { CALLER_HEADER, siteFromCallerHeader } from './gating.js';
import type { EngineOptions as Options } from './engine.js';
import { depthLimitRule } from './depth-limit.js';
import { admitWrite, CLIENT_HEADER } from '../write-limit.js';
import { signingPlugin } from '../sign-subgraph-request.js';
import { FORWARDED_HEADERS, type Engine, type EngineOptions } from './engine.js';
import type { SubgraphRequestInit } from './subgraph-fetch.js';

/**
 * Yoga leaves variable-coercion errors without a code and attaches the parser's error to a
 * malformed body; clients get the same codes as under the Apollo engine instead.
 */
const stableErrorCodes = {
  onResultProcess({ result, setResult }: { result: any; setResult: (r: any) => void }) {
    if (!result || Array.isArray(result) || !Array.isArray(result.errors)) return;
    setResult({
      ...result,
      errors: result.errors.map((error: GraphQLError) => {
        const { originalError: _hidden, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
        if (!extensions.code) extensions.code = /^Variable "\$/.test(error.message) ? 'BAD_USER_INPUT' : 'BAD_REQUEST';
        return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
      }),
    });
  },
};

/** Names the operation for the access log and metrics, and counts fetches per subgraph. */
const observing = {
  onExecute({ args }: { args: { operationName?: string | null; document: DocumentNode; contextValue?: { req?: IncomingMessage } } }) {
    const req = args.contextValue?.req;
    const named = args.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName));
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
    async onExecute({ args, setResultAndStopExecution }: any) {
      const headers = args.contextValue?.request?.headers;
      const limited = await admitWrite(options.writeLimiter, args.document, args.operationName, headers?.get(CALLER_HEADER), headers?.get(CLIENT_HEADER));
      if (limited) return setResultAndStopExecution({ errors: [limited] });
      const site = siteFromCallerHeader(headers?.get(CALLER_HEADER));
      const refused = options.gate.check(args.document, site);
      if (refused) return setResultAndStopExecution({ errors: [refused] });
      if (options.gate.disabledFor(site).length > 0 && options.gate.introspection(args.document, args.operationName) === 'only') {
        setResultAndStopExecution(await options.gate.introspect(site, args.document, args.variableValues, args.operationName));
      }
    },
  };
}

/** The Hive Gateway runtime (MIT): Yoga + @graphql-tools/federation's planner. GATEWAY_ENGINE=hive. */
export async function hiveEngine(options: EngineOptions): Promise<Engine> {
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'CPPCC Graph' },
    disableIntrospection: options.introspection === false ? {} : undefined,
    logging: options.debug ? 'debug' : false,
    maskedErrors: !options.debug,
    plugins: () => [observing, { onValidate: ({ addValidationRule }: any) => addValidationRule(depthLimitRule(options.maxDepth)) }, stableErrorCodes, gating(options), signingPlugin(options.sign), useCustomFetch(((url: string, init: SubgraphRequestInit) => options.fetch(url, init, options.sign)) as never)],
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
