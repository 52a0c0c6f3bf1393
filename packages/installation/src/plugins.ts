import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processSettings } from '@cppcc/kit';
import type { Plugin } from '@cppcc/plugin-sdk';

/**
 * The installation's configuration: `{ "installed": [plugin ids] }`, each the package
 * `@cppcc/plugin-<id>` (a workspace under plugins/). It lives beside the plugins, not in a core
 * package, so installing or removing one edits no core file. CPPCC_PLUGIN_LIST points at
 * another list (a deployment's own, or a test's); CPPCC_PLUGINS narrows it for one run.
 */
export const INSTALLED_LIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins/installed.json');

/** The ids a list names, refusing a malformed list with the rule it breaks. */
export function readInstalledList(file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the installed plugins (${(err as Error).message})`);
  }
  const ids = (parsed as { installed?: unknown })?.installed;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id))) {
    throw new Error(`${file}: "installed" must be a list of kebab-case plugin ids`);
  }
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`${file}: "${twice}" is listed twice`);
  return ids as string[];
}

/** Loads each listed plugin's manifest from its package, checking it is the plugin the list names. */
export async function loadPlugins(file: string = processSettings().pluginList ?? INSTALLED_LIST): Promise<Plugin[]> {
  const loaded: Plugin[] = [];
  for (const id of readInstalledList(file)) {
    const name = `@cppcc/plugin-${id}`;
    let exported: { default?: Plugin };
    try {
      exported = await import(name);
    } catch (err) {
      throw new Error(`${file} lists "${id}", but ${name} does not load (after adding plugins/${id}, run npm install): ${(err as Error).message}`);
    }
    const plugin = exported.default;
    if (plugin?.manifest?.id !== id) throw new Error(`${name} must export its plugin (definePlugin with id "${id}") as default`);
    loaded.push(plugin);
  }
  return loaded;
}

/** The installed plugins, as plugins/installed.json lists them. */
export const plugins: Plugin[] = await loadPlugins();
