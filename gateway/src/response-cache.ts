import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { defaultBuildResponseCacheKey, type Cache } from '@envelop/response-cache';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import {
  resilientRedisClient,
  responseCacheLookups,
  type BusEvent,
  type Logger,
  type Transport,
} from '@cppcc/kit';
import { callerFromHeader, CALLER_HEADER } from './engines/gating.js';
import type { PluginGate } from './plugin-gate.js';

/**
 * The subgraphs a response was built from, carried on the result from the tagging plugin to the
 * store (a symbol: never serialised, never sent).
 */
const SUBGRAPHS = Symbol('cppcc.response-cache.subgraphs');
type Tagged = ExecutionResult & { [SUBGRAPHS]?: ReadonlySet<string> };

/**
 * Where cached responses live, indexed by the subgraphs each was built from. Invalidation is by
 * subgraph, not by the library's typename+id entities: a bus event names its module (`source`),
 * not a GraphQL type and id, and a list that gains a row holds no entity the write could name.
 */
export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<ExecutionResult | null>;
  set(
    key: string,
    result: ExecutionResult,
    subgraphs: ReadonlySet<string>,
    ttlMs: number,
  ): Promise<void>;
  /** Drops every response built with data from any of these subgraphs. */
  invalidate(subgraphs: Iterable<string>): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** In-process: a bounded map (oldest out first) and a subgraph -> keys index. */
export function memoryResponseStore(max = 2_000): ResponseStore {
  const entries = new Map<
    string,
    { result: ExecutionResult; expires: number; subgraphs: ReadonlySet<string> }
  >();
  const bySubgraph = new Map<string, Set<string>>();
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const s of entry.subgraphs) bySubgraph.get(s)?.delete(key);
  };
  return {
    kind: 'memory',
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expires <= Date.now()) {
        drop(key);
        return null;
      }
      return entry.result;
    },
    async set(key, result, subgraphs, ttlMs) {
      drop(key);
      if (entries.size >= max) drop(entries.keys().next().value as string);
      entries.set(key, { result, expires: Date.now() + ttlMs, subgraphs });
      for (const s of subgraphs) {
        const keys = bySubgraph.get(s) ?? new Set<string>();
        bySubgraph.set(s, keys);
        keys.add(key);
      }
    },
    async invalidate(subgraphs) {
      for (const s of subgraphs) for (const key of [...(bySubgraph.get(s) ?? [])]) drop(key);
    },
    async clear() {
      entries.clear();
      bySubgraph.clear();
    },
    async close() {},
  };
}

/**
 * In Redis, shared by every gateway replica on it: one replica's invalidation is every replica's.
 * A response is a string key with a TTL; each subgraph a set of the keys built from it. Redis
 * away: reads miss and writes are skipped (answers come from the subgraphs); an invalidation that
 * cannot reach Redis is logged, and the entries it missed live out their TTL.
 */
export function redisResponseStore(
  url: string,
  log: Logger,
  prefix = 'cppcc:response-cache',
): ResponseStore {
  const client = resilientRedisClient(url, 'response cache (on failure: uncached)', log);
  // Not awaited: a gateway starts (and serves, uncached) while Redis is still away.
  client.connect().catch(() => undefined);
  const responseKey = (key: string) => `${prefix}:r:${key}`;
  const subgraphKey = (s: string) => `${prefix}:s:${s}`;
  const warn = (what: string) => (err: unknown) =>
    log.warn({ err }, `response cache: ${what} failed (Redis)`);
  return {
    kind: 'redis',
    async get(key) {
      if (!client.isReady) return null;
      const text = await client.get(responseKey(key)).catch(warn('read'));
      return typeof text === 'string' ? (JSON.parse(text) as ExecutionResult) : null;
    },
    async set(key, result, subgraphs, ttlMs) {
      if (!client.isReady) return;
      const multi = client.multi().set(responseKey(key), JSON.stringify(result), { PX: ttlMs });
      // The index outlives no response it names by more than one TTL.
      for (const s of subgraphs) multi.sAdd(subgraphKey(s), key).pExpire(subgraphKey(s), ttlMs);
      await multi.exec().catch(warn('write'));
    },
    async invalidate(subgraphs) {
      try {
        for (const s of subgraphs) {
          const keys = await client.sMembers(subgraphKey(s));
          const multi = client.multi().del(subgraphKey(s));
          if (keys.length > 0) multi.del(keys.map(responseKey));
          await multi.exec();
        }
      } catch (err) {
        warn('invalidation')(err);
      }
    },
    async clear() {
      try {
        for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 }))
          if (keys.length > 0) await client.del(keys);
      } catch (err) {
        warn('clear')(err);
      }
    },
    async close() {
      client.destroy();
    },
  };
}

/** What the gateway hands the engine: the store, its TTL, and whom it may serve. */
export interface ResponseCache {
  store: ResponseStore;
  ttlMs: number;
}

