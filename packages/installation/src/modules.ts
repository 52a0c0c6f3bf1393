import { consultation } from '@cppcc/consultation';
import { processSettings, type ModuleDefinition, type Settings } from '@cppcc/kit';
import { members } from '@cppcc/members';
import { organization } from '@cppcc/organization';
import type { Plugin } from '@cppcc/plugin-sdk';
import { proposals } from '@cppcc/proposals';
import { plugins } from './plugins.js';

/** The core subgraphs, in the order they appear in the supergraph. */
export const coreModules: ModuleDefinition[] = [organization, members, proposals, consultation];

/** The configured plugins, narrowed by CPPCC_PLUGINS when it is set. */
export function installedPlugins(
  settings: Pick<Settings, 'plugins'> = processSettings(),
): Plugin[] {
  const wanted = settings.plugins?.trim();
  if (!wanted) return plugins;
  if (wanted === 'none') return [];
  const ids = wanted.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !plugins.some((p) => p.manifest.id === id));
  if (unknown.length)
    throw new Error(
      `CPPCC_PLUGINS names ${unknown.join(', ')}, which is not installed (plugins/installed.json)`,
    );
  return plugins.filter((p) => ids.includes(p.manifest.id));
}
