import { defineModule, type ModuleDefinition } from '@cppcc/kit';
import { pluginSwitched } from '@cppcc/events';
import type { Plugin } from '@cppcc/plugin-sdk';
import { setCatalog } from './catalog.js';
import { PluginSwitchRecordSchema } from './entities/plugin-switch.entity.js';
import { initial } from './migrations/0001-initial.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/**
 * Platform: the installed plugins and each district's switches for them. Gateways and the
 * plugins themselves learn of every switch through `plugin.switched`.
 */
export function platformModule(plugins: Plugin[]): ModuleDefinition {
  setCatalog(plugins);
  return defineModule({
    name: 'platform',
    port: 4105,
    schema,
    entities: [PluginSwitchRecordSchema],
    migrations: [initial],
    emits: [pluginSwitched],
    seed,
    isSeeded,
  });
}
