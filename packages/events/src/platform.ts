import { defineEvent } from '@cppcc/kit';
import { z } from 'zod';

/**
 * A district operator switched a plugin on or off, or changed its settings (platform). The
 * plugin's own subgraph keeps the latest state per district from it; gateways tail it to gate
 * queries. `version` grows by one with every change of one district's switch, so a receiver
 * can drop a stale copy.
 */
export const pluginSwitched = defineEvent(
  'plugin.switched',
  z.object({
    district: z.string().min(1).max(12),
    plugin: z.string().regex(/^[a-z][a-z0-9-]*$/),
    enabled: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
    version: z.number().int().positive(),
    changedAt: z.string(),
    changedBy: z.string().nullable(),
  }),
  'A plugin was enabled, disabled or reconfigured for a district (platform).',
);

/**
 * What waits on one record changed in the inbox (platform, applying `work.waiting`): the live
 * field `inboxChanged` tells its parties, before and after, to look again. `parties` are both.
 */
export const inboxChanged = defineEvent(
  'inbox.changed',
  z.object({
    /** The inbox's key of the record (`HandlingTask:12`), the argument of `inboxChange`. */
    id: z.string().min(1).max(120),
    district: z.string().min(1).max(12),
    parties: z.array(z.string().min(1).max(80)),
  }),
  'The work waiting on one record changed in the inbox, for the parties named (platform).',
);
