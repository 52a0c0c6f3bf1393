import { createTransport, moduleLogger, readSettings, stopOnSignal } from '@cppcc/kit';
import { installedPlugins } from '@cppcc/schema';
import { startPluginHost } from './host.js';

/**
 * Several plugins in one process (the production alternative to one process per plugin):
 * every installed plugin, or those CPPCC_PLUGINS names, each on its manifest's port, sharing
 * one connection to the bus. With DATABASE_URL each keeps its own PostgreSQL schema.
 */
const log = moduleLogger('plugin-host');
const settings = readSettings();
if (!settings.redisUrl) log.warn('REDIS_URL is not set: events stay inside this process');
const transport = await createTransport(settings);
const host = await startPluginHost({
  plugins: installedPlugins(),
  settings,
  transport,
  host: process.env.HOST ?? '127.0.0.1',
  seed: settings.seedDemoData ? { scale: 1 } : false,
});
log.info({ plugins: host.modules.map((m) => ({ name: m.name, url: m.url })) }, 'plugin host ready');
stopOnSignal(async () => {
  await host.stop();
  await transport.close();
});
