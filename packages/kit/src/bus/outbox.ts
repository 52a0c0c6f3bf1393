import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { EntityManager, Orm } from '../db.js';
import { inputError } from '../errors.js';
import { moduleLogger } from '../log.js';
import { defineMigration } from '../migration.js';
import type { BusEvent, EventDefinition, PayloadOf, Transport } from './event.js';
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
  stop(): Promise<void>;
}

/**
 * Moves committed outbox rows to the transport. Runs after every commit and, as a safety net
 * for a crash between commit and publish, on a timer. Publishing twice is possible; consumers
 * are idempotent, so it is harmless.
 */
export function startRelay(orm: Orm, transport: Transport, { intervalMs = 1000, batch = 500 } = {}): Relay {
  const log = moduleLogger('relay');
  let running: Promise<void> | null = null;
  let again = false;

  async function publishPending(): Promise<void> {
    for (;;) {
      const em = orm.em.fork() as EntityManager;
      const rows = await em.find(OutboxEventSchema, { publishedAt: null }, { orderBy: { occurredAt: 'asc', id: 'asc' }, limit: batch });
      if (rows.length === 0) return;
      const events: BusEvent[] = rows.map((r) => ({
        id: r.id,
        type: r.type,
        source: r.source,
        district: r.district ?? null,
        occurredAt: new Date(r.occurredAt).toISOString(),
        payload: r.payload,
      }));
      await transport.publish(events);
      await em.nativeUpdate(OutboxEventSchema, { id: { $in: rows.map((r) => r.id) } }, { publishedAt: new Date() });
      if (rows.length < batch) return;
    }
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await publishPending();
        } while (again);
      } catch (err) {
        log.error({ err }, 'relay failed; will retry');
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
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
