import { randomUUID } from 'node:crypto';
import { createGateway, type RunningGateway } from '@cppcc/gateway';
import { ACTIVE_DISTRICTS, CITY } from '@cppcc/demo';
import { redisTransport, responseCacheLookups, type Caller, type Transport } from '@cppcc/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, type Stack } from './harness.js';

/**
 * The gateway's response cache (gateway/src/response-cache.ts): what it serves is observable as
 * a request that ran no SQL in any subgraph (the harness records each statement with the
 * gateway's request id). The TTL is ten minutes here, so nothing below passes by expiry.
 */
const TTL = { responseCache: true, responseCacheTtlMs: 600_000 };
const OTHER = ACTIVE_DISTRICTS.find((d) => d !== CITY)!;

const LIST = `query PublicList($district: ID) {
  proposals(filter: { district: $district, status: FILED }, first: 100) { totalCount nodes { id title } }
}`;
const SUBMITTED = `query Submitted($district: ID) {
  proposals(filter: { district: $district, status: SUBMITTED }, first: 100) { totalCount nodes { id } }
}`;
const SUBMIT = `mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id version } }`;
const FILE = `mutation($id: ID!, $version: Int!) { fileProposal(id: $id, version: $version) { id status } }`;

const hits = async () =>
  (await responseCacheLookups.get()).values.find((v) => v.labels.outcome === 'hit')?.value ?? 0;

type List = { proposals: { totalCount: number; nodes: { id: string }[] } };

/** An anonymous read of the public list, viewing `site`: its ids and the SQL it ran. */
async function read(stack: Stack, site = CITY, url?: string) {
  const response = url
    ? await postTo(
        url,
        { query: LIST, variables: { district: CITY } },
        { 'x-cppcc-district': site },
      )
    : await stack.post<List>(
        { query: LIST, variables: { district: CITY } },
        { headers: { 'x-cppcc-district': site } },
      );
  expect(response.body.errors).toBeUndefined();
  return {
    ids: response.body.data!.proposals.nodes.map((n) => n.id),
    sql: stack.statements.filter((s) => s.requestId === response.requestId).length,
  };
}

async function postTo(url: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    body: (await response.json()) as { data?: List; errors?: unknown[] },
    requestId: response.headers.get('x-request-id') ?? '',
  };
}

/** A member of the city submits a proposal through the gateway at `url`: its id and version. */
async function submit(stack: Stack, url?: string): Promise<{ id: string; version: number }> {
  const token = await stack.token({ roles: ['member'], district: CITY, memberId: '8' });
  const variables = {
    i: {
      title: `关于缓存一致性的建议 ${randomUUID().slice(0, 8)}`,
      category: 'URBAN_MANAGEMENT',
      situation: '现状',
      analysis: '分析',
      suggestions: '建议',
    },
  };
  return stack.settle(async () => {
    const { body } = url
      ? await postAs(url, token, { query: SUBMIT, variables })
      : await stack.post<{ submitProposal: { id: string; version: number } }>(
          { query: SUBMIT, variables },
          { token },
        );
    return (
      !body.errors &&
      (body.data as { submitProposal: { id: string; version: number } }).submitProposal
    );
  });
}

