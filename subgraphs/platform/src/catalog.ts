import type { Plugin } from '@cppcc/plugin-sdk';

/**
 * The plugins this installation has, as configured (plugins/installed.json). Set once when the
 * module is made; a switch for a plugin not in it is refused.
 */
let installed: Plugin[] = [];

export function setCatalog(plugins: Plugin[]): void {
  installed = plugins;
}

export function catalog(): Plugin[] {
  return installed;
}

export function findPlugin(id: string): Plugin | undefined {
  return installed.find((p) => p.manifest.id === id);
}
