import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { createGateway, type RunningGateway } from '@cppcc/gateway';
import { redisTransport, type Transport } from '@cppcc/kit';
import { idsAsKeys } from '@cppcc/testing';
import { CONFIGURATIONS, settings, startStack, type Stack } from './harness.js';

const CITY = '341000';
const OTHER = '341021';

interface Received {
  data?: Record<string, { id: string; status?: string; title?: string }>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { cursor?: string };
}

/** Both clients subscribe alike: a payload and a sink; this collects what the sink receives. */
function collect(
  client: {
    subscribe(
      payload: { query: string },
      sink: { next(r: unknown): void; error(e: unknown): void; complete(): void },
    ): () => void;
    dispose(): void | Promise<void>;
  },
  query: string,
) {
  const received: Received[] = [];
  const unsubscribe = client.subscribe(
    { query },
    {
      // Ids read back as keys, as the stack's client reads them (idsAsKeys).
      next: (r) => received.push(idsAsKeys(r) as Received),
      error: (err) => received.push({ errors: [{ message: String(err) }] }),
      complete: () => undefined,
    },
  );
  return {
    received,
    stop: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}

/** A subscriber over GraphQL over SSE. */
const overSse = (url: string, token: string | undefined, query: string) =>
  collect(
    createSseClient({
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    }),
    query,
  );

/** A subscriber over graphql-ws, its token in connectionParams as a browser sends it. */
const overWs = (url: string, token: string, query: string) =>
  collect(
    createWsClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    }),
    query,
  );

const statuses = (list: Received[]) =>
  list.map((r) => r.data?.proposalChanged?.status ?? r.errors?.[0]?.message);

describe.each([CONFIGURATIONS[0], CONFIGURATIONS[2]])(
  'live updates through the gateway ($name)',
  ({ engine, settings }) => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ engine, settings });
    }, 120_000);
    afterAll(() => stack?.stop());

    it('sends each subscriber exactly the changes its queries may see, over SSE and WebSocket', async () => {
      const url = stack.gateway.url;
      const member = await stack.token({ roles: ['member'], district: CITY, memberId: '7' });
      const staff = await stack.token({ roles: ['staff'], district: CITY });
      const otherStaff = await stack.token({ roles: ['staff'], district: OTHER });
      const fields = '{ id status title }';
      const cityStaff = overSse(
        url,
        staff,
        `subscription { proposalChanged(district: "${CITY}") ${fields} }`,
      );
      const other = overSse(url, otherStaff, `subscription { proposalChanged ${fields} }`);
      const anonymous = overSse(
        url,
        undefined,
        `subscription { changed: proposalChanged { id status } }`,
      );
      const author = overWs(url, member, `subscription { proposalChanged ${fields} }`);
      // Subscribed once the gateway's hub holds all four.
      await stack.settle(async () => (await subscribers(stack)) >= 4);

      const submitted = await stack.post<{ submitProposal: { id: string; version: number } }>(
        {
          query: 'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id version } }',
          variables: {
            i: {
              title: '关于新安江沿线民宿规范发展的建议',
              category: 'CULTURE_TOURISM',
              situation: '现状',
              analysis: '分析',
              suggestions: '建议',
            },
          },
        },
        { token: member },
      );
      expect(submitted.body.errors).toBeUndefined();
      const { id, version } = submitted.body.data!.submitProposal;
      await stack.settle(async () => cityStaff.received.length >= 1);
      const filed = await stack.post(
        {
          query: `mutation { fileProposal(id: "${id}", version: ${version}) { status } }`,
        },
        { token: staff },
      );
      expect(filed.body.errors).toBeUndefined();

      // In order, each stream ends at FILED: whoever sees FILED has been shown SUBMITTED or not.
      const seen = (s: { received: Received[] }) =>
        s.received.some((r) => r.data && Object.values(r.data)[0]?.status === 'FILED');
      await stack.settle(async () => [cityStaff, other, anonymous, author].every(seen));
      expect(statuses(cityStaff.received)).toEqual(['SUBMITTED', 'FILED']);
      expect(statuses(author.received)).toEqual(['SUBMITTED', 'FILED']);
      // A submitted proposal is its district's and its author's; filed, it is public.
      expect(statuses(other.received)).toEqual(['FILED']);
      expect(anonymous.received.map((r) => r.data?.changed?.status)).toEqual(['FILED']);
      expect(cityStaff.received[1].data?.proposalChanged).toEqual({
        id,
        status: 'FILED',
        title: '关于新安江沿线民宿规范发展的建议',
      });
      for (const r of cityStaff.received) expect(r.extensions?.cursor).toMatch(/^\d+(-\d+)?$/);

      // Resuming from the first change's cursor sends what came after it, then goes on live.
      const resumed = overSse(
        url,
        staff,
        `subscription { proposalChanged(id: "${id}", after: "${cityStaff.received[0].extensions!.cursor}") { status } }`,
      );
      await stack.settle(async () => resumed.received.length >= 1);
      expect(statuses(resumed.received)).toEqual(['FILED']);

      await cityStaff.stop();
      await other.stop();
      await anonymous.stop();
      await resumed.stop();
      await author.stop();
      await stack.settle(async () => (await subscribers(stack)) === 0);
    });

    it('refuses what is not a live field, and a subscriber whose token does not hold', async () => {
      const url = stack.gateway.url;
      const refused = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { nothingHere { id } }' }),
      });
      expect(refused.status).toBe(400);
      expect((await refused.json()).errors?.[0]).toMatchObject({
        message: 'Cannot query field "nothingHere" on type "Subscription".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      // Asked for as a plain request, a subscription is refused, saying how to ask for it.
      const plain = await stack.post({ query: 'subscription { proposalChanged { id } }' });
      expect(plain.status).toBe(400);
      expect(plain.body.errors?.[0].extensions?.code).toBe('OPERATION_NOT_SUPPORTED');
      expect(plain.body.errors?.[0].message).toContain('text/event-stream');
      const bad = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: 'Bearer not-a-token',
        },
        body: JSON.stringify({ query: 'subscription { proposalChanged { id } }' }),
      });
      expect(bad.status).toBe(401);
      expect((await bad.json()).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  },
);

