import {
  createTransport,
  moduleLogger,
  modulePort,
  processSettings,
  startOrExit,
  startTracing,
  stopOnSignal,
} from '@cppcc/kit';
import { installedPlugins } from '@cppcc/installation';
import { startPluginHost } from './host.js';

/**
 * Several plugins in one process (the production alternative to one process per plugin):
 * every installed plugin, or those CPPCC_PLUGINS names, each on its manifest's port (or
 * PORT_<PLUGIN>), sharing one connection to the bus. With DATABASE_URL each keeps its own
 * PostgreSQL schema.
 */
const log = moduleLogger('plugin-host');
const settings = processSettings();
startTracing(settings, 'plugin-host');
if (!settings.redisUrl) log.warn('REDIS_URL is not set: events stay inside this process');
const { host, transport } = await startOrExit('plugin host', async () => {
  const transport = await createTransport(settings);
  const host = await startPluginHost({
    plugins: installedPlugins(settings),
    settings,
    transport,
    host: settings.host,
    port: (plugin) => modulePort(settings, plugin.manifest.id, plugin.manifest.port),
    seed: settings.seed,
  });
  return { host, transport };
});
log.info({ plugins: host.modules.map((m) => ({ name: m.name, url: m.url })) }, 'plugin host ready');
stopOnSignal(async () => {
  await host.stop();
  await transport.close();
});
