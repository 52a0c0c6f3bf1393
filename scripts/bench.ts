import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { childEnvironment, processSettings, readSettings, ROUTER_SECRET_HEADER } from '@cppcc/kit';
import { root } from './platform.js';
import { stepper } from './progress.js';
import { profileTables, summariseFolder } from './bench/cpu-profile.js';
import { buildShipped, mixSection } from './bench/mix-section.js';
import { reportBenchSection } from './bench/report-section.js';
import { startupSection } from './bench/startup-section.js';
import {
  cleanUp,
  productionEnvironment,
  start,
  stop,
  tempDir,
  track,
  treeCpuMs,
  treeRss,
} from './bench/processes.js';

/**
 * Side-by-side measurements in one run: both gateway engines over the same subgraphs, the
 * direct-subgraph floor, start-up time and idle memory. Prints a markdown report.
 */
const own = processSettings();
const DURATION = own.bench.seconds;
const CONNECTIONS = own.bench.connections;
const ROUNDS = own.bench.rounds;
// Subgraphs and gateways run as in production (NODE_ENV=production), with secrets of this run.
const production = productionEnvironment();
const settings = readSettings(childEnvironment(production));
const tsx = path.join(root, 'node_modules/.bin/tsx');
const readmeQuery = /```graphql\n([\s\S]*?)```/.exec(
  fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
)![1];
const oneSubgraphQuery = '{ members(first: 20) { nodes { id name workUnit title } } }';
const step = stepper('bench');

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** Gateway CPU per request, when measured. */
  cpuMs?: number;
}

