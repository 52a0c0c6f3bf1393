import {
  createGateway,
  type EngineKind,
  type RunningGateway,
  subgraphEndpoints,
} from '@cppcc/gateway';
import {
  createTransport,
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

/** The repository root, the same from scripts/ under tsx and from dist/scripts/ built. */
export const root = REPO_ROOT;

export interface Platform {
  gateway: RunningGateway;
  modules: RunningModule[];
  transport: Transport;
  stop(): Promise<void>;
}

/**
 * The embedded shape: every module and the gateway in one process, sharing one bus.
 * With DATABASE_URL/REDIS_URL the same code runs on PostgreSQL and Redis.
 */
export async function startPlatform(
  settings: Settings,
  options: {
    seed?: SeedOptions | false;
    engine?: EngineKind;
    port?: number;
    modulePorts?: 'own' | 'free';
  } = {},
): Promise<Platform> {
  const transport = await createTransport(settings);
  const modules: RunningModule[] = [];
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
  for (const definition of definitions) {
    modules.push(
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
  const gateway = await createGateway({
    settings,
    supergraphPath,
    routingUrls: Object.fromEntries(modules.map((m) => [m.name, m.url])),
    engine: options.engine ?? settings.gatewayEngine,
    transport,
    port: options.port ?? settings.port ?? 4000,
    host: settings.host,
  });
  return {
    gateway,
    modules,
    transport,
    async stop() {
      await gateway.stop();
      for (const m of modules.reverse()) await m.stop();
      await transport.close();
      if (composedDir) fs.rmSync(composedDir, { recursive: true, force: true });
    },
  };
}

/** Does the supergraph file exist and name exactly these subgraphs? */
function sameSubgraphs(file: string, names: string[]): boolean {
  if (!fs.existsSync(file)) return false;
  const graphs = subgraphEndpoints(fs.readFileSync(file, 'utf8')).map((e) => e.name);
  return graphs.sort().join() === [...names].sort().join();
}
