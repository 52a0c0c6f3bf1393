import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { moduleLogger } from '../log.js';
import { traceRedis } from '../tracing.js';
import {
  type BusEvent,
  type BusHealth,
  comparePositions,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from './event.js';

export interface RedisTransportOptions {
  url: string;
  /** Stream key; tests use their own so that runs do not see each other's events. */
  stream?: string;
  /** A delivered event not acknowledged for this long is taken over by another consumer. */
  claimIdleMs?: number;
  blockMs?: number;
  /**
   * A consumer of a group idle this long with nothing pending is removed from the group (its
   * process is gone: a live consumer reads every `blockMs`).
   */
  deadConsumerMs?: number;
  /** How long to wait for the first connection before starting degraded (it keeps trying). */
  connectWaitMs?: number;
}

type RawEntry = [id: string, fields: string[] | null];

/** The group whose name carries the stream's epoch; it is never read from. */
export const EPOCH_GROUP_PREFIX = '@epoch:';

/** The group whose name counts the entries the stream had lost when last checked; never read from. */
export const DELETED_GROUP_PREFIX = '@deleted:';

/**
 * Finds the stream's epoch, or makes one, then adds the events: in one script, so the answer is
 * the epoch the events landed in. The epoch is the name of an empty consumer group on the stream
 * itself, so whatever loses the stream (a restart without persistence, FLUSHALL, DEL) loses the
 * epoch with it — and a consumer recreating its group (which recreates the stream) does not
 * bring it back. Scripts run one at a time: relays noticing a loss together agree on one epoch.
 *
 * A stream can also lose entries and keep its groups (XTRIM, a MAXLEN policy, XDEL). Redis 7
 * counts every entry ever added; added minus present is how many were deleted. When that grew
 * since the last check, each reading group is asked whether it lost any: a group not yet past
 * the first entry left (or, on an emptied stream, the last one ever added) that has more unread
 * than the stream holds — or, when Redis cannot say how much it has read, any such group — and a
 * group holding deleted entries as pending. Then the epoch changes: every relay publishes its
 * retained window again. A loss is noticed once; a replay too many is harmless (consumers are
 * idempotent), a replay too few is not.
 */
const PUBLISH_SCRIPT = `
local function before(a, b)
  local am, as = string.match(a, '(%d+)-(%d+)')
  local bm, bs = string.match(b, '(%d+)-(%d+)')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end
local function field(list, key)
  for i = 1, #list, 2 do
    if list[i] == key then return list[i + 1] end
  end
  return nil
end
local epoch, counted = nil, nil
local readers = {}
local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1])
if ok then
  for _, g in ipairs(groups) do
    local name = field(g, 'name')
    if string.sub(name, 1, ${EPOCH_GROUP_PREFIX.length}) == '${EPOCH_GROUP_PREFIX}' then
      epoch = string.sub(name, ${EPOCH_GROUP_PREFIX.length + 1})
    elseif string.sub(name, 1, ${DELETED_GROUP_PREFIX.length}) == '${DELETED_GROUP_PREFIX}' then
      counted = tonumber(string.sub(name, ${DELETED_GROUP_PREFIX.length + 1}))
    else
      table.insert(readers, g)
    end
  end
end
if epoch then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  local added, length = field(info, 'entries-added'), field(info, 'length')
  if type(added) == 'number' and added - length > (counted or 0) then
    local first, newest = field(info, 'first-entry'), field(info, 'last-generated-id')
    local lost = false
    for _, g in ipairs(readers) do
      local name, last, read = field(g, 'name'), field(g, 'last-delivered-id'), field(g, 'entries-read')
      local upto, behind = '+', false
      if first then
        upto = '(' .. first[1]
        behind = before(last, first[1])
        if behind and (type(read) ~= 'number' or added - read > length) then lost = true end
      elseif before(last, newest) then
        behind, lost = true, true
      end
      -- Redis would go on counting the deleted entries as unread (its lag): all it can still read is what is left.
      if behind then redis.call('XGROUP', 'SETID', KEYS[1], name, last, 'ENTRIESREAD', added - length) end
      for _, p in ipairs(redis.call('XPENDING', KEYS[1], name, '-', upto, 1000)) do
        lost = true
        redis.call('XACK', KEYS[1], name, p[1])
      end
    end
    if counted then redis.call('XGROUP', 'DESTROY', KEYS[1], '${DELETED_GROUP_PREFIX}' .. counted) end
    redis.call('XGROUP', 'CREATE', KEYS[1], '${DELETED_GROUP_PREFIX}' .. (added - length), '$')
    if lost then
      redis.call('XGROUP', 'DESTROY', KEYS[1], '${EPOCH_GROUP_PREFIX}' .. epoch)
      epoch = nil
    end
  end
end
if not epoch then
  epoch = ARGV[1]
  redis.call('XGROUP', 'CREATE', KEYS[1], '${EPOCH_GROUP_PREFIX}' .. epoch, '$', 'MKSTREAM')
end
for i = 2, #ARGV do redis.call('XADD', KEYS[1], '*', 'event', ARGV[i]) end
return epoch
`;

/** Reconnect after 100 ms, doubling to 3 s, with jitter so replicas do not all knock at once. */
function reconnectStrategy(retries: number): number {
  return Math.min(100 * 2 ** retries, 3000) + Math.floor(Math.random() * 100);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Redis client that cannot crash its process or hold up its callers: an error listener (one
 * log line per outage), reconnection with backoff, and commands that fail at once while
 * disconnected instead of waiting in a queue. Not connected yet: call `connectRedis`.
 */
export function resilientRedisClient(
  url: string,
  role: string,
  log = moduleLogger('redis'),
): RedisClientType {
  const c = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy },
  }) as RedisClientType;
  let down = false;
  c.on('error', (err: Error) => {
    if (!down) log.warn({ err, role }, 'redis connection lost; reconnecting');
    down = true;
  });
  c.on('ready', () => {
    if (down) log.info({ role }, 'redis connection back');
    down = false;
  });
  return c;
}

