import { buildSchema, parse, print, type DocumentNode, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withSpecAnswers } from './rust-planner.js';

/**
 * The wrapper over the Rust planner's executor, on a stand-in for the planner that records what
 * it was asked and answers as @graphql-hive/router-runtime does (no `data` when every fetch failed).
 */
const schema = buildSchema(`
  type Query { member(id: ID!): Member! note(id: ID!): String district(code: ID!): District }
  type Member { name: String }
  type District { name: String }
`);

function wrapped(answer: (document: DocumentNode) => ExecutionResult) {
  const planned: string[] = [];
  const handler = withSpecAnswers((async () => ({
    unifiedGraph: schema,
    getSubgraphSchema: () => schema,
    executor: ({ document }: { document: DocumentNode }) => {
      planned.push(print(document).replace(/\s+/g, ' '));
      return answer(document);
    },
  })) as never);
  return {
    planned,
    run: async (query: string, variables?: Record<string, unknown>) => {
      const graph = await handler({} as never);
      return (await graph.executor!({
        document: parse(query),
        variables,
      } as never)) as ExecutionResult;
    },
  };
}

const forbidden = {
  errors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }],
} as unknown as ExecutionResult;

describe('the Rust planner, answered as the specs ask', () => {
  it('nulls data when a non-null root field failed, and each root field when they are nullable', async () => {
    const { run } = wrapped(() => forbidden);
    expect(await run('{ member(id: "1") { name } }')).toMatchObject({
      data: null,
      errors: [{ message: 'forbidden' }],
    });
    expect(await run('{ n: note(id: "1") __typename }')).toMatchObject({
      data: { n: null, __typename: 'Query' },
    });
  });

  it('refuses variables that do not coerce as a request error (400), before any planning', async () => {
    const { run, planned } = wrapped(() => ({ data: {} }));
    const result = await run('query($id: ID!) { note(id: $id) }', { id: { x: 1 } });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Variable "\$id"/),
      extensions: { http: { status: 400 } },
    });
    expect(planned).toEqual([]);
  });

  it('answers introspection from the schema and plans only the data beside it, in order', async () => {
    const { run, planned } = wrapped(() => ({ data: { district: { name: '歙县政协' } } }));
    const result = await run(
      '{ t: __type(name: "Member") { name } district(code: "341021") { name } ...Schema } fragment Schema on Query { __schema { queryType { name } } }',
    );
    expect(result).toEqual({
      data: {
        t: { name: 'Member' },
        district: { name: '歙县政协' },
        __schema: { queryType: { name: 'Query' } },
      },
    });
    expect(Object.keys(result.data!)).toEqual(['t', 'district', '__schema']);
    expect(planned).toEqual([
      '{ district(code: "341021") { name } ...Schema } fragment Schema on Query { __typename }',
    ]);
    // Introspection alone (here through a fragment) is not planned at all.
    expect(
      await run('{ ...Schema } fragment Schema on Query { __schema { queryType { name } } }'),
    ).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(planned).toHaveLength(1);
  });
});
