import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; Node loads the CJS one for Apollo and Pothos, so tests
    // must too, or schemas cross "realms" and graphql refuses them.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  ssr: { resolve: { conditions: ['@cppcc/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'subgraphs/*/src/**/*.test.ts',
      'plugins/*/src/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'schema/src/**/*.test.ts',
      'tests/**/*.e2e.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // One seeded stack of each kind per run; the others start from a copy of its databases.
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
