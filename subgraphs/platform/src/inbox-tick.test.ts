import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addDays,
  eventId,
  memoryTransport,
  readSettings,
  startModule,
  systemEm,
  today,
  workWaiting,
  type RunningModule,
  type Transport,
} from '@cppcc/kit';
import { samplePlugin } from '@cppcc/plugin-sdk/fixture';
import {
  createTestDatabase,
  databases,
  outbox,
  publishDemoDistricts,
  testCaller,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceDaysTurned } from './inbox-tick.js';
import { platformModule } from './module.js';

/*
 * What outlives a process: the platform restarted on the same database knows the last day it
 * announced, and which version of each plugin a district's operators reviewed.
 */

const DISTRICT = '341002';
const operator = testCaller(['operator'], DISTRICT);
const INBOX = '{ inbox { items(first: 100) { nodes { kind title actions waitsFor } } } }';
const ENABLE = `mutation { enablePlugin(district: "${DISTRICT}", plugin: "sample-notes") { enabled } }`;
const REVIEW = `mutation { reviewPluginSettings(district: "${DISTRICT}", plugin: "sample-notes") { state reviewedVersion } }`;

describe.each(databases())('the platform across restarts on $name', ({ url }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-platform-'));
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  let running: { module: RunningModule; transport: Transport } | undefined;

  beforeAll(async () => {
    if (url) ({ url: databaseUrl, drop } = await createTestDatabase(url, 'platform-restart'));
  });
  afterAll(async () => {
    await stop();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the platform with these plugins on the test's database (as an install or upgrade would). */
  async function start(version = samplePlugin.manifest.version) {
    await stop();
    const plugin = { ...samplePlugin, manifest: { ...samplePlugin.manifest, version } };
    const transport = memoryTransport();
    const module = await startModule(platformModule([plugin]), {
      settings: { ...readSettings({}), databaseUrl, dataDir: dir },
      transport,
      port: 0,
      seed: false,
    });
    await publishDemoDistricts(transport);
    await module.relay.kick();
    running = { module, transport };
    return running;
  }
  async function stop() {
    await running?.module.stop();
    await running?.transport.close();
    running = undefined;
  }
  const inbox = async () => {
    const r = await running!.module.execute(INBOX, {}, operator);
    expect(r.errors).toBeUndefined();
    return (r.data as { inbox: { items: { nodes: { kind: string; title: string }[] } } }).inbox
      .items.nodes;
  };

  it('asks the operators again only when it starts with a version they have not reviewed', async () => {
    await start('1.0.0');
    expect(await inbox()).toEqual([]);
    const on = await running!.module.execute(ENABLE, {}, operator);
    expect(on.errors).toBeUndefined();
    expect(await inbox()).toEqual([
      {
        kind: 'pluginSettings.review',
        title: '示例便笺 1.0.0：插件设置待复核',
        actions: ['review'],
        waitsFor: `operator@${DISTRICT}`,
      },
    ]);
    // Asked once: a restart with the same version asks nothing new.
    await start('1.0.0');
    expect(await inbox()).toHaveLength(1);
    const reviewed = await running!.module.execute(REVIEW, {}, operator);
    expect(reviewed.data).toEqual({
      reviewPluginSettings: { state: 'REVIEWED', reviewedVersion: '1.0.0' },
    });
    expect(await inbox()).toEqual([]);
    await start('1.0.0');
    expect(await inbox()).toEqual([]);
    // The next version is asked about as the platform starts with it.
    await start('1.1.0');
    expect(await inbox()).toEqual([
      expect.objectContaining({
        kind: 'pluginSettings.review',
        title: expect.stringContaining('1.1.0'),
      }),
    ]);
  });

  it('announces work showing from a day once, when a look at the calendar finds the day come', async () => {
    const { module, transport } = await start();
    const em = () => systemEm(module.orm);
    const day = today();
    /** A unit's overdue task waits for the district's staff from `from` (a `later` entry). */
    const wait = async (id: number, from: string) => {
      await transport.publish([
        {
          id: eventId(),
          type: workWaiting.type,
          source: 'proposals',
          district: DISTRICT,
          occurredAt: new Date().toISOString(),
          payload: workWaiting.payload.parse({
            key: `HandlingTask:${id}`,
            recordType: 'HandlingTask',
            recordId: String(id),
            about: null,
            district: DISTRICT,
            title: '催办',
            kind: 'task.receive',
            why: null,
            dueOn: null,
            parties: [
              { party: 'unit:5', actions: ['receive'] },
              { party: `staff@${DISTRICT}`, actions: ['urge'], kind: 'task.overdue', from },
            ],
          }),
        },
      ]);
      await module.relay.kick();
    };
    type Told = { id: string; district: string; parties: string[] };
    /** What the looks at the calendar told (the consumer's own events also name the unit). */
    const announced = async (orm = module.orm) =>
      (await outbox(orm, { type: 'inbox.changed' }))
        .map((e) => e.payload as Told)
        .filter((p) => p.id.startsWith('HandlingTask:') && !p.parties.includes('unit:5'));
    await wait(1, addDays(day, 2));
    await wait(2, addDays(day, 5));
    // The start looked at today already; a look on a day before the work shows tells nobody.
    expect(await em().transactional((tx) => announceDaysTurned(tx, day))).toBe(0);
    expect(await em().transactional((tx) => announceDaysTurned(tx, addDays(day, 1)))).toBe(0);
    expect(await announced()).toEqual([]);
    // Two days on (the look missed one): the first task's entry shows, and its staff are told.
    expect(await em().transactional((tx) => announceDaysTurned(tx, addDays(day, 3)))).toBe(1);
    expect(await announced()).toEqual([
      { id: 'HandlingTask:1', district: DISTRICT, parties: [`staff@${DISTRICT}`] },
    ]);
    expect(await em().transactional((tx) => announceDaysTurned(tx, addDays(day, 3)))).toBe(0);

    // Restarted, it knows the last day it announced: that day is not told again, later ones are.
    const again = await start();
    const em2 = () => systemEm(again.module.orm);
    expect(await em2().transactional((tx) => announceDaysTurned(tx, addDays(day, 3)))).toBe(0);
    expect(await em2().transactional((tx) => announceDaysTurned(tx, addDays(day, 9)))).toBe(1);
    expect((await announced(again.module.orm)).map((p) => p.id)).toEqual([
      'HandlingTask:1',
      'HandlingTask:2',
    ]);
  });
});