describe('live updates on Redis: any gateway replica serves any subscriber', () => {
  let stack: Stack;
  let other: RunningGateway;
  let otherTransport: Transport;
  beforeAll(async () => {
    // Two connections to one stream of the test's own: two gateway processes sharing Redis.
    const stream = `test:${randomUUID()}`;
    const open = () => redisTransport({ url: process.env.REDIS_URL!, stream, blockMs: 100 });
    stack = await startStack({ transport: await open() });
    otherTransport = await open();
    other = await createGateway({
      settings,
      supergraphPath: stack.supergraphPath,
      routingUrls: Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
      transport: otherTransport,
      port: 0,
    });
  }, 120_000);
  afterAll(async () => {
    await other?.stop();
    await otherTransport?.close();
    await stack?.stop();
  });

  it('delivers a change to subscribers of both replicas and resumes on the other replica', async () => {
    const member = await stack.token({ roles: ['member'], district: CITY, memberId: '8' });
    const staff = await stack.token({ roles: ['staff'], district: CITY });
    const query = `subscription { proposalChanged(district: "${CITY}") { id status } }`;
    const onFirst = overSse(stack.gateway.url, staff, query);
    const onSecond = overWs(other.url, staff, query);
    await stack.settle(
      async () => stack.gateway.liveSubscribers() === 1 && other.liveSubscribers() === 1,
    );
    // On Redis the proposals subgraph learns the demo members from the bus: wait until it has them.
    const { id, version } = await stack.settle(async () => {
      const submitted = await stack.post<{ submitProposal: { id: string; version: number } }>(
        {
          query: 'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id version } }',
          variables: {
            i: {
              title: '关于黄山市公交线路优化的建议',
              category: 'URBAN_MANAGEMENT',
              situation: '现状',
              analysis: '分析',
              suggestions: '建议',
            },
          },
        },
        { token: member },
      );
      return submitted.body.data?.submitProposal;
    });
    await stack.settle(async () => onFirst.received.length >= 1 && onSecond.received.length >= 1);
    // The first replica's subscriber goes away after SUBMITTED; the proposal is filed meanwhile.
    await onFirst.stop();
    const cursor = onFirst.received[0].extensions!.cursor!;
    expect(cursor).toMatch(/^\d+-\d+$/);
    const filed = await stack.post(
      { query: `mutation { fileProposal(id: "${id}", version: ${version}) { status } }` },
      { token: staff },
    );
    expect(filed.body.errors).toBeUndefined();
    // It comes back on the other replica with its cursor and misses nothing.
    const resumed = overSse(
      other.url,
      staff,
      `subscription { proposalChanged(district: "${CITY}", after: "${cursor}") { id status } }`,
    );
    await stack.settle(async () => resumed.received.length >= 1 && onSecond.received.length >= 2);
    expect(resumed.received.map((r) => r.data?.proposalChanged)).toEqual([{ id, status: 'FILED' }]);
    expect(statuses(onSecond.received)).toEqual(['SUBMITTED', 'FILED']);
    expect(onSecond.received[0].extensions?.cursor).toBe(cursor);
    await resumed.stop();
    await onSecond.stop();
  });
});

/** How many live subscribers the gateway holds, from its metrics-free readiness view. */
async function subscribers(stack: Stack): Promise<number> {
  return stack.gateway.liveSubscribers();
}
