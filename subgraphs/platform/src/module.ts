import { defineModule, type ModuleDefinition, workWaiting } from '@cppcc/kit';
import { inboxChanged, pluginSwitched } from '@cppcc/events';
import type { Plugin } from '@cppcc/plugin-sdk';
import { setCatalog } from './catalog.js';
import { applyWorkWaiting } from './consumers.js';
import { InboxDoneSchema, InboxItemSchema, InboxRecordSchema } from './entities/inbox.entity.js';
import { PluginSwitchRecordSchema } from './entities/plugin-switch.entity.js';
import { initial } from './migrations/0001-initial.js';
import { inbox } from './migrations/0002-inbox.js';
import { inboxDone } from './migrations/0003-inbox-done.js';
import { inboxShowsFrom } from './migrations/0004-inbox-shows-from.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/**
 * Platform: the installed plugins and each district's switches for them (gateways and the
 * plugins themselves learn of every switch through `plugin.switched`), and the inbox: every
 * module's waiting work, kept from `work.waiting`.
 */
export function platformModule(plugins: Plugin[]): ModuleDefinition {
  setCatalog(plugins);
  return defineModule({
    name: 'platform',
    port: 4105,
    schema,
    entities: [PluginSwitchRecordSchema, InboxItemSchema, InboxRecordSchema, InboxDoneSchema],
    migrations: [initial, inbox, inboxDone, inboxShowsFrom],
    emits: [pluginSwitched, inboxChanged],
    // The inbox: every module's waiting work (kit work-waiting.ts), kept per record. On its first
    // start the platform asks every module for the work already waiting (kit requestWorkOnce),
    // so an upgraded platform's records and the demo data appear too.
    consumes: { [workWaiting.type]: applyWorkWaiting },
    seed,
    isSeeded,
  });
}
