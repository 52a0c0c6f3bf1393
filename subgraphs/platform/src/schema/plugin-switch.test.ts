import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import {
  databases,
  operation,
  outbox,
  startTestModule,
  testCaller,
  type TestModule,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformModule } from '../module.js';

const operator = (district: string) => testCaller(['operator'], district);
const enable = `mutation ($d: ID!, $p: ID!, $s: JSON) { enablePlugin(district: $d, plugin: $p, settings: $s, note: "needed for the pilot") { enabled state version settings history { action from to by note } } }`;
const configure = `mutation ($d: ID!, $s: JSON!) { configurePlugin(district: $d, plugin: "sample-notes", settings: $s) { version settings } }`;
const disable = operation<{ disablePlugin: { history: { action: string }[] } }>(
  `mutation ($d: ID!) { disablePlugin(district: $d, plugin: "sample-notes") { enabled version history { action from to } } }`,
);

describe.each(databases())('plugin switches on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(platformModule([samplePlugin]), { databaseUrl: url });
  });
  afterAll(() => module?.stop());

  const announced = async () =>
    (await outbox(module.orm, { type: 'plugin.switched' })).map((e) => e.payload);

  it('lists installed plugins with their permissions and settings schema', async () => {
    const r = await module.execute(
      '{ installedPlugins { id title titleEn version extends tag permissions { name roles } settingsSchema defaultSettings } }',
    );
    expect(r.data!.installedPlugins).toEqual([
      expect.objectContaining({
        id: 'sample-notes',
        title: '示例便笺',
        extends: ['District'],
        tag: 'plugin/sample-notes',
        permissions: [{ name: 'note.add', roles: ['staff', 'operator'] }],
        defaultSettings: { maxLength: 20 },
      }),
    ]);
  });

  it('lets a district operator enable, configure and disable, each audited and announced', async () => {
    const on = await module.execute(
      enable,
      { d: '341002', p: 'sample-notes', s: { maxLength: 8 } },
      operator('341002'),
    );
    expect(on.data!.enablePlugin).toEqual({
      enabled: true,
      state: 'ENABLED',
      version: 1,
      settings: { maxLength: 8 },
      history: [
        {
          action: 'enable',
          from: 'DISABLED',
          to: 'ENABLED',
          by: operator('341002').userId,
          note: 'needed for the pilot',
        },
      ],
    });
    expect(
      (await module.execute(configure, { d: '341002', s: { maxLength: 12 } }, operator('341002')))
        .data!.configurePlugin,
    ).toEqual({ version: 2, settings: { maxLength: 12 } });
    const off = await module.execute(disable, { d: '341002' }, operator('341002'));
    expect(off.data!.disablePlugin).toMatchObject({ enabled: false, version: 3 });
    expect(off.data!.disablePlugin.history.map((h) => h.action)).toEqual([
      'enable',
      'configure',
      'disable',
    ]);
    expect(await announced()).toEqual([
      expect.objectContaining({
        district: '341002',
        plugin: 'sample-notes',
        enabled: true,
        version: 1,
        settings: { maxLength: 8 },
      }),
      expect.objectContaining({ enabled: true, version: 2, settings: { maxLength: 12 } }),
      expect.objectContaining({ enabled: false, version: 3 }),
    ]);
  });

  it('lets the city operator switch a district below it', async () => {
    const r = await module.execute(enable, { d: '341003', p: 'sample-notes' }, operator('341000'));
    expect(r.data!.enablePlugin).toMatchObject({ enabled: true, settings: { maxLength: 20 } });
  });

  it('refuses what the table and the roles do not allow, writing nothing', async () => {
    const before = (await announced()).length;
    const cases: [
      string,
      Record<string, unknown>,
      ReturnType<typeof testCaller>,
      Record<string, unknown>,
    ][] = [
      // Staff may not switch, whatever the switch's state: the same answer for one that is off and one that is on.
      [
        enable,
        { d: '341024', p: 'sample-notes' },
        testCaller(['staff'], '341024'),
        { code: 'FORBIDDEN', roles: ['operator', 'admin'] },
      ],
      [
        enable,
        { d: '341003', p: 'sample-notes' },
        testCaller(['staff'], '341003'),
        { code: 'FORBIDDEN', roles: ['operator', 'admin'] },
      ],
      [
        enable,
        { d: '341024', p: 'sample-notes' },
        testCaller([], null),
        { code: 'UNAUTHENTICATED' },
      ],
      [
        enable,
        { d: '341024', p: 'sample-notes' },
        operator('341002'),
        { code: 'CROSS_DISTRICT', field: 'district' },
      ],
      [
        enable,
        { d: '341024', p: 'no-such-plugin' },
        operator('341024'),
        { code: 'BAD_USER_INPUT', field: 'plugin', rule: 'installed' },
      ],
      [
        enable,
        { d: '999999', p: 'sample-notes' },
        operator('341024'),
        { code: 'UNKNOWN_DISTRICT' },
      ],
      [
        enable,
        { d: '341024', p: 'sample-notes', s: { maxLength: -3 } },
        operator('341024'),
        { code: 'BAD_USER_INPUT', field: 'settings.maxLength', rule: 'plugin-settings' },
      ],
      [
        enable,
        { d: '341024', p: 'sample-notes', s: { maxLength: 'long' } },
        operator('341024'),
        { code: 'BAD_USER_INPUT', field: 'settings.maxLength' },
      ],
      [
        disable,
        { d: '341024' },
        operator('341024'),
        { code: 'ILLEGAL_TRANSITION', state: 'DISABLED', action: 'disable' },
      ],
      [
        enable,
        { d: '341003', p: 'sample-notes' },
        operator('341000'),
        { code: 'ILLEGAL_TRANSITION', state: 'ENABLED', action: 'enable' },
      ],
    ];
    for (const [query, variables, caller, extensions] of cases) {
      const r = await module.execute(query, variables, caller);
      expect(r.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject(extensions);
    }
    expect((await announced()).length).toBe(before);
    const board = await module.execute('{ pluginSwitchboard { district plugin enabled version } }');
    expect(board.data!.pluginSwitchboard).toEqual([
      { district: '341002', plugin: 'sample-notes', enabled: false, version: 3 },
      { district: '341003', plugin: 'sample-notes', enabled: true, version: 1 },
    ]);
    // The connection gateways read: the same switches, a page at a time, to anyone.
    const page = (args: string) =>
      module.execute<{
        pluginSwitchboardConnection: {
          nodes: { district: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }>(
        `{ pluginSwitchboardConnection(${args}) { nodes { district } pageInfo { hasNextPage endCursor } } }`,
      );
    const one = (await page('first: 1')).data!.pluginSwitchboardConnection;
    expect(one).toMatchObject({ nodes: [{ district: '341002' }], pageInfo: { hasNextPage: true } });
    const two = (await page(`first: 1, after: "${one.pageInfo.endCursor}"`)).data!
      .pluginSwitchboardConnection;
    expect(two).toMatchObject({
      nodes: [{ district: '341003' }],
      pageInfo: { hasNextPage: false },
    });
  });

  it("shows every district's switches, but settings and history only to its own roles and the city's", async () => {
    const query = operation<{ _entities: { plugins: unknown[] }[] }>(
      '{ _entities(representations: [{ __typename: "District", code: "341003" }]) { ... on District { plugins { plugin { id } enabled settings history { action } } } } }',
    );
    const own = await module.execute(query, {}, testCaller(['staff'], '341003'));
    expect(own.data!._entities[0].plugins).toEqual([
      {
        plugin: { id: 'sample-notes' },
        enabled: true,
        settings: { maxLength: 20 },
        history: [{ action: 'enable' }],
      },
    ]);
    const other = await module.execute(query, {}, testCaller(['staff'], '341024'));
    expect(other.data!._entities[0].plugins).toEqual([
      { plugin: { id: 'sample-notes' }, enabled: true, settings: null, history: [] },
    ]);
    const never = await module.execute<{ _entities: { plugins: unknown[] }[] }>(
      query.replace('341003', '341023'),
    );
    expect(never.data!._entities[0].plugins).toEqual([
      { plugin: { id: 'sample-notes' }, enabled: false, settings: null, history: [] },
    ]);
  });
});
