import {
  defineEntity,
  p,
  UniqueConstraintViolationException,
  type InferEntity,
} from '@mikro-orm/core';
import type { EntityManager, Orm } from '../db.js';
import { inputError } from '../errors.js';
import { moduleLogger } from '../log.js';
import { defineMigration } from '../migration.js';
import type { BusEvent, BusHealth, EventDefinition, PayloadOf, Transport } from './event.js';
import { eventId } from './event-id.js';

export const OutboxEventSchema = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox_event',
  properties: {
    id: p.string().primary().length(36),
    type: p.string(),
    source: p.string(),
    district: p.string().nullable(),
    payload: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
    publishedAt: p.datetime().nullable().index(),
  },
});
export type OutboxEvent = InferEntity<typeof OutboxEventSchema>;

export const ProcessedEventSchema = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_event',
  properties: {
    consumer: p.string().primary(),
    eventId: p.string().primary().length(36),
    processedAt: p.datetime(),
  },
});
export type ProcessedEvent = InferEntity<typeof ProcessedEventSchema>;

/** Tables every module has: its outbox and the ledger of events it has applied. */
export const busMigration = defineMigration('Migration00000000000000_bus', (knex) => [
  knex.schema.createTable('outbox_event', (t) => {
    t.string('id', 36).primary();
    t.string('type').notNullable();
    t.string('source').notNullable();
    t.string('district').nullable();
    t.jsonb('payload').notNullable();
    t.datetime('occurred_at').notNullable();
    t.datetime('published_at').nullable().index();
  }),
  knex.schema.createTable('processed_event', (t) => {
    t.string('consumer').notNullable();
    t.string('event_id', 36).notNullable();
    t.datetime('processed_at').notNullable();
    t.primary(['consumer', 'event_id']);
  }),
]);

/**
 * Records an event in the outbox inside the caller's unit of work: it is written, or not,
 * with the change it describes. The relay publishes it after the commit.
 */
export function emit<E extends EventDefinition>(
  em: EntityManager,
  source: string,
  definition: E,
  payload: PayloadOf<E>,
  district: string | null,
): OutboxEvent {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError(`event.${definition.type}.${issue.path.join('.')}`, issue.code, issue.message);
  }
  return em.create(OutboxEventSchema, {
    id: eventId(),
    type: definition.type,
    source,
    district,
    payload: parsed.data as Record<string, unknown>,
    occurredAt: new Date(),
    publishedAt: null,
  });
}

export interface Relay {
  /** Publish what is waiting now (called after each commit); resolves when done. */
  kick(): Promise<void>;
  /** Outbox rows not yet published, and whether publishing is failing now. */
  health(): Promise<RelayHealth>;
  /** Deletes rows published longer ago than the retained window; resolves to how many. */
  prune(): Promise<number>;
  stop(): Promise<void>;
}

export interface RelayHealth {
  /** Committed events waiting in the outbox. */
  backlog: number;
  /** Publishing failed at the last attempt; the relay retries with backoff. */
  failing: boolean;
  /** Times the bus was found to have lost its contents and the retained window was published again. */
  replays: number;
}

export interface RelayOptions {
  intervalMs?: number;
  batch?: number;
  /**
   * How long published rows are kept: the window published again when the bus has lost its
   * contents (a Redis restarted empty). Older published rows are deleted.
   */
  retainMs?: number;
  pruneEveryMs?: number;
}

/** Ledger consumer under which a module records the bus epochs its outbox was published into. */
export const EPOCH_MARK = '@bus-epoch';

/**
 * Moves committed outbox rows to the transport. Runs after every commit and, as a safety net
 * for a crash between commit and publish or a bus that is away, on a timer, backing off while
 * publishing fails. Publishing twice is possible; consumers are idempotent, so it is harmless.
 *
 * A bus that can lose its contents answers each publish with its epoch. When the epoch is not
 * the one this relay last published into (or, on start, not one the module's ledger records),
 * the bus lost what it held: every row published within the retained window is marked
 * unpublished and goes out again. Each relay that notices does so for its own outbox (replicas
 * of one module may both do it: the duplicates are skipped by the consumers' ledgers).
 */
