import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTransport } from '@cppcc/kit';
import type { GraphResponse } from '@cppcc/testing';
import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import { freePort } from './faults/harness.js';
import { startStack, type Stack } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The production shape: two gateway processes — the test's own and a second one started from
 * gateway/src/main.ts exactly as deployed — sharing one Redis stream. A district operator's
 * switch made through either must be applied by the other within a second, without a restart.
 */
describe.runIf(!!process.env.REDIS_URL)(
  'plugin switches across two gateway processes sharing Redis',
  () => {
    const stream = `test:${randomUUID()}`;
    let stack: Stack;
    let child: ChildProcess;
    let output = '';
    let second: string;
    beforeAll(async () => {
      const transport = await redisTransport({ url: process.env.REDIS_URL!, stream, blockMs: 100 });
      stack = await startStack({
        transport,
        plugins: [samplePlugin],
        databaseUrl: process.env.DATABASE_URL,
      });
      const port = await freePort();
      const routes = Object.fromEntries(
        [...stack.modules].map(([name, m]) => [
          `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`,
          m.url,
        ]),
      );
      child = spawn(
        process.execPath,
        ['--conditions=@cppcc/source', '--import', 'tsx', 'gateway/src/main.ts'],
        {
          cwd: root,
          env: {
            ...process.env,
            ...routes,
            REDIS_STREAM: stream,
            SUPERGRAPH_PATH: stack.supergraphPath,
            PORT: String(port),
            HOST: '127.0.0.1',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      second = `http://127.0.0.1:${port}/graphql`;
      for (const deadline = Date.now() + 90_000; ; ) {
        if (child.exitCode !== null) throw new Error(`the second gateway exited: ${output}`);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline)
          throw new Error(`the second gateway did not become ready: ${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }, 180_000);
    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await stack?.stop();
    });

    /** Sends an operation to a gateway; `TData` is the shape of the data it selects. */
    const ask = async <TData = Record<string, unknown>>(
      url: string,
      query: string,
      token: string,
    ) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as GraphResponse<TData>;
    };
    /** Whether a gateway's own view of district 341002 (its introspection, pruned from its switches) has the plugin. */
    const shows = async (url: string) =>
      (
        await ask<{ __type: { name: string } | null }>(
          url,
          '{ __type(name: "SampleNote") { name } }',
          await stack.token({ roles: ['staff'], district: '341002' }),
        )
      ).data!.__type !== null;
    /** Milliseconds until `check` holds, polled as fast as a request goes (at most 10 s, so a failure reports a number). */
    const elapsedUntil = async (check: () => Promise<boolean>) => {
      const started = performance.now();
      while (!(await check())) {
        if (performance.now() - started > 10_000) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      return performance.now() - started;
    };

    it('applies a switch made through one process in the other within a second, both ways', async () => {
      const operator = await stack.token({ roles: ['operator'], district: '341002' });
      const staff = await stack.token({ roles: ['staff'], district: '341002' });
      expect(await shows(second)).toBe(false);
      const refused = await ask(second, '{ sampleNotes { text } }', staff);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'PLUGIN_DISABLED',
        plugin: 'sample-notes',
        district: '341002',
      });

      const enabled = await ask<{ enablePlugin: { enabled: boolean } }>(
        stack.gateway.url,
        'mutation { enablePlugin(district: "341002", plugin: "sample-notes") { enabled } }',
        operator,
      );
      expect(enabled.data!.enablePlugin).toEqual({ enabled: true });
      expect(await elapsedUntil(() => shows(second))).toBeLessThan(1000);
      // Its data too, once the plugin's own copy of the switch has it.
      expect(
        await elapsedUntil(
          async () => !(await ask(second, '{ sampleNotes { text } }', staff)).errors,
        ),
      ).toBeLessThan(10_000);

      const disabled = await ask<{ disablePlugin: { enabled: boolean } }>(
        second,
        'mutation { disablePlugin(district: "341002", plugin: "sample-notes", note: "from the second gateway") { enabled } }',
        operator,
      );
      expect(disabled.data!.disablePlugin).toEqual({ enabled: false });
      expect(await elapsedUntil(async () => !(await shows(stack.gateway.url)))).toBeLessThan(1000);
      const again = await ask(stack.gateway.url, '{ sampleNotes { text } }', staff);
      expect(again.errors?.[0].extensions).toMatchObject({
        code: 'PLUGIN_DISABLED',
        plugin: 'sample-notes',
        district: '341002',
      });
      expect(child.exitCode).toBeNull();
    }, 120_000);
  },
);
