import fs from 'node:fs';
import os from 'node:os';
import { installedModules } from '@cppcc/platform';
import { stepper } from '../progress.js';
import { start, stop, tempDir } from './processes.js';
import { treeCpuMs, treeRss } from '../process-tree.js';

/**
 * `npm run bench -- startup [--rounds N]`: `npm start` (built: scripts/launch.mjs) beside
 * `npm run start:source` (tsx, what `npm start` was before), each on an empty data folder
 * (migrations and demo data), then on the filled one, with the modules in worker threads (the
 * default) and in the main thread (WORKERS=0). Ready = the banner; CPU = user + system time of the whole process tree
 * until then, which the machine's load changes far less than the wall time (a busy 2-core machine
 * stretches the wall time, not the work); RSS = VmRSS of the tree (npm, node) 5 s after ready.
 * The phases are the sums over the modules of what each module's "subgraph listening" log line
 * reports (kit's startModule); "code" is the rest of the time to ready: loading the code in each
 * thread, the gateway, the workers' spawning.
 */
export interface StartRun {
  shape: string;
  data: 'empty' | 'there';
  readyMs: number;
  cpuMs: number;
  rssMb: number;
  phases: Record<string, number>;
}

const step = stepper('bench startup');

async function once(
  script: string,
  shape: string,
  data: StartRun['data'],
  env: Record<string, string>,
): Promise<StartRun> {
  step(`npm run ${script}, ${shape}, data ${data}`);
  const { child, ms, output } = await start(
    ['npm', 'run', script],
    {
      ...Object.fromEntries(
        installedModules().map((m) => [`PORT_${m.name.toUpperCase().replace(/-/g, '_')}`, '0']),
      ),
      PORT: '0',
      DATABASE_URL: '',
      REDIS_URL: '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ...env,
    },
    /is ready in/,
  );
  const cpuMs = treeCpuMs(child.pid!);
  await new Promise((r) => setTimeout(r, 5000));
  const rssMb = treeRss(child.pid!);
  const phases: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const startup = /"startup":(\{[^}]*\})/.exec(line)?.[1];
    if (startup)
      for (const [k, v] of Object.entries(JSON.parse(startup) as Record<string, number>))
        phases[k] = (phases[k] ?? 0) + v;
  }
  await stop(child);
  return { shape, data, readyMs: ms, cpuMs, rssMb, phases };
}

export async function startupSection(
  rounds: number,
): Promise<{ lines: string[]; runs: StartRun[] }> {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
  const loadBefore = load();
  const runs: StartRun[] = [];
  // Taking turns, so drift in the machine's load hits each alike.
  for (let i = 0; i < rounds; i++)
    for (const [script, how] of [
      ['start', 'built'],
      ['start:source', 'tsx'],
    ] as const)
      for (const [threads, env] of [
        ['worker threads (default)', {}],
        ['one thread (WORKERS=0)', { WORKERS: '0' }],
      ] as const) {
        const shape = `\`npm run ${script}\` (${how}), ${threads}`;
        const dataDir = tempDir('cppcc-bench-start-');
        runs.push(await once(script, shape, 'empty', { ...env, DATA_DIR: dataDir }));
        runs.push(await once(script, shape, 'there', { ...env, DATA_DIR: dataDir }));
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const phaseNames = ['openMs', 'migrateMs', 'seedMs', 'announceMs', 'relayMs', 'consumersMs'];
  const lines = [
    `Median of ${rounds} run(s) each, ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, load average (1 / 5 / 15 min) ${loadBefore} before and ${load()} after:`,
    '',
    '| command, threads | data | to ready (s) | CPU to ready, whole tree (s) | idle RSS, whole tree (MB) | open db (s) | migrate (s) | seed (s) | announce (s) | publish backlog (s) | consumers (s) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const shape of new Set(runs.map((r) => r.shape)))
    for (const data of ['empty', 'there'] as const) {
      const these = runs.filter((r) => r.shape === shape && r.data === data);
      lines.push(
        `| ${shape} | ${data} | ${(median(these.map((r) => r.readyMs)) / 1000).toFixed(1)} | ${(median(these.map((r) => r.cpuMs)) / 1000).toFixed(1)} | ${median(these.map((r) => r.rssMb)).toFixed(0)} | ${phaseNames.map((p) => (median(these.map((r) => r.phases[p] ?? 0)) / 1000).toFixed(1)).join(' | ')} |`,
      );
    }
  return { lines, runs };
}