type ServerContext = { req?: IncomingMessage };

/** Requests never served from (or stored in) the cache: the live hub's re-queries. */
const uncached = new WeakSet<IncomingMessage>();
export function bypassResponseCache(req: IncomingMessage): void {
  uncached.add(req);
}

/** What a mutation through this gateway touched, for `invalidateAfterWrite`. */
const writes = new WeakMap<IncomingMessage, Set<string>>();

/**
 * The Hive engine's plugins: the library (@graphql-yoga/plugin-response-cache over
 * @envelop/response-cache) keys, stores and answers; these decide what may be cached and tag
 * it. Only anonymous callers' responses are cached — signed-in callers see non-public rows, and
 * no response is proven free of them — keyed by the document, variables, the district the
 * request views (its site), the visibility class (anonymous), the district's plugin set and the
 * supergraph. Errors are never cached (the library's default), mutations never (it answers them
 * apart), nor a response that touched no subgraph.
 */
export function responseCachePlugins(
  cache: ResponseCache,
  gate: PluginGate,
  supergraphSdl: string,
) {
  const schemaHash = createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 16);
  const touched = new WeakMap<object, Set<string>>();
  const anonymous = (headers: Headers) => !callerFromHeader(headers.get(CALLER_HEADER))?.userId;
  const store: Cache = {
    async get(key) {
      const result = await cache.store.get(key);
      responseCacheLookups.inc({ outcome: result ? 'hit' : 'miss' });
      return result;
    },
    set(key, result, _entities, ttl) {
      const subgraphs = (result as Tagged)[SUBGRAPHS];
      if (!subgraphs?.size) return;
      const { [SUBGRAPHS]: _tags, ...clean } = result as Tagged;
      return cache.store.set(key, clean, subgraphs, Math.min(ttl, cache.ttlMs));
    },
    // The library's own typename+id invalidation (from mutation results) is covered by ours:
    // a mutation drops everything built from the subgraphs it ran on (`invalidateAfterWrite`).
    invalidate() {},
  };
  const tagging = {
    onExecute({
      args,
    }: {
      args: { document: DocumentNode; operationName?: string | null; contextValue: ServerContext };
    }) {
      const subgraphs = new Set<string>();
      touched.set(args.contextValue, subgraphs);
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (operation === 'mutation' && args.contextValue.req)
        writes.set(args.contextValue.req, subgraphs);
      return {
        onExecuteDone({ result }: { result: unknown }) {
          // Before the cache's own onExecuteDone (this plugin comes first), which stores `result`.
          if (result && typeof result === 'object' && !(Symbol.asyncIterator in result))
            (result as Tagged)[SUBGRAPHS] = subgraphs;
        },
      };
    },
    onSubgraphExecute({
      subgraphName,
      executionRequest,
    }: {
      subgraphName: string;
      executionRequest: { context?: unknown };
    }) {
      const context = executionRequest.context;
      if (context && typeof context === 'object') touched.get(context)?.add(subgraphName);
    },
  };
  const enabled = (request: Request, context: ServerContext) =>
    anonymous(request.headers) && !(context.req && uncached.has(context.req));
  return [
    tagging,
    useResponseCache({
      cache: store,
      ttl: cache.ttlMs,
      session: () => null,
      enabled,
      buildResponseCacheKey: ({ documentString, variableValues, operationName, request }) => {
        const site = callerFromHeader(request.headers.get(CALLER_HEADER))?.site ?? '';
        const plugins = [...gate.disabledFor(site || null)].sort().join(',');
        return defaultBuildResponseCacheKey({
          documentString,
          variableValues,
          operationName,
          sessionId: `${schemaHash}|anonymous|${site}|${plugins}`,
        });
      },
    }),
  ];
}

/**
 * A mutation through this gateway drops what it may have changed before its answer is sent, so
 * the very next read through any gateway on the same store sees the write.
 */
export async function invalidateAfterWrite(cache: ResponseCache | undefined, req: IncomingMessage) {
  const subgraphs = writes.get(req);
  if (!cache || !subgraphs) return;
  writes.delete(req);
  await cache.store.invalidate(subgraphs);
}

/**
 * Writes made elsewhere (a module's own consumers and jobs, another gateway with its own store)
 * reach this gateway as bus events: each drops what was built from its module. A gap in the tail
 * (reconnect) drops everything, as events may have been missed.
 */
export async function invalidateOnEvents(
  store: ResponseStore,
  transport: Transport,
  subgraphs: () => string[],
  log: Logger,
): Promise<{ stop(): Promise<void> }> {
  const onEvent = (event: BusEvent) => {
    const names = subgraphs();
    void store.invalidate(names.includes(event.source) ? [event.source] : names);
  };
  return transport.tail(onEvent, () => {
    log.warn('response cache: the bus tail reconnected; dropping every cached response');
    void store.clear();
  });
}
