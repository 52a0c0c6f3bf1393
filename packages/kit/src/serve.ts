import { memoryTransport } from './bus/memory.js';
import { redisTransport } from './bus/redis.js';
import type { Transport } from './bus/event.js';
import { failStartup, modulePort, processSettings, type Settings } from './config.js';
import { moduleLogger } from './log.js';
import type { ModuleDefinition } from './module.js';
import { startModule, type RunningModule } from './runtime.js';
import { startTracing, stopTracing } from './tracing.js';

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

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Stops everything on SIGINT/SIGTERM, finishing requests in flight first (`stop` drains within
 * the shutdown deadline), then exits 0 (1 if stopping failed). The process owns its signals:
 * handlers libraries install (Apollo Server's, Yoga's dispose-on-terminate) would stop an engine
 * under requests still running, so they are removed. A second signal while stopping exits at once.
 */
export function stopOnSignal(
  stop: () => Promise<void>,
  { deadlineMs = processSettings().shutdownTimeoutMs } = {},
): void {
  const log = moduleLogger('process');
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, deadlineMs }, 'stopping');
    // Stopping hangs only on a bug; the process still ends, a little after the drain deadline.
    setTimeout(() => {
      log.error('still stopping well past the shutdown deadline: exiting');
      process.exit(1);
    }, deadlineMs + 5_000).unref();
    // Spans still buffered for the collector go out before the process ends.
    stop()
      .then(stopTracing)
      .then(
        () => {
          log.info('stopped');
          process.exit(0);
        },
        (err) => {
          log.error({ err }, 'stopping failed');
          process.exit(1);
        },
      );
  };
  const foreign = (event: string | symbol, listener: (...args: unknown[]) => void) => {
    if (!SIGNALS.includes(event as (typeof SIGNALS)[number]) || listener === handler) return;
    // Called before the listener is added: remove it once it is there.
    queueMicrotask(() => process.removeListener(event, listener));
  };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, handler);
  }
  process.on('newListener', foreign);
}

/**
 * Runs a process's startup; anything that stops it from starting (a busy port, a schema behind
 * the code, an unreachable database) is one line on stderr and exit code 1, not a stack trace.
 */
export async function startOrExit<T>(role: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    return failStartup(`${role} did not start: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Serves one module as its own process (the production shape): `PORT` (or `PORT_<MODULE>`) overrides its port. */
export async function serveAlone(definition: ModuleDefinition): Promise<RunningModule> {
  const settings = processSettings();
  startTracing(settings, definition.name);
  const log = moduleLogger(definition.name);
  if (!settings.redisUrl) log.warn('REDIS_URL is not set: events stay inside this process');
  const { running, transport } = await startOrExit(definition.name, async () => {
    const transport = await createTransport(settings);
    const running = await startModule(definition, {
      settings,
      transport,
      port: settings.port ?? modulePort(settings, definition.name, definition.port),
      host: settings.host,
      seed: settings.seed,
    });
    return { running, transport };
  });
  stopOnSignal(async () => {
    await running.stop();
    await transport.close();
  });
  return running;
}
