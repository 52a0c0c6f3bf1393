import { CITY } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { id: string; name: string } }[];
}

const MEMBERS = `query Members($first: Int, $after: String, $last: Int, $before: String) {
  district(code: "${CITY}") {
    members(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name } }
    }
  }
}`;

/** Backward paging (`last`/`before`) through the gateway, on the demo's city members. */
describe.each(databases())('backward paging through the gateway on $name', ({ url }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ...CONFIGURATIONS[0], databaseUrl: url });
  }, 240_000);
  afterAll(() => stack?.stop());

  async function members(args: Record<string, unknown>) {
    const { body } = await stack.post<{ district: { members: Page } }>({
      query: MEMBERS,
      variables: args,
    });
    expect(body.errors).toBeUndefined();
    return body.data!.district.members;
  }

  it('walks the city members from the end back to the first, the same members as forward', async () => {
    const forward: string[] = [];
    for (let after: string | null = null; ; ) {
      const page: Page = await members({ first: 7, after });
      forward.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const backward: string[] = [];
    const flags: [boolean, boolean][] = [];
    for (let before: string | null = null; ; ) {
      const page: Page = await members({ last: 7, before });
      backward.unshift(...page.edges.map((e) => e.node.id));
      flags.push([page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage]);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(forward.length).toBeGreaterThan(14);
    expect(backward).toEqual(forward);
    // The last page has nothing after it; every page before it has; only the first page has nothing before it.
    expect(flags[0]).toEqual([true, false]);
    expect(flags.at(-1)).toEqual([false, true]);
    expect(flags.slice(1, -1).every(([p, n]) => p && n)).toBe(true);
  });

  it('answers hasPreviousPage on a forward page after the first', async () => {
    const one = await members({ first: 3 });
    const two = await members({ first: 3, after: one.pageInfo.endCursor });
    expect(one.pageInfo.hasPreviousPage).toBe(false);
    expect(two.pageInfo.hasPreviousPage).toBe(true);
    const back = await members({ last: 3, before: two.pageInfo.startCursor });
    expect(back.edges.map((e) => e.node.id)).toEqual(one.edges.map((e) => e.node.id));
  });

  it('refuses first and last together, naming the field and the rule', async () => {
    const { body } = await stack.post({ query: MEMBERS, variables: { first: 2, last: 2 } });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'last',
      rule: 'one-of',
    });
  });

  it('pages a nested list backward (each member’s proposals, batch-loaded)', async () => {
    const { body } = await stack.post<{
      district: {
        members: {
          nodes: {
            all: { nodes: { title: string }[] };
            tail: { pageInfo: { hasPreviousPage: boolean }; nodes: { title: string }[] };
          }[];
        };
      };
    }>({
      query: `{ district(code: "${CITY}") { members(first: 20) { nodes {
        all: proposals(first: 1000) { nodes { title } }
        tail: proposals(last: 1) { pageInfo { hasPreviousPage } nodes { title } }
      } } } }`,
    });
    expect(body.errors).toBeUndefined();
    const withTwo = body.data!.district.members.nodes.filter((m) => m.all.nodes.length >= 2);
    expect(withTwo.length).toBeGreaterThan(0);
    for (const m of body.data!.district.members.nodes) {
      expect(m.tail.nodes).toEqual(m.all.nodes.slice(-1));
      expect(m.tail.pageInfo.hasPreviousPage).toBe(m.all.nodes.length > 1);
    }
  });
});
