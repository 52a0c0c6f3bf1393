import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  memoryTransport,
  OutboxEventSchema,
  readSettings,
  snapshotAnswered,
  snapshotRequested,
  startModule,
  systemEm,
  type BusEvent,
  type OutboxEvent,
  type RunningModule,
  type Transport,
} from '@cppcc/kit';
import { districts } from '@cppcc/demo';
import {
  districtRegistered,
  governmentUnitRegistered,
  specialCommitteeRegistered,
  termRegistered,
} from '@cppcc/events';
import { coreEvent, createTestDatabase, databases } from '@cppcc/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { organization } from './module.js';

/**
 * A plugin installed on a platform with data asks for a snapshot; organization answers it with
 * every district, term, unit and committee, then says it has — in its own process and outbox. On
 * a first start (seeded by this process, on the in-process bus) the records are on the bus
 * already, and it answers at once.
 */
describe.each(databases())('organization answering a snapshot request, on $name', ({ url }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** Organization on a database of its own, seeded on its first start; `start` again reopens it. */
  async function database() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-announce-'));
    const made = url ? await createTestDatabase(url, 'announce') : undefined;
    cleanups.push(async () => {
      await made?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const settings = { ...readSettings({}), databaseUrl: made?.url, dataDir: dir };
    return {
      async start(transport: Transport): Promise<RunningModule> {
        const module = await startModule(organization, {
          settings,
          transport,
          listen: false,
          seed: { scale: 1 },
        });
        let stopped: Promise<void> | undefined;
        const stop = () => (stopped ??= module.stop());
        cleanups.push(stop);
        return { ...module, stop };
      },
    };
  }

  const ask = (consumes: string[]) =>
    coreEvent(snapshotRequested, { requester: 'river-watch', consumes }, 'river-watch');

  async function answerIn(module: RunningModule): Promise<OutboxEvent> {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      const answer = await systemEm(module.orm).findOne(OutboxEventSchema, {
        type: snapshotAnswered.type,
      });
      if (answer) return answer;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('no snapshot answer');
  }

  it('announces what the requester consumes from it, then answers', async () => {
    // The platform with its data, started before: this start finds the data there.
    const db = await database();
    const first = memoryTransport();
    cleanups.push(() => first.close());
    await (await db.start(first)).stop();
    const transport = memoryTransport();
    cleanups.push(() => transport.close());
    const module = await db.start(transport);
    const em = () => systemEm(module.orm);
    await em().nativeDelete(OutboxEventSchema, {});
    // Nothing it emits is wanted: no answer.
    await transport.publish([ask(['proposal.registered'])]);
    await transport.publish([ask(['district.registered'])]);
    await answerIn(module);
    const rows = await em().find(
      OutboxEventSchema,
      {},
      { orderBy: { occurredAt: 'asc', id: 'asc' } },
    );
    const of = (type: string) => rows.filter((r) => r.type === type).length;
    expect(of('district.registered')).toBe(districts.length);
    expect(of(termRegistered.type)).toBeGreaterThan(0);
    expect(of(governmentUnitRegistered.type)).toBeGreaterThan(0);
    expect(of(specialCommitteeRegistered.type)).toBeGreaterThan(0);
    expect(of(snapshotAnswered.type)).toBe(1);
    // The answer comes last, counting what was announced.
    expect(rows[rows.length - 1].payload).toEqual({
      requester: 'river-watch',
      module: 'organization',
      records: rows.length - 1,
    });
  });

  it('on a first start answers at once: every record is on the bus already, before the answer', async () => {
    const transport = memoryTransport();
    cleanups.push(() => transport.close());
    const module = await (await database()).start(transport);
    await module.relay.kick();
    await transport.publish([ask(['district.registered'])]);
    expect((await answerIn(module)).payload).toEqual({
      requester: 'river-watch',
      module: 'organization',
      records: 0,
    });
    const announced = await systemEm(module.orm).count(OutboxEventSchema, {
      type: districtRegistered.type,
    });
    expect(announced).toBe(districts.length);
    // What the requester's group reads from the bus: the seed's records, then the answer.
    await module.relay.kick();
    const read: BusEvent[] = [];
    const sub = await transport.subscribe({
      group: 'river-watch',
      consumer: 'r',
      handle: async (events) => void read.push(...events),
    });
    cleanups.push(() => sub.stop());
    const types = read.map((e) => e.type);
    const answered = types.indexOf(snapshotAnswered.type);
    expect(answered).toBeGreaterThan(0);
    expect(types.slice(0, answered).filter((t) => t === districtRegistered.type)).toHaveLength(
      districts.length,
    );
  });
});
