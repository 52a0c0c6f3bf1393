import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  childEnvironment,
  connectRedis,
  readSettings,
  resilientRedisClient,
  ROUTER_SECRET_HEADER,
} from '@cppcc/kit';
import pg from 'pg';
import { root } from '../platform.js';
import { stepper } from '../progress.js';
import { createMix, DOCUMENTS, KINDS, type MixRequest } from './mix.js';
import { postGraphQL, runMix, type Answer, type MixLoad } from './mix-load.js';
import type { ProfileWindow } from './cpu-profile.js';
import { planReplayer } from './plan-replay.js';
import { productionEnvironment, start, stop, tempDir, treeCpuMs } from './processes.js';

/**
 * The client mix (`npm run bench -- mix`): the operations client apps send, from distinct
 * callers with distinct variables, against (a) the platform as shipped (compiled JS,
 * NODE_ENV=production, gateway and subgraphs each in a process), (b) the same subgraph process
 * behind a stock @apollo/gateway, (c) the client replaying the stock planner's query plan against
 * the subgraphs itself; and (a) again with the gateway's response cache on (GATEWAY_RESPONSE_CACHE),
 * side by side — (a) itself runs with it off, as the issue's ratios are caches-off. Per store (SQLite; PostgreSQL + Redis when DATABASE_URL/REDIS_URL are
 * set) and per demo-data scale.
 */
export interface MixOptions {
  seconds: number;
  connections: number;
  rounds: number;
  scales: number[];
  stores: ('sqlite' | 'postgres')[];
  /** Seconds of load before measuring, discarded. */
  warmup: number;
  /** A folder for `node --cpu-prof` profiles of the subgraph process and the gateway (a). */
  profileDir?: string;
}

interface Measured extends MixLoad {
  gatewayCpu?: number;
  subgraphCpu: number;
  clientCpu: number;
  /** The kinds that answered without errors in the check before the load. */
  checked?: string[];
}

const TARGETS = {
  a: '(a) platform as shipped',
  cached: '(a) with the response cache',
  b: '(b) stock @apollo/gateway',
  c: '(c) direct, replayed query plan',
} as const;
type Target = keyof typeof TARGETS;

const step = stepper('bench mix');

