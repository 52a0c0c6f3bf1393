import { RAW_ID } from '@cppcc/kit';
import type { Plugin } from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { catalog, findPlugin } from '../catalog.js';
import { JSONScalar } from './json.js';

const PermissionRef = builder
  .objectRef<{ name: string; description: string; roles: string[] }>('PluginPermission')
  .implement({
    description: 'A permission a plugin checks, and the roles that hold it.',
    fields: (t) => ({
      name: t.exposeString('name', { description: "权限名 The permission's name." }),
      description: t.exposeString('description', {
        description: '说明 What the permission allows.',
      }),
      roles: t.exposeStringList('roles', { description: '角色 The roles that hold it.' }),
    }),
  });

export const PluginRef = builder.objectRef<Plugin>('Plugin').implement({
  description: 'An installed plugin: a region-specific module each district may switch on.',
  fields: (t) => ({
    id: t.id({
      description: "The Plugin's id: its name (`river-chief`), which `switchPlugin` takes.",
      extensions: RAW_ID,
      resolve: (p) => p.manifest.id,
    }),
    title: t.string({ description: 'Chinese title.', resolve: (p) => p.manifest.title.zh }),
    titleEn: t.string({
      description: "英文名称 The plugin's name in English.",
      resolve: (p) => p.manifest.title.en,
    }),
    version: t.string({
      description: "版本 The plugin's version (semver).",
      resolve: (p) => p.manifest.version,
    }),
    description: t.string({
      description: '说明 What the plugin does.',
      resolve: (p) => p.manifest.description,
    }),
    extends: t.stringList({
      description: 'Core entities the plugin adds fields to.',
      resolve: (p) => [...p.manifest.extends],
    }),
    tag: t.string({
      description: 'The @tag on every type and field the plugin adds.',
      resolve: (p) => `plugin/${p.manifest.id}`,
    }),
    permissions: t.field({
      description: '权限 What the plugin lets roles do.',
      type: [PermissionRef],
      resolve: (p) =>
        Object.entries(p.manifest.permissions).map(([name, perm]) => ({
          name,
          description: perm.description,
          roles: [...perm.roles],
        })),
    }),
    settingsSchema: t.field({
      type: JSONScalar,
      description: 'JSON Schema of the per-district settings.',
      resolve: (p) => p.settingsJsonSchema,
    }),
    defaultSettings: t.field({
      description:
        '默认设置 The settings a district gets when it enables the plugin without its own.',
      type: JSONScalar,
      resolve: (p) => p.defaults,
    }),
  }),
});

builder.queryFields((t) => ({
  installedPlugins: t.field({
    type: [PluginRef],
    description: 'Every plugin this installation has; each district enables the ones it needs.',
    resolve: () => catalog(),
  }),
  plugin: t.field({
    type: PluginRef,
    nullable: true,
    description: '插件 One installed plugin by its id, or null when none has it. Anyone may ask.',
    args: { id: t.arg.id({ description: "The Plugin's id.", required: true }) },
    resolve: (_root, args) => findPlugin(String(args.id)) ?? null,
  }),
}));
