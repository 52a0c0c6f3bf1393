// Hive Gateway (gateway.config.ts) in front of the CPPCC Graph subgraphs, configuration only.
// Run: npx hive-gateway supergraph schema/supergraph.graphql --config-path deploy/routers/hive-gateway.config.ts
// tests/stock-router.e2e.ts runs this same configuration (as an .mjs file) in CI.
// The subgraphs must run with ROUTER_SECRET set to the same value, and the same JWT settings.
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }: { request: Request }) {
      const headers: Record<string, string> = {
        'x-cppcc-router-secret': process.env.ROUTER_SECRET ?? '',
      };
      for (const name of ['authorization', 'x-cppcc-district']) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
};
