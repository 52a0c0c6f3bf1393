import { coreModules, installedPlugins } from '@cppcc/installation';
import { nodeTypeNames, type ModuleDefinition } from '@cppcc/kit';
import type { Plugin } from '@cppcc/plugin-sdk';
import { platformModule } from './module.js';

/**
 * Every module the supergraph is composed from: the core, the platform module that holds the
 * plugins' per-district switches, and the installed plugins. It lives here, not in
 * @cppcc/installation, because the platform module needs the installed plugins: the
 * installation package knows what is installed, this package puts it together, and neither
 * imports the other back.
 */
export function installedModules(selected: Plugin[] = installedPlugins()): ModuleDefinition[] {
  const others = [...coreModules, ...selected.map((p) => p.module)];
  const nodeTypes = others.flatMap((m) => nodeTypeNames(m.schema));
  return [...coreModules, platformModule(selected, nodeTypes), ...selected.map((p) => p.module)];
}
