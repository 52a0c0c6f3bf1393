import { CITY } from '@cppcc/demo';
import { fromGlobalId, toGlobalId } from '@cppcc/kit';
import { databases } from '@cppcc/testing';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

/**
 * Relay's Global Object Identification (docs/architecture.md, "Ids"): every `id` is an opaque
 * global id naming its type, the same wherever the record appears; `node(id)`/`nodes(ids)`
 * fetch any node type with that type's own visibility.
 */

const api = buildSchema(
  fs.readFileSync(path.join(import.meta.dirname, '../schema/api.graphql'), 'utf8'),
);

type Nodes<T = { id: string }> = { nodes: T[] };

describe('the API schema', () => {
  it('has Node, node(id) and nodes(ids), and every type with a root lookup by id implements Node', () => {
    const node = api.getType('Node');
    expect(isInterfaceType(node)).toBe(true);
    const query = api.getQueryType()!.getFields();
    expect(String(query.node!.type)).toBe('Node');
    expect(String(query.nodes!.type)).toBe('[Node]!');
    const lookups = Object.values(query).filter(
      (f) => f.args.length === 1 && f.args[0]!.name === 'id' && isObjectType(f.type),
    );
    const notNodes = lookups
      .map((f) => f.type)
      .filter((t) => isObjectType(t) && !t.getInterfaces().some((i) => i.name === 'Node'))
      .map(String);
    // Plugin: its id is its name; InboxChange: its id is an inbox key. Neither is a record.
    expect(notNodes.sort()).toEqual(['InboxChange', 'Plugin']);
  });
});

const cases = databases().flatMap((db) =>
  CONFIGURATIONS.map((c) => ({ ...c, url: db.url, name: `${db.name}, ${c.name}` })),
);

describe.each(cases)('global ids through the gateway on $name', ({ url, engine, settings }) => {
  let stack: Stack;
  let staff: string;
  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url, engine, settings });
    staff = await stack.token({ roles: ['staff'], district: CITY });
  }, 300_000);
  afterAll(() => stack?.stop());

  const ok = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
    const { status, body } = await stack.post<T>({ query, variables }, { token, wireIds: true });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data!;
  };

  it('answers ids that name their type, the same from every subgraph that shows the record', async () => {
    const data = await ok<{
      proposals: Nodes<{ id: string; author: { id: string } | null }>;
    }>('{ proposals(first: 5) { nodes { id author { id } } } }');
    const proposal = data.proposals.nodes.find((p) => p.author)!;
    expect(fromGlobalId(proposal.id)?.type).toBe('Proposal');
    expect(fromGlobalId(proposal.author!.id)?.type).toBe('Member');
    // The author's id, as proposals refers to them, is the id members answers for them.
    const member = await ok<{ member: { id: string } }>(
      'query($id: ID!) { member(id: $id) { id } }',
      {
        id: proposal.author!.id,
      },
    );
    expect(member.member.id).toBe(proposal.author!.id);
  });

  it('fetches any node by its id with node(id), as its own lookup shows it', async () => {
    const { proposals } = await ok<{ proposals: Nodes<{ id: string; title: string }> }>(
      '{ proposals(first: 1) { nodes { id title } } }',
    );
    const [p] = proposals.nodes;
    const { node } = await ok<{ node: { __typename: string; id: string; title: string } }>(
      'query($id: ID!) { node(id: $id) { __typename id ... on Proposal { title } } }',
      { id: p!.id },
    );
    expect(node).toEqual({ __typename: 'Proposal', id: p!.id, title: p!.title });

    const { governmentUnits, exchangeVisits } = await ok<{
      governmentUnits: Nodes<{ id: string; name: string }>;
      exchangeVisits: Nodes<{ id: string; startsOn: string }>;
    }>(
      '{ governmentUnits(first: 1) { nodes { id name } } exchangeVisits(first: 1) { nodes { id startsOn } } }',
      undefined,
      staff,
    );
    const unit = governmentUnits.nodes[0]!;
    const visit = exchangeVisits.nodes[0]!;
    const { nodes } = await ok<{ nodes: unknown[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on GovernmentUnit { name } ... on ExchangeVisit { startsOn } } }`,
      { ids: [unit.id, toGlobalId('Proposal', 999_999), visit.id] },
      staff,
    );
    // In order; null where the record does not exist (a plugin's type as well as a core one).
    expect(nodes).toEqual([
      { id: unit.id, name: unit.name },
      null,
      { id: visit.id, startsOn: visit.startsOn },
    ]);
  });

  it('answers null for a node the caller may not see, as its lookup does', async () => {
    const ids = async (token?: string) =>
      (
        await ok<{ proposals: Nodes }>(
          '{ proposals(first: 1000) { nodes { id } } }',
          undefined,
          token,
        )
      ).proposals.nodes.map((n) => n.id);
    const seen = new Set(await ids());
    const hidden = (await ids(staff)).find((id) => !seen.has(id));
    expect(hidden).toBeDefined();
    const query = 'query($id: ID!) { node(id: $id) { id ... on Proposal { title } } }';
    expect((await ok<{ node: unknown }>(query, { id: hidden })).node).toBeNull();
    expect((await ok<{ node: { id: string } }>(query, { id: hidden }, staff)).node.id).toBe(hidden);
  });

  it("takes a global id where an id is asked, refuses another type's, and still takes a bare key for one release", async () => {
    const { proposals } = await ok<{ proposals: Nodes }>(
      '{ proposals(first: 1) { nodes { id } } }',
    );
    const id = proposals.nodes[0]!.id;
    const key = fromGlobalId(id)!.key;
    const lookup = 'query($id: ID!) { proposal(id: $id) { id } }';
    expect((await ok<{ proposal: { id: string } }>(lookup, { id: key })).proposal.id).toBe(id);
    const wrong = await stack.post({ query: lookup, variables: { id: toGlobalId('Member', key) } });
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      rule: 'id',
    });
    expect(wrong.body.errors?.[0]?.message).toContain('Member');
  });

  it('refuses node ids that are not global ids, and more than 100 at once', async () => {
    const bad = await stack.post({ query: '{ node(id: "42") { id } }' });
    expect(bad.status).toBe(200);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      rule: 'global-id',
    });
    const many = Array.from({ length: 101 }, (_, i) => toGlobalId('Proposal', i + 1));
    const tooMany = await stack.post({
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids: many },
    });
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
      rule: 'max',
    });
  });
});