async function postAs(url: string, token: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

async function fileThroughGateway(stack: Stack, p: { id: string; version: number }, url?: string) {
  const token = await stack.token({ roles: ['staff'], district: CITY });
  const { body } = url
    ? await postAs(url, token, { query: FILE, variables: p })
    : await stack.post({ query: FILE, variables: p }, { token });
  expect(body.errors).toBeUndefined();
}

describe('response cache, SQLite and the in-process bus (Hive engine, Rust planner)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      engine: 'hive',
      gatewaySettings: { ...TTL, gatewayPlanner: 'rust' },
    });
  }, 120_000);
  afterAll(async () => stack?.stop());

  it("serves an anonymous caller's repeated read from the cache: no SQL the second time", async () => {
    const first = await read(stack);
    expect(first.sql).toBeGreaterThan(0);
    const hitsBefore = await hits();
    const second = await read(stack);
    expect(second.sql).toBe(0);
    expect(second.ids).toEqual(first.ids);
    // The gateway's metrics say so too (GET /metrics).
    expect(await hits()).toBe(hitsBefore + 1);
  });

  it('shows a write through the gateway in the very next read', async () => {
    const proposal = await submit(stack);
    const before = await read(stack);
    expect((await read(stack)).sql).toBe(0);
    expect(before.ids).not.toContain(proposal.id);
    await fileThroughGateway(stack, proposal);
    const after = await read(stack);
    expect(after.sql).toBeGreaterThan(0);
    expect(after.ids).toContain(proposal.id);
  });

  it('drops what a write made elsewhere changed when its bus event arrives', async () => {
    const proposal = await submit(stack);
    await read(stack);
    expect((await read(stack)).sql).toBe(0);
    // Filed inside the proposals module, not through the gateway: only its event tells.
    const staff: Caller = {
      userId: 'staff:cache-test',
      memberId: null,
      district: CITY,
      site: CITY,
      roles: ['staff'],
      districts: [CITY],
    };
    const filed = await stack.modules
      .get('proposals')!
      .execute(FILE, { id: proposal.id, version: proposal.version }, staff);
    expect(filed.errors).toBeUndefined();
    const seen = await stack.settle(async () => {
      const now = await read(stack);
      return now.ids.includes(proposal.id) && now;
    });
    expect(seen.sql).toBeGreaterThan(0);
  });

  it("never serves one district's cached answer to a request viewing another", async () => {
    await read(stack, CITY);
    expect((await read(stack, CITY)).sql).toBe(0);
    // The same document and variables, another district's view (its plugins): a miss, then its own entry.
    expect((await read(stack, OTHER)).sql).toBeGreaterThan(0);
    expect((await read(stack, OTHER)).sql).toBe(0);
  });

  it("never caches a signed-in caller's answer, nor serves its non-public rows to anyone", async () => {
    const proposal = await submit(stack);
    const token = await stack.token({ roles: ['staff'], district: CITY });
    const asStaff = async () => {
      const r = await stack.post<List>(
        { query: SUBMITTED, variables: { district: CITY } },
        { token },
      );
      expect(r.body.errors).toBeUndefined();
      return {
        ids: r.body.data!.proposals.nodes.map((n) => n.id),
        sql: stack.statements.filter((s) => s.requestId === r.requestId).length,
      };
    };
    const staffFirst = await asStaff();
    expect(staffFirst.ids).toContain(proposal.id);
    expect((await asStaff()).sql).toBeGreaterThan(0);
    const anonymous = await stack.post<List>({ query: SUBMITTED, variables: { district: CITY } });
    expect(
      stack.statements.filter((s) => s.requestId === anonymous.requestId).length,
    ).toBeGreaterThan(0);
    expect(anonymous.body.data?.proposals.nodes.map((n) => n.id) ?? []).not.toContain(proposal.id);
  });
});

describe('response cache switched off (GATEWAY_RESPONSE_CACHE=off)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ engine: 'hive', gatewaySettings: { responseCache: false } });
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('answers every read from the subgraphs', async () => {
    await read(stack);
    expect((await read(stack)).sql).toBeGreaterThan(0);
  });
});

describe('response cache on PostgreSQL and Redis: two gateway replicas share it', () => {
  let stack: Stack;
  let other: RunningGateway;
  let otherTransport: Transport;
  beforeAll(async () => {
    // Fails, not skips, without them: CI provides both.
    const databaseUrl = process.env.DATABASE_URL;
    const redisUrl = process.env.REDIS_URL;
    if (!databaseUrl || !redisUrl) throw new Error('this test needs DATABASE_URL and REDIS_URL');
    const stream = `test:${randomUUID()}`;
    const open = () => redisTransport({ url: redisUrl, stream, blockMs: 100 });
    const shared = { ...TTL, redisUrl, redisStream: stream };
    stack = await startStack({ databaseUrl, transport: await open(), gatewaySettings: shared });
    otherTransport = await open();
    other = await createGateway({
      settings: { ...settings, ...shared },
      supergraphPath: stack.supergraphPath,
      routingUrls: Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
      transport: otherTransport,
      port: 0,
    });
  }, 180_000);
  afterAll(async () => {
    await other?.stop();
    await otherTransport?.close();
    await stack?.stop();
  });

  it("serves one replica's cached answer from the other, and a write through either is seen by both", async () => {
    const proposal = await submit(stack);
    const first = await read(stack);
    expect(first.sql).toBeGreaterThan(0);
    // The submission's own events reach the replicas over Redis after its answer, and drop what
    // proposals built: read until the answer stays cached, so it is the sharing that is tested.
    await stack.settle(async () => (await read(stack)).sql === 0 && (await read(stack)).sql === 0);
    // The other replica answers from the same Redis: no SQL.
    expect((await read(stack, CITY, other.url)).sql).toBe(0);
    await fileThroughGateway(stack, proposal, other.url);
    const after = await read(stack);
    expect(after.sql).toBeGreaterThan(0);
    expect(after.ids).toContain(proposal.id);
  });
});
