import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import {
  appError,
  defineMigration,
  ErrorCode,
  type EventHandler,
  type RequestContext,
} from '@cppcc/kit';
import { pluginSwitched } from '@cppcc/events';

/**
 * A plugin's copy of its own switch per district, fed by the platform's `plugin.switched`
 * events, so its resolvers can refuse a district that has not enabled it without asking
 * another service on every request.
 */
export const PluginSwitchSchema = defineEntity({
  name: 'PluginSwitch',
  tableName: 'plugin_switch',
  properties: {
    district: p.string().primary().length(12),
    enabled: p.boolean(),
    settings: p.json<Record<string, unknown>>(),
    version: p.integer(),
    changedAt: p.datetime(),
  },
});
export type PluginSwitch = InferEntity<typeof PluginSwitchSchema>;

export const pluginSwitchMigration = defineMigration(
  'Migration00000000000010_plugin_switch',
  (knex) =>
    knex.schema.createTable('plugin_switch', (t) => {
      t.string('district', 12).primary();
      t.boolean('enabled').notNullable();
      t.json('settings').notNullable();
      t.integer('version').notNullable();
      t.datetime('changed_at').notNullable();
    }),
);

/** Keeps the newest switch per district; a late, older copy of an event changes nothing. */
export function applyPluginSwitched(pluginId: string): EventHandler {
  return async (em, event) => {
    const payload = pluginSwitched.payload.parse(event.payload);
    if (payload.plugin !== pluginId) return;
    const current = await em.findOne(
      PluginSwitchSchema,
      { district: payload.district },
      { filters: false },
    );
    if (current && current.version >= payload.version) return;
    await em.upsert(PluginSwitchSchema, {
      district: payload.district,
      enabled: payload.enabled,
      settings: payload.settings,
      version: payload.version,
      changedAt: new Date(payload.changedAt),
    });
  };
}

/** The district whose view a request uses (see Caller.site). */
export function siteOf(ctx: RequestContext): string | null {
  return ctx.caller.site ?? ctx.caller.district ?? null;
}

const lookups = new WeakMap<RequestContext, Map<string, Promise<PluginSwitch | null>>>();

/** The plugin's switch row for a district (by default the request's), read once per request. */
export function switchFor(
  ctx: RequestContext,
  district: string | null = siteOf(ctx),
): Promise<PluginSwitch | null> {
  if (!district) return Promise.resolve(null);
  let rows = lookups.get(ctx);
  if (!rows) {
    rows = new Map();
    lookups.set(ctx, rows);
  }
  let found = rows.get(district);
  if (!found) {
    found = ctx.em.findOne(PluginSwitchSchema, { district }, { filters: false });
    rows.set(district, found);
  }
  return found;
}

export function disabledError(pluginId: string, district: string | null) {
  return appError(
    ErrorCode.PLUGIN_DISABLED,
    district
      ? `the plugin "${pluginId}" is not enabled for district ${district}; a district operator can enable it (enablePlugin)`
      : `the plugin "${pluginId}" needs a district: sign in, or name one in the x-cppcc-district header`,
    { plugin: pluginId, district },
  );
}

export function pluginGuard(pluginId: string) {
  return async (ctx: RequestContext): Promise<void> => {
    const row = await switchFor(ctx);
    if (!row?.enabled) throw disabledError(pluginId, siteOf(ctx));
  };
}

/**
 * The districts that have the plugin on. The district filter shows a public row to everyone; a
 * plugin whose public rows should not be seen for a district that switched it off (or never
 * switched it on) adds `{ district: { $in: await enabledDistricts(ctx) } }` to its reads.
 */
export async function enabledDistricts(ctx: RequestContext): Promise<string[]> {
  const rows = await ctx.em.find(
    PluginSwitchSchema,
    { enabled: true },
    { filters: false, fields: ['district'] },
  );
  return rows.map((r) => r.district);
}
