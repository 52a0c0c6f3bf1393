import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SWITCH_STATES = ['ENABLED', 'DISABLED'] as const;
export type SwitchState = (typeof SWITCH_STATES)[number];

/**
 * One installed plugin's switch for one district: on or off, and the district's settings for
 * it. Switches are public (any client may ask what a district has enabled); settings are read
 * by the district's own roles only.
 */
export const PluginSwitchRecordSchema = defineEntity({
  name: 'PluginSwitchRecord',
  tableName: 'district_plugin',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    plugin: p.string(),
    status: p.string().$type<SwitchState>(),
    settings: p.json<Record<string, unknown>>(),
    /** Grows by one with every change; receivers of `plugin.switched` drop older copies. */
    version: p.integer(),
    changedAt: p.datetime(),
    changedBy: p.string().nullable(),
    public: p.boolean().default(true),
  },
  uniques: [{ properties: ['district', 'plugin'] }],
});
export type PluginSwitchRecord = InferEntity<typeof PluginSwitchRecordSchema>;
