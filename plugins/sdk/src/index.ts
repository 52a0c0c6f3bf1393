export { CORE_ENTITIES, definePlugin, installedPlugin, may, pluginBuilder, requirePermission, requirePermissionIn, settingsOf } from './manifest.js';
export type { CoreEntity, Plugin, PluginBuilder, PluginManifest, PluginPermission } from './manifest.js';
export { disabledError, PluginSwitchSchema, siteOf } from './switches.js';
export { assertMembers, type PluginMember } from './members.js';
export { compositionProblems, manifestProblems } from './rules.js';
