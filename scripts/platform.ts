import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, type EngineKind, type RunningGateway } from '@cppcc/gateway';
import { createTransport, startModule, type RunningModule, type SeedOptions, type Settings, type Transport } from '@cppcc/kit';
import { installedModules } from '@cppcc/schema';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
export async function startPlatform(settings: Settings, options: { seed?: SeedOptions | false; engine?: EngineKind; port?: number; modulePorts?: 'own' | 'free' } = {}): Promise<Platform> {
  const transport = await createTransport(settings);
  const modules: RunningModule[] = [];
  for (const definition of installedModules()) {
    modules.push(
      await startModule(definition, {
        settings,
        transport,
        port: options.modulePorts === 'free' ? 0 : definition.port,
        seed: options.seed ?? { scale: 1 },
      }),
    );
  }
  const gateway = await createGateway({
    settings,
    supergraphPath: path.join(root, 'schema/supergraph.graphql'),
    routingUrls: Object.fromEntries(modules.map((m) => [m.name, m.url])),
    engine: options.engine,
    transport,
    port: options.port ?? 4000,
  });
  return {
    gateway,
    modules,
    transport,
    async stop() {
      await gateway.stop();
      for (const m of modules.reverse()) await m.stop();
      await transport.close();
    },
  };
}
