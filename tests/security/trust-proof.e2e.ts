import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createGateway, ENGINES, type RunningGateway } from '@cppcc/gateway';
import {
  ANONYMOUS,
  CALLER_HEADER,
  encodeCaller,
  memoryTransport,
  PROOF_HEADER,
  proveRequest,
  readSettings,
  type Transport,
} from '@cppcc/kit';
import { coreModules } from '@cppcc/installation';
import { askSubgraphAs, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supergraphPath } from '../harness.js';

/**
 * Issue 13, finding 3: a captured gateway → subgraph request must not be usable again — not
 * replayed as it is, not with another body under its headers, not against another subgraph —
 * and an expiry that is not a whole number of milliseconds is refused however it is signed.
 */
const settings = readSettings({});
const CITY = '341000';
const DEAD = 'http://127.0.0.1:9/graphql';

interface Captured {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A pass-through in front of a subgraph that keeps a copy of each request, as someone on the internal network could. */
async function captureProxy(
  target: string,
): Promise<{ url: string; seen: Captured[]; close(): Promise<void> }> {
  const seen: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) =>
          typeof v === 'string' &&
          !['host', 'content-length', 'connection', 'transfer-encoding'].includes(k)
            ? [[k, v]]
            : [],
        ),
      );
      seen.push({ method: req.method ?? 'POST', path: req.url ?? '/', headers, body });
      void fetch(target, { method: req.method, headers, body }).then(async (answer) => {
        res.statusCode = answer.status;
        res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
        res.end(await answer.text());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const byName = (name: string) => coreModules.find((m) => m.name === name)!;

describe('gateway proofs bind the request', () => {
  let transport: Transport;
  let members: TestModule;
  let proposals: TestModule;
  let proxy: Awaited<ReturnType<typeof captureProxy>>;
  const gateways = new Map<string, RunningGateway>();

  beforeAll(async () => {
    transport = memoryTransport();
    members = await startTestModule(byName('members'), {
      transport,
      demoDistricts: true,
      seed: { scale: 1 },
    });
    proposals = await startTestModule(byName('proposals'), { transport, demoDistricts: false });
    proxy = await captureProxy(members.url);
    for (const engine of ENGINES) {
      // Only members is reachable (through the proxy): the rest of the supergraph is down.
      gateways.set(
        engine,
        await createGateway({
          settings,
          supergraphPath,
          engine,
          port: 0,
          transport,
          routingUrls: {
            members: proxy.url,
            proposals: proposals.url,
            organization: DEAD,
            consultation: DEAD,
            platform: DEAD,
            'eco-compensation': DEAD,
            'inter-city-exchange': DEAD,
          },
        }),
      );
    }
  }, 120_000);
  afterAll(async () => {
    for (const g of gateways.values()) await g.stop();
    await proxy?.close();
    await proposals?.stop();
    await members?.stop();
    await transport?.close();
  });

  const replay = (
    url: string,
    captured: Captured,
    body = captured.body,
    headers = captured.headers,
  ) =>
    fetch(url, { method: captured.method, headers, body }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { errors?: { message: string; extensions: { code: string } }[] },
    }));

  describe.each(ENGINES)('through the %s engine', (engine) => {
    let captured: Captured;
    beforeAll(async () => {
      const before = proxy.seen.length;
      const r = await fetch(gateways.get(engine)!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ members(first: 1) { totalCount } }' }),
      });
      const answer = (await r.json()) as { data?: { members: { totalCount: number } } };
      expect(answer.data?.members.totalCount).toBeGreaterThan(0);
      expect(proxy.seen.length).toBe(before + 1);
      captured = proxy.seen[proxy.seen.length - 1];
      expect(captured.headers[PROOF_HEADER]).toMatch(/^v2\.\d+\.[\w-]+\.[\w-]+$/);
    });

    it('refuses the captured request replayed as it was', async () => {
      const r = await replay(members.url, captured);
      expect(r.status).toBe(401);
      expect(r.body.errors?.[0].extensions.code).toBe('GATEWAY_PROOF_REQUIRED');
      expect(r.body.errors?.[0].message).toMatch(/replayed/);
    });

    it('refuses the captured headers with another body (a read turned into a write)', async () => {
      const write = JSON.stringify({ query: 'mutation { __typename }' });
      const r = await replay(members.url, captured, write);
      expect(r.status).toBe(401);
      expect(r.body.errors?.[0].message).toMatch(/bad gateway proof/);
      // Even a body differing by one space.
      expect((await replay(members.url, captured, `${captured.body} `)).status).toBe(401);
    });

    it('refuses the captured request sent to another subgraph', async () => {
      const r = await replay(proposals.url, captured);
      expect(r.status).toBe(401);
      expect(r.body.errors?.[0].message).toMatch(/bad gateway proof/);
    });

    it('refuses the captured proof with another method', async () => {
      const r = await fetch(`${members.url}?query=${encodeURIComponent('{ __typename }')}`, {
        method: 'GET',
        headers: captured.headers,
      });
      expect(r.status).toBe(401);
    });
  });

  it('accepts a fresh proof once, for the subgraph and body it was made for', async () => {
    const body = { query: '{ members(first: 1) { totalCount } }' };
    const first = await askSubgraphAs(members, ANONYMOUS, body);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { data: unknown }).data).toBeTruthy();
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses an expiry of %s even when correctly signed', async (_label, now) => {
    const body = JSON.stringify({ query: '{ members(first: 1) { totalCount } }' });
    const encoded = encodeCaller(testCaller(['staff'], CITY));
    const proof = proveRequest(
      encoded,
      settings.gatewaySecret,
      { audience: 'members', method: 'POST', path: '/graphql', body },
      now,
    );
    expect(proof.split('.')[1]).toBe(String(now + 0));
    const r = await fetch(members.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: encoded,
        [PROOF_HEADER]: proof,
      },
      body,
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(
      /malformed gateway proof/,
    );
  });

  it('refuses a proof that expired, and one that expires too far ahead', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const encoded = encodeCaller(ANONYMOUS);
    const target = { audience: 'members', method: 'POST', path: '/graphql', body };
    for (const now of [Date.now() - 120_000, Date.now() + 3_600_000]) {
      const proof = proveRequest(encoded, settings.gatewaySecret, target, now);
      const r = await fetch(members.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_HEADER]: encoded,
          [PROOF_HEADER]: proof,
        },
        body,
      });
      expect(r.status).toBe(401);
    }
  });

  it('refuses a proof signed with another secret', async () => {
    const r = await askSubgraphAs(
      members,
      testCaller(['admin'], CITY),
      { query: '{ __typename }' },
      'not-the-secret',
    );
    expect(r.status).toBe(401);
  });
});

