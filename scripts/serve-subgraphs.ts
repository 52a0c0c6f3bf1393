import {
  createTransport,
  processSettings,
  startModule,
  stopOnSignal,
  type RunningModule,
} from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';

/** Every module in one process on free ports, for benchmarks: prints {name: url} as JSON. */
const settings = processSettings();
const transport = await createTransport(settings);
const running: RunningModule[] = [];
for (const definition of installedModules()) {
  running.push(
    await startModule(definition, {
      settings,
      transport,
      port: 0,
      seed: settings.seed || { scale: 1 },
    }),
  );
}
stopOnSignal(async () => {
  for (const m of running.reverse()) await m.stop();
  await transport.close();
});
process.stdout.write(
  `URLS ${JSON.stringify(Object.fromEntries(running.map((m) => [m.name, m.url])))}\n`,
);
