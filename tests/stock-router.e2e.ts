import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_QUERY, withRoutingUrls } from '@cppcc/gateway';
import { ROUTER_SECRET_HEADER } from '@cppcc/kit';
import type { GraphResponse } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './faults/harness.js';
import { startStack, supergraphPath, type Stack } from './harness.js';

/**
 * Issue 14, Deliver 3: any router can front the subgraphs. The stock Hive Gateway CLI
 * (@graphql-hive/gateway from npm, pinned in tests/package.json) serves the committed
 * supergraph with configuration only — the client's Authorization header and district header
 * propagated, the router secret inserted, routing URLs pointed at this test's subgraphs — and
 * answers as our gateway does. Subgraphs verify the token themselves and refuse a plugin the
 * district has not enabled.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUTER_SECRET = 'router-secret-of-this-test-0123456789abcdef';
const A = '341002'; // 屯溪区
const B = '341021'; // 歙县

/** The whole configuration of the stock router: plain Hive Gateway options, nothing of ours. */
const CONFIG = `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = { '${ROUTER_SECRET_HEADER}': process.env.ROUTER_SECRET };
      for (const name of ['authorization', 'x-cppcc-district']) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
};
`;

interface Answer<TData = Record<string, unknown>> {
  status: number;
  body: GraphResponse<TData>;
}

/** POSTs an operation to a router; `TData` is the shape of the data it selects. */
async function post<TData = Record<string, unknown>>(
  url: string,
  query: string,
  init: { token?: string; headers?: Record<string, string> } = {},
): Promise<Answer<TData>> {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: JSON.stringify({ query }),
  });
  return { status: r.status, body: (await r.json()) as GraphResponse<TData> };
}

const codes = (a: Answer<unknown>) => (a.body.errors ?? []).map((e) => e.extensions?.code);

describe('a stock Hive Gateway in front of the subgraphs', () => {
  let stack: Stack;
  let router: ChildProcess;
  let routerUrl: string;
  let log = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-stock-router-'));

  beforeAll(async () => {
    stack = await startStack({ seed: { scale: 1 }, settings: { routerSecret: ROUTER_SECRET } });
    const supergraph = path.join(dir, 'supergraph.graphql');
    const routing = Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url]));
    fs.writeFileSync(
      supergraph,
      withRoutingUrls(fs.readFileSync(supergraphPath, 'utf8'), routing, {}),
    );
    fs.writeFileSync(path.join(dir, 'gateway.config.mjs'), CONFIG);
    const port = await freePort();
    routerUrl = `http://127.0.0.1:${port}/graphql`;
    const bin = path.join(root, 'node_modules/.bin/hive-gateway');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV'));
    router = spawn(
      bin,
      [
        'supergraph',
        supergraph,
        '--config-path',
        path.join(dir, 'gateway.config.mjs'),
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
      ],
      {
        cwd: dir,
        env: { ...env, ROUTER_SECRET, NODE_NO_WARNINGS: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    router.stdout!.on('data', (d: Buffer) => (log += d));
    router.stderr!.on('data', (d: Buffer) => (log += d));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (router.exitCode !== null)
        throw new Error(`hive-gateway exited ${router.exitCode}: ${log}`);
      const up = await post(routerUrl, '{ __typename }').catch(() => null);
      if (up?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`hive-gateway did not answer: ${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);

  afterAll(async () => {
    if (router && router.exitCode === null) {
      const exited = new Promise((resolve) => router.once('exit', resolve));
      router.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (router.exitCode === null) router.kill('SIGKILL');
    }
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the README first query as our gateway does', async () => {
    type FirstLook = { district: { members: { totalCount: number } } };
    const ours = await post<FirstLook>(stack.gateway.url, FIRST_QUERY);
    const theirs = await post<FirstLook>(routerUrl, FIRST_QUERY);
    expect(ours.body.errors).toBeUndefined();
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.body.data?.district.members.totalCount).toBeGreaterThan(0);
    expect(theirs.body.data).toEqual(ours.body.data);
  });

  it("answers a signed-in staff query with the district's non-public rows, as ours does", async () => {
    const token = await stack.token({ roles: ['staff'], district: A });
    const query =
      '{ proposals(filter: { status: SUBMITTED }, first: 100) { totalCount nodes { id district { code } } } }';
    type Proposals = { proposals: { totalCount: number } };
    const ours = await post<Proposals>(stack.gateway.url, query, { token });
    const theirs = await post<Proposals>(routerUrl, query, { token });
    expect(ours.body.errors).toBeUndefined();
    expect(theirs.body.errors).toBeUndefined();
    expect(ours.body.data?.proposals.totalCount).toBeGreaterThan(0);
    expect(theirs.body.data).toEqual(ours.body.data);
    // Anonymous callers see none of them, through either.
    const anonymous = await post<Proposals>(routerUrl, query);
    expect(anonymous.body.data?.proposals.totalCount).toBe(0);
  });

  it('refuses a cross-district write the same way', async () => {
    const token = await stack.token({ roles: ['staff'], district: A });
    const write = `mutation { registerGovernmentUnit(input: { district: "${B}", name: "跨区测试局", short: "跨区" }) { id } }`;
    const ours = await post(stack.gateway.url, write, { token });
    const theirs = await post<{ registerGovernmentUnit: { id: string } | null }>(routerUrl, write, {
      token,
    });
    expect(codes(ours)).toEqual(['CROSS_DISTRICT']);
    expect(codes(theirs)).toEqual(['CROSS_DISTRICT']);
    expect(theirs.body.data?.registerGovernmentUnit ?? null).toBeNull();
  });

  it("has the plugin's own subgraph refuse a plugin the district has not enabled", async () => {
    const query = '{ monitoringSections { totalCount } }';
    for (const url of [stack.gateway.url, routerUrl]) {
      const disabled = await post(url, query, { headers: { 'x-cppcc-district': A } });
      expect(codes(disabled), url).toEqual(['PLUGIN_DISABLED']);
      const enabled = await post<{ monitoringSections: { totalCount: number } }>(url, query, {
        headers: { 'x-cppcc-district': B },
      });
      expect(enabled.body.errors, url).toBeUndefined();
      expect(typeof enabled.body.data?.monitoringSections.totalCount).toBe('number');
    }
  });

  it('refuses a bad token in the subgraphs', async () => {
    const forged = await stack.token({ roles: ['staff'], district: A });
    const theirs = await post<{ proposals: { totalCount: number } | null }>(
      routerUrl,
      '{ proposals(filter: { status: SUBMITTED }) { totalCount } }',
      { token: `${forged.slice(0, -4)}AAAA` },
    );
    expect(theirs.body.data?.proposals ?? null).toBeNull();
    expect(JSON.stringify(theirs.body.errors)).toMatch(/token is not valid|UNAUTHENTICATED/);
  });

  it('still refuses a call that has neither the router secret nor a gateway proof', async () => {
    const members = stack.modules.get('members')!;
    const bare = await fetch(members.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await stack.token({ roles: ['admin'], district: '341000' })}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(bare.status).toBe(401);
    const wrong = await fetch(members.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ROUTER_SECRET_HEADER]: 'guess' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(wrong.status).toBe(401);
  });
});