export function startRelay(orm: Orm, transport: Transport, options: RelayOptions = {}): Relay {
  const {
    intervalMs = 1000,
    batch = 500,
    retainMs = 24 * 3600_000,
    pruneEveryMs = 3600_000,
  } = options;
  const log = moduleLogger('relay');
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let retryAt = 0;
  let replays = 0;
  let knownEpoch: string | undefined;
  let prunedAt = 0;

  /** Takes `epoch` as the bus's; resolves to whether rows were marked to go out again. */
  async function adopt(epoch: string): Promise<boolean> {
    if (epoch === knownEpoch) return false;
    const em = orm.em.fork() as EntityManager;
    if (
      knownEpoch === undefined &&
      (await em.count(ProcessedEventSchema, { consumer: EPOCH_MARK, eventId: epoch })) > 0
    ) {
      knownEpoch = epoch;
      return false;
    }
    const since = new Date(Date.now() - retainMs);
    const rewound = await em.nativeUpdate(
      OutboxEventSchema,
      { publishedAt: { $gte: since } },
      { publishedAt: null },
    );
    try {
      await em.insert(ProcessedEventSchema, {
        consumer: EPOCH_MARK,
        eventId: epoch,
        processedAt: new Date(),
      });
    } catch (err) {
      // Another replica of this module recorded it first.
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
    }
    if (knownEpoch !== undefined || rewound > 0) {
      replays++;
      log.warn(
        { epoch, previous: knownEpoch ?? null, events: rewound, since },
        'the bus lost its contents; publishing the retained window again',
      );
    }
    knownEpoch = epoch;
    return rewound > 0;
  }

  async function publishPending(): Promise<void> {
    if (transport.epoch) await adopt(await transport.epoch());
    for (;;) {
      const em = orm.em.fork() as EntityManager;
      const rows = await em.find(
        OutboxEventSchema,
        { publishedAt: null },
        { orderBy: { occurredAt: 'asc', id: 'asc' }, limit: batch },
      );
      if (rows.length === 0) return;
      const events: BusEvent[] = rows.map((r) => ({
        id: r.id,
        type: r.type,
        source: r.source,
        district: r.district ?? null,
        occurredAt: new Date(r.occurredAt).toISOString(),
        payload: r.payload,
      }));
      const epoch = await transport.publish(events);
      await em.nativeUpdate(
        OutboxEventSchema,
        { id: { $in: rows.map((r) => r.id) } },
        { publishedAt: new Date() },
      );
      // Landed in a bus that lost what came before: those rows go out again in the next rounds.
      const rewound = typeof epoch === 'string' && (await adopt(epoch));
      if (rows.length < batch && !rewound) return;
    }
  }

  async function prune(): Promise<number> {
    prunedAt = Date.now();
    const em = orm.em.fork() as EntityManager;
    return em.nativeDelete(OutboxEventSchema, {
      publishedAt: { $lt: new Date(Date.now() - retainMs) },
    });
  }

  function kick(): Promise<void> {
    if (running !== null) {
      again = true;
      return running;
    }
    // Backing off after a failure: the timer tries again when it is time.
    if (Date.now() < retryAt) return Promise.resolve();
    running = (async () => {
      try {
        do {
          again = false;
          await publishPending();
        } while (again);
        if (failures > 0) log.info({ failures }, 'relay publishing again');
        failures = 0;
        retryAt = 0;
        if (Date.now() - prunedAt > pruneEveryMs) {
          const pruned = await prune();
          if (pruned > 0)
            log.info({ rows: pruned }, 'published outbox rows past the retained window deleted');
        }
      } catch (err) {
        if (failures === 0)
          log.warn(
            { err },
            'relay cannot publish; the events wait in the outbox, retrying with backoff',
          );
        failures++;
        retryAt = Date.now() + Math.min(250 * 2 ** failures, 5000);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const timer = setInterval(() => void kick(), intervalMs);
  timer.unref();
  return {
    kick,
    prune,
    async health() {
      const backlog = await (orm.em.fork() as EntityManager).count(OutboxEventSchema, {
        publishedAt: null,
      });
      return { backlog, failing: failures > 0, replays };
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** What /readyz says about the bus: its connection, and (for a module) its outbox. */
export interface BusReport extends BusHealth {
  transport: Transport['kind'];
  /** Committed events not yet published. */
  outboxBacklog?: number;
  /** Times the retained window was published again since the process started. */
  replays?: number;
}

export async function busHealth(transport: Transport, relay?: Relay): Promise<BusReport> {
  const connection = transport.health();
  const outbox = relay ? await relay.health() : undefined;
  const reason = connection.reason ?? (outbox?.failing ? 'outbox relay cannot publish' : undefined);
  return {
    transport: transport.kind,
    status: reason ? 'degraded' : 'connected',
    ...(reason ? { reason } : {}),
    ...(outbox ? { outboxBacklog: outbox.backlog, replays: outbox.replays } : {}),
  };
}
