import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { systemEm, type EntityManager, type Orm } from '../db.js';
import type { BusEvent } from './event.js';
import { ProcessedEventSchema } from './outbox.js';

/**
 * A handler of one event type. Declared as a method so that a handler of a specific payload
 * (`BusEvent<MemberRegistered>`) fits a table of handlers of every type (parameter bivariance),
 * without `any`; the consumer routes each event only to the handler of its type.
 */
export type EventHandler = { handle(em: EntityManager, event: BusEvent): Promise<void> }['handle'];

/**
 * Wraps a module's handlers so that each event is applied exactly once: the effects and the
 * ledger rows of a batch commit together, and a redelivered event finds its row and is skipped.
 */
export function idempotentConsumer(
  orm: Orm,
  consumer: string,
  handlers: Record<string, EventHandler>,
) {
  return async (events: BusEvent[]): Promise<void> => {
    const relevant = events.filter((e) => handlers[e.type]);
    if (relevant.length === 0) return;
    const em = systemEm(orm);
    try {
      await em.transactional(async (tx) => {
        const seen = await tx.find(ProcessedEventSchema, {
          consumer,
          eventId: { $in: relevant.map((e) => e.id) },
        });
        const done = new Set(seen.map((s) => s.eventId));
        for (const event of relevant) {
          if (done.has(event.id)) continue;
          done.add(event.id);
          await handlers[event.type](tx as EntityManager, event);
          tx.create(ProcessedEventSchema, { consumer, eventId: event.id, processedAt: new Date() });
        }
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      // Another consumer may have committed one of these events first; apply the rest one by one.
      if (relevant.length > 1) {
        for (const event of relevant) await idempotentConsumer(orm, consumer, handlers)([event]);
        return;
      }
      // Only a ledger row written by someone else means "done": a handler's own unique violation
      // is a failure to apply, and swallowing it would lose the event.
      const ledger = await systemEm(orm).count(ProcessedEventSchema, {
        consumer,
        eventId: relevant[0].id,
      });
      if (ledger === 0) throw err;
    }
  };
}
