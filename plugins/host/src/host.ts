import {
  startModule,
  type RunningModule,
  type SeedOptions,
  type Settings,
  type Transport,
} from '@cppcc/kit';
import type { Plugin } from '@cppcc/plugin-sdk';

export interface PluginHostOptions {
  plugins: Plugin[];
  settings: Settings;
  /** One bus connection every hosted plugin shares. */
  transport: Transport;
  host?: string;
  /** Where each plugin listens (its manifest's port unless given; 0 picks a free one). */
  port?: (plugin: Plugin) => number;
  seed?: SeedOptions | false;
}

export interface PluginHost {
  modules: RunningModule[];
  /** Stops every hosted plugin, the last started first; the transport stays the caller's. */
  stop(): Promise<void>;
}

/**
 * Several plugins in one process: each its own subgraph (own server, database and consumers),
 * all on one connection to the bus. A plugin that fails to start stops the ones before it.
 */
export async function startPluginHost(options: PluginHostOptions): Promise<PluginHost> {
  const modules: RunningModule[] = [];
  const stop = async () => {
    for (const m of [...modules].reverse()) await m.stop();
  };
  try {
    for (const plugin of options.plugins) {
      modules.push(
        await startModule(plugin.module, {
          settings: options.settings,
          transport: options.transport,
          port: options.port ? options.port(plugin) : plugin.manifest.port,
          host: options.host ?? '127.0.0.1',
          seed: options.seed ?? false,
        }),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { modules, stop };
}
