import type { BusEvent, SubscribeOptions, Subscription, Transport } from './event.js';

interface Group {
  /** Index into the log of the next event this group has not yet handled. */
  next: number;
  consumers: SubscribeOptions[];
  turn: number;
  draining: boolean;
}

const RETRY_MS = 500;

/**
 * The embedded default: one process, events kept in memory. A group handles its events
 * one at a time in order, and retries the head event until a handler accepts it.
 */
export function memoryTransport(): Transport {
  const log: BusEvent[] = [];
  const groups = new Map<string, Group>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  async function drain(group: Group): Promise<void> {
    if (group.draining || closed) return;
    group.draining = true;
    try {
      while (group.next < log.length && group.consumers.length > 0 && !closed) {
        const consumer = group.consumers[group.turn++ % group.consumers.length];
        try {
          await consumer.handle(log[group.next]);
          group.next++;
        } catch {
          const timer = setTimeout(() => {
            timers.delete(timer);
            void drain(group);
          }, RETRY_MS);
          timers.add(timer);
          return;
        }
      }
    } finally {
      group.draining = false;
    }
  }

  return {
    kind: 'memory',
    async publish(events) {
      log.push(...events);
      await Promise.all([...groups.values()].map((g) => drain(g)));
    },
    async subscribe(options): Promise<Subscription> {
      let group = groups.get(options.group);
      if (!group) {
        group = { next: 0, consumers: [], turn: 0, draining: false };
        groups.set(options.group, group);
      }
      group.consumers.push(options);
      const g = group;
      await drain(g);
      return {
        async stop() {
          g.consumers = g.consumers.filter((c) => c !== options);
        },
      };
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}
