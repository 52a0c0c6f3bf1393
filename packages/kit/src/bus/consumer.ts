import { systemEm, type EntityManager, type Orm } from '../db.js';
import type { BusEvent } from './event.js';
import { ProcessedEventSchema } from './outbox.js';

export type EventHandler = (em: EntityManager, event: BusEvent<any>) => Promise<void>;

function isUniqueViolation(err: unknown): boolean {
  const text = `${(err as Error)?.name} ${(err as Error)?.message}`;
  return /UniqueConstraintViolation|UNIQUE constraint|duplicate key/i.test(text);
}

/**
 * Wraps a module's handlers so that each event is applied exactly once: the effect and the
 * ledger row commit together, and a second delivery finds the row and does nothing.
 */
export function idempotentConsumer(orm: Orm, consumer: string, handlers: Record<string, EventHandler>) {
  return async (event: BusEvent): Promise<void> => {
    const handler = handlers[event.type];
    if (!handler) return;
    const em = systemEm(orm);
    try {
      await em.transactional(async (tx) => {
        const seen = await tx.findOne(ProcessedEventSchema, { consumer, eventId: event.id });
        if (seen) return;
        await handler(tx as EntityManager, event);
        tx.create(ProcessedEventSchema, { consumer, eventId: event.id, processedAt: new Date() });
      });
    } catch (err) {
      // Two consumers raced on one event: the other one committed it.
      if (isUniqueViolation(err)) return;
      throw err;
    }
  };
}
