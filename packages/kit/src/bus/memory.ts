import type { BusEvent, SubscribeOptions, Subscription, Transport } from './event.js';

interface Group {
  /** Index into the log of the next event this group has not yet handled. */
  next: number;
  consumers: SubscribeOptions[];
  turn: number;
  draining: boolean;
}

const RETRY_MS = 500;
const BATCH = 100;

/**
 * The embedded default: one process, events kept in memory. A group handles its events in
 * order, in batches, and retries the first event that fails until a handler accepts it.
 */
export function memoryTransport(): Transport {
  const log: BusEvent[] = [];
  const groups = new Map<string, Group>();
  const timers = new Set<NodeJS.Timeout>();
  const tails = new Set<(event: BusEvent, position: string) => void>();
  let closed = false;

  async function drain(group: Group): Promise<void> {
    if (group.draining || closed) return;
    group.draining = true;
    try {
      while (group.next < log.length && group.consumers.length > 0 && !closed) {
        const consumer = group.consumers[group.turn++ % group.consumers.length];
        const batch = log.slice(group.next, group.next + BATCH);
        try {
          await consumer.handle(batch);
          group.next += batch.length;
        } catch {
          // Apply what can be applied one by one; stop at the first event that still fails.
          let failed = false;
          for (const event of batch) {
            try {
              await consumer.handle([event]);
              group.next++;
            } catch {
              failed = true;
              break;
            }
          }
          if (!failed) continue;
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
      for (const event of events) {
        log.push(event);
        // Positions count from 1, so "0" is before everything.
        for (const tail of tails) tail(event, String(log.length));
      }
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
    async tail(handle) {
      tails.add(handle);
      return {
        async stop() {
          tails.delete(handle);
        },
      };
    },
    async history(after, limit) {
      const from = Math.max(0, Number.parseInt(after, 10) || 0);
      return {
        events: log
          .slice(from, from + limit)
          .map((event, i) => ({ position: String(from + i + 1), event })),
        gone: false,
      };
    },
    health() {
      return { status: 'connected' as const };
    },
    async backlog(group) {
      const g = groups.get(group);
      return g ? log.length - g.next : log.length;
    },
    async lag(group) {
      // In one process an event is handed over as soon as it is its group's turn: what waits is the backlog.
      const g = groups.get(group);
      return g ? log.length - g.next : null;
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}
