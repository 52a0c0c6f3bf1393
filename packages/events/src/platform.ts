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
