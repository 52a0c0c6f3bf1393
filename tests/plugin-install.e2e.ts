import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway, signDevToken, type RunningGateway } from '@cppcc/gateway';
import {
  memoryTransport,
  readSettings,
  startModule,
  type RunningModule,
  type Settings,
  type Transport,
} from '@cppcc/kit';
import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import { installedModules } from '@cppcc/platform';
import { compose } from '@cppcc/schema';
import { createTestDatabase, transports, type GraphResponse } from '@cppcc/testing';

/**
 * Installing a plugin on a platform that already has data: the platform runs and is stopped
 * without it, then starts with it. The plugin's copies of the districts and members fill from
 * the core's answer to its snapshot request, with no manual step, and a district operator's
 * enablePlugin and a staff write through the plugin succeed.
 */
const backends = [
  {
    name: 'SQLite, in-process bus',
    url: undefined as string | undefined,
    bus: async (): Promise<Transport> => memoryTransport(),
  },
  ...(process.env.DATABASE_URL && process.env.REDIS_URL
    ? [
        {
          name: 'PostgreSQL, Redis',
          url: process.env.DATABASE_URL,
          bus: transports().find((t) => t.name === 'redis')!.make,
        },
      ]
    : []),
];

describe.each(backends)('a plugin installed on a platform with data ($name)', ({ url, bus }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-install-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function platform(settings: Settings, withPlugin: boolean) {
    const transport = await bus();
    const definitions = installedModules(withPlugin ? [samplePlugin] : []);
    const modules: RunningModule[] = [];
    for (const definition of definitions)
      modules.push(
        await startModule(definition, { settings, transport, port: 0, seed: { scale: 1 } }),
      );
    const stop = async () => {
      for (const m of [...modules].reverse()) await m.stop();
      await transport.close();
    };
    return {
      modules,
      definitions,
      transport,
      stop,
      module: (name: string) => modules.find((m) => m.name === name)!,
    };
  }

  it("fills the new plugin's replicas on its first start; enabling it and writing through it then work", async () => {
    let databaseUrl: string | undefined;
    if (url) {
      const database = await createTestDatabase(url, 'install');
      cleanups.push(database.drop);
      databaseUrl = database.url;
    }
    const settings = { ...readSettings({}), dataDir: dir, databaseUrl };

    // A platform with its data, running (and announcing) without the plugin, then stopped.
    const before = await platform(settings, false);
    for (const m of before.modules) await m.relay.kick();
    const count = async (m: RunningModule, table: string) =>
      Number(
        (await m.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`))[0].n,
      );
    const districts = await count(before.module('organization'), 'district');
    const members = await count(before.module('members'), 'member');
    expect(districts).toBeGreaterThan(5);
    expect(members).toBeGreaterThan(100);
    await before.stop();

    // The same data, now with the plugin installed.
    const after = await platform(settings, true);
    cleanups.push(after.stop);
    const plugin = after.module('sample-notes');
    const started = Date.now();
    for (const deadline = Date.now() + 60_000; ; ) {
      for (const m of after.modules) await m.relay.kick();
      const answers = await count(
        plugin,
        `processed_event where consumer = '@snapshot-answered' and event_id in ('organization', 'members')`,
      );
      if (
        (await count(plugin, 'district_ref')) === districts &&
        (await count(plugin, 'plugin_member')) === members &&
        answers === 2
      )
        break;
      expect(
        Date.now(),
        `replicas: ${await count(plugin, 'district_ref')}/${districts} districts, ${await count(plugin, 'plugin_member')}/${members} members`,
      ).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(
      `replicas filled and the snapshot answered ${Date.now() - started} ms after the plugin started (${districts} districts, ${members} members)`,
    );
    // It asked once (a mark in its ledger keeps a restart from asking again).
    const requests = await count(plugin, `outbox_event where type = 'snapshot.requested'`);
    expect(requests).toBe(1);

    const supergraphPath = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphPath, compose(after.definitions).supergraph);
    const gateway: RunningGateway = await createGateway({
      settings,
      supergraphPath,
      routingUrls: Object.fromEntries(after.modules.map((m) => [m.name, m.url])),
      transport: after.transport,
      port: 0,
      watchIntervalMs: 60_000,
    });
    cleanups.push(() => gateway.stop());
    /** Sends an operation with a token for `claims`; `TData` is the shape of the data it selects. */
    const post = async <TData = Record<string, unknown>>(
      query: string,
      claims: Parameters<typeof signDevToken>[1],
    ): Promise<GraphResponse<TData>> => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await signDevToken(settings, claims)}`,
        },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as GraphResponse<TData>;
    };

    const enabled = await post(
      'mutation { enablePlugin(district: "341021", plugin: "sample-notes", note: "装在有数据的平台上") { enabled } }',
      { roles: ['operator'], district: '341021' },
    );
    expect(enabled).toEqual({ data: { enablePlugin: { enabled: true } } });
    const write =
      'mutation { addSampleNote(district: "341021", text: "巡河记录") { text district } }';
    let added: GraphResponse<{ addSampleNote: { text: string; district: string } | null }>;
    for (const deadline = Date.now() + 30_000; ; ) {
      added = await post(write, { roles: ['staff'], district: '341021' });
      // Until the switch reaches the plugin, it refuses (PLUGIN_DISABLED); never UNKNOWN_DISTRICT.
      expect(added.errors?.[0]?.extensions?.code ?? 'none').not.toBe('UNKNOWN_DISTRICT');
      if (added.data?.addSampleNote || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(added).toEqual({ data: { addSampleNote: { text: '巡河记录', district: '341021' } } });
    // A district that does not exist is still unknown, now that the copy is complete.
    const unknown = await post(
      'mutation { addSampleNote(district: "349999", text: "x") { text } }',
      { roles: ['staff'], district: '341021' },
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'UNKNOWN_DISTRICT',
      field: 'district',
    });
  }, 240_000);
});