/** Runs a load and charges the gateway's CPU time to it. */
function measured(
  pid: number,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Load {
  const before = treeCpuMs(pid);
  const result = load(url, body, headers);
  return { ...result, cpuMs: (treeCpuMs(pid) - before) / result.requests };
}

function load(url: string, body: string, headers: Record<string, string> = {}): Load {
  const args = [
    'autocannon',
    '-j',
    '-c',
    String(CONNECTIONS),
    '-d',
    String(DURATION),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push('-b', body, url);
  step(
    `load: ${CONNECTIONS} connections × ${DURATION} s on ${url}${headers['x-cppcc-district'] ? ` (district ${headers['x-cppcc-district']})` : ''}`,
  );
  const out = JSON.parse(
    execFileSync(path.join(root, 'node_modules/.bin/autocannon'), args.slice(1), {
      cwd: root,
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString(),
  );
  return {
    rps: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    errors: out.errors + out.non2xx,
    requests: out.requests.total,
  };
}

async function check(url: string, body: string, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const json = (await r.json()) as { errors?: unknown };
  if (!r.ok || json.errors)
    throw new Error(`${url} answered ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
}

const rows: string[] = [];
// `npm run bench -- plugins` runs that section alone; `npm run bench -- mix [--quick]` the client mix
// (`--profile DIR`: with each process's CPU profile written there and summarised);
// `npm run bench -- report [--quick]` the city's yearly report at 1× and 10× data;
// `npm run bench -- startup [--rounds N]` npm start's time to ready, its CPU, phases and idle memory.
const only = process.argv[2];

/**
 * Plugin gating: what refusing/hiding a district's disabled plugins costs the gateway per
 * request (the same query for a district with every plugin on, where the gate has nothing to
 * check, and one with plugins off, where it walks the operation), and how long a district
 * operator's switch takes to reach a second gateway process through Redis.
 */
async function pluginSection(): Promise<string[]> {
  if (!own.redisUrl)
    return ['(plugin section skipped: it needs REDIS_URL for two gateway processes sharing Redis)'];
  const shared = {
    ...production,
    DATA_DIR: tempDir('cppcc-bench-'),
    DATABASE_URL: '',
    REDIS_URL: own.redisUrl,
  };
  const subgraphs = await start(
    [tsx, '--conditions=@cppcc/source', 'scripts/serve-subgraphs.ts'],
    shared,
    /^URLS /,
  );
  const urls: Record<string, string> = JSON.parse(subgraphs.line.slice(5));
  const urlEnv = Object.fromEntries(
    Object.entries(urls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase().replace(/-/g, '_')}`, u]),
  );
  const gwA = await start(
    [tsx, '--conditions=@cppcc/source', 'gateway/src/main.ts'],
    { ...shared, ...urlEnv, PORT: '4911', LOG_LEVEL: 'info' },
    /gateway listening/,
  );
  const gwB = await start(
    [tsx, '--conditions=@cppcc/source', 'gateway/src/main.ts'],
    { ...shared, ...urlEnv, PORT: '4912', LOG_LEVEL: 'info' },
    /gateway listening/,
  );
  const [a, b] = ['http://127.0.0.1:4911/graphql', 'http://127.0.0.1:4912/graphql'];
  const { signDevToken } = await import('@cppcc/gateway');
  const { installedPlugins } = await import('@cppcc/installation');
  const plugin = installedPlugins()[0];
  const out: string[] = [];
  if (!plugin) return ['(plugin section skipped: no plugin installed)'];
  const on = '341000'; // the city: every plugin on in the demo data
  const off = '341023'; // 黟县: no plugin enabled in the demo data
  const body = JSON.stringify({ query: readmeQuery });
  await new Promise((r) => setTimeout(r, 1500)); // switches loaded
  load(a, body, { 'x-cppcc-district': on });
  const enabledLoad = measured(gwA.child.pid!, a, body, { 'x-cppcc-district': on });
  const disabledLoad = measured(gwA.child.pid!, a, body, { 'x-cppcc-district': off });

  // Switch latency: mutation answered by A → B serves (or refuses) the plugin's root field.
  const operator = await signDevToken(settings, { roles: ['operator'], district: off });
  const staff = await signDevToken(settings, { roles: ['staff'], district: off });
  // Production gateways answer no introspection: probe one of the plugin's own root fields instead.
  const supergraph = fs.readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8');
  const field = new RegExp(
    `^\\s+(\\w+)\\(id: ID!\\): \\w+ .*@tag\\(name: "plugin/${plugin.manifest.id}"\\)`,
    'm',
  ).exec(supergraph)?.[1];
  if (!field)
    return [
      `(plugin section skipped: ${plugin.manifest.id} has no root field taking an id to probe)`,
    ];
  const probe = JSON.stringify({ query: `{ ${field}(id: "0") { __typename } }` });
  const visible = async () => {
    const r = await fetch(b, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: probe,
    });
    const json = (await r.json()) as { errors?: { extensions?: { code?: string } }[] };
    return !json.errors?.some((e) => e.extensions?.code === 'PLUGIN_DISABLED');
  };
  const latencies: number[] = [];
  for (let i = 0; i < 10; i++) {
    const action = i % 2 === 0 ? 'enablePlugin' : 'disablePlugin';
    const before = await visible();
    const r = await fetch(a, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: JSON.stringify({
        query: `mutation { ${action}(district: "${off}", plugin: "${plugin.manifest.id}") { enabled } }`,
      }),
    });
    const answered = performance.now();
    if (!r.ok) throw new Error(`switch failed: ${await r.text()}`);
    while ((await visible()) === before) {
      if (performance.now() - answered > 10_000)
        throw new Error('switch never reached the second gateway');
    }
    latencies.push(performance.now() - answered);
  }
  latencies.sort((x, y) => x - y);
  for (const p of [gwB, gwA, subgraphs]) await stop(p.child);
  const fmt = (l: Load) =>
    `${Math.round(l.rps)} | ${l.p50} | ${l.p99} | ${l.cpuMs!.toFixed(2)} | ${l.errors}`;
  out.push(
    `Plugin gating, ${new Date().toISOString().slice(0, 10)}: the README query through @apollo/gateway with installed plugins ${installedPlugins()
      .map((p) => p.manifest.id)
      .join(', ')}, ` +
      `${CONNECTIONS} connections × ${DURATION} s, Redis bus, anonymous clients naming their district.`,
    '',
    '| measurement | req/s | p50 ms | p99 ms | gateway CPU ms/request | errors |',
    '|---|---|---|---|---|---|',
    `| district ${on} (plugins on: nothing to check) | ${fmt(enabledLoad)} |`,
    `| district ${off} (plugins off: operation walked, refused fields looked up) | ${fmt(disabledLoad)} |`,
    '',
    `- Gating cost: **${(disabledLoad.cpuMs! / enabledLoad.cpuMs!).toFixed(2)}×** the gateway CPU per request for a district with plugins off.`,
    `- A switch made through gateway A reached gateway B (another process, sharing Redis) in median **${latencies[4].toFixed(0)} ms**, at most ${latencies[9].toFixed(0)} ms over 10 switches (measured from A's answer to the first answer of B that changed: the plugin's root field refused or served).`,
  );
  return out;
}

