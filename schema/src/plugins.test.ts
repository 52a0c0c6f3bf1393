import { installedPlugins, plugins } from '@cppcc/installation';
import { installedModules, platformModule } from '@cppcc/platform';
import {
  compositionProblems,
  definePlugin,
  manifestProblems,
  pluginBuilder,
} from '@cppcc/plugin-sdk';
import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import { databases, startTestModule, testCaller } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compose } from './compose.js';

/** Each installed plugin (and the SDK's sample) must compose alone, with the others, and not at all. */
const candidates = [...plugins, samplePlugin];

describe('composition with and without plugins', () => {
  it('composes the core and the platform with no plugin, leaving no plugin tag', () => {
    const { supergraph } = compose(installedModules([]));
    expect(supergraph).toContain('@join__graph(name: "platform"');
    expect(supergraph).not.toMatch(/@tag\(name: "plugin\//);
  });

  it.each(candidates.map((p) => [p.manifest.id, p] as const))(
    'composes %s alone, tagging what it adds',
    (id, plugin) => {
      const { supergraph, api } = compose(installedModules([plugin]));
      expect(supergraph).toContain(`@join__graph(name: "${id}"`);
      expect(supergraph).toContain(`@tag(name: "plugin/${id}")`);
      // The rules composition enforces (the SDK's): each entity in extends gets a field, and all it adds carries its tag.
      expect(compositionProblems(supergraph, plugin.manifest)).toEqual([]);
      // Removing it again removes everything it added from the API schema.
      const without = compose(installedModules([])).api;
      expect(api.length).toBeGreaterThan(without.length);
    },
  );

  it('refuses, at composition, a plugin whose additions are untagged, naming them', () => {
    // A plugin that brings its own untagged type around the SDK's builder: the gateway could not hide it.
    const b = pluginBuilder('untagged-check');
    b.queryField('untaggedCheck', (t) => t.string({ nullable: true, resolve: () => 'x' }));
    const plugin = definePlugin({
      id: 'untagged-check',
      title: { zh: '甲', en: 'A' },
      version: '1.0.0',
      description: 'x',
      port: 4291,
      extends: [],
      builder: b,
      permissions: {},
      settings: z.object({}),
    });
    const { supergraph } = compose(installedModules([plugin]));
    const stripped = supergraph.replace(/ @tag\(name: "plugin\/untagged-check"\)/g, '');
    expect(compositionProblems(stripped, plugin.manifest)).toEqual([
      'plugin untagged-check: Query.untaggedCheck lack @tag(name: "plugin/untagged-check") (define them on pluginBuilder("untagged-check"), which tags them)',
    ]);
  });

  it('refuses, at composition, a non-null field a plugin adds to a type it does not own', () => {
    const b = pluginBuilder('non-null-check');
    b.queryField('nonNullCheck', (t) => t.string({ resolve: () => 'x' }));
    const plugin = definePlugin({
      id: 'non-null-check',
      title: { zh: '甲', en: 'A' },
      version: '1.0.0',
      description: 'x',
      port: 4292,
      extends: [],
      builder: b,
      permissions: {},
      settings: z.object({}),
    });
    expect(() => compose(installedModules([plugin]))).toThrow(
      'plugin non-null-check: Query.nonNullCheck must be nullable',
    );
  });

  it('composes every installed plugin together', () => {
    const { supergraph } = compose(installedModules(plugins));
    for (const plugin of plugins)
      expect(supergraph).toContain(`@tag(name: "plugin/${plugin.manifest.id}")`);
  });

  it('narrows the installed plugins with CPPCC_PLUGINS, refusing an id that is not installed', () => {
    expect(installedPlugins({ plugins: 'none' })).toEqual([]);
    expect(installedPlugins({})).toEqual(plugins);
    expect(() => installedPlugins({ plugins: 'no-such-plugin' })).toThrow(
      /no-such-plugin, which is not installed/,
    );
  });
});

describe.each(databases())('the demo switches of the installed plugins on $name', ({ url }) => {
  it("has each installed plugin on and off where its manifest's demo says (a rule the SDK checks), with its history", async () => {
    const platform = await startTestModule(platformModule(plugins), {
      databaseUrl: url,
      seed: { scale: 1 },
    });
    try {
      const board = (await platform.execute('{ pluginSwitchboard { district plugin enabled } }'))
        .data!.pluginSwitchboard as { district: string; plugin: string; enabled: boolean }[];
      for (const plugin of plugins.filter((p) => p.manifest.demo)) {
        const id = plugin.manifest.id;
        expect(manifestProblems(plugin.manifest), id).toEqual([]);
        const on = board.filter((s) => s.plugin === id && s.enabled).map((s) => s.district);
        const off = board.filter((s) => s.plugin === id && !s.enabled).map((s) => s.district);
        expect(on.sort(), id).toEqual([...plugin.manifest.demo!.enabledIn].sort());
        expect(off.sort(), id).toEqual([...(plugin.manifest.demo!.disabledIn ?? [])].sort());
        const history = await platform.execute(
          `{ _entities(representations: [{ __typename: "District", code: "${off[0]}" }]) { ... on District { plugins { plugin { id } history { action by } } } } }`,
          {},
          testCaller(['operator'], '341000'),
        );
        const switched = (
          history.data!._entities as { plugins: { plugin: { id: string }; history: unknown[] }[] }[]
        )[0].plugins.find((p) => p.plugin.id === id)!;
        expect(switched.history, id).toEqual([
          { action: 'enable', by: 'demo' },
          { action: 'disable', by: 'demo' },
        ]);
      }
    } finally {
      await platform.stop();
    }
  });
});