/** Connects, waiting at most `waitMs`; if Redis is not there yet the client keeps trying on its own. */
export async function connectRedis(c: RedisClientType, waitMs = 5000): Promise<void> {
  const connecting = c.connect().catch(() => undefined);
  await Promise.race([connecting, sleep(waitMs)]);
}

function parse(fields: string[]): BusEvent {
  return JSON.parse(fields[fields.indexOf('event') + 1]) as BusEvent;
}

/** Node-redis answers XREAD/XREADGROUP keyed by stream name; older replies are pairs. */
function batchesOf(read: Record<string, RawEntry[]> | [string, RawEntry[]][] | null): RawEntry[][] {
  return !read
    ? []
    : Array.isArray(read)
      ? read.map(([, entries]) => entries)
      : Object.values(read);
}

/**
 * Redis Streams: one stream, one consumer group per consuming module. A consumer that dies
 * mid-event leaves it pending; the group's other consumers (or the same one on restart)
 * claim it after `claimIdleMs` and handle it again, so handlers must be idempotent.
 *
 * Nothing here throws at its owner while Redis is away: every connection has an error
 * listener and reconnects with backoff, commands fail at once instead of queueing (so a
 * publish fails fast and the relay retries), and the read loops back off and resume. A group
 * that vanished with the stream (NOGROUP) is created again and reading resumes.
 */
