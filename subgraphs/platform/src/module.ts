import { defineModule, type ModuleDefinition, workWaiting } from '@cppcc/kit';
import { inboxChanged, pluginSwitched } from '@cppcc/events';
import type { Plugin } from '@cppcc/plugin-sdk';
import { setCatalog } from './catalog.js';
import { applyWorkWaiting } from './consumers.js';
import { askSettingsReviews } from './commands/review-plugin-settings.js';
import {
  InboxDoneSchema,
  InboxItemSchema,
  InboxRecordSchema,
  InboxTickSchema,
} from './entities/inbox.entity.js';
import { PluginSettingsReviewSchema } from './entities/plugin-settings-review.entity.js';
import { announceDaysTurned } from './inbox-tick.js';
import { PluginSwitchRecordSchema } from './entities/plugin-switch.entity.js';
import { initial } from './migrations/0001-initial.js';
import { inbox } from './migrations/0002-inbox.js';
import { inboxDone } from './migrations/0003-inbox-done.js';
import { inboxShowsFrom } from './migrations/0004-inbox-shows-from.js';
import { inboxTick } from './migrations/0005-inbox-tick.js';
import { pluginSettingsReview } from './migrations/0006-plugin-settings-review.js';
import { platformSchema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/**
 * Platform: the installed plugins and each district's switches for them (gateways and the
 * plugins themselves learn of every switch through `plugin.switched`) with the operators' review
 * of their settings for each version, and the inbox: every module's waiting work, kept from
 * `work.waiting`, announced again on the day work that waits from a day on comes into sight;
 * and `node(id)` over `nodeTypes`, the other modules' node types.
 */
export function platformModule(
  plugins: Plugin[],
  nodeTypes: readonly string[] = [],
): ModuleDefinition {
  setCatalog(plugins);
  const schema = platformSchema(nodeTypes);
  return defineModule({
    name: 'platform',
    port: 4105,
    schema,
    entities: [
      PluginSwitchRecordSchema,
      PluginSettingsReviewSchema,
      InboxItemSchema,
      InboxRecordSchema,
      InboxDoneSchema,
      InboxTickSchema,
    ],
    migrations: [initial, inbox, inboxDone, inboxShowsFrom, inboxTick, pluginSettingsReview],
    emits: [pluginSwitched, inboxChanged],
    // The inbox: every module's waiting work (kit work-waiting.ts), kept per record. On its first
    // start the platform asks every module for the work already waiting (kit requestWorkOnce),
    // so an upgraded platform's records and the demo data appear too.
    consumes: { [workWaiting.type]: applyWorkWaiting },
    seed,
    isSeeded,
    jobs: [
      // The plugins' versions are learnt as the platform starts with them (an install or an
      // upgrade is a restart): each district with one on reviews its settings for a new version.
      { name: 'plugin settings reviews', run: (em) => askSettingsReviews(em, plugins) },
      // Work that shows from a day on is announced when the day comes.
      {
        name: 'inbox day',
        everyMs: (settings) => settings.inboxTickSeconds * 1000,
        run: async (em) => void (await announceDaysTurned(em)),
      },
    ],
  });
}
