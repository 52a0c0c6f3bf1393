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
export const INSTALLED_LIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../plugins/installed.json',
);

/** One installed plugin: its id, and the package whose default export it is. */
export interface InstalledEntry {
  id: string;
  package: string;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The plugins a list names, refusing a malformed list with the rule it breaks. An entry is an
 * id (the workspace package `@cppcc/plugin-<id>` under plugins/) or `{ "id", "package" }` for a
 * plugin kept in its own package, installed from a registry or a tarball (`npm install`).
 */
export function readInstalledEntries(file: string): InstalledEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the installed plugins (${(err as Error).message})`);
  }
  const entries = (parsed as { installed?: unknown })?.installed;
  const valid = (e: unknown) =>
    (typeof e === 'string' && ID.test(e)) ||
    (typeof e === 'object' &&
      e !== null &&
      typeof (e as InstalledEntry).id === 'string' &&
      ID.test((e as InstalledEntry).id) &&
      typeof (e as InstalledEntry).package === 'string' &&
      (e as InstalledEntry).package !== '');
  if (!Array.isArray(entries) || !entries.every(valid)) {
    throw new Error(
      `${file}: "installed" must be a list of kebab-case plugin ids (or { "id", "package" } for a plugin in its own package)`,
    );
  }
  const list = entries.map(
    (e): InstalledEntry =>
      typeof e === 'string'
        ? { id: e, package: `@cppcc/plugin-${e}` }
        : { id: e.id, package: e.package },
  );
  const twice = list.find((e, i) => list.findIndex((o) => o.id === e.id) !== i);
  if (twice) throw new Error(`${file}: "${twice.id}" is listed twice`);
  return list;
}

/** The ids a list names. */
export function readInstalledList(file: string): string[] {
  return readInstalledEntries(file).map((e) => e.id);
}

/** Loads each listed plugin's manifest from its package, checking it is the plugin the list names. */
export async function loadPlugins(
  file: string = processSettings().pluginList ?? INSTALLED_LIST,
): Promise<Plugin[]> {
  const loaded: Plugin[] = [];
  for (const { id, package: name } of readInstalledEntries(file)) {
    let exported: { default?: Plugin };
    try {
      exported = await import(name);
    } catch (err) {
      const hint =
        name === `@cppcc/plugin-${id}`
          ? `after adding plugins/${id}, run npm install`
          : `install it: npm install ${name} (or its tarball)`;
      throw new Error(
        `${file} lists "${id}", but ${name} does not load (${hint}): ${(err as Error).message}`,
      );
    }
    const plugin = exported.default;
    if (plugin?.manifest?.id !== id)
      throw new Error(`${name} must export its plugin (definePlugin with id "${id}") as default`);
    loaded.push(plugin);
  }
  return loaded;
}

/** The installed plugins, as plugins/installed.json lists them. */
export const plugins: Plugin[] = await loadPlugins();
