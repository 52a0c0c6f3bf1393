import { memoryTransport } from './bus/memory.js';
import { redisTransport } from './bus/redis.js';
import type { Transport } from './bus/event.js';
import { readSettings, type Settings } from './config.js';
import { moduleLogger } from './log.js';
import type { ModuleDefinition } from './module.js';
import { startModule, type RunningModule } from './runtime.js';

/** Redis Streams when REDIS_URL is set, otherwise the in-process bus. */
export async function createTransport(settings: Settings): Promise<Transport> {
  if (!settings.redisUrl) return memoryTransport();
  return redisTransport({
    url: settings.redisUrl,
    stream: settings.redisStream,
    claimIdleMs: settings.busClaimIdleSeconds * 1000,
    deadConsumerMs: settings.busDeadConsumerSeconds * 1000,
  });
}

/** Stops everything on SIGINT/SIGTERM, finishing requests in flight first. */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

/** Serves one module as its own process (the production shape): `PORT` overrides its port. */
export async function serveAlone(definition: ModuleDefinition): Promise<RunningModule> {
  const settings = readSettings();
  const log = moduleLogger(definition.name);
  if (!settings.redisUrl) log.warn('REDIS_URL is not set: events stay inside this process');
  const transport = await createTransport(settings);
  const running = await startModule(definition, {
    settings,
    transport,
    port: process.env.PORT ? Number(process.env.PORT) : definition.port,
    host: process.env.HOST ?? '127.0.0.1',
    seed: settings.seedDemoData ? { scale: 1 } : false,
  });
  stopOnSignal(async () => {
    await running.stop();
    await transport.close();
  });
  return running;
}
