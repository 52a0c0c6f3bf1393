import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import {
  addMetricsSource,
  moduleLogger,
  REPO_ROOT,
  serveTransport,
  type ModuleDefinition,
  type SeedOptions,
  type Settings,
  type Transport,
} from '@cppcc/kit';
import type { MainMessage, WorkerInput, WorkerMessage } from './platform-worker.js';

/**
 * The share of the load each module is expected to carry, from the request mix (docs/benchmarks.md):
 * the README query and the portals read members, proposals and the organisation on nearly every
 * request; plugins and the platform module are called rarely. Unlisted modules count 1.
 */
const EXPECTED_LOAD: Record<string, number> = {
  members: 4,
  proposals: 4,
  organization: 3,
  consultation: 3,
  platform: 1,
};

/** Spreads modules over `count` workers, heaviest first onto the lightest worker (LPT). */
export function spreadModules(names: string[], count: number): string[][] {
  const bins = Array.from({ length: Math.min(count, names.length) }, () => ({
    load: 0,
    names: [] as string[],
  }));
  const load = (n: string) => EXPECTED_LOAD[n] ?? 1;
  for (const name of [...names].sort((a, b) => load(b) - load(a) || a.localeCompare(b))) {
    const lightest = bins.reduce((a, b) => (b.load < a.load ? b : a));
    lightest.load += load(name);
    lightest.names.push(name);
  }
  return bins.map((b) => b.names);
}

export interface Workers {
  modules: { name: string; url: string }[];
  /** The threads, by the modules they run. */
  threads: { modules: string[]; worker: Worker }[];
  /** Each worker's modules drain their requests and stop; then the threads end. */
  stop(): Promise<void>;
}

/**
 * Under tsx (`npm start`) the worker runs TypeScript too. Node 20 does not pass the main thread's
 * module hooks to a worker, nor apply `--import` hooks to a worker's entry, so the worker registers
 * tsx itself before it imports its entry. Built (`npm run start:prod`), plain node.
 */
function workerFile(): { file: string | URL; eval: boolean; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const file = pathToFileURL(path.join(path.dirname(here), `platform-worker${ext}`));
  if (ext !== '.ts') return { file, eval: false, execArgv: [] };
  const tsx = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  return {
    file: `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(file.href)});`,
    eval: true,
    execArgv: ['--conditions=@cppcc/source'],
  };
}

/**
 * Starts the modules in `count` worker threads on `broker` (the main thread's bus; Redis: each
 * worker connects itself). A worker that
 * dies calls `onCrash`: its modules are gone, and their consumers' events wait in the broker.
 */
export async function startWorkers(
  definitions: ModuleDefinition[],
  count: number,
  options: {
    settings: Settings;
    broker: Transport;
    seed: Omit<SeedOptions, 'progress'> | false;
    freePorts: boolean;
    onCrash: (message: string) => void;
  },
): Promise<Workers> {
  const log = moduleLogger('platform');
  const { file, eval: evaluate, execArgv } = workerFile();
  let stopping = false;
  // Before every worker is up a death is a failed start (the caller says why); after, a crash.
  let up = false;
  const threads = spreadModules(
    definitions.map((d) => d.name),
    count,
  ).map((modules) => {
    // Redis is a bus every thread reaches on its own, as separate processes do.
    const channel = options.broker.kind === 'memory' ? new MessageChannel() : undefined;
    const served = channel && serveTransport(options.broker, channel.port1);
    const input: WorkerInput = {
      modules,
      settings: options.settings,
      seed: options.seed,
      freePorts: options.freePorts,
      bus: channel?.port2,
    };
    const worker = new Worker(file, {
      workerData: input,
      transferList: channel ? [channel.port2] : [],
      execArgv,
      eval: evaluate,
      name: `modules: ${modules.join(', ')}`,
    });
    let nextId = 0;
    const metrics = new Map<number, (m: WorkerMessage & { kind: 'metrics' }) => void>();
    let ready!: (m: { name: string; url: string }[]) => void;
    let failed!: (e: Error) => void;
    const started = new Promise<{ name: string; url: string }[]>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    let stopped: () => void = () => undefined;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') ready(message.modules);
      else if (message.kind === 'failed') failed(new Error(message.message));
      else if (message.kind === 'metrics') metrics.get(message.id)?.(message);
      else if (message.kind === 'stopped') stopped();
    });
    let crashed = false;
    const crash = (why: string) => {
      if (crashed || stopping) return;
      crashed = true;
      const message = `the worker of ${modules.join(', ')} ${why}`;
      failed(new Error(message));
      if (up) options.onCrash(message);
    };
    worker.on('error', (err) => {
      log.fatal({ err, modules }, 'a worker thread crashed');
      crash(`crashed: ${err.message}`);
    });
    let exited = false;
    worker.on('exit', (code) => {
      exited = true;
      crash(`exited with code ${code}`);
    });
    const removeSource = addMetricsSource(
      () =>
        new Promise((resolve) => {
          const id = nextId++;
          // A worker that is stopping answers no more: its share is left out, not awaited forever.
          const timer = setTimeout(() => {
            metrics.delete(id);
            resolve([]);
          }, 2_000);
          metrics.set(id, (m) => {
            clearTimeout(timer);
            metrics.delete(id);
            resolve(m.metrics);
          });
          worker.postMessage({ kind: 'metrics', id } satisfies MainMessage);
        }),
    );
    return {
      started,
      modules,
      worker,
      async stop() {
        removeSource();
        // A dead worker has nothing left to stop (and will not say "stopped").
        if (!exited)
          await new Promise<void>((resolve) => {
            stopped = resolve;
            worker.once('exit', () => resolve());
            worker.postMessage({ kind: 'stop' } satisfies MainMessage);
          });
        await served?.close();
        await worker.terminate();
      },
    };
  });
  const stopAll = async () => {
    stopping = true;
    await Promise.all(threads.map((t) => t.stop()));
  };
  try {
    const modules = (await Promise.all(threads.map((t) => t.started))).flat();
    up = true;
    return {
      modules,
      threads: threads.map((t) => ({ modules: t.modules, worker: t.worker })),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