/** Builds the compiled output the platform ships (turbo reuses what did not change). */
export function buildShipped(onlyIfMissing: boolean) {
  const built = ['dist/scripts/serve-subgraphs.js', 'gateway/dist/main.js'];
  if (onlyIfMissing && built.every((f) => fs.existsSync(path.join(root, f)))) return;
  step('building the compiled output (npm run build:emit)');
  execFileSync('npm', ['run', 'build:emit'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function mixSection(options: MixOptions, redisUrl?: string, databaseUrl?: string) {
  const lines: string[] = [];
  const results: Record<string, Record<Target, Measured>> = {};
  for (const store of options.stores)
    for (const scale of options.scales) {
      const label = `${store === 'sqlite' ? 'SQLite' : 'PostgreSQL + Redis'}, ${scale}× demo data`;
      results[label] = await measureOne(options, store, scale, redisUrl, databaseUrl);
      // Said as each part ends: a later part that fails leaves these figures on the console.
      for (const t of Object.keys(TARGETS) as Target[]) {
        const m = results[label][t];
        step(
          `${label}: ${TARGETS[t]}: ${Math.round(m.rps)} req/s, p50 ${m.p50.toFixed(0)} ms, p99 ${m.p99.toFixed(0)} ms, gateway CPU ${m.gatewayCpu?.toFixed(2) ?? '—'} ms/req, subgraphs ${m.subgraphCpu.toFixed(2)} ms/req, ${m.errors} errors of ${m.requests}`,
        );
      }
    }
  const fmt = (n: number | undefined, digits = 2) => (n === undefined ? '—' : n.toFixed(digits));
  lines.push(
    `Client mix, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0].model}, Node ${process.version}; ` +
      `${options.connections} concurrent callers × ${options.seconds} s per measurement, best of ${options.rounds} round(s) after ${options.warmup} s of warm-up, targets taking turns; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end.`,
    '',
    '| data | target | req/s | p50 ms | p99 ms | gateway CPU ms/req | subgraphs CPU ms/req | client CPU ms/req | requests | errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const [label, byTarget] of Object.entries(results))
    for (const t of Object.keys(TARGETS) as Target[]) {
      const m = byTarget[t];
      lines.push(
        `| ${label} | ${TARGETS[t]} | ${Math.round(m.rps)} | ${m.p50.toFixed(0)} | ${m.p99.toFixed(0)} | ${fmt(m.gatewayCpu)} | ${fmt(m.subgraphCpu)} | ${fmt(m.clientCpu)} | ${m.requests} | ${m.errors} |`,
      );
    }
  lines.push('', '| data | ratio | req/s | p99 | gateway CPU/req |', '|---|---|---|---|---|');
  for (const [label, { a, b, c, cached }] of Object.entries(results)) {
    lines.push(
      `| ${label} | (a) cached/(a) | ${(cached.rps / a.rps).toFixed(2)}× | ${(cached.p99 / a.p99).toFixed(2)}× | ${(cached.gatewayCpu! / a.gatewayCpu!).toFixed(2)}× |`,
      `| ${label} | (a)/(b) | ${(a.rps / b.rps).toFixed(2)}× | ${(a.p99 / b.p99).toFixed(2)}× | ${(a.gatewayCpu! / b.gatewayCpu!).toFixed(2)}× |`,
      `| ${label} | (a)/(c) | ${(a.rps / c.rps).toFixed(2)}× | ${(a.p99 / c.p99).toFixed(2)}× | — |`,
    );
  }
  const kinds = Object.keys(KINDS);
  lines.push(
    '',
    `Requests per kind (errors in brackets; shares out of ${Object.values(KINDS).reduce((s, w) => s + w, 0)}):`,
    '',
    `| kind | share | ${Object.keys(results)
      .flatMap((l) => (Object.keys(TARGETS) as Target[]).map((t) => `${l} ${t}`))
      .join(' | ')} |`,
    `|---|---|${Object.keys(results)
      .flatMap(() => Object.keys(TARGETS).map(() => '---'))
      .join('|')}|`,
  );
  for (const kind of kinds)
    lines.push(
      `| ${kind} | ${KINDS[kind as keyof typeof KINDS]} | ${Object.values(results)
        .flatMap((byTarget) =>
          (Object.keys(TARGETS) as Target[]).map((t) => {
            const tally = byTarget[t].byKind.get(kind);
            return tally ? `${tally.requests} (${tally.errors})` : '0';
          }),
        )
        .join(' | ')} |`,
    );
  const firstErrors = Object.entries(results).flatMap(([label, byTarget]) =>
    (Object.keys(TARGETS) as Target[]).flatMap((t) =>
      [...byTarget[t].byKind]
        .filter(([, tally]) => tally.firstError)
        .map(([kind, tally]) => `- ${label} ${TARGETS[t]}, ${kind}: ${tally.firstError}`),
    ),
  );
  if (firstErrors.length) lines.push('', 'First error of each failing kind:', ...firstErrors);
  // One line for machines (the bench's own e2e test reads it).
  const summary = Object.fromEntries(
    Object.entries(results).map(([label, byTarget]) => [
      label,
      Object.fromEntries(
        (Object.keys(TARGETS) as Target[]).map((t) => [
          t,
          {
            rps: byTarget[t].rps,
            errors: byTarget[t].errors,
            checked: byTarget[t].checked,
            kinds: Object.fromEntries(byTarget[t].byKind),
          },
        ]),
      ),
    ]),
  );
  return { lines, summary };
}

async function measureOne(
  options: MixOptions,
  store: 'sqlite' | 'postgres',
  scale: number,
  redisUrl?: string,
  databaseUrl?: string,
): Promise<Record<Target, Measured>> {
  const production = productionEnvironment();
  const settings = readSettings(childEnvironment(production));
  // PostgreSQL: a database of this run, dropped after; Redis: a stream of this run, deleted after.
  let database: { admin: string; name: string; url: string } | undefined;
  const stream = `bench:mix:${randomBytes(6).toString('hex')}`;
  if (store === 'postgres') {
    if (!databaseUrl || !redisUrl)
      throw new Error('the PostgreSQL run needs DATABASE_URL and REDIS_URL');
    const name = `cppcc_bench_mix_${randomBytes(6).toString('hex')}`;
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    database = { admin: databaseUrl, name, url: url.toString() };
    await sql(databaseUrl, `create database "${name}"`);
  }
  const env = {
    ...production,
    DATA_DIR: tempDir('cppcc-bench-mix-'),
    DATABASE_URL: database?.url ?? '',
    REDIS_URL: store === 'postgres' ? redisUrl! : '',
    REDIS_STREAM: stream,
    SEED_SCALE: String(scale),
  };
  const label = `${store}, ${scale}×`;
  try {
    step(
      `${label}: subgraphs (node dist/scripts/serve-subgraphs.js), seeding ${scale}× the demo data`,
    );
    // Profiled (`--profile`): each process writes its profile on exit, under a folder of its name.
    const profiled = (name: string) =>
      options.profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.profileDir, `${name}, ${label}`)}`]
        : [];
    const subgraphs = await start(
      ['node', ...profiled('subgraphs'), 'dist/scripts/serve-subgraphs.js'],
      env,
      /^URLS /,
    );
    const urls: Record<string, string> = JSON.parse(subgraphs.line.slice(5));
    // Ready is not idle: consumers still work through the events seeding emitted (duty records),
    // which would time out the first requests and bill their CPU to the measurement.
    step(`${label}: waiting for the subgraph process to settle`);
    if (!(await settle(subgraphs.child.pid!)))
      step(`${label}: the subgraph process did not settle in 10 minutes; measuring anyway`);
    const urlEnv = Object.fromEntries(
      Object.entries(urls).map(([n, u]) => [
        `SUBGRAPH_URL_${n.toUpperCase().replace(/-/g, '_')}`,
        u,
      ]),
    );
    step(
      `${label}: gateway (a) node gateway/dist/main.js, without and with the cache; stock gateway (b)`,
    );
    const shipped = await start(
      ['node', ...profiled('gateway (a)'), 'gateway/dist/main.js'],
      { ...env, ...urlEnv, PORT: '0', LOG_LEVEL: 'info', GATEWAY_RESPONSE_CACHE: 'off' },
      /gateway listening/,
    );
    const cachedGateway = await start(
      ['node', 'gateway/dist/main.js'],
      { ...env, ...urlEnv, PORT: '0', LOG_LEVEL: 'info', GATEWAY_RESPONSE_CACHE: 'on' },
      /gateway listening/,
    );
    const { withRoutingUrls } = await import('@cppcc/gateway');
    const supergraph = withRoutingUrls(
      fs.readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8'),
      urls,
      {},
    );
    const supergraphFile = path.join(tempDir('cppcc-bench-mix-'), 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, supergraph);
    const stock = await start(
      ['node', 'scripts/bench/stock-apollo-gateway.mjs', supergraphFile],
      { ...env, PORT: '0', NODE_NO_WARNINGS: '1' },
      /stock gateway listening/,
    );
    // Both listen on a port free now (PORT=0) and say which in their ready line.
    const shippedUrl: string = JSON.parse(shipped.line).url;
    const cachedUrl: string = JSON.parse(cachedGateway.line).url;
    const stockUrl = stock.line.split(' at ')[1].trim();
    const replay = planReplayer(supergraph, DOCUMENTS);
    const { signDevToken } = await import('@cppcc/gateway');
    const mix = await createMix(scale, (claims) => signDevToken(settings, claims));
    const body = (r: MixRequest) => ({
      query: r.query,
      operationName: r.operationName,
      variables: r.variables,
    });
    const routerSecret = { [ROUTER_SECRET_HEADER]: production.ROUTER_SECRET };
    const send: Record<Target, (r: MixRequest) => Promise<Answer>> = {
      a: (r) => postGraphQL(shippedUrl, body(r), r.headers),
      cached: (r) => postGraphQL(cachedUrl, body(r), r.headers),
      b: (r) => postGraphQL(stockUrl, body(r), r.headers),
      c: (r) =>
        replay.execute(r.query, r.variables, (service, b) =>
          postGraphQL(urls[service], b, { ...r.headers, ...routerSecret }),
        ),
    };
    const gatewayPid: Record<Target, number | undefined> = {
      a: shipped.child.pid,
      cached: cachedGateway.child.pid,
      b: stock.child.pid,
      c: undefined,
    };
    // Every kind once through every target, in pipeline order: what fails here would void the run.
    const checked: Record<Target, string[]> = { a: [], cached: [], b: [], c: [] };
    for (const t of Object.keys(TARGETS) as Target[])
      for (const kind of mix.kinds) {
        const r = mix.make(kind);
        const answer = await send[t](r);
        if (answer.errors?.length || !answer.data)
          throw new Error(
            `${TARGETS[t]}: ${r.kind} (${r.operationName}) failed: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`,
          );
        r.answered?.(answer.data);
        checked[t].push(kind);
      }
    const best: Partial<Record<Target, Measured>> = {};
    for (let round = 0; round < options.rounds; round++)
      for (const t of Object.keys(TARGETS) as Target[]) {
        if (round === 0 && options.warmup > 0) {
          step(`${label}: ${TARGETS[t]}: warm-up`);
          await runMix({
            next: mix.next,
            send: send[t],
            connections: options.connections,
            seconds: options.warmup,
          });
        }
        step(`${label}: ${TARGETS[t]}: round ${round + 1}/${options.rounds}`);
        const pid = gatewayPid[t];
        const before = {
          gateway: pid ? treeCpuMs(pid) : 0,
          subgraphs: treeCpuMs(subgraphs.child.pid!),
          client: process.cpuUsage(),
        };
        const from = process.hrtime.bigint() / 1000n;
        const load = await runMix({
          next: mix.next,
          send: send[t],
          connections: options.connections,
          seconds: options.seconds,
        });
        // The profiles cover start-up and seeding too; the summary counts these windows only.
        if (options.profileDir)
          recordWindow(options.profileDir, {
            label,
            target: t,
            from: Number(from),
            to: Number(process.hrtime.bigint() / 1000n),
            requests: load.requests,
          });
        const client = process.cpuUsage(before.client);
        const m: Measured = {
          ...load,
          gatewayCpu: pid ? (treeCpuMs(pid) - before.gateway) / load.requests : undefined,
          subgraphCpu: (treeCpuMs(subgraphs.child.pid!) - before.subgraphs) / load.requests,
          clientCpu: (client.user + client.system) / 1000 / load.requests,
        };
        if (!best[t] || m.rps > best[t].rps) best[t] = m;
      }
    for (const p of [stock, cachedGateway, shipped, subgraphs]) await stop(p.child);
    for (const t of Object.keys(TARGETS) as Target[]) best[t]!.checked = checked[t];
    return best as Record<Target, Measured>;
  } finally {
    if (database)
      await sql(database.admin, `drop database if exists "${database.name}" with (force)`);
    if (store === 'postgres' && redisUrl) await deleteStream(redisUrl, stream);
  }
}

/** Appends a measured window to the profile folder's windows.json (read by cpu-profile.ts). */
function recordWindow(dir: string, window: ProfileWindow) {
  const file = path.join(dir, 'windows.json');
  const windows: ProfileWindow[] = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : [];
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify([...windows, window]));
}

async function sql(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Deletes this run's stream (only that key: the Redis is shared). */
async function deleteStream(url: string, stream: string) {
  const client = resilientRedisClient(url, 'bench clean-up');
  await connectRedis(client);
  await client.del(stream);
  await client.quit();
}

/** Waits until a process uses under a tenth of a core over two seconds (false after waitMs). */
export async function settle(pid: number, waitMs = 600_000): Promise<boolean> {
  for (const deadline = Date.now() + waitMs; Date.now() < deadline; ) {
    const before = treeCpuMs(pid);
    await new Promise((r) => setTimeout(r, 2000));
    if (treeCpuMs(pid) - before < 200) return true;
  }
  return false;
}
