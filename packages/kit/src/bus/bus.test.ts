import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { defineEntity, p, UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, systemEm, type Orm } from '../db.js';
import { defineMigration } from '../migration.js';
import { idempotentConsumer } from './consumer.js';
import { defineEvent, type BusEvent, type Transport } from './event.js';
import { memoryTransport } from './memory.js';
import { portTransport, serveTransport } from './port.js';
import {
  busMigration,
  emit,
  OutboxEventSchema,
  ProcessedEventSchema,
  startRelay,
} from './outbox.js';
import { redisTransport } from './redis.js';

const TallySchema = defineEntity({
  name: 'Tally',
  tableName: 'tally',
  properties: {
    id: p.integer().primary().autoincrement(),
    eventId: p.string(),
    consumer: p.string(),
  },
});
const tallyMigration = defineMigration('Migration20260101000000_tally', (knex) =>
  knex.schema.createTable('tally', (t) => {
    t.increments('id').primary();
    t.string('event_id').notNullable();
    t.string('consumer').notNullable();
  }),
);
const happened = defineEvent(
  'test.happened',
  z.object({ n: z.number().int().nonnegative() }),
  'test',
);

type Make = (claimIdleMs?: number) => Promise<Transport>;
// Redis claims a stalled consumer's events after claimIdleMs. Only the crash test lowers it, so
// every other test proves the ordinary read path on its own.
const transports: [string, Make][] = [
  ['memory', async () => memoryTransport()],
  // A worker thread's view of the in-process bus: every call crosses a real MessagePort to the
  // broker, and the broker calls the consumers back across it.
  [
    'port',
    async () => {
      const broker = memoryTransport();
      const { port1, port2 } = new MessageChannel();
      const served = serveTransport(broker, port1);
      const worker = portTransport(port2);
      return {
        ...worker,
        async close() {
          await worker.close();
          await served.close();
          await broker.close();
        },
      };
    },
  ],
  ...(process.env.REDIS_URL
    ? [
        [
          'redis',
          (claimIdleMs = 60_000) =>
            redisTransport({
              url: process.env.REDIS_URL!,
              stream: `test:${randomUUID()}`,
              blockMs: 50,
              claimIdleMs,
            }),
        ] as [string, Make],
      ]
    : []),
];
const dbs: [string, string | undefined][] = [
  ['sqlite', undefined],
  ...(process.env.DATABASE_URL ? [['postgres', process.env.DATABASE_URL] as [string, string]] : []),
];

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(transports.flatMap(([t, make]) => dbs.map(([d, url]) => ({ t, d, make, url }))))(
  'bus on $t with $d',
  ({ t, make, url }) => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanup.reverse()) await c();
      cleanup.length = 0;
    });

    async function setup(claimIdleMs?: number) {
      const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_bus`;
      const orm = await openDatabase({
        module: 'bus-test',
        entities: [OutboxEventSchema, ProcessedEventSchema, TallySchema],
        migrations: [busMigration, tallyMigration],
        url,
        schema,
        file: ':memory:',
      });
      await migrate(orm);
      const transport = await make(claimIdleMs);
      cleanup.push(async () => {
        await transport.close();
        if (url) await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
        await orm.close();
      });
      return { orm, transport };
    }

    const apply = (orm: Orm, name: string) =>
      idempotentConsumer(orm, 'tally', {
        [happened.type]: async (em, event) => {
          em.create(TallySchema, { eventId: event.id, consumer: name });
        },
      });

    async function emitMany(orm: Orm, count: number) {
      const em = systemEm(orm);
      await em.transactional(async (tx) => {
        for (let n = 0; n < count; n++) emit(tx as typeof em, 'test', happened, { n }, null);
      });
    }

    const tallies = (orm: Orm) => systemEm(orm).find(TallySchema, {});

    /** Commits `count` events and has a relay publish them. */
    async function relayed(orm: Orm, transport: Transport, count: number) {
      const relay = startRelay(orm, transport);
      cleanup.push(() => relay.stop());
      await emitMany(orm, count);
      await relay.kick();
    }

    /** A healthy consumer joins the group and applies what the one before it left. */
    async function takeOver(orm: Orm, transport: Transport, count: number) {
      const healthy = await transport.subscribe({
        group: 'tally',
        consumer: 'healthy',
        handle: apply(orm, 'healthy'),
      });
      cleanup.push(() => healthy.stop());
      await until(async () => (await tallies(orm)).length >= count);
    }

    /** The events' ids in the order their effects were written, and each id's `n`. */
    async function appliedOrder(orm: Orm) {
      const em = systemEm(orm);
      const rows = await em.find(TallySchema, {}, { orderBy: { id: 'asc' } });
      const events = await em.find(OutboxEventSchema, {});
      return {
        order: rows.map((r) => r.eventId),
        idOf: new Map(events.map((e) => [e.id, (e.payload as { n: number }).n])),
      };
    }

    it('applies each committed event exactly once across two consumers of one group', async () => {
      const { orm, transport } = await setup();
      const a = await transport.subscribe({
        group: 'tally',
        consumer: 'a',
        handle: apply(orm, 'a'),
      });
      const b = await transport.subscribe({
        group: 'tally',
        consumer: 'b',
        handle: apply(orm, 'b'),
      });
      cleanup.push(async () => {
        await a.stop();
        await b.stop();
      });
      const relay = startRelay(orm, transport);
      cleanup.push(() => relay.stop());
      await emitMany(orm, 40);
      await relay.kick();
      await until(async () => (await tallies(orm)).length >= 40);
      await new Promise((r) => setTimeout(r, 200));
      const rows = await tallies(orm);
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.eventId)).size).toBe(40);
      const outbox = await systemEm(orm).find(OutboxEventSchema, { publishedAt: null });
      expect(outbox).toHaveLength(0);
    });

    it('hands every published event to every tail, and nothing published before the tail began', async () => {
      const { orm, transport } = await setup();
      const relay = startRelay(orm, transport);
      cleanup.push(() => relay.stop());
      await emitMany(orm, 3);
      await relay.kick();
      const seen: [string, number][] = [];
      const tails = await Promise.all(
        ['x', 'y'].map((name) =>
          transport.tail((e) => seen.push([name, (e.payload as { n: number }).n])),
        ),
      );
      cleanup.push(async () => {
        for (const t of tails) await t.stop();
      });
      await emitMany(orm, 5);
      await relay.kick();
      await until(async () => seen.length >= 10);
      await new Promise((r) => setTimeout(r, 200));
      expect(
        seen
          .filter(([name]) => name === 'x')
          .map(([, n]) => n)
          .sort(),
      ).toEqual([0, 1, 2, 3, 4]);
      expect(
        seen
          .filter(([name]) => name === 'y')
          .map(([, n]) => n)
          .sort(),
      ).toEqual([0, 1, 2, 3, 4]);
    });

    it('gives each tailed event a position from which history resumes, in order', async () => {
      const { orm, transport } = await setup();
      const relay = startRelay(orm, transport);
      cleanup.push(() => relay.stop());
      const seen: { n: number; position: string }[] = [];
      const tail = await transport.tail((e, position) =>
        seen.push({ n: (e.payload as { n: number }).n, position }),
      );
      cleanup.push(() => tail.stop());
      await emitMany(orm, 4);
      await relay.kick();
      await until(async () => seen.length >= 4);
      // What a subscriber that saw only the first event missed: the other three, with the same
      // positions, and nothing after the last.
      const missed = await transport.history(seen[0].position, 10);
      expect(missed.gone).toBe(false);
      expect(missed.events.map((e) => (e.event.payload as { n: number }).n)).toEqual(
        seen.slice(1).map((s) => s.n),
      );
      expect(missed.events.map((e) => e.position)).toEqual(seen.slice(1).map((s) => s.position));
      expect((await transport.history(seen[3].position, 10)).events).toEqual([]);
      // Pages of at most `limit`.
      expect((await transport.history(seen[0].position, 2)).events).toHaveLength(2);
    });

    it('publishes nothing from a transaction that rolled back', async () => {
      const { orm, transport } = await setup();
      const seen: BusEvent[] = [];
      const sub = await transport.subscribe({
        group: 'g',
        consumer: 'c',
        handle: async (events) => void seen.push(...events),
      });
      cleanup.push(() => sub.stop());
      const em = systemEm(orm);
      await expect(
        em.transactional(async (tx) => {
          emit(tx as typeof em, 'test', happened, { n: 1 }, null);
          await tx.flush();
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const relay = startRelay(orm, transport);
      cleanup.push(() => relay.stop());
      await relay.kick();
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toHaveLength(0);
    });

    it('applies a redelivered event once', async () => {
      const { orm, transport } = await setup();
      const sub = await transport.subscribe({
        group: 'tally',
        consumer: 'a',
        handle: apply(orm, 'a'),
      });
      cleanup.push(() => sub.stop());
      const event: BusEvent = {
        id: randomUUID(),
        type: happened.type,
        source: 'test',
        district: null,
        occurredAt: new Date().toISOString(),
        payload: { n: 1 },
      };
      await transport.publish([event]);
      await transport.publish([event]);
      await until(async () => (await systemEm(orm).count(ProcessedEventSchema, {})) === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(await tallies(orm)).toHaveLength(1);
    });

    it("fails on a handler's own unique violation instead of taking the event as applied", async () => {
      const { orm } = await setup();
      const clashing = idempotentConsumer(orm, 'tally', {
        [happened.type]: async (em) => {
          await em.insert(TallySchema, { id: 7, eventId: 'x', consumer: 'a' });
          await em.insert(TallySchema, { id: 7, eventId: 'y', consumer: 'a' });
        },
      });
      const event: BusEvent = {
        id: randomUUID(),
        type: happened.type,
        source: 'test',
        district: null,
        occurredAt: new Date().toISOString(),
        payload: { n: 1 },
      };
      await expect(clashing([event])).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await systemEm(orm).count(ProcessedEventSchema, {})).toBe(0);
      expect(await tallies(orm)).toHaveLength(0);
    });

    it('applies the rest of a batch once and in order when one event in it fails, and the failing one once it passes', async () => {
      // Redis leaves the failing event pending; it comes back when claimed (after claimIdleMs).
      const { orm, transport } = await setup(300);
      const POISON = 17;
      let refusals = 0;
      const batches: number[] = [];
      const consume = idempotentConsumer(orm, 'tally', {
        [happened.type]: async (em, event) => {
          if ((event.payload as { n: number }).n === POISON && refusals < 3) {
            refusals++;
            throw new Error('not yet');
          }
          em.create(TallySchema, { eventId: event.id, consumer: 'a' });
        },
      });
      const sub = await transport.subscribe({
        group: 'tally',
        consumer: 'a',
        handle: async (events) => {
          batches.push(events.length);
          await consume(events);
        },
      });
      cleanup.push(() => sub.stop());
      await relayed(orm, transport, 40);
      await until(async () => (await tallies(orm)).length >= 40);
      await new Promise((r) => setTimeout(r, 200));
      // The batch path was taken: a failure in it fell back to one event per transaction.
      expect(Math.max(...batches)).toBeGreaterThan(1);
      expect(refusals).toBe(3);
      const { idOf, order } = await appliedOrder(orm);
      expect(order).toHaveLength(40);
      expect(new Set(order).size).toBe(40);
      expect(await systemEm(orm).count(ProcessedEventSchema, { consumer: 'tally' })).toBe(40);
      const n = (id: string) => idOf.get(id)!;
      // The in-process bus holds back what follows a failing event; Redis goes on past it and
      // hands the failing one out again later. Either way every other event keeps its order.
      if (t === 'redis')
        expect(order.map(n).filter((x) => x !== POISON)).toEqual(
          [...Array(40).keys()].filter((x) => x !== POISON),
        );
      else expect(order.map(n)).toEqual([...Array(40).keys()]);
    });

    it('leaves nothing of a batch that died mid-way, and applies it whole when handed out again', async () => {
      const { orm, transport } = await setup(300);
      // The consumer writes the first events' effects (flushed: the rows reach the database inside
      // its transaction), then dies on the sixth, before the batch's commit.
      let died = false;
      const dying = idempotentConsumer(orm, 'tally', {
        [happened.type]: async (em, event) => {
          if ((event.payload as { n: number }).n === 5) {
            died = true;
            throw new Error('process died');
          }
          em.create(TallySchema, { eventId: event.id, consumer: 'dying' });
          await em.flush();
        },
      });
      let received = 0;
      const crashing = await transport.subscribe({
        group: 'tally',
        consumer: 'crash',
        handle: async (events) => {
          // Dead: the transport's retries one event at a time reach nobody.
          if (died) throw new Error('process died');
          received = Math.max(received, events.length);
          await dying(events);
        },
      });
      await relayed(orm, transport, 10);
      await until(async () => died);
      await crashing.stop();
      expect(received).toBe(10);
      expect(await tallies(orm)).toHaveLength(0);
      expect(await systemEm(orm).count(ProcessedEventSchema, { consumer: 'tally' })).toBe(0);
      await takeOver(orm, transport, 10);
      await new Promise((r) => setTimeout(r, 200));
      const { idOf, order } = await appliedOrder(orm);
      expect(order.map((id) => idOf.get(id))).toEqual([...Array(10).keys()]);
      expect(await systemEm(orm).count(ProcessedEventSchema, { consumer: 'tally' })).toBe(10);
    });

    it('hands the events of a consumer that crashed mid-event to another, and applies them once', async () => {
      const { orm, transport } = await setup(300);
      // The crashing consumer takes the events and dies before acknowledging them.
      let received = 0;
      const crashing = await transport.subscribe({
        group: 'tally',
        consumer: 'crash',
        handle: async (events) => {
          received += events.length;
          throw new Error('process died');
        },
      });
      const relay = startRelay(orm, transport);
      cleanup.push(() => relay.stop());
      await emitMany(orm, 10);
      await relay.kick();
      await until(async () => received > 0);
      await crashing.stop();
      await takeOver(orm, transport, 10);
      const rows = await tallies(orm);
      expect(new Set(rows.map((r) => r.eventId)).size).toBe(10);
      expect(rows).toHaveLength(10);
    });

    // What the kit relies on in one process (relayPlugin): a mutation's answer waits for the relay's
    // publish, so every in-process consumer has applied the events when the client reads again.
    // Redis promises no such thing (consumers run in other processes), so the case is not declared for
    // it: a skipped test would read as a gap in the run.
    if (t !== 'redis')
      it("resolves a publish only once every group's consumer applied its events, and counts no backlog then", async () => {
        const { orm, transport } = await setup();
        const slow: number[] = [];
        const subs = [
          await transport.subscribe({ group: 'tally', consumer: 'a', handle: apply(orm, 'a') }),
          await transport.subscribe({
            group: 'slow',
            consumer: 's',
            handle: async (events) => {
              await new Promise((r) => setTimeout(r, 50));
              slow.push(...events.map((e) => (e.payload as { n: number }).n));
            },
          }),
        ];
        cleanup.push(async () => {
          for (const s of subs) await s.stop();
        });
        const relay = startRelay(orm, transport);
        cleanup.push(() => relay.stop());
        await emitMany(orm, 5);
        await relay.kick();
        // No waiting here: the publish itself waited.
        expect(await tallies(orm)).toHaveLength(5);
        expect(slow).toEqual([0, 1, 2, 3, 4]);
        expect(await transport.backlog('tally')).toBe(0);
        expect(await transport.lag('slow')).toBe(0);
        // A group nobody joined yet has every event before it.
        expect(await transport.backlog('nobody')).toBe(5);
        expect(transport.health().status).toBe('connected');
      });

    it('refuses an event whose payload breaks its contract', async () => {
      const { orm } = await setup();
      const em = systemEm(orm);
      expect(() => emit(em, 'test', happened, { n: -1 }, null)).toThrow(/event\.test\.happened\.n/);
    });
  },
);
