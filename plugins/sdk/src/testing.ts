import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import {
  createGateway,
  signDevToken,
  type DevTokenClaims,
  type RunningGateway,
} from '@cppcc/gateway';
import {
  memoryTransport,
  readSettings,
  snapshotAnswered,
  type EventDefinition,
  type ModuleDefinition,
  type PayloadOf,
  type Transport,
} from '@cppcc/kit';
import { pluginSwitched } from '@cppcc/events';
import { organization } from '@cppcc/organization';
import {
  coreEvent,
  databases,
  idsAsKeys,
  operation,
  publishDemoDistricts,
  publishDemoMembers,
  startTestModule,
  testCaller,
  type GraphError,
  type GraphResponse,
  type Operation,
  type TestModule,
} from '@cppcc/testing';
import { members as demoMembers } from '@cppcc/demo';
import type { Plugin } from './manifest.js';

export { databases, operation, testCaller, type GraphError, type GraphResponse, type Operation };
/** The property walk every workflow table is held to: availableActions lists an action iff its check passes. */
export { neverLies } from '@cppcc/testing';

/** The core modules whose records plugins replicate (each answers a snapshot request). */
const CORE_SOURCES = ['organization', 'members', 'proposals', 'consultation'];

export interface PluginTestOptions {
  /**
   * Core modules the plugin's queries cross (e.g. the consultation module when it extends
   * ResearchProject). They start empty unless `seed`, with the plugin, behind a real gateway;
   * organization always starts, with its demo districts, because the gateway needs them.
   */
  core?: ModuleDefinition[];
  /** A PostgreSQL URL to run on (each module gets a database of its own, dropped on stop). */
  databaseUrl?: string;
  transport?: Transport;
  /** Load the plugin's (and the core modules') demo data. */
  seed?: boolean;
}

export interface PluginTest {
  plugin: TestModule;
  modules: TestModule[];
  gateway: RunningGateway;
  transport: Transport;
  /**
   * Runs an operation on the plugin's own subgraph as `caller` (no gateway in between); `TData`
   * is the shape of the data it selects.
   */
  execute: TestModule['execute'];
  /**
   * POSTs an operation to the gateway, with a dev token for `claims` when given; `TData` is the
   * shape of the data it selects.
   */
  post<TData = Record<string, unknown>>(
    query: string | Operation<TData>,
    variables?: Record<string, unknown>,
    options?: { as?: DevTokenClaims; headers?: Record<string, string> },
  ): Promise<GraphResponse<TData>>;
  /** Switches the plugin for a district, as the platform would announce it, and waits until it holds. */
  enable(district: string, settings?: Record<string, unknown>): Promise<void>;
  disable(district: string): Promise<void>;
  /**
   * Publishes an event as the core module `source` would send it (its payload checked against
   * the contract in @cppcc/events) and waits until the plugin has applied it.
   */
  publish<E extends EventDefinition>(
    definition: E,
    payload: PayloadOf<E>,
    options: { source: string; district?: string | null },
  ): Promise<void>;
  /** Ids of the demo members the plugin's copy holds (serving ones), of one district when named. */
  demoMemberIds(district?: string): string[];
  stop(): Promise<void>;
}

/**
 * Starts a plugin as the platform runs it: its subgraph on a fresh database, the core modules
 * it needs beside it, a gateway over the supergraph composed from them, and a bus between
 * them. A plugin's own test needs only this.
 */
