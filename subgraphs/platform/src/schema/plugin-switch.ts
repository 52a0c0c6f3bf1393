import {
  auditEntryFields,
  AuditEntrySchema,
  canSeeDistrict,
  type AuditEntry,
  type RequestContext,
  describedValues,
  MUTATION_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  connectionType,
  findPage,
  pagedList,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { catalog, findPlugin } from '../catalog.js';
import { switchPlugin } from '../commands/switch-plugin.js';
import {
  PluginSwitchRecordSchema,
  SWITCH_STATES,
  type PluginSwitchRecord,
} from '../entities/plugin-switch.entity.js';
import { DistrictRef } from './district.js';
import { JSONScalar } from './json.js';
import { PluginRef } from './plugin.js';

/** A switch as clients see it; a district that never touched a plugin has it off, at version 0. */
export interface SwitchView {
  district: string;
  plugin: string;
  status: (typeof SWITCH_STATES)[number];
  settings: Record<string, unknown>;
  version: number;
  changedAt: Date | null;
  changedBy: string | null;
  id: number | null;
}

function view(record: PluginSwitchRecord): SwitchView {
  return { ...record, changedBy: record.changedBy ?? null };
}

export async function switchesOf(ctx: RequestContext, district: string): Promise<SwitchView[]> {
  const rows = await ctx.em.find(PluginSwitchRecordSchema, { district }, { filters: false });
  return catalog().map((p) => {
    const row = rows.find((r) => r.plugin === p.manifest.id);
    return row
      ? view(row)
      : {
          district,
          plugin: p.manifest.id,
          status: 'DISABLED' as const,
          settings: p.defaults as Record<string, unknown>,
          version: 0,
          changedAt: null,
          changedBy: null,
          id: null,
        };
  });
}

const SwitchStateEnum = builder.enumType('PluginSwitchState', {
  description: '插件开关 Whether a plugin is on for a district.',
  values: describedValues(SWITCH_STATES, {
    ENABLED: '已启用 The plugin is on for the district.',
    DISABLED: '已停用 The plugin is off for the district.',
  }),
});

const SwitchChangeRef = builder.objectRef<AuditEntry>('PluginSwitchChange').implement({
  description: 'One change of a switch: who, when, from, to, why.',
  fields: (t) => {
    const f = auditEntryFields(t);
    return {
      action: f.action,
      from: f.fromState,
      to: f.toState,
      by: f.actor,
      at: f.at,
      note: f.note,
    };
  },
});

export const SwitchRef = builder.objectRef<SwitchView>('PluginSwitch').implement({
  description: "A plugin's switch in one district.",
  fields: (t) => ({
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      resolve: (s) => ({ code: s.district }),
    }),
    plugin: t.field({
      description: '插件 The plugin switched.',
      type: PluginRef,
      resolve: (s) => findPlugin(s.plugin)!,
    }),
    state: t.field({
      description: '插件开关 Whether a plugin is on for a district.',
      type: SwitchStateEnum,
      resolve: (s) => s.status,
    }),
    enabled: t.boolean({
      description: '已启用 Whether the plugin is on for the district.',
      resolve: (s) => s.status === 'ENABLED',
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    changedAt: t.field({
      description: '变更时间 When it was last switched or configured; null if never.',
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.changedAt,
    }),
    settings: t.field({
      type: JSONScalar,
      nullable: true,
      description:
        "The district's settings (defaults filled in); only the district's own roles and the city's see them.",
      resolve: (s, _args, ctx) => (canSeeDistrict(ctx.caller, s.district) ? s.settings : null),
    }),
    history: t.field({
      type: [SwitchChangeRef],
      description: "Who switched it and when; for the district's own roles and the city's.",
      resolve: async (s, _args, ctx) => {
        if (s.id === null || !canSeeDistrict(ctx.caller, s.district)) return [];
        return ctx.em.find(
          AuditEntrySchema,
          { entity: 'plugin switch', entityId: String(s.id) },
          { orderBy: { id: 'asc' } },
        );
      },
    }),
  }),
});

const SwitchboardEntryRef = builder
  .objectRef<PluginSwitchRecord>('PluginSwitchboardEntry')
  .implement({
    description: 'The compact form gateways load on start: which district has which plugin on.',
    fields: (t) => ({
      district: t.exposeString('district', {
        description: 'The code of the district whose committee it belongs to.',
      }),
      plugin: t.exposeString('plugin', { description: "插件 The plugin's name." }),
      enabled: t.boolean({
        description: '已启用 Whether the plugin is on for the district.',
        resolve: (s) => s.status === 'ENABLED',
      }),
      version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    }),
  });

const SwitchboardConnection = connectionType(
  builder,
  'PluginSwitchboardEntry',
  SwitchboardEntryRef,
);

pagedList(builder, 'Query', {
  name: 'pluginSwitchboard',
  node: SwitchboardEntryRef,
  connection: SwitchboardConnection,
  what: 'switches',
  listDescription:
    'Every switch of every district, for gateways; which plugins a district has on is public.',
  description:
    '插件开关表 Every switch of every district, a page at a time in the order the switches were made, for gateways (which read every page); which plugins a district has on is public.',
  // Every switch is public (switch-plugin writes public: true), so the district filter keeps them all.
  page: (_root, args, ctx) => findPage(ctx.em, PluginSwitchRecordSchema, {}, args),
});

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationFields((t) => {
  const SwitchArgs = () => ({
    district: t.arg.id({ required: true, description: 'District code.' }),
    plugin: t.arg.id({ required: true, description: 'Plugin id.' }),
    note: t.arg.string({ required: false, description: 'Why; kept in the switch history.' }),
  });
  return {
    enablePlugin: t.field({
      type: SwitchRef,
      description:
        'Switches a plugin on for a district (operators of the district or of the city above it). Settings default where not given.',
      args: {
        ...SwitchArgs(),
        settings: t.arg({
          type: JSONScalar,
          required: false,
          description:
            "The district's settings for the plugin, checked against its manifest; the current ones (at first its defaults) are kept when left out.",
        }),
      },
      resolve: async (_root, args, ctx) =>
        view(
          await switchPlugin(ctx, {
            district: String(args.district),
            plugin: String(args.plugin),
            action: 'enable',
            settings: args.settings as Record<string, unknown> | null,
            note: args.note,
          }),
        ),
    }),
    disablePlugin: t.field({
      type: SwitchRef,
      description:
        "Switches a plugin off for a district. Its data stays; the district's requests no longer reach it.",
      args: SwitchArgs(),
      resolve: async (_root, args, ctx) =>
        view(
          await switchPlugin(ctx, {
            district: String(args.district),
            plugin: String(args.plugin),
            action: 'disable',
            note: args.note,
          }),
        ),
    }),
    configurePlugin: t.field({
      type: SwitchRef,
      description:
        "Replaces a district's settings for a plugin, validated against the plugin's settings schema.",
      args: {
        ...SwitchArgs(),
        settings: t.arg({
          type: JSONScalar,
          required: true,
          description: "The district's new settings for the plugin, checked against its manifest.",
        }),
      },
      resolve: async (_root, args, ctx) =>
        view(
          await switchPlugin(ctx, {
            district: String(args.district),
            plugin: String(args.plugin),
            action: 'configure',
            settings: args.settings as Record<string, unknown>,
            note: args.note,
          }),
        ),
    }),
  };
});
