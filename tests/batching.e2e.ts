import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, type Stack } from './harness.js';

const query = `query($n: Int) {
  members(first: $n) {
    nodes {
      name
      district { name }
      sector { name }
      committees { role committee { name district { code } } }
      proposals(first: 5) { totalCount nodes { title status } }
      consultations(first: 5) { nodes { title } }
    }
  }
}`;

describe.each(databases())('entity batching on $name', ({ url }) => {
  let stack: Stack;
  beforeAll(async () => {
    // Five times the demo data: 1000 members.
    // 1000 members in one request is the point here, not a cost a client may run.
    // Seeding and replicating 5x the demo takes ~45 s on an idle machine and over 120 s on
    // PostgreSQL beside the rest of the suite on two cores (seen in CI): the bound is generous.
    stack = await startStack({
      databaseUrl: url,
      seed: { scale: 5 },
      gatewaySettings: { limits: { ...settings.limits, maxCost: 100_000_000 } },
    });
  }, 420_000);
  afterAll(() => stack?.stop());

  async function statements(n: number): Promise<Map<string, number>> {
    stack.resetQueryCounts();
    const r = await stack.post<{ members: { nodes: { name: string }[] } }>({
      query,
      variables: { n },
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.members.nodes).toHaveLength(n);
    return new Map(stack.queryCounts);
  }

  it('runs the same number of SQL statements in each subgraph for 100 and for 1000 members', async () => {
    // The gateway reads the district tree on its first request (and once a minute): not per query.
    await statements(10);
    const small = await statements(100);
    const large = await statements(1000);
    for (const module of ['organization', 'members', 'proposals', 'consultation'])
      expect(small.get(module), module).toBeGreaterThan(0);
    // Modules the query does not reach (platform, plugins) stay at zero for both.
    for (const [module, count] of small) expect(large.get(module), module).toBe(count);
  });
});