export async function startPluginTest(
  plugin: Plugin,
  options: PluginTestOptions = {},
): Promise<PluginTest> {
  const transport = options.transport ?? memoryTransport();
  const seed = options.seed ? { scale: 1 } : false;
  // Organization always runs: the gateway reads the district tree and units from it (its demo data).
  const definitions = [
    organization,
    ...(options.core ?? []).filter((m) => m.name !== organization.name),
    plugin.module,
  ];
  const modules: TestModule[] = [];
  for (const definition of definitions) {
    // Members too when it runs: the gateway checks the member a token names against it.
    const own = definition === organization || definition.name === 'members' ? { scale: 1 } : seed;
    modules.push(
      await startTestModule(definition, {
        databaseUrl: options.databaseUrl,
        transport,
        demoDistricts: false,
        seed: own,
      }),
    );
  }
  await publishDemoDistricts(transport);
  const own = modules[modules.length - 1];
  // The members subgraph announces its members; here the kit does, and waits for the plugin's copy.
  const roster = demoMembers();
  await publishDemoMembers(transport, roster);
  // A core module that is not running answers the plugin's snapshot request as one with nothing
  // (beyond the demo members the kit announced): what the test publishes (t.publish) is what exists.
  const absent = CORE_SOURCES.filter((name) => !modules.some((m) => m.name === name));
  await transport.publish(
    absent.map((name) =>
      coreEvent(
        snapshotAnswered,
        {
          requester: plugin.manifest.id,
          module: name,
          records: name === 'members' ? roster.length : 0,
        },
        name,
      ),
    ),
  );
  // Ready as after installation: the members copied, every core module's snapshot answered.
  const answering = [
    ...modules.filter((m, i) => definitions[i].announce && m !== own).map((m) => m.name),
    ...absent,
  ];
  for (const deadline = Date.now() + 30_000; ; ) {
    const db = own.orm.em.fork().getConnection();
    const [{ n }] = await db.execute('select count(*) as n from plugin_member');
    const answered = await db.execute(
      `select event_id from processed_event where consumer = '@snapshot-answered'`,
    );
    if (
      Number(n) >= roster.length &&
      answering.every((name) => answered.some((a: { event_id: string }) => a.event_id === name))
    )
      break;
    if (Date.now() > deadline)
      throw new Error(
        "the plugin did not receive the demo members and the core modules' snapshots",
      );
    await new Promise((r) => setTimeout(r, 25));
  }

  const composed = composeServices(
    modules.map((m, i) => ({
      name: m.name,
      url: m.url,
      typeDefs: parse(printSubgraphSchema(definitions[i].schema)),
    })),
  );
  if (composed.errors)
    throw new Error(
      `the plugin does not compose with the core: ${composed.errors.map((e) => e.message).join('; ')}`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-plugin-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphPath, composed.supergraphSdl);
  const settings = readSettings({});
  const gateway = await createGateway({
    settings,
    supergraphPath,
    transport,
    port: 0,
    watchIntervalMs: 60_000,
  });

  const versions = new Map<string, number>();
  async function announce(
    district: string,
    enabled: boolean,
    values: Record<string, unknown> = {},
  ) {
    const parsed = plugin.parseSettings(values);
    if (!parsed.ok)
      throw new Error(
        `settings rejected: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    const version = (versions.get(district) ?? 0) + 1;
    versions.set(district, version);
    await transport.publish([
      {
        id: randomUUID(),
        type: pluginSwitched.type,
        source: 'platform',
        district,
        occurredAt: new Date().toISOString(),
        payload: {
          district,
          plugin: plugin.manifest.id,
          enabled,
          settings: parsed.value,
          version,
          changedAt: new Date().toISOString(),
          changedBy: 'test',
        },
      },
    ]);
    // Wait until the plugin's own replica has it, so the next request sees it.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = await own.orm.em
        .fork()
        .getConnection()
        .execute(`select version from plugin_switch where district = ?`, [district]);
      if (Number(row[0]?.version ?? 0) >= version) break;
      if (Date.now() > deadline)
        throw new Error(`the plugin did not receive its switch for ${district}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  return {
    plugin: own,
    modules,
    gateway,
    transport,
    execute: own.execute,
    async post<TData>(
      query: string,
      variables?: Record<string, unknown>,
      opts: Parameters<PluginTest['post']>[2] = {},
    ) {
      const token = opts.as ? await signDevToken(settings, opts.as) : undefined;
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...opts.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      // The gateway's answer is the JSON the schema shapes; the test names the shape it selected.
      // Ids are read back as keys, as the core's test clients read them (idsAsKeys).
      return idsAsKeys(await response.json()) as GraphResponse<TData>;
    },
    enable: (district, values) => announce(district, true, values),
    async publish(definition, payload, { source, district = null }) {
      const event = coreEvent(definition, payload, source, district);
      await transport.publish([event]);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const done = await own.orm.em
          .fork()
          .getConnection()
          .execute('select 1 from processed_event where consumer = ? and event_id = ?', [
            plugin.manifest.id,
            event.id,
          ]);
        if (done.length > 0) break;
        if (Date.now() > deadline)
          throw new Error(
            `the plugin did not apply ${definition.type} (does the manifest consume it?)`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    demoMemberIds: (district) =>
      roster.filter((m) => !district || m.district === district).map((m) => String(m.id)),
    disable: (district) => announce(district, false),
    async stop() {
      await gateway.stop();
      for (const m of [...modules].reverse()) await m.stop();
      await transport.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
