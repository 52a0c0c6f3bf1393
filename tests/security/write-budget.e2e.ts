import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createGateway, type RunningGateway } from '@cppcc/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, supergraphPath, type Stack } from '../harness.js';

const hasRedis = (() => {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cli = (port: number, ...args: string[]) =>
  execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim();

async function startRedis(port: number, dir: string): Promise<void> {
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
  for (let i = 0; i < 100; i++) {
    try {
      if (cli(port, 'ping') === 'PONG') return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on ${port} did not start`);
}

function stopRedis(port: number): void {
  try {
    cli(port, 'shutdown', 'nosave');
  } catch {
    /* already down */
  }
}

/** `n` anonymous writes in one operation, each an aliased mutation field. */
const writes = (n: number) => ({
  query: `mutation { ${Array.from({ length: n }, (_, i) => `w${i}: respondToQuestionnaire(questionnaireId: "1", answers: []) { id }`).join(' ')} }`,
});

// Needs its own redis-server (killed and restarted here); in CI a missing one is a failure, not a skip.
describe.skipIf(!hasRedis && !process.env.CI)(
  'the write budget on a Redis shared by two gateway replicas, through Redis faults',
  () => {
    let stack: Stack;
    let open: RunningGateway;
    let port: number;
    let dir: string;
    beforeAll(async () => {
      if (!hasRedis) throw new Error('redis-server is not installed');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-redis-'));
      port = await freePort();
      await startRedis(port, dir);
      // Only the gateways use this Redis: the subgraphs must not depend on the one being killed.
      const shared = {
        redisUrl: `redis://127.0.0.1:${port}`,
        trustProxy: true,
        anonymousWritesPerMinute: 30,
      };
      // Replica "closed" (the stack's gateway) and replica "open", on the same subgraphs and Redis.
      stack = await startStack({
        gatewaySettings: {
          ...shared,
          limits: { ...settings.limits, writeLimitOnRedisFailure: 'closed' },
        },
      });
      open = await createGateway({
        settings: {
          ...settings,
          ...shared,
          limits: { ...settings.limits, writeLimitOnRedisFailure: 'open' },
        },
        supergraphPath,
        routingUrls: Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
        transport: stack.transport,
        port: 0,
      });
    });
    afterAll(async () => {
      await open?.stop();
      await stack?.stop();
      if (port) stopRedis(port);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    async function post(url: string, body: unknown, address: string) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        body: (await response.json()) as {
          data?: unknown;
          errors?: { extensions: Record<string, unknown> }[];
        },
      };
    }
    const code = (r: Awaited<ReturnType<typeof post>>) => r.body.errors?.[0]?.extensions.code;
    const healthy = async (g: { url: string }) =>
      (await fetch(g.url.replace(/graphql$/, 'healthz'))).status === 200;
    async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
      for (let i = 0; i < 100; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${what} did not happen within 10 s`);
    }

    it('counts every aliased mutation field, across replicas (finding 4)', async () => {
      const address = '203.0.113.1';
      expect(code(await post(stack.gateway.url, writes(20), address))).not.toBe('RATE_LIMITED');
      // The other replica sees the same 20 spent: 20 + 11 > 30.
      const refused = await post(open.url, writes(11), address);
      expect(code(refused)).toBe('RATE_LIMITED');
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ limit: 30 });
      expect(code(await post(open.url, writes(5), '203.0.113.2'))).not.toBe('RATE_LIMITED');
    });

    it('keeps both replicas serving when Redis drops every connection, and reconnects (issue 12)', async () => {
      cli(port, 'client', 'kill', 'type', 'normal');
      expect(await healthy(stack.gateway)).toBe(true);
      expect(await healthy(open)).toBe(true);
      expect(
        code(await post(open.url, { query: '{ districts { code } }' }, '203.0.113.3')),
      ).toBeUndefined();
      // The closed replica admits writes again once its client is back.
      await eventually(
        async () =>
          code(await post(stack.gateway.url, writes(1), '203.0.113.4')) !==
          'WRITE_LIMIT_UNAVAILABLE',
        'reconnect',
      );
    });

    it('honours WRITE_LIMIT_ON_REDIS_FAILURE while Redis is down: closed refuses writes, open budgets in-process; reads serve', async () => {
      stopRedis(port);
      await eventually(
        async () =>
          code(await post(stack.gateway.url, writes(1), '203.0.113.5')) ===
          'WRITE_LIMIT_UNAVAILABLE',
        'closed refusal',
      );
      const paused = await post(stack.gateway.url, writes(1), '203.0.113.5');
      expect(paused.status).toBe(200);
      expect(paused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'WRITE_LIMIT_UNAVAILABLE',
      });
      expect(
        code(await post(stack.gateway.url, { query: '{ districts { code } }' }, '203.0.113.5')),
      ).toBeUndefined();

      expect(code(await post(open.url, writes(20), '203.0.113.6'))).not.toMatch(
        /RATE_LIMITED|WRITE_LIMIT_UNAVAILABLE/,
      );
      expect(code(await post(open.url, writes(11), '203.0.113.6'))).toBe('RATE_LIMITED');
      expect(await healthy(stack.gateway)).toBe(true);
      expect(await healthy(open)).toBe(true);

      await startRedis(port, dir);
      await eventually(
        async () =>
          code(await post(stack.gateway.url, writes(1), '203.0.113.7')) !==
          'WRITE_LIMIT_UNAVAILABLE',
        'recovery after restart',
      );
    });
  },
);