export async function redisTransport(options: RedisTransportOptions): Promise<Transport> {
  const log = moduleLogger('bus');
  const stream = options.stream ?? 'cppcc:events';
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const blockMs = options.blockMs ?? 1000;
  const deadConsumerMs = options.deadConsumerMs ?? 5 * 60_000;
  let closed = false;

  const connection = (role: string) => resilientRedisClient(options.url, role, log);
  const open = (c: RedisClientType) => connectRedis(c, options.connectWaitMs);

  async function shut(c: RedisClientType): Promise<void> {
    if (c.isReady) await c.close().catch(() => c.destroy());
    else if (c.isOpen) c.destroy();
  }

  const client = connection('publisher');
  await open(client);
  const readers = new Set<RedisClientType>();

  async function ensureGroup(reader: RedisClientType, group: string): Promise<void> {
    try {
      await reader.xGroupCreate(stream, group, '0', { MKSTREAM: true });
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  async function handleEntries(
    sub: SubscribeOptions,
    reader: RedisClientType,
    entries: RawEntry[],
  ) {
    const events: { id: string; event: BusEvent }[] = [];
    for (const [id, fields] of entries) {
      if (!fields) continue; // deleted while pending
      try {
        events.push({ id, event: parse(fields) });
      } catch {
        log.error({ id }, 'unreadable event on the stream; acknowledged and skipped');
        await reader.xAck(stream, sub.group, id);
      }
    }
    if (events.length === 0) return;
    try {
      await sub.handle(events.map((e) => e.event));
      await reader.xAck(
        stream,
        sub.group,
        events.map((e) => e.id),
      );
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

  /**
   * Removes the group's consumers that have been idle for `deadConsumerMs` with nothing pending:
   * their processes are gone, and what they held was claimed by XAUTOCLAIM meanwhile.
   */
  async function removeDeadConsumers(
    reader: RedisClientType,
    sub: SubscribeOptions,
  ): Promise<number> {
    const consumers = await reader.xInfoConsumers(stream, sub.group);
    let removed = 0;
    for (const c of consumers) {
      const name = String(c.name);
      if (name === sub.consumer || Number(c.pending) > 0 || Number(c.idle) < deadConsumerMs)
        continue;
      await reader.xGroupDelConsumer(stream, sub.group, name);
      log.info(
        { group: sub.group, consumer: name, idleMs: Number(c.idle) },
        'dead consumer removed from its group',
      );
      removed++;
    }
    return removed;
  }

  const transport: Transport = {
    kind: 'redis',
    async publish(events) {
      const epoch = (await traceRedis('EVAL', () =>
        client.eval(PUBLISH_SCRIPT, {
          keys: [stream],
          arguments: [randomUUID(), ...events.map((e) => JSON.stringify(e))],
        }),
      )) as string;
      return epoch;
    },
    async epoch() {
      return (await transport.publish([])) as string;
    },
    async subscribe(sub): Promise<Subscription> {
      // Blocking reads need a connection of their own.
      const reader = connection(`consumer ${sub.group}`);
      await open(reader);
      readers.add(reader);
      // Created now when Redis is there, so events published after subscribe() are the group's.
      let grouped = await ensureGroup(reader, sub.group).then(
        () => true,
        () => false,
      );
      let running = true;
      let failures = 0;
      let reapedAt = Date.now();
      const loop = (async () => {
        while (running) {
          try {
            if (!grouped) {
              await ensureGroup(reader, sub.group);
              grouped = true;
            }
            const claimed = (await reader.sendCommand([
              'XAUTOCLAIM',
              stream,
              sub.group,
              sub.consumer,
              String(claimIdleMs),
              '0',
              'COUNT',
              '50',
            ])) as [string, RawEntry[], string[]];
            if (claimed?.[1]?.length) await handleEntries(sub, reader, claimed[1]);
            const read = (await reader.sendCommand([
              'XREADGROUP',
              'GROUP',
              sub.group,
              sub.consumer,
              'COUNT',
              '50',
              'BLOCK',
              String(blockMs),
              'STREAMS',
              stream,
              '>',
            ])) as Record<string, RawEntry[]> | [string, RawEntry[]][] | null;
            for (const entries of batchesOf(read)) await handleEntries(sub, reader, entries);
            if (Date.now() - reapedAt > Math.min(deadConsumerMs, 60_000)) {
              reapedAt = Date.now();
              await removeDeadConsumers(reader, sub);
            }
            if (failures > 0) log.info({ group: sub.group }, 'consumer reading again');
            failures = 0;
          } catch (err) {
            if (!running || closed) break;
            const message = String((err as Error).message);
            if (message.includes('NOGROUP')) {
              // The stream or the group vanished (Redis restarted empty, a flush, a DEL): make
              // the group again from the start of whatever the stream now holds. The relays
              // notice the lost epoch and publish their retained window again.
              log.warn({ group: sub.group }, 'consumer group missing; creating it again');
              grouped = false;
              continue;
            }
            if (failures === 0)
              log.warn({ err, group: sub.group }, 'stream read failed; retrying with backoff');
            failures++;
            await sleep(Math.min(100 * 2 ** failures, 5000));
          }
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          readers.delete(reader);
          await shut(reader);
        },
      };
    },
    async tail(handle, onGap): Promise<Subscription> {
      const reader = connection('tail');
      await open(reader);
      readers.add(reader);
      // Start after the newest entry now on the stream: a tail sees what comes next only.
      const newest = async () => {
        const last = (await reader.sendCommand(['XREVRANGE', stream, '+', '-', 'COUNT', '1'])) as
          | RawEntry[]
          | null;
        return last?.[0]?.[0] ?? '0-0';
      };
      let cursor = await newest().catch(() => null);
      let running = true;
      let failures = 0;
      const loop = (async () => {
        while (running) {
          try {
            cursor ??= await newest();
            const read = (await reader.sendCommand([
              'XREAD',
              'COUNT',
              '100',
              'BLOCK',
              String(blockMs),
              'STREAMS',
              stream,
              cursor,
            ])) as Record<string, RawEntry[]> | [string, RawEntry[]][] | null;
            if (failures > 0) {
              failures = 0;
              // Events published while the tail could not read are not replayed: its owner reloads.
              onGap?.();
            }
            for (const entries of batchesOf(read)) {
              for (const [id, fields] of entries) {
                cursor = id;
                if (!fields) continue;
                try {
                  handle(parse(fields), id);
                } catch (err) {
                  log.error({ err, id }, 'tail handler failed on an event; skipped');
                }
              }
            }
          } catch (err) {
            if (!running || closed) break;
            if (failures === 0) log.warn({ err }, 'stream tail failed; retrying with backoff');
            failures++;
            await sleep(Math.min(100 * 2 ** failures, 5000));
          }
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          readers.delete(reader);
          await shut(reader);
        },
      };
    },
    async history(after, limit) {
      const entries = (await client.sendCommand([
        'XRANGE',
        stream,
        `(${after}`,
        '+',
        'COUNT',
        String(limit),
      ])) as RawEntry[];
      // Something after the cursor was trimmed or deleted: the subscriber cannot have it all.
      const info: unknown = await client.sendCommand(['XINFO', 'STREAM', stream]).catch(() => null);
      // A flat list (RESP2) or a map (RESP3), by the client's protocol.
      const deleted = Array.isArray(info)
        ? info[info.indexOf('max-deleted-entry-id') + 1]
        : info instanceof Map
          ? info.get('max-deleted-entry-id')
          : (info as Record<string, unknown> | null)?.['max-deleted-entry-id'];
      return {
        events: entries
          .filter((entry): entry is [string, string[]] => entry[1] !== null)
          .map(([position, fields]) => ({ position, event: parse(fields) })),
        gone: typeof deleted === 'string' && comparePositions(deleted, after) > 0,
      };
    },
    async backlog(group) {
      // Node-redis answers XINFO GROUPS with one object per group (name, pending, lag, ...).
      const groups = await client.xInfoGroups(stream).catch(() => []);
      const info = groups.find((g) => String(g.name) === group);
      // Lag is unknown (null) after entries were deleted; count the stream then.
      if (info && info.lag !== null && info.lag !== undefined)
        return Number(info.pending) + Number(info.lag);
      return Number(await client.xLen(stream).catch(() => 0));
    },
    async lag(group) {
      const groups = await client.xInfoGroups(stream);
      const info = groups.find((g) => String(g.name) === group);
      return info && info.lag !== null && info.lag !== undefined ? Number(info.lag) : null;
    },
    health(): BusHealth {
      if (client.isReady && [...readers].every((r) => r.isReady)) return { status: 'connected' };
      // The reason names the dependency only: /readyz is not the place for hosts and ports (the log has them).
      return { status: 'degraded', reason: 'redis unreachable' };
    },
    async close() {
      closed = true;
      await Promise.all([...readers].map((r) => shut(r)));
      await shut(client);
    },
  };
  return transport;
}
