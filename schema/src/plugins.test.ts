import { installedPlugins, plugins } from '@cppcc/installation';
import { installedModules, platformModule } from '@cppcc/platform';
import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import { databases, startTestModule, testCaller } from '@cppcc/testing';
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compose } from './compose.js';

const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  (directives ?? [])
    .filter((d) => d.name.value === name && !d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value))
    .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
    .map((v) => (v?.kind === Kind.ENUM ? v.value : ''));
const tagged = (directives: readonly ConstDirectiveNode[] | undefined, tag: string) =>
  (directives ?? []).some((d) => d.name.value === 'tag' && d.arguments?.some((a) => a.value.kind === Kind.STRING && a.value.value === tag));

/**
 * What in a supergraph only `graph` contributes — its own types, and the fields it alone adds to
 * types others define too — and lacks `tag`, as "Type" or "Type.field".
 */
function untagged(supergraph: string, graph: string, tag: string): string[] {
  const missing: string[] = [];
  for (const d of parse(supergraph).definitions as (DefinitionNode & { name?: { value: string }; directives?: readonly ConstDirectiveNode[]; fields?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[] })[]) {
    if (!d.name || !('directives' in d)) continue;
    const owners = graphsOf(d.directives, 'join__type');
    if (!owners.includes(graph)) continue;
    const own = owners.length === 1;
    if (own && !tagged(d.directives, tag)) missing.push(d.name.value);
    for (const f of d.fields ?? []) {
      const fieldOwners = graphsOf(f.directives, 'join__field');
      const ownsField = own ? fieldOwners.length === 0 || fieldOwners.every((g) => g === graph) : fieldOwners.length > 0 && fieldOwners.every((g) => g === graph);
      if (ownsField && !tagged(f.directives, tag)) missing.push(`${d.name.value}.${f.name.value}`);
    }
  }
  return missing;
}

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
    // And every type it defines, every field of those (input fields too) and every field it adds to a shared type.
    expect(untagged(supergraph, id.toUpperCase().replace(/-/g, '_'), `plugin/${id}`)).toEqual([]);
    // Removing it again removes everything it added from the API schema.
    const without = compose(installedModules([])).api;
    expect(api.length).toBeGreaterThan(without.length);
  });

  it('composes every installed plugin together', () => {
    const { supergraph } = compose(installedModules(plugins));
    for (const plugin of plugins) expect(supergraph).toContain(`@tag(name: "plugin/${plugin.manifest.id}")`);
  });

  it('narrows the installed plugins with CPPCC_PLUGINS, refusing an id that is not installed', () => {
    expect(installedPlugins({ plugins: 'none' })).toEqual([]);
    expect(installedPlugins({})).toEqual(plugins);
    expect(() => installedPlugins({ plugins: 'no-such-plugin' })).toThrow(/no-such-plugin, which is not installed/);
  });
});

describe.each(databases())('the demo switches of the installed plugins on $name', ({ url }) => {
  it('has each installed plugin on for the city and at least one district, and switched off in another, with its history', async () => {
    const platform = await startTestModule(platformModule(plugins), { databaseUrl: url, seed: { scale: 1 } });
    try {
      const board = (await platform.execute('{ pluginSwitchboard { district plugin enabled } }')).data!.pluginSwitchboard as { district: string; plugin: string; enabled: boolean }[];
      for (const plugin of plugins) {
        const id = plugin.manifest.id;
        const on = board.filter((s) => s.plugin === id && s.enabled).map((s) => s.district);
        const off = board.filter((s) => s.plugin === id && !s.enabled).map((s) => s.district);
        expect(on, id).toContain('341000');
        expect(on.filter((d) => d !== '341000').length, id).toBeGreaterThan(0);
        expect(off.length, id).toBeGreaterThan(0);
        expect(on.some((d) => off.includes(d)), id).toBe(false);
        const history = await platform.execute(
          `{ _entities(representations: [{ __typename: "District", code: "${off[0]}" }]) { ... on District { plugins { plugin { id } history { action by } } } } }`,
          {},
          testCaller(['operator'], '341000'),
        );
        const switched = (history.data!._entities as { plugins: { plugin: { id: string }; history: unknown[] }[] }[])[0].plugins.find((p) => p.plugin.id === id)!;
        expect(switched.history, id).toEqual([{ action: 'enable', by: 'demo' }, { action: 'disable', by: 'demo' }]);
      }
    } finally {
      await platform.stop();
    }
  });
});
