// Cold start and idle memory of each production process, built (`node dist`) beside source (tsx):
// `npm run build && npx tsx --conditions=@cppcc/source scripts/measure-startup.ts [ROUNDS]`.
// Start = spawn until the process logs that it listens; RSS = /proc/PID/status VmRSS 3 s later.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment, REPO_ROOT } from '@cppcc/kit';

const rounds = Number(process.argv[2] ?? 3);
const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const roles: [string, string, string][] = [
  ['gateway', 'gateway/src/main.ts', 'gateway/dist/main.js'],
  ['organization', 'subgraphs/organization/src/index.ts', 'subgraphs/organization/dist/index.js'],
  ['members', 'subgraphs/members/src/index.ts', 'subgraphs/members/dist/index.js'],
  ['proposals', 'subgraphs/proposals/src/index.ts', 'subgraphs/proposals/dist/index.js'],
  ['consultation', 'subgraphs/consultation/src/index.ts', 'subgraphs/consultation/dist/index.js'],
  ['platform', 'subgraphs/platform/src/index.ts', 'subgraphs/platform/dist/index.js'],
  ['plugin-host', 'plugins/host/src/index.ts', 'plugins/host/dist/index.js'],
];
const ready = /"msg":"(subgraph listening|gateway listening|plugin host ready)"/;

function rssOf(pid: number): number {
  // tsx runs the script in a child node process: count the whole tree.
  const children = (() => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  })();
  const own = Number(
    /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
  );
  return own + children.reduce((sum, c) => sum + rssOf(c), 0);
}

async function once(args: string[]): Promise<{ ms: number; rssMb: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-measure-'));
  const began = performance.now();
  const child = spawn(args[0], args.slice(1), {
    cwd: REPO_ROOT,
    env: childEnvironment({
      LOG_LEVEL: 'info',
      PORT: '0',
      DATA_DIR: dataDir,
      SEED: 'false',
      DATABASE_URL: '',
      REDIS_URL: '',
      NODE_ENV: 'development',
      ...Object.fromEntries(
        ['INTER_CITY_EXCHANGE', 'ECO_COMPENSATION'].map((m) => [`PORT_${m}`, '0']),
      ),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ms = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      if (ready.test(out)) resolve(performance.now() - began);
    });
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-500)}`)),
    );
  });
  await new Promise((r) => setTimeout(r, 3000));
  const rssMb = rssOf(child.pid!) / 1024;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ms, rssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [
  '| process | cold start, node dist (ms) | cold start, tsx src (ms) | idle RSS, node dist (MB) | idle RSS, tsx src (MB) |',
  '|---|---|---|---|---|',
];
for (const [role, source, built] of roles) {
  const node: { ms: number; rssMb: number }[] = [];
  const viaTsx: { ms: number; rssMb: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate, so drift in machine load hits both alike.
    node.push(await once([process.execPath, built]));
    viaTsx.push(await once([tsx, '--conditions=@cppcc/source', source]));
  }
  rows.push(
    `| ${role} | ${median(node.map((r) => r.ms)).toFixed(0)} | ${median(viaTsx.map((r) => r.ms)).toFixed(0)} | ${median(node.map((r) => r.rssMb)).toFixed(0)} | ${median(viaTsx.map((r) => r.rssMb)).toFixed(0)} |`,
  );
  process.stderr.write(`${rows.at(-1)}\n`);
}
console.log(
  `Median of ${rounds} runs each, ${new Date().toISOString().slice(0, 16)}Z, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores:\n\n${rows.join('\n')}`,
);