/**
 * Live updates: 1,000 subscribers on one gateway process (Redis bus, subgraphs in another
 * process), how fast a change reaches them all and what it costs the gateway; beside it, what
 * polling the same data would take for the same freshness.
 */
async function liveSection(): Promise<string[]> {
  if (!own.redisUrl)
    return [
      '(live section skipped: it needs REDIS_URL for the gateway and subgraphs to share a bus)',
    ];
  const { createClient } = await import('graphql-sse');
  const { signDevToken } = await import('@cppcc/gateway');
  const shared = {
    ...production,
    DATA_DIR: tempDir('cppcc-bench-'),
    DATABASE_URL: '',
    REDIS_URL: own.redisUrl,
  };
  const subgraphs = await start(
    [tsx, '--conditions=@cppcc/source', 'scripts/serve-subgraphs.ts'],
    shared,
    /^URLS /,
  );
  const urls: Record<string, string> = JSON.parse(subgraphs.line.slice(5));
  const urlEnv = Object.fromEntries(
    Object.entries(urls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase().replace(/-/g, '_')}`, u]),
  );
  const gateway = await start(
    [tsx, '--conditions=@cppcc/source', 'gateway/src/main.ts'],
    { ...shared, ...urlEnv, PORT: '4913', LOG_LEVEL: 'info' },
    /gateway listening/,
  );
  const url = 'http://127.0.0.1:4913/graphql';
  const city = '341000';
  const staffToken = await signDevToken(settings, { roles: ['staff'], district: city });
  const post = async (query: string, token: string, variables?: Record<string, unknown>) => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await r.json()) as { data?: Record<string, { id: string; version: number }> };
    if (!json.data) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(json).slice(0, 300)}`);
    return json.data;
  };

  // Subscribers: anonymous visitors of the city's portal (one caller: one re-query per change
  // serves them all) and staff each with a token of their own (one re-query each).
  const received = new Map<string, number[]>(); // proposal id → arrival times
  const subscribe = (headers: Record<string, string>) =>
    new Promise<() => void>((resolve) => {
      const client = createClient({ url, headers, retryAttempts: 0 });
      const stop = client.subscribe(
        { query: `subscription { proposalChanged(district: "${city}") { id status title } }` },
        {
          next: (r) => {
            const p = (r.data as { proposalChanged?: { id: string; status: string } })
              ?.proposalChanged;
            if (p?.status === 'FILED')
              received.set(p.id, [...(received.get(p.id) ?? []), performance.now()]);
          },
          error: () => undefined,
          complete: () => undefined,
        },
        {
          connected: () =>
            resolve(() => {
              stop();
              client.dispose();
            }),
        },
      );
    });
  const rows: string[] = [];
  for (const [label, count, headersOf] of [
    ['1,000 anonymous subscribers (one caller)', 1000, () => ({ 'x-cppcc-district': city })],
    [
      '100 staff subscribers, a token each',
      100,
      async (i: number) => ({
        authorization: `Bearer ${await signDevToken(settings, { roles: ['staff'], district: city, subject: `staff-${i}` })}`,
      }),
    ],
  ] as const) {
    step(`live: ${label}: subscribing`);
    const stops: (() => void)[] = [];
    for (let i = 0; i < count; i += 50)
      stops.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, count - i) }, async (_, j) =>
            subscribe(await headersOf(i + j)),
          ),
        )),
      );
    received.clear();
    const cpuBefore = treeCpuMs(gateway.child.pid!);
    const latencies: number[] = [];
    const changes = 20;
    const began = performance.now();
    for (let n = 0; n < changes; n++) {
      const member = await signDevToken(settings, {
        roles: ['member'],
        district: city,
        memberId: String(1 + (n % 20)),
      });
      const { submitProposal } = await post(
        'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id version } }',
        member,
        {
          i: {
            title: `关于实时推送压力测试的建议（第${n + 1}件）`,
            category: 'OTHER',
            situation: '现状',
            analysis: '分析',
            suggestions: '建议',
          },
        },
      );
      await post(
        `mutation { fileProposal(id: "${submitProposal.id}", version: ${submitProposal.version}) { id } }`,
        staffToken,
      );
      const filedAt = performance.now();
      const deadline = filedAt + 10_000;
      while ((received.get(submitProposal.id)?.length ?? 0) < count && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      for (const at of received.get(submitProposal.id) ?? []) latencies.push(at - filedAt);
      step(
        `live: ${label}: change ${n + 1}/${changes} reached ${received.get(submitProposal.id)?.length ?? 0}/${count}`,
      );
    }
    const elapsed = (performance.now() - began) / 1000;
    const cpu = treeCpuMs(gateway.child.pid!) - cpuBefore;
    const delivered = latencies.length;
    latencies.sort((a, b) => a - b);
    const pct = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    rows.push(
      `| ${label} | ${delivered} / ${changes * count} | ${Math.round(delivered / elapsed)} | ${pct(0.5).toFixed(0)} | ${pct(0.99).toFixed(0)} | ${(cpu / delivered).toFixed(2)} |`,
    );
    for (const stop of stops) stop();
  }
  // Polling for the same freshness: the public list a portal would poll, at full load.
  const poll = measured(
    gateway.child.pid!,
    url,
    JSON.stringify({
      query: `{ proposals(filter: { district: "${city}" }, first: 10) { nodes { id status title } } }`,
    }),
    { 'x-cppcc-district': city },
  );
  for (const p of [gateway, subgraphs]) await stop(p.child);
  const pollEvery = 1000 / poll.rps; // seconds between one poller's polls, 1,000 pollers sharing the gateway
  return [
    `Live updates, ${new Date().toISOString().slice(0, 10)}: one gateway process (@apollo/gateway engine, NODE_ENV=production), subgraphs in another, Redis bus; 20 proposals submitted and filed one after another; latency from the filing mutation's answer to each subscriber's receipt of the FILED change (SSE, graphql-sse client in the bench process).`,
    '',
    '| subscribers | changes delivered | deliveries/s | p50 ms | p99 ms | gateway CPU ms/delivery |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `- Polling instead: the gateway answers the portal's list query at ${Math.round(poll.rps)} req/s (p99 ${poll.p99} ms, ${poll.cpuMs!.toFixed(2)} CPU ms each) with ${CONNECTIONS} connections; 1,000 pollers sharing that could each poll once every **${pollEvery.toFixed(1)} s**, so a change would reach them in ${(pollEvery / 2).toFixed(1)} s on average and ${pollEvery.toFixed(1)} s at worst — while the gateway does nothing else.`,
  ];
}

try {
  if (only === 'report') {
    const { values } = parseArgs({
      args: process.argv.slice(3),
      options: {
        quick: { type: 'boolean', default: false },
        scales: { type: 'string' },
        runs: { type: 'string' },
      },
    });
    // Quick: a smoke test of the section (CI), not a measurement.
    const { lines, summary } = await reportBenchSection({
      scales: (values.scales ?? (values.quick ? '1' : '1,10')).split(',').map(Number),
      runs: Number(values.runs ?? (values.quick ? 1 : 3)),
    });
    console.log(lines.join('\n'));
    console.log(`REPORT_SUMMARY ${JSON.stringify(summary)}`);
    cleanUp();
    process.exit(0);
  }
  if (only === 'mix') {
    const { values } = parseArgs({
      args: process.argv.slice(3),
      options: {
        quick: { type: 'boolean', default: false },
        scales: { type: 'string' },
        stores: { type: 'string' },
        profile: { type: 'string' },
      },
    });
    // Quick: a smoke test of the bench itself (CI), not a measurement.
    const quick = values.quick;
    buildShipped(quick);
    const stores = (
      values.stores ?? (quick ? 'sqlite' : own.databaseUrl ? 'sqlite,postgres' : 'sqlite')
    ).split(',') as ('sqlite' | 'postgres')[];
    const { lines, summary } = await mixSection(
      {
        seconds: quick ? 2 : DURATION,
        connections: quick ? 8 : CONNECTIONS,
        rounds: quick ? 1 : ROUNDS,
        warmup: quick ? 0 : 3,
        scales: (values.scales ?? (quick ? '1' : '1,10')).split(',').map(Number),
        stores,
        profileDir: values.profile && path.resolve(values.profile),
      },
      own.redisUrl,
      own.databaseUrl,
    );
    console.log(lines.join('\n'));
    // Profiled: where each process spent its CPU (the profiler's own cost inflates the figures above).
    if (values.profile)
      console.log(['', ...profileTables(summariseFolder(path.resolve(values.profile)))].join('\n'));
    console.log(`MIX_SUMMARY ${JSON.stringify(summary)}`);
    cleanUp();
    process.exit(0);
  }
  if (only === 'startup') {
    const { values } = parseArgs({
      args: process.argv.slice(3),
      options: { rounds: { type: 'string' } },
    });
    console.log((await startupSection(Number(values.rounds ?? 1))).lines.join('\n'));
    cleanUp();
    process.exit(0);
  }
  if (only === 'plugins' || only === 'live') {
    console.log((await (only === 'live' ? liveSection() : pluginSection())).join('\n'));
    cleanUp();
    process.exit(0);
  }
  // 1. Start-up: npm start on an empty data folder (migrations + demo data), then on a filled one.
  step('start-up: npm start on an empty data folder, then on a filled one');
  const dataDir = tempDir('cppcc-bench-');
  const env = { DATA_DIR: dataDir, PORT: '4900', DATABASE_URL: '', REDIS_URL: '' };
  const cold = await start(['npm', 'start'], env, /is ready in/);
  await new Promise((r) => setTimeout(r, 3000));
  const idleRss = treeRss(cold.child.pid!);
  await stop(cold.child);
  const warm = await start(['npm', 'start'], env, /is ready in/);
  await stop(warm.child);
  fs.rmSync(dataDir, { recursive: true, force: true });

  // 2. Subgraphs in one process; each engine in a process of its own, taking turns.
  step('engines: the subgraphs in one process, then each engine in turn');
  const subgraphs = await start(
    [tsx, '--conditions=@cppcc/source', 'scripts/serve-subgraphs.ts'],
    { ...production, DATA_DIR: tempDir('cppcc-bench-'), DATABASE_URL: '', REDIS_URL: '' },
    /^URLS /,
  );
  const urls: Record<string, string> = JSON.parse(subgraphs.line.slice(5));
  const urlEnv = Object.fromEntries(
    Object.entries(urls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, u]),
  );
  const readmeBody = JSON.stringify({ query: readmeQuery });
  const oneBody = JSON.stringify({ query: oneSubgraphQuery });
  const results: Record<string, { readme: Load[]; one: Load[]; rss: number[] }> = {
    hive: { readme: [], one: [], rss: [] },
    apollo: { readme: [], one: [], rss: [] },
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const engine of ['hive', 'apollo'] as const) {
      const gw = await start(
        [tsx, '--conditions=@cppcc/source', 'gateway/src/main.ts'],
        { ...production, ...urlEnv, GATEWAY_ENGINE: engine, PORT: '4901', LOG_LEVEL: 'info' },
        /gateway listening/,
      );
      const url = 'http://127.0.0.1:4901/graphql';
      await check(url, readmeBody);
      load(url, readmeBody); // warm-up at full load, discarded
      results[engine].readme.push(measured(gw.child.pid!, url, readmeBody));
      results[engine].one.push(measured(gw.child.pid!, url, oneBody));
      results[engine].rss.push(treeRss(gw.child.pid!));
      await stop(gw.child);
    }
  }
  step('stock router: the Hive Gateway CLI over the same subgraphs');
  // 3. A stock router over the same subgraphs: the Hive Gateway CLI from npm with the
  // configuration in deploy/routers/ only (propagated token and district, the router secret).
  const stockDir = tempDir('cppcc-bench-stock-');
  const { withRoutingUrls } = await import('@cppcc/gateway');
  const stockSupergraph = path.join(stockDir, 'supergraph.graphql');
  fs.writeFileSync(
    stockSupergraph,
    withRoutingUrls(
      fs.readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8'),
      urls,
      {},
    ),
  );
  const stockRouter = track(
    spawn(
      path.join(root, 'node_modules/.bin/hive-gateway'),
      [
        'supergraph',
        stockSupergraph,
        '--config-path',
        path.join(root, 'deploy/routers/hive-gateway.config.ts'),
        '--host',
        '127.0.0.1',
        '--port',
        '4902',
      ],
      {
        cwd: stockDir,
        env: { ...childEnvironment(production), NODE_NO_WARNINGS: '1' },
        stdio: 'ignore',
        detached: true,
      },
    ),
  );
  const stockUrl = 'http://127.0.0.1:4902/graphql';
  for (const deadline = Date.now() + 120_000; ; ) {
    if (
      await check(stockUrl, readmeBody).then(
        () => true,
        () => false,
      )
    )
      break;
    if (stockRouter.exitCode !== null || Date.now() > deadline)
      throw new Error('the stock Hive Gateway did not answer the README query');
    await new Promise((r) => setTimeout(r, 500));
  }
  const stock: Load[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    load(stockUrl, readmeBody);
    stock.push(measured(stockRouter.pid!, stockUrl, readmeBody));
  }
  const stockRss = treeRss(stockRouter.pid!);
  await stop(stockRouter);
  fs.rmSync(stockDir, { recursive: true, force: true });

  step('floor: the members subgraph called directly');
  // 4. The floor: the members subgraph called directly, as a stock router would (a gateway
  // proof is good for one request only; the router secret with no token is an anonymous caller).
  const proof = { [ROUTER_SECRET_HEADER]: production.ROUTER_SECRET };
  await check(urls.members, oneBody, proof);
  load(urls.members, oneBody, proof);
  const direct = load(urls.members, oneBody, proof);
  await stop(subgraphs.child);

  const best = (list: Load[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const hive = best(results.hive.readme);
  const apollo = best(results.apollo.readme);
  const hiveOne = best(results.hive.one);
  const apolloOne = best(results.apollo.one);
  const fmt = (l: Load) =>
    `${Math.round(l.rps)} | ${l.p50} | ${l.p99} | ${l.cpuMs === undefined ? '—' : l.cpuMs.toFixed(2)} | ${l.errors}`;
  rows.push(
    `Run on ${os.cpus().length} × ${os.cpus()[0].model}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ` +
      `autocannon ${CONNECTIONS} connections × ${DURATION} s, best of ${ROUNDS} rounds after a warm-up, engines taking turns; ` +
      'gateway and subgraphs with NODE_ENV=production, each engine in a process of its own, the four subgraphs in another.',
    '',
    '| measurement | req/s | p50 ms | p99 ms | gateway CPU ms/request | errors |',
    '|---|---|---|---|---|---|',
    `| README query (4 subgraphs), Hive Gateway runtime | ${fmt(hive)} |`,
    `| README query (4 subgraphs), @apollo/gateway | ${fmt(apollo)} |`,
    `| README query (4 subgraphs), stock Hive Gateway CLI (deploy/routers config only) | ${fmt(best(stock))} |`,
    `| one-subgraph query, Hive Gateway runtime | ${fmt(hiveOne)} |`,
    `| one-subgraph query, @apollo/gateway | ${fmt(apolloOne)} |`,
    `| one-subgraph query, members subgraph directly (floor) | ${fmt(direct)} |`,
    '',
    `- Hive / Apollo, README query: **${(hive.rps / apollo.rps).toFixed(2)}×** the requests per second, p99 ${(hive.p99 / apollo.p99).toFixed(2)}× as long, ` +
      `**${(hive.cpuMs! / apollo.cpuMs!).toFixed(2)}×** the gateway CPU per request.`,
    `- Ours / the stock Hive Gateway CLI on the same subgraphs, README query: Hive engine **${(hive.rps / best(stock).rps).toFixed(2)}×** the requests per second and ` +
      `${(hive.cpuMs! / best(stock).cpuMs!).toFixed(2)}× the gateway CPU per request; Apollo engine ${(apollo.rps / best(stock).rps).toFixed(2)}× and ${(apollo.cpuMs! / best(stock).cpuMs!).toFixed(2)}×. Stock router RSS after load: ${Math.round(stockRss)} MB.`,
    `- Gateway overhead on a one-subgraph query: Hive reaches ${((hiveOne.rps / direct.rps) * 100).toFixed(0)}% of the direct floor, Apollo ${((apolloOne.rps / direct.rps) * 100).toFixed(0)}%.`,
    `- Gateway RSS after load: Hive ${Math.round(Math.max(...results.hive.rss))} MB, Apollo ${Math.round(Math.max(...results.apollo.rss))} MB.`,
    `- \`npm start\` to ready: ${(cold.ms / 1000).toFixed(1)} s on an empty data folder (migrations and demo data), ${(warm.ms / 1000).toFixed(1)} s on a filled one.`,
    `- Idle RSS of the whole platform (\`npm start\`: npm, tsx, gateway and four subgraphs in one process): ${Math.round(idleRss)} MB.`,
  );
  step('plugin gating: two gateway processes sharing Redis');
  rows.push('', ...(await pluginSection()));
  console.log(rows.join('\n'));
} finally {
  cleanUp();
}
