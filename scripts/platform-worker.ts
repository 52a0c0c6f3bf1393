import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  createTransport,
  modulePort,
  ownMetrics,
  portTransport,
  startModule,
  type RunningModule,
  type SeedOptions,
  type Settings,
} from '@cppcc/kit';
import { installedPlugins } from '@cppcc/installation';
import { installedModules } from '@cppcc/platform';
import { progressBar } from './progress.js';

/**
 * One worker thread of the embedded platform (scripts/workers.ts starts it): runs the modules it
 * is given, on the main thread's bus over `bus`, and stops them when told.
 */
export interface WorkerInput {
  modules: string[];
  settings: Settings;
  seed: Omit<SeedOptions, 'progress'> | false;
  freePorts: boolean;
  /** The main thread's in-process bus; absent on Redis, which each worker reaches itself. */
  bus?: MessagePort;
}

/** What a worker tells the main thread. */
export type WorkerMessage =
  | { kind: 'ready'; modules: { name: string; url: string }[] }
  | { kind: 'failed'; message: string }
  | { kind: 'metrics'; id: number; metrics: Awaited<ReturnType<typeof ownMetrics>> }
  | { kind: 'stopped' };

/** What the main thread tells a worker. */
export type MainMessage = { kind: 'metrics'; id: number } | { kind: 'stop' };

const input = workerData as WorkerInput;
const port = parentPort!;
const transport = input.bus ? portTransport(input.bus) : await createTransport(input.settings);
const running: RunningModule[] = [];
const send = (message: WorkerMessage) => port.postMessage(message);

port.on('message', (message: MainMessage) => {
  if (message.kind === 'metrics')
    void ownMetrics().then((metrics) => send({ kind: 'metrics', id: message.id, metrics }));
  else if (message.kind === 'stop')
    void (async () => {
      // Each module drains its own requests, then its consumers and relay stop.
      for (const m of running.reverse()) await m.stop();
      await transport.close();
      send({ kind: 'stopped' });
      port.close();
    })();
});

try {
  const { settings } = input;
  const definitions = installedModules(installedPlugins(settings)).filter((d) =>
    input.modules.includes(d.name),
  );
  for (const definition of definitions) {
    running.push(
      await startModule(definition, {
        settings,
        transport,
        port: input.freePorts ? 0 : modulePort(settings, definition.name, definition.port),
        host: settings.host,
        seed: input.seed && {
          ...input.seed,
          progress: progressBar(`demo data: ${definition.name}`),
        },
      }),
    );
  }
  send({ kind: 'ready', modules: running.map((m) => ({ name: m.name, url: m.url })) });
} catch (err) {
  // The main thread says it in one line and stops the platform (startOrExit).
  send({ kind: 'failed', message: (err as Error).message.split('\n')[0] });
}
