import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '@cppcc/gateway';
import { memoryTransport, redisTransport, type Transport } from '@cppcc/kit';
import type { GraphResponse } from '@cppcc/testing';
import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import { CONFIGURATIONS, settings, startStack, type Stack } from './harness.js';

/**
 * Per-district plugins through the gateway: switched at run time by a district operator, seen
 * by every gateway instance, refused and hidden for districts that have not enabled them.
 */
const buses: {
  name: string;
  make: () => {
    first: Transport | Promise<Transport>;
    second: (first: Transport) => Promise<Transport>;
  };
}[] = [
  {
    name: 'in-process bus',
    make: () => ({ first: memoryTransport(), second: async (first) => first }),
  },
  ...(process.env.REDIS_URL
    ? [
        {
          name: 'Redis',
          make: () => {
            // Two connections to one stream: what two gateway processes sharing Redis have.
            const stream = `test:${randomUUID()}`;
            const open = () =>
              redisTransport({ url: process.env.REDIS_URL!, stream, blockMs: 100 });
            return { first: open(), second: async () => open() };
          },
        },
      ]
    : []),
];

describe.each(
  buses.flatMap((bus) =>
    CONFIGURATIONS.map(({ name, engine, settings: configuration }) => ({
      ...bus,
      via: name,
      engine,
      configuration,
    })),
  ),
)('plugins on $name via $via', ({ make, engine, configuration }) => {
  let stack: Stack;
  let other: RunningGateway;
  let otherTransport: Transport;
  beforeAll(async () => {
    const transports = make();
    const transport = await transports.first;
    stack = await startStack({
      transport,
      engine,
      settings: configuration,
      plugins: [samplePlugin],
      databaseUrl: process.env.DATABASE_URL,
    });
    otherTransport = await transports.second(transport);
    other = await createGateway({
      settings: { ...settings, ...configuration },
      supergraphPath: stack.supergraphPath,
      routingUrls: Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
      engine,
      transport: otherTransport,
      port: 0,
    });
  }, 180_000);
  afterAll(async () => {
    await other?.stop();
    if (otherTransport && otherTransport !== stack?.transport) await otherTransport.close();
    await stack?.stop();
  });

  const notes = '{ sampleNotes { text } }';
  const staff = (district: string) => stack.token({ roles: ['staff'], district });
  const operator = (district: string) => stack.token({ roles: ['operator'], district });
  /** Sends an operation to a gateway; `TData` is the shape of the data it selects. */
  const ask = async <TData = Record<string, unknown>>(
    gateway: RunningGateway,
    query: string,
    token?: string,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as GraphResponse<TData> };
  };
  const until = async (check: () => Promise<boolean>) => {
    // Generous: on a loaded machine the bus and the plugin's own replica can lag by seconds.
    const deadline = Date.now() + 45_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('the switch did not reach the gateway');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const allowed = async (gateway: RunningGateway, district: string) =>
    !(await ask(gateway, notes, await staff(district))).body.errors;

  it('serves the districts the demo data enabled it for, and refuses the others naming the plugin', async () => {
    await until(() => allowed(stack.gateway, '341000'));
    const refused = await ask(stack.gateway, notes, await staff('341021'));
    expect(refused.status).toBe(200);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining(
        'Query.sampleNotes belongs to the plugin "sample-notes", which district 341021 has not enabled',
      ),
      extensions: { code: 'PLUGIN_DISABLED', plugin: 'sample-notes', district: '341021' },
    });
    const nested = await ask(
      stack.gateway,
      '{ district(code: "341000") { name sampleNotes { text } } }',
      await staff('341021'),
    );
    expect(nested.body.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'sample-notes',
    });
    // Core fields are untouched for that district.
    expect(
      (
        await ask<{ district: { name: string } }>(
          stack.gateway,
          '{ district(code: "341021") { name } }',
          await staff('341021'),
        )
      ).body.data!.district.name,
    ).toBe('歙县政协');
  }, 120_000);

  it('answers each district introspection without the plugins it has not enabled', async () => {
    const schemaOf = async (district: string) => {
      type Named = { name: string }[];
      const r = await ask<{
        __schema: { types: Named };
        d: { fields: Named };
        m: { fields: Named };
      }>(
        stack.gateway,
        '{ __schema { types { name } } d: __type(name: "District") { fields { name } } m: __type(name: "Mutation") { fields { name } } }',
        await staff(district),
      );
      return {
        types: r.body.data!.__schema.types.map((t) => t.name),
        district: r.body.data!.d.fields.map((f) => f.name),
        mutations: r.body.data!.m.fields.map((f) => f.name),
      };
    };
    const on = await schemaOf('341000');
    expect(on.types).toContain('SampleNote');
    expect(on.district).toContain('sampleNotes');
    expect(on.mutations).toContain('addSampleNote');
    const off = await schemaOf('341021');
    expect(off.types).not.toContain('SampleNote');
    expect(off.district).not.toContain('sampleNotes');
    expect(off.district).toContain('name');
    expect(off.mutations).not.toContain('addSampleNote');
    expect(off.mutations).toContain('enablePlugin');
    // Through a fragment the introspection is still the district's own.
    const viaFragment = await ask<{ __schema: { types: { name: string }[] } }>(
      stack.gateway,
      '{ ...Types } fragment Types on Query { __schema { types { name } } }',
      await staff('341021'),
    );
    expect(viaFragment.body.data!.__schema.types.map((t) => t.name)).not.toContain('SampleNote');
    // Beside data it would be answered from the whole graph, so it is refused, naming the rule.
    for (const mixed of [
      '{ __schema { types { name } } district(code: "341021") { name } }',
      '{ ... on Query { __type(name: "SampleNote") { name } } districts { code } }',
    ]) {
      const refused = await ask(stack.gateway, mixed, await staff('341021'));
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_REQUEST',
        rule: 'introspection-alone',
        district: '341021',
      });
    }
    // A district with every plugin on may mix them as any GraphQL server allows.
    const mixedOn = await ask<{ __type: { name: string } }>(
      stack.gateway,
      '{ __type(name: "SampleNote") { name } district(code: "341000") { name } }',
      await staff('341000'),
    );
    expect(mixedOn.body.data!.__type.name).toBe('SampleNote');
  }, 120_000);

  it('applies an operator’s switch in every gateway instance, without a restart, and audits it', async () => {
    expect(await allowed(other, '341002')).toBe(false);
    const enabled = await ask<{ enablePlugin: { enabled: boolean; version: number } }>(
      stack.gateway,
      'mutation { enablePlugin(district: "341002", plugin: "sample-notes", settings: { maxLength: 50 }, note: "试点") { enabled version } }',
      await operator('341002'),
    );
    expect(enabled.body.data!.enablePlugin).toMatchObject({ enabled: true });
    await until(() => allowed(stack.gateway, '341002'));
    await until(() => allowed(other, '341002'));
    const added = await ask<{ addSampleNote: { text: string } }>(
      other,
      'mutation { addSampleNote(district: "341002", text: "走访记录") { text } }',
      await staff('341002'),
    );
    expect(added.body.data!.addSampleNote).toEqual({ text: '走访记录' });

    await ask(
      stack.gateway,
      'mutation { disablePlugin(district: "341002", plugin: "sample-notes") { enabled } }',
      await operator('341002'),
    );
    await until(async () => !(await allowed(stack.gateway, '341002')));
    await until(async () => !(await allowed(other, '341002')));
    const history = await ask<{
      district: {
        plugins: {
          plugin: { id: string };
          enabled: boolean;
          history: { action: string; from: string; to: string; note: string | null }[];
        }[];
      };
    }>(
      other,
      '{ district(code: "341002") { plugins { plugin { id } enabled history { action from to note } } } }',
      await staff('341002'),
    );
    expect(history.body.data!.district.plugins).toEqual([
      {
        plugin: { id: 'sample-notes' },
        enabled: false,
        history: [
          { action: 'enable', from: 'DISABLED', to: 'ENABLED', note: '试点' },
          { action: 'disable', from: 'ENABLED', to: 'DISABLED', note: null },
        ],
      },
    ]);
  }, 120_000);

  it('gives anonymous clients the view of the district they name, or the city’s', async () => {
    expect((await ask(stack.gateway, notes)).body.errors).toBeUndefined();
    const named = await ask(stack.gateway, notes, undefined, { 'x-cppcc-district': '341021' });
    expect(named.body.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      district: '341021',
    });
    const unknown = await ask(stack.gateway, notes, undefined, { 'x-cppcc-district': '999999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions?.code).toBe('UNKNOWN_DISTRICT');
  }, 120_000);

  it('lets a signed-in caller act for a district they work for, and no other', async () => {
    const cityStaff = await staff('341000');
    const below = await ask(stack.gateway, notes, cityStaff, { 'x-cppcc-district': '341021' });
    expect(below.body.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      district: '341021',
    });
    expect(
      (await ask(stack.gateway, notes, cityStaff, { 'x-cppcc-district': '341000' })).body.errors,
    ).toBeUndefined();
    const sibling = await ask(stack.gateway, notes, await staff('341021'), {
      'x-cppcc-district': '341000',
    });
    expect(sibling.status).toBe(403);
    expect(sibling.body.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    // A member reading another district's public site sees that district's plugins, as a visitor would.
    const member = await stack.token({ roles: ['member'], district: '341002', memberId: '111' });
    const visiting = await ask(stack.gateway, notes, member, { 'x-cppcc-district': '341021' });
    expect(visiting.body.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      district: '341021',
    });
  }, 120_000);
});
