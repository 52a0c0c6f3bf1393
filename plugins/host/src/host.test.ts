import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginSwitched } from '@cppcc/events';
import { readSettings, type Transport } from '@cppcc/kit';
import { askSubgraphAs, publishDemoDistricts, testCaller, transports } from '@cppcc/testing';
import { installedPlugins } from '@cppcc/installation';
import { startPluginHost, type PluginHost } from './host.js';

/** The plugin host: every installed plugin in this one process, on one bus connection. */
describe.each(transports())('plugin host on the $name bus', ({ make }) => {
  const plugins = installedPlugins({});
  const settings = {
    ...readSettings({}),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-host-')),
  };
  let transport: Transport;
  let host: PluginHost;
  beforeAll(async () => {
    transport = await make();
    host = await startPluginHost({ plugins, settings, transport, port: () => 0 });
    await publishDemoDistricts(transport);
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    await transport?.close();
    fs.rmSync(settings.dataDir, { recursive: true, force: true });
  });

  const ask = async (module: { name: string; url: string }, query: string, district: string) => {
    const response = await askSubgraphAs(
      module,
      testCaller(['staff'], district),
      { query },
      settings.gatewaySecret,
    );
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { extensions: Record<string, unknown> }[];
    };
  };
  const roots: Record<string, string> = {
    'inter-city-exchange': '{ partnerCommittees { totalCount } }',
    'eco-compensation': '{ waterQualityIndicators { code } }',
  };
  const answers = async (id: string, district: string) =>
    !(await ask(host.modules.find((m) => m.name === id)!, roots[id], district)).errors;

  it('serves every installed plugin as its own subgraph, each with its own database file', async () => {
    expect(plugins.length).toBeGreaterThanOrEqual(2);
    expect(host.modules.map((m) => m.name)).toEqual(plugins.map((p) => p.manifest.id));
    expect(new Set(host.modules.map((m) => m.url)).size).toBe(plugins.length);
    for (const m of host.modules) {
      const sdl = await ask(m, '{ _service { sdl } }', '341000');
      expect((sdl.data as { _service: { sdl: string } })._service.sdl).toContain(
        `@tag(name: "plugin/${m.name}")`,
      );
    }
    expect(
      fs
        .readdirSync(settings.dataDir)
        .filter((f) => f.endsWith('.sqlite'))
        .sort(),
    ).toEqual(plugins.map((p) => `${p.manifest.id}.sqlite`).sort());
  });

  it('lets each hosted plugin take its own switches from the shared bus, and no other plugin’s', async () => {
    for (const id of Object.keys(roots)) expect(await answers(id, '341002')).toBe(false);
    await transport.publish([
      {
        id: randomUUID(),
        type: pluginSwitched.type,
        source: 'platform',
        district: '341002',
        occurredAt: new Date().toISOString(),
        payload: {
          district: '341002',
          plugin: 'inter-city-exchange',
          enabled: true,
          settings: {},
          version: 1,
          changedAt: new Date().toISOString(),
          changedBy: 'test',
        },
      },
    ]);
    for (
      const deadline = Date.now() + 20_000;
      !(await answers('inter-city-exchange', '341002'));
    ) {
      if (Date.now() > deadline) throw new Error('the hosted plugin did not receive its switch');
      await new Promise((r) => setTimeout(r, 25));
    }
    const other = await ask(
      host.modules.find((m) => m.name === 'eco-compensation')!,
      roots['eco-compensation'],
      '341002',
    );
    expect(other.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'eco-compensation',
      district: '341002',
    });
  });
});