describe('proof nonces in Redis', () => {
  // A Redis of this test's own on a free port, so it can be stopped without touching the shared one.
  let port = 0;
  let dir = '';
  let members: TestModule;

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-trust-redis-'));
    execFileSync('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      path.join(dir, 'redis.pid'),
      '--dir',
      dir,
    ]);
    for (
      let i = 0;
      i < 50 &&
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() !== 'PONG';
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    members = await startTestModule(byName('members'), {
      demoDistricts: true,
      settings: { ...settings, redisUrl: `redis://127.0.0.1:${port}` },
    });
  }, 60_000);
  afterAll(async () => {
    await members?.stop();
    spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a replay through the shared store, and while Redis is down still serves and refuses replays in-process', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const encoded = encodeCaller(ANONYMOUS);
    const headers = {
      'content-type': 'application/json',
      [CALLER_HEADER]: encoded,
      [PROOF_HEADER]: proveRequest(encoded, settings.gatewaySecret, {
        audience: 'members',
        method: 'POST',
        path: '/graphql',
        body,
      }),
    };
    expect((await fetch(members.url, { method: 'POST', headers, body })).status).toBe(200);
    const replayed = await fetch(members.url, { method: 'POST', headers, body });
    expect(replayed.status).toBe(401);
    expect(
      spawnSync('redis-cli', ['-p', String(port), 'keys', 'cppcc:nonce:members:*'])
        .stdout.toString()
        .trim()
        .split('\n'),
    ).toHaveLength(1);

    spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    await new Promise((r) => setTimeout(r, 300));
    const fresh = {
      ...headers,
      [PROOF_HEADER]: proveRequest(encoded, settings.gatewaySecret, {
        audience: 'members',
        method: 'POST',
        path: '/graphql',
        body,
      }),
    };
    expect((await fetch(members.url, { method: 'POST', headers: fresh, body })).status).toBe(200);
    expect((await fetch(members.url, { method: 'POST', headers: fresh, body })).status).toBe(401);
  });
});
