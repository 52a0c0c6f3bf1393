import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  busMigration,
  emit,
  idempotentConsumer,
  migrate,
  openDatabase,
  OutboxEventSchema,
  ProcessedEventSchema,
  redisTransport,
  startRelay,
  systemEm,
  type Orm,
  type Transport,
} from '@cppcc/kit';
import { tallyConsumer, tallyRecorded, TallySchema } from './tally-modules.js';
import { faultsRun, RedisServer, until } from './harness.js';

/**
 * The Redis transport against a redis-server of the test's own, which the test flushes: the
 * XINFO replies read as node-redis gives them, a group recreated after NOGROUP with the lost
 * events published again, and dead consumers claimed from and removed.
 */
describe.runIf(faultsRun || !!process.env.REDIS_URL)('the Redis bus heals itself', () => {
  let redis: RedisServer;
  const cleanup: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.down();
  });
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup.length = 0;
  });

  async function setup(options: { claimIdleMs?: number; deadConsumerMs?: number } = {}) {
    const orm = await openDatabase({
      module: 'bus-heal',
      entities: [OutboxEventSchema, ProcessedEventSchema, TallySchema],
      migrations: [busMigration, ...tallyConsumer.migrations.slice(-1)],
      file: ':memory:',
    });
    await migrate(orm);
    const stream = `test:${randomUUID()}`;
    const transport = await redisTransport({ url: redis.url, stream, blockMs: 50, ...options });
    cleanup.push(async () => {
      await transport.close();
      await orm.close();
    });
    return { orm, transport, stream };
  }

  const apply = (orm: Orm) =>
    idempotentConsumer(orm, 'tally', {
      [tallyRecorded.type]: async (em, event) => {
        em.create(TallySchema, { n: Number(event.payload.n), eventId: event.id });
      },
    });

  async function emitMany(orm: Orm, from: number, count: number) {
    const em = systemEm(orm);
    await em.transactional(async (tx) => {
      for (let n = from; n < from + count; n++)
        emit(tx as typeof em, 'test', tallyRecorded, { n }, null);
    });
  }

  const tallies = async (orm: Orm) =>
    (await systemEm(orm).find(TallySchema, {})) as unknown as { n: number; eventId: string }[];

  async function subscribe(transport: Transport, orm: Orm, consumer = 'a') {
    const sub = await transport.subscribe({ group: 'tally', consumer, handle: apply(orm) });
    cleanup.push(() => sub.stop());
    return sub;
  }

  it("counts a group's backlog from XINFO GROUPS as node-redis answers it", async () => {
    const { orm, transport, stream } = await setup();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const sub = await transport.subscribe({ group: 'slow', consumer: 'a', handle: () => gate });
    cleanup.push(() => sub.stop());
    const relay = startRelay(orm, transport);
    cleanup.push(() => relay.stop());
    await emitMany(orm, 0, 5);
    await relay.kick();
    // Delivered and unacknowledged (pending) or not yet delivered (lag): five either way.
    await until(async () => (await transport.backlog('slow')) === 5, 'a backlog of five', 5000);
    open();
    await until(async () => (await transport.backlog('slow')) === 0, 'the backlog to drain', 5000);
    // The stream still holds the five: a backlog read from its length (the old fallback) would not be 0.
    expect(Number(await redis.cli('XLEN', stream))).toBe(5);
    // A group nobody created has the whole stream waiting.
    expect(await transport.backlog('nobody')).toBe(5);
  });

  it('creates its group again after FLUSHALL, and the relay publishes the lost events again: each applied once', async () => {
    const { orm, transport, stream } = await setup();
    await subscribe(transport, orm);
    const relay = startRelay(orm, transport, { intervalMs: 100 });
    cleanup.push(() => relay.stop());
    await emitMany(orm, 0, 10);
    await relay.kick();
    await until(async () => (await tallies(orm)).length >= 10, 'ten applied');

    await emitMany(orm, 10, 5);
    await relay.kick();
    await until(async () => (await tallies(orm)).length >= 15, 'fifteen applied');

    expect(await redis.cli('FLUSHALL')).toBe('OK');
    await emitMany(orm, 15, 5);
    await until(
      async () => (await tallies(orm)).length >= 20 && (await relay.health()).backlog === 0,
      'twenty applied after the flush',
    );
    // The retained window went out again: the group sees every event ever published once more,
    // and the consumer's ledger skips the ones it had applied.
    await until(async () => (await transport.backlog('tally')) === 0, 'the group to catch up');
    const rows = await tallies(orm);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(20);
    expect((await relay.health()).replays).toBe(1);
    expect(Number(await redis.cli('XLEN', stream))).toBeGreaterThanOrEqual(20);
    const groups = (await redis.cli('XINFO', 'GROUPS', stream)).split('\n');
    expect(groups).toContain('tally');
    expect(groups.some((g) => g.startsWith('@epoch:'))).toBe(true);
    expect(transport.health()).toEqual({ status: 'connected' });
  });

  it('notices a stream trimmed under a group (XTRIM), publishes the retained window again once: each event applied once', async () => {
    const { orm, transport, stream } = await setup({ claimIdleMs: 200 });
    const relay = startRelay(orm, transport, { intervalMs: 100 });
    cleanup.push(() => relay.stop());
    // A consumer that read three of ten and stopped: three pending under its name, seven never delivered.
    const reader = createClient({ url: redis.url });
    await reader.connect();
    await reader.xGroupCreate(stream, 'tally', '0', { MKSTREAM: true });
    await emitMany(orm, 0, 10);
    await relay.kick();
    await until(async () => Number(await redis.cli('XLEN', stream)) === 10, 'ten on the stream');
    await reader.sendCommand([
      'XREADGROUP',
      'GROUP',
      'tally',
      'gone',
      'COUNT',
      '3',
      'STREAMS',
      stream,
      '>',
    ]);
    await reader.quit();

    // The group and the epoch survive a trim; only the entries go.
    expect(Number(await redis.cli('XTRIM', stream, 'MAXLEN', '0'))).toBe(10);
    await subscribe(transport, orm, 'live');
    await emitMany(orm, 10, 2);
    await relay.kick();
    await until(
      async () => (await tallies(orm)).length >= 12 && (await transport.backlog('tally')) === 0,
      'twelve applied after the trim',
      15_000,
    );
    // Some relay ticks later the loss is not noticed again (the group was moved past the hole).
    const replays = (await relay.health()).replays;
    await new Promise((r) => setTimeout(r, 500));
    expect(replays).toBe(1);
    expect((await relay.health()).replays).toBe(1);
    const rows = await tallies(orm);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.n)).size).toBe(12);
    // Nothing stays pending for the consumer that is gone.
    expect(await redis.cli('XPENDING', stream, 'tally')).toMatch(/^0/);
  });

  it('a trim of entries every group has read loses nothing: no replay', async () => {
    const { orm, transport, stream } = await setup();
    await subscribe(transport, orm);
    const relay = startRelay(orm, transport, { intervalMs: 100 });
    cleanup.push(() => relay.stop());
    await emitMany(orm, 0, 6);
    await relay.kick();
    await until(
      async () => (await tallies(orm)).length >= 6 && (await transport.backlog('tally')) === 0,
      'six applied',
    );
    expect(Number(await redis.cli('XTRIM', stream, 'MAXLEN', '2'))).toBe(4);
    await emitMany(orm, 6, 2);
    await relay.kick();
    await until(async () => (await tallies(orm)).length >= 8, 'eight applied');
    expect(Number(await redis.cli('XTRIM', stream, 'MAXLEN', '0'))).toBe(4);
    await emitMany(orm, 8, 2);
    await relay.kick();
    await until(
      async () => (await tallies(orm)).length >= 10 && (await transport.backlog('tally')) === 0,
      'ten applied',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await relay.health()).replays).toBe(0);
    expect(await tallies(orm)).toHaveLength(10);
  });

  it('takes over what a dead consumer held and then removes it from the group', async () => {
    const { orm, transport, stream } = await setup({ claimIdleMs: 200, deadConsumerMs: 400 });
    const relay = startRelay(orm, transport);
    cleanup.push(() => relay.stop());
    // A consumer that read three events and died: they stay pending under its name.
    const ghost = createClient({ url: redis.url });
    await ghost.connect();
    await ghost.xGroupCreate(stream, 'tally', '0', { MKSTREAM: true });
    await emitMany(orm, 0, 3);
    await relay.kick();
    await ghost.sendCommand([
      'XREADGROUP',
      'GROUP',
      'tally',
      'ghost',
      'COUNT',
      '3',
      'STREAMS',
      stream,
      '>',
    ]);
    await ghost.quit();
    expect(await transport.backlog('tally')).toBe(3);
    await subscribe(transport, orm, 'live');
    await until(
      async () => (await tallies(orm)).length >= 3,
      'the three applied by the live consumer',
    );
    await until(
      async () =>
        (await redis.cli('XINFO', 'CONSUMERS', stream, 'tally'))
          .split('\n')
          .filter((l) => l === 'name').length === 1,
      'the dead consumers to be removed',
      10_000,
    );
    expect(await redis.cli('XINFO', 'CONSUMERS', stream, 'tally')).toContain('live');
    const rows = await tallies(orm);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(3);
  });
});
