import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import { describe, expect, it } from 'vitest';
import { compose } from './compose.js';
import { installedModules, installedPlugins } from './modules.js';
import { plugins } from './plugins.js';

/** Each installed plugin (and the SDK's sample) must compose alone, with the others, and not at all. */
const candidates = [...plugins, samplePlugin];

describe('composition with and without plugins', () => {
  it('composes the core and the platform with no plugin, leaving no plugin tag', () => {
    const { supergraph } = compose(installedModules([]));
    expect(supergraph).toContain('@join__graph(name: "platform"');
    expect(supergraph).not.toMatch(/@tag\(name: "plugin\//);
  });

  it.each(candidates.map((p) => [p.manifest.id, p] as const))('composes %s alone, tagging what it adds', (id, plugin) => {
    const { supergraph, api } = compose(installedModules([plugin]));
    expect(supergraph).toContain(`@join__graph(name: "${id}"`);
    expect(supergraph).toContain(`@tag(name: "plugin/${id}")`);
    // Every field the plugin adds to a core entity carries its tag in the supergraph.
    for (const entity of plugin.manifest.extends) {
      const block = new RegExp(`type ${entity}\\b[^{]*\\{([^}]*)\\}`).exec(supergraph)?.[1] ?? '';
      const own = block.split('\n').filter((line) => line.includes(`graph: ${id.toUpperCase().replace(/-/g, '_')}`) && !line.includes('external: true'));
      expect(own.length, `${entity} gets fields from ${id}`).toBeGreaterThan(0);
      for (const line of own) expect(line, line).toContain(`@tag(name: "plugin/${id}")`);
    }
    // Removing it again removes everything it added from the API schema.
    const without = compose(installedModules([])).api;
    expect(api.length).toBeGreaterThan(without.length);
  });

  it('composes every installed plugin together', () => {
    const { supergraph } = compose(installedModules(plugins));
    for (const plugin of plugins) expect(supergraph).toContain(`@tag(name: "plugin/${plugin.manifest.id}")`);
  });

  it('narrows the installed plugins with CPPCC_PLUGINS, refusing an id that is not installed', () => {
    expect(installedPlugins({ CPPCC_PLUGINS: 'none' })).toEqual([]);
    expect(installedPlugins({})).toEqual(plugins);
    expect(() => installedPlugins({ CPPCC_PLUGINS: 'no-such-plugin' })).toThrow(/no-such-plugin, which is not installed/);
  });
});
