import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings, signCaller, type Caller } from '@cppcc/kit';
import { createTestDatabase } from '@cppcc/testing';
import { faultsRun, freePort, ModuleProcess, RedisServer, sleep, until } from './harness.js';

/**
 * Faults injected into the production shape of the bus: a producer and a consumer module, each
 * its own process (the kit's serveAlone, as `npm start -w subgraphs/NAME`), on PostgreSQL and
 * a redis-server the suite owns, under a fixed count of mutations. Processes are killed and
 * frozen with real signals and Redis is stopped without saving. Every check counts rows in the
 * database (the producer's outbox, the consumer's ledger and its tally) and entries on the stream.
 *
 * Each phase prints a line of the measured table in docs/operations.md (FAULTS_REPORT=file
 * also writes them as JSON lines).
 */
describe.runIf(faultsRun)('the bus under faults (processes, PostgreSQL, Redis)', () => {
  const settings = readSettings();
  const caller: Caller = {
    userId: 'fault-suite',
    memberId: null,
    district: null,
    roles: ['staff'],
    districts: [],
  };
  const stream = `faults:${randomUUID()}`;
  let redis: RedisServer;
  let database: { url: string; drop: () => Promise<void> };
  let db: pg.Client;
  let producer: ModuleProcess;
  let consumer: ModuleProcess;
  let n = 0;
  const answeredIds = new Set<string>();
  const report: Record<string, unknown>[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    if (!process.env.DATABASE_URL)
      throw new Error('the fault suite needs DATABASE_URL (PostgreSQL)');
    database = await createTestDatabase(process.env.DATABASE_URL, 'faults');
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_STREAM: stream,
      // Events a killed consumer held are taken over after a second; it leaves its group after three.
      BUS_CLAIM_IDLE_SECONDS: '1',
      BUS_DEAD_CONSUMER_SECONDS: '3',
    };
    producer = new ModuleProcess('producer', await freePort(), env);
    consumer = new ModuleProcess('consumer', await freePort(), env);
    await Promise.all([producer.start(), consumer.start()]);
  }, 240_000);

  afterAll(async () => {
    for (const p of [producer, consumer]) if (p?.alive) await p.signal('SIGKILL');
    await db?.end();
    await database?.drop();
    await redis?.down();
    if (process.env.FAULTS_REPORT)
      fs.writeFileSync(
        process.env.FAULTS_REPORT,
        `${report.map((r) => JSON.stringify(r)).join('\n')}\n`,
      );
    console.table(report);
  });

  /** Calls the producer as the gateway would, with a proof bound to this one request. */
  function ask(query: string, variables?: Record<string, unknown>): Promise<Response> {
    const body = JSON.stringify({ query, variables });
    return fetch(`${producer.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signCaller(caller, settings.gatewaySecret, {
          audience: 'tally-producer',
          method: 'POST',
          path: '/graphql',
          body,
        }),
      },
      body,
    });
  }

  interface Load {
    sent: number;
    answered: number;
    failed: Record<string, number>;
    slowestMs: number;
  }

  /** Sends `count` mutations, `concurrency` at a time; `during` runs once `at` have been answered. */
  async function load(
    count: number,
    concurrency: number,
    during?: { at: number; run: () => Promise<void> },
  ): Promise<Load> {
    const result: Load = { sent: 0, answered: 0, failed: {}, slowestMs: 0 };
    let fired: Promise<void> | undefined;
    const fail = (code: string) => (result.failed[code] = (result.failed[code] ?? 0) + 1);
    const one = async () => {
      const started = performance.now();
      result.sent++;
      try {
        const response = await ask('mutation ($n: Int!) { recordTally(n: $n) }', { n: n++ });
        const body = (await response.json()) as {
          data?: { recordTally: string };
          errors?: { extensions?: { code?: string } }[];
        };
        if (body.data?.recordTally) {
          result.answered++;
          answeredIds.add(body.data.recordTally);
        } else fail(String(body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`));
      } catch {
        fail('connection lost');
      }
      result.slowestMs = Math.max(result.slowestMs, Math.round(performance.now() - started));
      if (during && !fired && result.answered >= during.at) fired = during.run();
    };
    let left = count;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left > 0) {
          left--;
          await one();
        }
      }),
    );
    await fired;
    return result;
  }

  const scalar = async (sql: string) => Number((await db.query(sql)).rows[0].count);

  /** What the database and the stream hold now. */
  async function counts() {
    const committed = (await db.query('select id from "tally-producer".outbox_event')).rows.map(
      (r) => r.id as string,
    );
    const applied = (await db.query('select event_id from "tally-consumer".tally')).rows.map(
      (r) => r.event_id as string,
    );
    const ledger = await scalar(
      `select count(*) from "tally-consumer".processed_event where consumer = 'tally-consumer'`,
    );
    const unpublished = await scalar(
      'select count(*) from "tally-producer".outbox_event where published_at is null',
    );
    const produced = await scalar('select count(*) from "tally-producer".produced');
    const distinct = new Set(applied);
    return {
      committed: committed.length,
      produced,
      unpublished,
      applied: distinct.size,
      ledger,
      duplicated: applied.length - distinct.size,
      lost: committed.filter((id) => !distinct.has(id)).length,
      stray: [...distinct].filter((id) => !committed.includes(id)).length,
      committedIds: committed,
    };
  }

  /** Event ids on the stream, and the consumer group's pending and lag. */
  async function onStream() {
    const raw = await redis.cli('--no-raw', 'XRANGE', stream, '-', '+');
    const ids = new Set([...raw.matchAll(/\\"id\\":\\"([0-9a-f-]{36})\\"/g)].map((m) => m[1]));
    const groups = (await redis.cli('XINFO', 'GROUPS', stream)).split('\n');
    // Fields follow each group's name (the epoch's group is listed too).
    const group = groups.indexOf('tally-consumer');
    const field = (name: string) => Number(groups[groups.indexOf(name, group) + 1]);
    return {
      ids,
      entries: Number(await redis.cli('XLEN', stream)),
      grouped: group >= 0,
      pending: field('pending'),
      lag: field('lag'),
    };
  }

  /** Seconds until every committed event is applied (and the group has nothing left). */
  async function recovery(since: number) {
    await until(
      async () => {
        const c = await counts();
        const s = await onStream();
        return (
          c.committed > 0 &&
          c.lost === 0 &&
          c.unpublished === 0 &&
          s.grouped &&
          s.pending === 0 &&
          s.lag === 0
        );
      },
      'every committed event to be applied',
      90_000,
    ).catch(async (err) => {
      const { committedIds: _, ...c } = await counts();
      const { ids, ...s } = await onStream();
      throw new Error(
        `${(err as Error).message}: ${JSON.stringify({ ...c, ...s, onStream: ids.size })}\nconsumer: ${consumer.output.slice(-3000)}`,
      );
    });
    return Math.round((performance.now() - since) / 100) / 10;
  }

  async function settled(fault: string, sent: Load, recoverSeconds: number) {
    const c = await counts();
    const s = await onStream();
    report.push({
      fault,
      sent: sent.sent,
      answered: sent.answered,
      failed:
        Object.entries(sent.failed)
          .map(([code, k]) => `${k} ${code}`)
          .join(', ') || '0',
      slowestMs: sent.slowestMs,
      committed: c.committed,
      applied: c.applied,
      duplicated: c.duplicated,
      lost: c.lost,
      recoverSeconds,
    });
    // Every answered write was committed; every committed event applied exactly once, nothing else.
    expect([...answeredIds].filter((id) => !c.committedIds.includes(id))).toEqual([]);
    expect(c.produced).toBe(c.committed);
    expect(c.lost).toBe(0);
    expect(c.duplicated).toBe(0);
    expect(c.stray).toBe(0);
    expect(c.applied).toBe(c.committed);
    expect(c.ledger).toBe(c.committed);
    // And the stream holds every committed event, fully acknowledged by the group.
    expect(c.committedIds.filter((id) => !s.ids.has(id))).toEqual([]);
    expect(s.pending).toBe(0);
    expect(s.lag).toBe(0);
    return c;
  }

  it('a consumer killed under load and restarted: nothing lost, nothing applied twice, and the dead consumer leaves its group', async () => {
    const before = (await counts()).committed;
    const sent = await load(40, 4, { at: 10, run: () => consumer.signal('SIGKILL') });
    expect(sent.answered).toBe(40);
    expect(consumer.exits).toEqual(['SIGKILL']);
    const restarted = performance.now();
    await consumer.start();
    const seconds = await recovery(restarted);
    const c = await settled('consumer killed (SIGKILL) and restarted', sent, seconds);
    expect(c.committed - before).toBe(40);
    // The killed consumer's name leaves the group once it holds nothing and has been idle.
    await until(
      async () =>
        (await redis.cli('XINFO', 'CONSUMERS', stream, 'tally-consumer'))
          .split('\n')
          .filter((l) => l === 'name').length === 1,
      'the dead consumer to be removed',
      30_000,
    );
    expect(producer.exits).toEqual([]);
  }, 180_000);

  it('a producer killed under load after commit: its outbox delivers on restart', async () => {
    const sent = await load(40, 8, { at: 15, run: () => producer.signal('SIGKILL') });
    expect(producer.exits).toEqual(['SIGKILL']);
    // Committed rows the killed relay had not published yet; and, to be sure the path is taken
    // whatever the timing, a commit the process made as it died (a write and its event).
    await db.query(`insert into "tally-producer".outbox_event (id, type, source, district, payload, occurred_at, published_at)
      values ('${randomUUID()}', 'tally.recorded', 'tally-producer', null, '{"n": -1}', now(), null)`);
    const { rows } = await db.query(
      `select id from "tally-producer".outbox_event where payload->>'n' = '-1'`,
    );
    await db.query(
      `insert into "tally-producer".produced (n, event_id) values (-1, '${rows[0].id}')`,
    );
    expect((await counts()).unpublished).toBeGreaterThan(0);
    const restarted = performance.now();
    await producer.start();
    const seconds = await recovery(restarted);
    await settled('producer killed (SIGKILL) after commit, restarted', sent, seconds);
    expect(sent.answered).toBeGreaterThanOrEqual(15);
    expect(sent.sent).toBe(40);
  }, 180_000);

  it('Redis restarted empty with unread events on it: no crash, writes answer during the outage, every event applied once after', async () => {
    // The consumer stops reading (frozen, as a stalled process is): twenty events wait on the stream.
    await consumer.signal('SIGSTOP');
    const beforeOutage = await load(20, 4);
    expect(beforeOutage.answered).toBe(20);
    await until(async () => (await counts()).unpublished === 0, 'the twenty to be on the stream');
    // Unread (lag), or handed to the frozen consumer's blocked read and never acknowledged (pending).
    const waiting = await onStream();
    expect(waiting.lag + waiting.pending).toBe(20);

    await redis.down();
    const during = await load(20, 4);
    // The outbox took them: committed and answered while Redis was away.
    expect(during.answered).toBe(20);
    expect(during.failed).toEqual({});
    const ready = await producer.readyz();
    expect(ready).toMatchObject({
      status: 'degraded',
      degraded: { bus: 'redis unreachable' },
      bus: { transport: 'redis', status: 'degraded' },
    });
    expect(ready.bus.outboxBacklog).toBe(20);
    const read = await ask('{ produced }');
    expect(((await read.json()) as { data: { produced: number } }).data.produced).toBe(
      (await counts()).produced,
    );
    await sleep(500);

    const restarted = performance.now();
    await redis.up();
    await consumer.signal('SIGCONT');
    const seconds = await recovery(restarted);
    const total = {
      sent: beforeOutage.sent + during.sent,
      answered: beforeOutage.answered + during.answered,
      failed: { ...beforeOutage.failed, ...during.failed },
      slowestMs: during.slowestMs,
    };
    await settled('Redis restarted empty (20 unread on it, 20 written while away)', total, seconds);
    expect(producer.exits).toEqual(['SIGKILL']); // the previous test's kill only: no crash here
    expect(consumer.exits).toEqual(['SIGKILL']);
    // Each reader reconnects on its own backoff (at most 3 s apart): readiness follows within that.
    await expect
      .poll(async () => (await producer.readyz()).status, { timeout: 15_000, interval: 250 })
      .toBe('ready');
    await expect
      .poll(async () => (await consumer.readyz()).status, { timeout: 15_000, interval: 250 })
      .toBe('ready');
    expect(await producer.readyz()).toMatchObject({
      status: 'ready',
      bus: { status: 'connected', outboxBacklog: 0, replays: 1 },
    });
  }, 180_000);
});
