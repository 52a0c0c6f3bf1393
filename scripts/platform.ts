import {
  createGateway,
  type EngineKind,
  type RunningGateway,
  subgraphEndpoints,
} from '@cppcc/gateway';
import {
  createTransport,
  moduleLogger,
  modulePort,
  REPO_ROOT,
  startModule,
  type RunningModule,
  type SeedOptions,
  type Settings,
  type Transport,
} from '@cppcc/kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installedPlugins } from '@cppcc/installation';
import { installedModules } from '@cppcc/platform';
import { compose } from '@cppcc/schema';
import { progressBar } from './progress.js';
import { startWorkers, type Workers } from './workers.js';

/** The repository root, the same from scripts/ under tsx and from dist/scripts/ built. */
export const root = REPO_ROOT;

export interface Platform {
  gateway: RunningGateway;
  /** The modules that run, wherever they run (this thread or a worker). */
  modules: { name: string; url: string }[];
  /** Worker threads the modules run in (0: all in this thread). */
  workers: number;
  /** The worker threads, by the modules each runs. */
  threads: Workers['threads'];
  transport: Transport;
  stop(): Promise<void>;
}

/**
 * The embedded shape: every module and the gateway in one process, sharing one bus. The gateway
 * runs in this thread and the modules in worker threads (WORKERS, one per core by default; 0: in
 * this thread too), on this thread's bus (serveTransport). With DATABASE_URL/REDIS_URL the same
 * code runs on PostgreSQL and Redis.
 */
export async function startPlatform(
  settings: Settings,
  options: {
    seed?: SeedOptions | false;
    engine?: EngineKind;
    port?: number;
    modulePorts?: 'own' | 'free';
    /** Called when a worker dies after the start; by default the platform stops and exits 1. */
    onCrash?: (message: string) => void;
  } = {},
): Promise<Platform> {
  const transport = await createTransport(settings);
  const seed = options.seed ?? settings.seed;
  const definitions = installedModules(installedPlugins(settings));
  // The gateway routes to (and /readyz waits for) what runs: when CPPCC_PLUGINS narrows the list,
  // or CPPCC_PLUGIN_LIST names another, the committed supergraph names other subgraphs, so it gets
  // one composed for these modules. Composing costs ~0.6 s, so the committed one is used when it
  // names exactly these (`npm run schema:check` in CI keeps it equal to the code).
  let supergraphPath = settings.supergraphPath;
  let composedDir: string | undefined;
  if (
    !sameSubgraphs(
      supergraphPath,
      definitions.map((d) => d.name),
    )
  ) {
    composedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-supergraph-'));
    supergraphPath = path.join(composedDir, 'supergraph.graphql');
    fs.writeFileSync(supergraphPath, compose(definitions).supergraph);
  }
  const count = Math.min(settings.workers ?? os.availableParallelism(), definitions.length);
  const modules: { name: string; url: string }[] = [];
  const inThread: RunningModule[] = [];
  let stopWorkers = async () => {};
  let threads: Workers['threads'] = [];
  if (count > 0) {
    const workers = await startWorkers(definitions, count, {
      settings,
      broker: transport,
      // A function does not cross to a thread: each worker draws its own progress.
      seed: seed && { scale: seed.scale },
      freePorts: options.modulePorts === 'free',
      onCrash: options.onCrash ?? ((message) => crashed(message)),
    });
    modules.push(...workers.modules);
    stopWorkers = workers.stop;
    threads = workers.threads;
  } else {
    for (const definition of definitions) {
      inThread.push(
        await startModule(definition, {
          settings,
          transport,
          port:
            options.modulePorts === 'free'
              ? 0
              : modulePort(settings, definition.name, definition.port),
          host: settings.host,
          // Only a first start seeds (a module with data skips it), so the bar shows only then.
          seed: seed && { ...seed, progress: progressBar(`demo data: ${definition.name}`) },
        }),
      );
    }
    modules.push(...inThread.map((m) => ({ name: m.name, url: m.url })));
  }
  const gateway = await createGateway({
    settings,
    supergraphPath,
    routingUrls: Object.fromEntries(modules.map((m) => [m.name, m.url])),
    engine: options.engine ?? settings.gatewayEngine,
    transport,
    port: options.port ?? settings.port ?? 4000,
    host: settings.host,
  });
  let stopped: Promise<void> | undefined;
  const platform: Platform = {
    gateway,
    modules,
    workers: count,
    threads,
    transport,
    stop() {
      stopped ??= (async () => {
        // The gateway drains first: the requests it still runs reach modules that still answer.
        await gateway.stop();
        await stopWorkers();
        for (const m of inThread.reverse()) await m.stop();
        await transport.close();
        if (composedDir) fs.rmSync(composedDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  /**
   * A worker's modules are gone: the platform would answer with part of the graph while /readyz
   * may still say ready, so it stops and exits 1 for its supervisor (systemd, k8s, a terminal)
   * to restart it whole. Restarting one worker in place would bring back its subgraphs but not
   * what its consumers held, and hide a bug that kills a thread behind a loop of restarts.
   */
  function crashed(message: string): void {
    moduleLogger('platform').fatal(`${message}: stopping the platform`);
    setTimeout(() => process.exit(1), settings.shutdownTimeoutMs + 5_000).unref();
    void platform.stop().finally(() => process.exit(1));
  }
  return platform;
}

/** Does the supergraph file exist and name exactly these subgraphs? */
function sameSubgraphs(file: string, names: string[]): boolean {
  if (!fs.existsSync(file)) return false;
  const graphs = subgraphEndpoints(fs.readFileSync(file, 'utf8')).map((e) => e.name);
  return graphs.sort().join() === [...names].sort().join();
}
