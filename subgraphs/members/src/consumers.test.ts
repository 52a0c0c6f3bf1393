import { randomUUID } from 'node:crypto';
import { CITY } from '@cppcc/demo';
import { consultationAttended, proposalFiled } from '@cppcc/events';
import {
  idempotentConsumer,
  memoryTransport,
  ProcessedEventSchema,
  redisTransport,
  systemEm,
  type BusEvent,
  type Transport,
} from '@cppcc/kit';
import { databases, startTestModule, type TestModule } from '@cppcc/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DutyEventSchema } from './entities/duty-event.entity.js';
import { members } from './module.js';

// Redis hands a stalled consumer's events to another after claimIdleMs; a short one keeps the crash test quick.
const transports: { name: string; make: () => Promise<Transport> }[] = [
  { name: 'memory', make: async () => memoryTransport() },
  ...(process.env.REDIS_URL
    ? [
        {
          name: 'redis',
          make: () =>
            redisTransport({
              url: process.env.REDIS_URL!,
              stream: `test:${randomUUID()}`,
              blockMs: 50,
              claimIdleMs: 300,
            }),
        },
      ]
    : []),
];
const cases = transports.flatMap((t) =>
  databases().map((d) => ({ transport: t.name, make: t.make, db: d.name, url: d.url })),
);

/** Waits for a condition the bus brings about; fails (does not pass) if it never comes. */
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the bus did not deliver in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const attended = (memberId: number, activityId: number): BusEvent => ({
  id: randomUUID(),
  type: consultationAttended.type,
  source: 'consultation',
  district: CITY,
  occurredAt: new Date().toISOString(),
  payload: {
    activityId: String(activityId),
    memberId: String(memberId),
    form: 'THEMATIC',
    title: '专题协商',
    heldOn: '2026-05-01',
  },
});

describe.each(cases)('duty record consumers on the $transport bus with $db', ({ make, url }) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup.length = 0;
  });

  async function start(): Promise<{ module: TestModule; transport: Transport }> {
    const transport = await make();
    const module = await startTestModule(members, {
      databaseUrl: url,
      transport,
      demoDistricts: true,
      seed: { scale: 1 },
    });
    cleanup.push(async () => {
      await module.stop();
      await transport.close();
    });
    return { module, transport };
  }

  const rows = (module: TestModule, activityIds: number[]) =>
    systemEm(module.orm).find(DutyEventSchema, {
      kind: 'consultation.attended',
      sourceId: { $in: activityIds.map(String) },
    });

  it('applies each event exactly once with two consumers in one group, even when events arrive twice', async () => {
    const { module } = await start();
    // Two replicas of the members subgraph on one database, consuming one group of a bus of their own.
    const bus = await make();
    cleanup.push(() => bus.close());
    const apply = idempotentConsumer(module.orm, 'members', members.consumes!);
    const seen = new Map<string, number>();
    const taken = new Map<string, number>();
    for (const name of ['members-a', 'members-b']) {
      const sub = await bus.subscribe({
        group: 'members',
        consumer: name,
        handle: async (batch) => {
          await apply(batch);
          for (const e of batch) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
          taken.set(name, (taken.get(name) ?? 0) + batch.length);
        },
      });
      cleanup.push(() => sub.stop());
    }
    const ids = Array.from({ length: 60 }, (_, i) => 9000 + i);
    const events = ids.map((activityId, i) => attended((i % 40) + 1, activityId));
    for (let i = 0; i < events.length; i += 15) await bus.publish(events.slice(i, i + 15));
    // The relay publishes again after a crash between publishing and marking the outbox: same ids, again.
    await bus.publish(events.slice(0, 30));
    await until(async () => events.every((e, i) => (seen.get(e.id) ?? 0) >= (i < 30 ? 2 : 1)));
    const written = await rows(module, ids);
    // Both replicas took a share of the stream: the once-only outcome is not one consumer working alone.
    expect([...taken.keys()].sort()).toEqual(['members-a', 'members-b']);
    expect(written).toHaveLength(60);
    expect(new Set(written.map((r) => r.eventId)).size).toBe(60);
    expect(
      await systemEm(module.orm).count(ProcessedEventSchema, {
        consumer: 'members',
        eventId: { $in: events.map((e) => e.id) },
      }),
    ).toBe(60);
  });

  it('replays the events of a consumer that died after committing but before acknowledging, and applies them once', async () => {
    const { module } = await start();
    // A bus of its own, so that only the consumers of this test take its events.
    const bus = await make();
    cleanup.push(() => bus.close());
    const apply = idempotentConsumer(module.orm, 'members', members.consumes!);
    let crashed = 0;
    const dying = await bus.subscribe({
      group: 'members',
      consumer: 'dying',
      handle: async (events) => {
        await apply(events);
        crashed += events.length;
        throw new Error('process died before acknowledging');
      },
    });
    const ids = Array.from({ length: 12 }, (_, i) => 9100 + i);
    const filed: BusEvent = {
      id: randomUUID(),
      type: proposalFiled.type,
      source: 'proposals',
      district: CITY,
      occurredAt: new Date().toISOString(),
      payload: {
        proposalId: '9199',
        authorId: '5',
        coAuthorIds: ['6', '7'],
        caseNumber: '2026-9199',
        filedAt: '2026-05-02T00:00:00.000Z',
      },
    };
    const events = [...ids.map((activityId, i) => attended(i + 1, activityId)), filed];
    const publishing = bus.publish(events);
    await until(async () => crashed > 0);
    await dying.stop();
    await publishing;
    const redelivered = new Set<string>();
    const healthy = await bus.subscribe({
      group: 'members',
      consumer: 'healthy',
      handle: async (batch) => {
        await apply(batch);
        for (const e of batch) redelivered.add(e.id);
      },
    });
    cleanup.push(() => healthy.stop());
    // Every event reaches the healthy consumer: those the dying one had taken, handed over.
    await until(async () => events.every((e) => redelivered.has(e.id)));
    expect(await rows(module, ids)).toHaveLength(12);
    const proposal = await systemEm(module.orm).find(
      DutyEventSchema,
      { sourceId: '9199', kind: 'proposal.filed' },
      { orderBy: { memberId: 'asc' } },
    );
    expect(proposal.map((r) => [r.memberId, r.role])).toEqual([
      [5, 'LEAD'],
      [6, 'CO'],
      [7, 'CO'],
    ]);
  });
});
