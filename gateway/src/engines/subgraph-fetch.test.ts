import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { moduleLogger, readSettings } from '@cppcc/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { subgraphFetch, type SubgraphFetch } from './subgraph-fetch.js';

/**
 * The gateway's subgraph transport against real HTTP servers on 127.0.0.1 that misbehave the
 * ways subgraphs do: close kept-alive sockets, reset connections, answer late, refuse while
 * stopping.
 */
const log = moduleLogger('subgraph-fetch-test');

interface Subgraph {
  url: string;
  connections: number;
  requests: number;
  server: http.Server;
}

const started: Subgraph[] = [];
const fetchers: SubgraphFetch[] = [];

async function subgraph(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void,
  keepAliveTimeout = 3000,
): Promise<Subgraph> {
  const s = { url: '', connections: 0, requests: 0 } as Subgraph;
  s.server = http.createServer((req, res) => {
    s.requests += 1;
    const n = s.requests;
    req.resume();
    req.on('end', () => handle(req, res, n));
  });
  s.server.keepAliveTimeout = keepAliveTimeout;
  s.server.on('connection', () => (s.connections += 1));
  await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
  s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}/graphql`;
  started.push(s);
  return s;
}

const answer = (res: http.ServerResponse, data: unknown = { ok: true }) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ data }));
};

function transport(
  overrides: { subgraphIdleSocketMs?: number; subgraphTimeoutMs?: number } = {},
): SubgraphFetch {
  const f = subgraphFetch(
    { ...readSettings(), subgraphIdleSocketMs: 300, subgraphTimeoutMs: 5000, ...overrides },
    log,
    () => 'organization',
  );
  fetchers.push(f);
  return f;
}

const query = JSON.stringify({ query: '{ districts { code } }' });
const mutation = JSON.stringify({ query: 'mutation { recordPolicyDocument(input: {}) { id } }' });
const send = async (f: SubgraphFetch, url: string, body = query) => {
  const response = await f(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()) as {
    data: unknown;
    errors?: {
      message: string;
      path?: unknown[];
      extensions: { code: string; subgraph: string };
    }[];
  };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close();
  for (const s of started.splice(0)) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
});

describe('gateway → subgraph transport', () => {
  it('reuses a fresh kept-alive socket, and lets go of one idle past SUBGRAPH_IDLE_SOCKET_MS before the subgraph would close it', async () => {
    const s = await subgraph((_req, res) => answer(res), 3000);
    const f = transport({ subgraphIdleSocketMs: 300 });
    expect((await send(f, s.url)).data).toEqual({ ok: true });
    await sleep(50);
    expect((await send(f, s.url)).data).toEqual({ ok: true });
    expect(s.connections).toBe(1);
    // Idle longer than the gateway keeps sockets (undici's timers are coarse: up to a second
    // late), well short of the subgraph's 3 s: the gateway opens a new connection rather than
    // racing the subgraph's close on the old one.
    await sleep(1600);
    expect((await send(f, s.url)).data).toEqual({ ok: true });
    expect(s.connections).toBe(2);
  });

  it('sends a query again once when the connection is reset under it', async () => {
    const s = await subgraph((req, res, n) =>
      n === 1 ? req.socket.resetAndDestroy() : answer(res),
    );
    const answered = await send(transport(), s.url);
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toEqual({ ok: true });
    expect(s.requests).toBe(2);
  });

  it('never sends a mutation again after a reset (it may have committed): SUBGRAPH_UNAVAILABLE on its path, no address', async () => {
    const s = await subgraph((req, res, n) =>
      n === 1 ? req.socket.resetAndDestroy() : answer(res),
    );
    const failed = await send(transport(), s.url, mutation);
    expect(s.requests).toBe(1);
    expect(failed.data).toBeNull();
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors![0]).toMatchObject({
      path: ['recordPolicyDocument'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'organization' },
    });
    expect(failed.errors![0].message).not.toMatch(/127\.0\.0\.1|http|:\d{2,5}/);
  });

  it('gives up on a slow subgraph after SUBGRAPH_TIMEOUT_MS: SUBGRAPH_TIMEOUT on the paths it would have filled', async () => {
    const s = await subgraph((_req, res) => setTimeout(() => !res.destroyed && answer(res), 3000));
    const body = JSON.stringify({
      query: '{ a: districts { code } b: district(code: "341002") { name } }',
    });
    const failed = await send(transport({ subgraphTimeoutMs: 300 }), s.url, body);
    expect(failed.data).toBeNull();
    expect(failed.errors!.map((e) => [e.path, e.extensions.code])).toEqual([
      [['a'], 'SUBGRAPH_TIMEOUT'],
      [['b'], 'SUBGRAPH_TIMEOUT'],
    ]);
    expect(failed.errors![0].message).not.toMatch(/127\.0\.0\.1|http/);
  });

  it('puts the error on each entity an _entities call would have filled', async () => {
    const s = await subgraph((req) => req.socket.resetAndDestroy());
    const body = JSON.stringify({
      query:
        'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on District { exchangeVisits { id } } } }',
      variables: {
        representations: [
          { __typename: 'District', code: '341002' },
          { __typename: 'District', code: '341021' },
        ],
      },
    });
    const failed = await send(transport(), s.url, body);
    // A query: one retry, then the failure.
    expect(s.requests).toBe(2);
    expect(failed.errors!.map((e) => e.path)).toEqual([
      ['_entities', 0, 'exchangeVisits'],
      ['_entities', 1, 'exchangeVisits'],
    ]);
  });

  it('sends any operation once more to a subgraph that refused it with 503 while stopping (it ran nothing); twice is SUBGRAPH_UNAVAILABLE', async () => {
    const stopping = (res: http.ServerResponse) => {
      res.statusCode = 503;
      res.setHeader('retry-after', '1');
      res.end();
    };
    const once = await subgraph((_req, res, n) => (n === 1 ? stopping(res) : answer(res)));
    expect((await send(transport(), once.url, mutation)).data).toEqual({ ok: true });
    expect(once.requests).toBe(2);

    const always = await subgraph((_req, res) => stopping(res));
    const failed = await send(transport(), always.url, mutation);
    expect(always.requests).toBe(2);
    expect(failed.errors![0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('answers SUBGRAPH_UNAVAILABLE when nothing listens', async () => {
    const s = await subgraph((_req, res) => answer(res));
    const url = s.url;
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
    started.splice(started.indexOf(s), 1);
    const failed = await send(transport(), url);
    expect(failed.errors![0]).toMatchObject({
      path: ['districts'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
  });
});
