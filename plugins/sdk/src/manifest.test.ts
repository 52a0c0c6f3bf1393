import { printSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { proposalHonoured } from '@cppcc/events';
import { databases, testCaller } from '@cppcc/testing';
import { samplePlugin } from './fixture.js';
import fs from 'node:fs';
import { definePlugin, pluginBuilder } from './manifest.js';
import { SDK_VERSION } from './version.js';
import { startPluginTest, type PluginTest } from './testing.js';

describe('definePlugin', () => {
  const base = () => ({
    title: { zh: '甲', en: 'A' },
    version: '1.0.0',
    description: 'x',
    port: 4290,
    extends: [] as const,
    permissions: {},
    settings: z.object({}),
  });

  it('tags every type and field the plugin adds, and nothing it only references', () => {
    const sdl = printSubgraphSchema(samplePlugin.module.schema);
    expect(sdl).toMatch(/type SampleNote\s+@tag\(name: "plugin\/sample-notes"\)/);
    expect(sdl).toMatch(/sampleNotes: \[SampleNote!\] @tag\(name: "plugin\/sample-notes"\)/);
    expect(sdl).toMatch(/addSampleNote\(.*\): SampleNote! @tag\(name: "plugin\/sample-notes"\)/);
    // District is organization's: its type and key stay untagged so the gateway never hides them.
    expect(sdl).toMatch(
      /type District\s+@key\(fields: "code"\)\s+@extends\s+\{\s+code: ID! @external\n/,
    );
    expect(sdl).not.toMatch(/type (Query|Mutation)\s+@tag/);
  });

  it('tags the fields of the input types a plugin adds', () => {
    const b = pluginBuilder('tag-inputs');
    const Input = b.inputType('TagInputsFilter', {
      fields: (t) => ({ text: t.string({ required: true }) }),
    });
    b.queryField('tagInputs', (t) =>
      t.string({
        args: { filter: t.arg({ type: Input, required: true }) },
        resolve: (_r, a) => a.filter.text,
      }),
    );
    const plugin = definePlugin({ ...base(), id: 'tag-inputs', builder: b });
    const sdl = printSubgraphSchema(plugin.module.schema);
    expect(sdl).toMatch(
      /input TagInputsFilter\s+@tag\(name: "plugin\/tag-inputs"\)\s+\{\s+text: String! @tag\(name: "plugin\/tag-inputs"\)\n/,
    );
  });

  it('refuses a manifest that breaks a rule, naming it', () => {
    expect(() =>
      definePlugin({ ...base(), id: 'Bad_Id', builder: pluginBuilder('bad-id') }),
    ).toThrow(/kebab-case/);
    expect(() => definePlugin({ ...base(), id: 'one', builder: pluginBuilder('two') })).toThrow(
      /made for "two"/,
    );
    expect(() =>
      definePlugin({
        ...base(),
        id: 'no-default',
        builder: pluginBuilder('no-default'),
        settings: z.object({ n: z.number() }),
      }),
    ).toThrow(/default for every field \(n\)/);
    expect(() =>
      definePlugin({ ...base(), id: 'vers', version: '1', builder: pluginBuilder('vers') }),
    ).toThrow(/x\.y\.z/);
    // A plugin written for another SDK is refused when it loads, naming both versions.
    expect(SDK_VERSION).toBe(
      JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    );
    expect(() =>
      definePlugin({ ...base(), id: 'old-sdk', sdk: '^0.1.0', builder: pluginBuilder('old-sdk') }),
    ).toThrow(`sdk: written for @cppcc/plugin-sdk ^0.1.0, but this platform has ${SDK_VERSION}`);
    expect(() =>
      definePlugin({
        ...base(),
        id: 'bad-range',
        sdk: 'soon',
        builder: pluginBuilder('bad-range'),
      }),
    ).toThrow(/sdk "soon" is not a semver range/);
    expect(
      definePlugin({
        ...base(),
        id: 'this-sdk',
        sdk: `^${SDK_VERSION}`,
        builder: pluginBuilder('this-sdk'),
      }).manifest.sdk,
    ).toBe(`^${SDK_VERSION}`);
    const b = pluginBuilder('wrong-extends');
    const D = b
      .externalRef('Member', b.selection<{ id: string }>('id'))
      .implement({ externalFields: (t) => ({ id: t.id() }) });
    b.objectField(D, 'x', (t) => t.string({ resolve: () => 'x' }));
    b.queryField('y', (t) => t.string({ resolve: () => 'y' }));
    expect(() =>
      definePlugin({ ...base(), id: 'wrong-extends', builder: b, extends: ['District'] }),
    ).toThrow(/extends lists \[District\] but its schema adds fields to \[Member\]/);
    // An entity it only refers to (returns) gets no field from it, so it is not listed.
    const r = pluginBuilder('refers-only');
    const M = r
      .externalRef('Member', r.selection<{ id: string }>('id'))
      .implement({ externalFields: (t) => ({ id: t.id() }) });
    r.queryField('someMember', (t) => t.field({ type: M, resolve: () => ({ id: '1' }) }));
    expect(definePlugin({ ...base(), id: 'refers-only', builder: r }).manifest.extends).toEqual([]);
    expect(() =>
      definePlugin({ ...base(), id: 'refers-only', builder: r, extends: ['Member'] }),
    ).toThrow(/extends lists \[Member\] but its schema adds fields to \[\]/);
  });

  it('validates settings against the schema and fills defaults', () => {
    expect(samplePlugin.parseSettings({})).toEqual({ ok: true, value: { maxLength: 20 } });
    const bad = samplePlugin.parseSettings({ maxLength: -1 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0].path).toBe('maxLength');
    expect(samplePlugin.settingsJsonSchema).toMatchObject({
      type: 'object',
      properties: { maxLength: { type: 'integer', default: 20 } },
    });
  });
});

describe.each(databases())('a plugin behind the gateway on $name', ({ url }) => {
  let t: PluginTest;
  beforeAll(async () => {
    t = await startPluginTest(samplePlugin, { databaseUrl: url });
    await t.enable('341002', { maxLength: 5 });
  });
  afterAll(() => t?.stop());

  const add =
    'mutation ($d: ID!, $text: String!) { addSampleNote(district: $d, text: $text) { text district } }';
  const staff = (district: string) => ({ as: { roles: ['staff' as const], district } });

  it('serves a district that enabled it, with that district’s settings', async () => {
    expect(
      (await t.post(add, { d: '341002', text: 'hello' }, staff('341002'))).data?.addSampleNote,
    ).toEqual({ text: 'hello', district: '341002' });
    const long = await t.post(add, { d: '341002', text: 'too long' }, staff('341002'));
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const listed = await t.post<{ district: { sampleNotes: { text: string }[] } }>(
      '{ district(code: "341002") { name sampleNotes { text } } }',
      {},
      staff('341002'),
    );
    expect(listed.data?.district.sampleNotes).toEqual([{ text: 'hello' }]);
  });

  it('refuses, in its own resolvers too, a district that has not enabled it', async () => {
    const direct = await t.execute(
      add,
      { d: '341021', text: 'x' },
      testCaller(['staff'], '341021'),
    );
    expect(direct.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'sample-notes',
      district: '341021',
    });
    const field = await t.execute(
      '{ _entities(representations: [{ __typename: "District", code: "341021" }]) { ... on District { sampleNotes { text } } } }',
      {},
      testCaller(['staff'], '341021'),
    );
    expect(field.errors?.[0].extensions?.code).toBe('PLUGIN_DISABLED');
    const [{ n }] = await t.plugin.orm.em
      .fork()
      .getConnection()
      .execute('select count(*) as n from sample_note');
    expect(Number(n)).toBe(1);
  });

  it('stops serving a district once it is disabled, and serves it again when re-enabled', async () => {
    await t.disable('341002');
    const off = await t.post(add, { d: '341002', text: 'hi' }, staff('341002'));
    expect(off.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'sample-notes',
    });
    await t.enable('341002');
    expect(
      (await t.post(add, { d: '341002', text: 'again' }, staff('341002'))).errors,
    ).toBeUndefined();
  });

  it('refuses a caller without the permission', async () => {
    const member = await t.post(
      add,
      { d: '341002', text: 'x' },
      { as: { roles: ['member'], district: '341002', memberId: '1' } },
    );
    expect(member.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN', permission: 'note.add' },
    });
  });

  it('lets every role the manifest names write, in the districts it works for and nowhere else', async () => {
    const operator = (district: string) => ({ as: { roles: ['operator' as const], district } });
    await t.enable('341002', { maxLength: 5 });
    expect(
      (await t.post(add, { d: '341002', text: 'op' }, operator('341002'))).data?.addSampleNote,
    ).toEqual({ text: 'op', district: '341002' });
    await t.enable('341003');
    const sibling = await t.post(add, { d: '341002', text: 'no' }, operator('341003'));
    expect(sibling.errors?.[0].extensions).toMatchObject({
      code: 'CROSS_DISTRICT',
      field: 'district',
      permission: 'note.add',
    });
    // City staff (of a city that has the plugin on) write in the districts below.
    await t.enable('341000');
    expect(
      (await t.post(add, { d: '341002', text: 'city' }, staff('341000'))).errors,
    ).toBeUndefined();
    // The district written to decides: its settings (屯溪's maxLength 5, not the city's 20), and it must have the plugin on.
    const tooLong = await t.post(add, { d: '341002', text: 'no: too long' }, staff('341000'));
    expect(tooLong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
      rule: 'max-length',
    });
    const off = await t.post(add, { d: '341021', text: 'no' }, staff('341000'));
    expect(off.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'sample-notes',
      district: '341021',
    });
    const [{ n }] = await t.plugin.orm.em
      .fork()
      .getConnection()
      .execute("select count(*) as n from sample_note where text like 'no%'");
    expect(Number(n)).toBe(0);
  });

  it('applies the events it handles once each, however often they arrive', async () => {
    const honoured = (caseNumber: string) => ({
      id: randomUUID(),
      type: proposalHonoured.type,
      source: 'proposals',
      district: '341002',
      occurredAt: new Date().toISOString(),
      payload: {
        proposalId: '7',
        authorId: '1',
        coAuthorIds: [],
        caseNumber,
        title: '提案',
        honour: 'KEY',
        on: '2026-03-01',
      },
    });
    const once = honoured('A-1');
    await t.transport.publish([once, once, honoured('A-2')]);
    await t.transport.publish([once]);
    const notes = async () =>
      (
        await t.plugin.orm.em
          .fork()
          .getConnection()
          .execute("select text from sample_note where text like 'A-%' order by id")
      ).map((r: { text: string }) => r.text);
    for (const deadline = Date.now() + 20_000; !(await notes()).includes('A-2 KEY'); ) {
      if (Date.now() > deadline) throw new Error('the plugin did not handle the event');
      await new Promise((r) => setTimeout(r, 25));
    }
    // The duplicate published after A-2 has had as long as A-2 to arrive.
    await t.transport.publish([honoured('A-3')]);
    for (const deadline = Date.now() + 20_000; !(await notes()).includes('A-3 KEY'); ) {
      if (Date.now() > deadline) throw new Error('the plugin did not handle the event');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await notes()).toEqual(['A-1 KEY', 'A-2 KEY', 'A-3 KEY']);
  });
});
