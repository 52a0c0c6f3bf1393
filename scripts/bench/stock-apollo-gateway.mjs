// The baseline (b) of `npm run bench -- mix`: a stock @apollo/gateway in @apollo/server's
// standalone server, nothing of ours. Plain JavaScript run by node, like compiled code.
//   node scripts/bench/stock-apollo-gateway.mjs SUPERGRAPH_FILE   (PORT, ROUTER_SECRET)
// It forwards what the subgraphs need from a stock router, as deploy/routers/ does:
// - x-cppcc-router-secret: subgraphs only answer callers they trust; a stock router proves
//   itself with this shared secret (ours signs each call with the gateway secret instead);
// - authorization: the caller's token, which the subgraphs verify themselves on such calls;
// - x-cppcc-district: the district an anonymous reader names, which scopes what they see.
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const FORWARDED = ['authorization', 'x-cppcc-district'];

class Forwarding extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    request.http.headers.set('x-cppcc-router-secret', process.env.ROUTER_SECRET ?? '');
    for (const name of FORWARDED) {
      const value = context.headers?.[name];
      if (value) request.http.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: fs.readFileSync(process.argv[2], 'utf8'),
  buildService: ({ url }) => new Forwarding({ url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4903) },
  context: async ({ req }) => ({ headers: req.headers }),
});
process.stdout.write(`stock gateway listening at ${url}\n`);
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => server.stop().then(() => process.exit(0)));
