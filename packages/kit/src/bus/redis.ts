import { createClient, type RedisClientType } from 'redis';
import { moduleLogger } from '../log.js';
import type { BusEvent, SubscribeOptions, Subscription, Transport } from './event.js';

export interface RedisTransportOptions {
  url: string;
  /** Stream key; tests use their own so that runs do not see each other's events. */
  stream?: string;
  /** A delivered event not acknowledged for this long is taken over by another consumer. */
  claimIdleMs?: number;
  blockMs?: number;
}

type RawEntry = [id: string, fields: string[]];

/**
 * Redis Streams: one stream, one consumer group per consuming module. A consumer that dies
 * mid-event leaves it pending; the group's other consumers (or the same one on restart)
 * claim it after `claimIdleMs` and handle it again, so handlers must be idempotent.
 */
export async function redisTransport(options: RedisTransportOptions): Promise<Transport> {
  const log = moduleLogger('bus');
  const stream = options.stream ?? 'cppcc:events';
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const blockMs = options.blockMs ?? 1000;
  const client = createClient({ url: options.url }) as RedisClientType;
  client.on('error', (err) => log.error({ err }, 'redis error'));
  await client.connect();
  const readers = new Set<RedisClientType>();
  let closed = false;

  async function handleEntries(sub: SubscribeOptions, reader: RedisClientType, entries: RawEntry[]) {
    const events: { id: string; event: BusEvent }[] = [];
    for (const [id, fields] of entries) {
      if (!fields) continue; // deleted while pending
      try {
        events.push({ id, event: JSON.parse(fields[fields.indexOf('event') + 1]) as BusEvent });
      } catch {
        log.error({ id }, 'unreadable event on the stream; acknowledged and skipped');
        await reader.xAck(stream, sub.group, id);
      }
    }
    if (events.length === 0) return;
    try {
      await sub.handle(events.map((e) => e.event));
      await reader.xAck(stream, sub.group, events.map((e) => e.id));
    } catch {
      for (const { id, event } of events) {
        try {
          await sub.handle([event]);
          await reader.xAck(stream, sub.group, id);
        } catch (err) {
          // Left pending: claimed again after claimIdleMs.
          log.warn({ err, eventId: event.id, group: sub.group }, 'handler failed; will retry');
        }
      }
    }
  }

  return {
    kind: 'redis',
    async publish(events) {
      if (events.length === 0) return;
      const multi = client.multi();
      for (const event of events) multi.xAdd(stream, '*', { event: JSON.stringify(event) });
      await multi.exec();
    },
    async subscribe(sub): Promise<Subscription> {
      try {
        await client.xGroupCreate(stream, sub.group, '0', { MKSTREAM: true });
      } catch (err) {
        if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
      }
      // Blocking reads need a connection of their own.
      const reader = client.duplicate() as RedisClientType;
      reader.on('error', (err) => log.error({ err }, 'redis reader error'));
      await reader.connect();
      readers.add(reader);
      let running = true;
      const loop = (async () => {
        while (running) {
          try {
            const claimed = (await reader.sendCommand([
              'XAUTOCLAIM', stream, sub.group, sub.consumer, String(claimIdleMs), '0', 'COUNT', '50',
            ])) as [string, RawEntry[], string[]];
            if (claimed?.[1]?.length) await handleEntries(sub, reader, claimed[1]);
            const read = (await reader.sendCommand([
              'XREADGROUP', 'GROUP', sub.group, sub.consumer, 'COUNT', '50', 'BLOCK', String(blockMs), 'STREAMS', stream, '>',
            ])) as Record<string, RawEntry[]> | [string, RawEntry[]][] | null;
            // node-redis hands XREADGROUP back keyed by stream name; older replies are pairs.
            const batches = !read ? [] : Array.isArray(read) ? read.map(([, entries]) => entries) : Object.values(read);
            for (const entries of batches) await handleEntries(sub, reader, entries);
          } catch (err) {
            if (!running || closed) break;
            log.error({ err, group: sub.group }, 'stream read failed');
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          readers.delete(reader);
          await reader.quit().catch(() => undefined);
        },
      };
    },
    async tail(handle): Promise<Subscription> {
      const reader = client.duplicate() as RedisClientType;
      reader.on('error', (err) => log.error({ err }, 'redis tail error'));
      await reader.connect();
      readers.add(reader);
      // Start after the newest entry now on the stream: a tail sees what comes next only.
      const last = (await reader.sendCommand(['XREVRANGE', stream, '+', '-', 'COUNT', '1'])) as RawEntry[] | null;
      let cursor = last?.[0]?.[0] ?? '0-0';
      let running = true;
      const loop = (async () => {
        while (running) {
          try {
            const read = (await reader.sendCommand(['XREAD', 'COUNT', '100', 'BLOCK', String(blockMs), 'STREAMS', stream, cursor])) as
              | Record<string, RawEntry[]>
              | [string, RawEntry[]][]
              | null;
            const batches = !read ? [] : Array.isArray(read) ? read.map(([, entries]) => entries) : Object.values(read);
            for (const entries of batches) {
              for (const [id, fields] of entries) {
                cursor = id;
                try {
                  handle(JSON.parse(fields[fields.indexOf('event') + 1]) as BusEvent);
                } catch (err) {
                  log.error({ err, id }, 'tail handler failed on an event; skipped');
                }
              }
            }
          } catch (err) {
            if (!running || closed) break;
            log.error({ err }, 'stream tail failed');
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          readers.delete(reader);
          await reader.quit().catch(() => undefined);
        },
      };
    },
    async backlog(group) {
      const groups = (await client.sendCommand(['XINFO', 'GROUPS', stream]).catch(() => [])) as unknown[][];
      for (const info of groups) {
        const fields = new Map<string, unknown>();
        for (let i = 0; i < info.length; i += 2) fields.set(String(info[i]), info[i + 1]);
        if (fields.get('name') === group) return Number(fields.get('pending') ?? 0) + Number(fields.get('lag') ?? 0);
      }
      return Number(await client.xLen(stream).catch(() => 0));
    },
    async close() {
      closed = true;
      await Promise.all([...readers].map((r) => r.quit().catch(() => undefined)));
      await client.quit().catch(() => undefined);
    },
  };
}
