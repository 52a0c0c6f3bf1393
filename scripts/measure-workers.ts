// `npm start` with its modules in one thread (WORKERS=0) beside worker threads (WORKERS unset: one
// per core), in one run, taking turns: time to ready, idle RSS of the process tree, README query req/s.
// `npx tsx --conditions=@cppcc/source scripts/measure-workers.ts [ROUNDS] [SECONDS]`
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment, REPO_ROOT } from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';
import { treeCpuMs, treeRss } from './process-tree.js';

const rounds = Number(process.argv[2] ?? 1);
const seconds = Number(process.argv[3] ?? 10);
const connections = 10;
const query = /```graphql\n([\s\S]*?)```/.exec(
  fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'),
)![1];
const modes: [string, Record<string, string>][] = [
  ['one thread (WORKERS=0)', { WORKERS: '0' }],
  [`worker threads (default: ${os.availableParallelism()})`, {}],
];

interface Run {
  readyMs: number;
  rssMb: number;
  rps: number;
  p99: number;
  cpuMsPerRequest: number;
}

async function once(dataDir: string, env: Record<string, string>): Promise<Run> {
  const began = performance.now();
  // npm start as the README runs it, in its own process group so that the signal reaches all of it.
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: childEnvironment({
      ...env,
      DATA_DIR: dataDir,
      PORT: '4390',
      ...Object.fromEntries(
        installedModules().map((m, i) => [
          `PORT_${m.name.toUpperCase().replace(/-/g, '_')}`,
          String(4391 + i),
        ]),
      ),
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    }),
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      if (/is ready in/.test(out)) resolve(performance.now() - began);
    });
    child.on('exit', (code) => reject(new Error(`npm start exited ${code}: ${out.slice(-500)}`)));
  });
  await new Promise((r) => setTimeout(r, 5000));
  const rssMb = treeRss(child.pid!);
  const url = 'http://127.0.0.1:4390/graphql';
  const cannon = (duration: number) =>
    JSON.parse(
      execFileSync(
        path.join(REPO_ROOT, 'node_modules/.bin/autocannon'),
        [
          '-j',
          '-c',
          String(connections),
          '-d',
          String(duration),
          '-m',
          'POST',
          '-H',
          'content-type=application/json',
          '-b',
          JSON.stringify({ query }),
          url,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 },
      ).toString(),
    );
  cannon(3); // warm-up
  const cpuBefore = treeCpuMs(child.pid!);
  const result = cannon(seconds);
  const cpuMsPerRequest = (treeCpuMs(child.pid!) - cpuBefore) / result.requests.total;
  if (result.errors + result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers`);
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
  return { readyMs, rssMb, rps: result.requests.average, p99: result.latency.p99, cpuMsPerRequest };
}

const results = new Map<string, Run[]>(modes.map(([name]) => [name, []]));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-workers-bench-'));
try {
  // The first start loads the demo data; every measured start finds it there.
  await once(dataDir, { WORKERS: '0' });
  for (let i = 0; i < rounds; i++)
    for (const [name, env] of modes) {
      results.get(name)!.push(await once(dataDir, env));
      process.stderr.write(`${name}: ${JSON.stringify(results.get(name)!.at(-1))}\n`);
    }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [
  '| `npm start` | to ready, data there (s) | idle RSS, process tree (MB) | README query req/s | p99 (ms) | CPU ms per request |',
  '|---|---|---|---|---|---|',
  ...modes.map(([name]) => {
    const runs = results.get(name)!;
    const m = (f: (r: Run) => number) => median(runs.map(f));
    return `| ${name} | ${(m((r) => r.readyMs) / 1000).toFixed(1)} | ${m((r) => r.rssMb).toFixed(0)} | ${m((r) => r.rps).toFixed(0)} | ${m((r) => r.p99).toFixed(0)} | ${m((r) => r.cpuMsPerRequest).toFixed(1)} |`;
  }),
];
console.log(
  `Median of ${rounds} run(s) each, autocannon ${connections} connections × ${seconds} s after a 3 s warm-up, ${new Date().toISOString().slice(0, 16)}Z, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores:\n\n${rows.join('\n')}`,
);
