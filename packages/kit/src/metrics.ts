import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from 'prom-client';
import type { SubscribeOptions, Subscription, Transport } from './bus/event.js';
import { OutboxEventSchema } from './bus/outbox.js';
import { systemEm, type Orm } from './db.js';

/**
 * Prometheus metrics of this process, served on GET /metrics by every server (gateway, each
 * subgraph, the plugin host's plugins). One registry per process: the embedded platform's
 * modules share it and are told apart by the `module` label.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const requestsTotal = new Counter({
  name: 'cppcc_graphql_requests_total',
  help: 'GraphQL requests answered, by server, operation name and HTTP status',
  labelNames: ['module', 'operation', 'code'] as const,
  registers: [registry],
});

export const requestSeconds = new Histogram({
  name: 'cppcc_graphql_request_duration_seconds',
  help: 'Time to answer a GraphQL request, by server and operation name',
  labelNames: ['module', 'operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const subgraphFetches = new Counter({
  name: 'cppcc_subgraph_fetches_total',
  help: 'Fetches the gateway sent to each subgraph, by outcome',
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [registry],
});

export const responseCacheLookups = new Counter({
  name: 'cppcc_response_cache_lookups_total',
  help: "The gateway response cache's lookups for anonymous requests, by outcome (hit, miss)",
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const outboxOrms = new Map<string, Orm>();
new Gauge({
  name: 'cppcc_outbox_backlog',
  help: "Events written to a module's outbox and not yet published to the bus",
  labelNames: ['module'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [module, orm] of outboxOrms) {
      try {
        this.set({ module }, await systemEm(orm).count(OutboxEventSchema, { publishedAt: null }));
      } catch {
        // A closed or unreachable database has no backlog to report; the scrape still answers.
      }
    }
  },
});

const lagSources = new Map<string, () => Promise<number | null>>();
new Gauge({
  name: 'cppcc_consumer_lag',
  help: 'Events on the bus a consumer group has not yet been delivered (Redis Streams; 0 in-process)',
  labelNames: ['group'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [group, read] of lagSources) {
      const lag = await read().catch(() => null);
      if (lag !== null) this.set({ group }, lag);
    }
  },
});

const pools = new Map<string, () => { used: number; free: number; pending: number } | null>();
new Gauge({
  name: 'cppcc_db_pool_connections',
  help: 'Database pool connections by module and state (PostgreSQL)',
  labelNames: ['module', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [module, read] of pools) {
      const pool = read();
      if (!pool) continue;
      for (const state of ['used', 'free', 'pending'] as const)
        this.set({ module, state }, pool[state]);
    }
  },
});

interface KnexPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** Reports a module's outbox backlog and database pool until `stop` is called. */
export function watchModule(module: string, orm: Orm): () => void {
  outboxOrms.set(module, orm);
  pools.set(module, () => {
    // Both drivers are knex-based; knex types its client (and so the pool) loosely.
    const pool = (orm.em.getConnection() as AbstractSqlConnection).getKnex().client?.pool as
      | KnexPool
      | undefined;
    return pool && typeof pool.numUsed === 'function'
      ? { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() }
      : null;
  });
  return () => {
    outboxOrms.delete(module);
    pools.delete(module);
  };
}

/** Reports a consumer group's lag (read on each scrape) until `stop` is called. */
export function watchConsumerLag(group: string, read: () => Promise<number | null>): () => void {
  lagSources.set(group, read);
  return () => lagSources.delete(group);
}

/** Subscribes a consumer and reports its group's lag on /metrics while the subscription lasts. */
export async function subscribeReportingLag(
  transport: Transport,
  options: SubscribeOptions,
): Promise<Subscription> {
  const subscription = await transport.subscribe(options);
  const unwatch = watchConsumerLag(options.group, () => transport.lag(options.group));
  return {
    async stop() {
      unwatch();
      await subscription.stop();
    },
  };
}

/**
 * The HTTP request behind a GraphQL context, so a plugin that sees only the context can name the
 * operation. A property, not a WeakMap entry: Apollo Server hands plugins a shallow copy of the context.
 */
const REQUEST = Symbol('cppcc.request');
type WithRequest = { [REQUEST]?: IncomingMessage };

export function bindRequest<C extends object>(context: C, req: IncomingMessage): C {
  (context as C & WithRequest)[REQUEST] = req;
  return context;
}

export function requestOf(context: object): IncomingMessage | undefined {
  return (context as WithRequest)[REQUEST];
}

/** The operation each request ran, noted by whoever parsed it (the engine, Apollo Server). */
const operations = new WeakMap<IncomingMessage, string>();

export function noteOperation(req: IncomingMessage, name: string | null | undefined): void {
  operations.set(req, name || 'anonymous');
}

export function operationOf(req: IncomingMessage): string {
  return operations.get(req) ?? 'unparsed';
}

/** Counts and times a GraphQL request when its response has been sent; returns its duration in ms. */
export function observeRequest(
  module: string,
  req: IncomingMessage,
  res: ServerResponse,
  onDone?: (ms: number, operation: string) => void,
): void {
  const started = performance.now();
  res.once('finish', () => {
    const ms = performance.now() - started;
    const operation = operationOf(req);
    requestsTotal.inc({ module, operation, code: String(res.statusCode) });
    requestSeconds.observe({ module, operation }, ms / 1000);
    onDone?.(ms, operation);
  });
}

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];
const sources = new Set<() => Promise<MetricsJson>>();

/**
 * Adds the metrics of another thread (a worker of the embedded platform) to this process's
 * /metrics. Only the `cppcc_` families: the process-wide ones (memory, CPU) this thread reports
 * for the whole process already. Returns the function that removes it.
 */
export function addMetricsSource(source: () => Promise<MetricsJson>): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

/** This thread's own `cppcc_` metrics, for the thread that serves /metrics (`addMetricsSource`). */
export async function ownMetrics(): Promise<MetricsJson> {
  return (await registry.getMetricsAsJSON()).filter((m) =>
    m.name.startsWith('cppcc_'),
  ) as MetricsJson;
}

/** Answers GET /metrics in the Prometheus text format. */
export async function serveMetrics(res: ServerResponse): Promise<void> {
  const body =
    sources.size === 0
      ? await registry.metrics()
      : await AggregatorRegistry.aggregate([
          (await registry.getMetricsAsJSON()) as MetricsJson,
          ...(await Promise.all([...sources].map((s) => s()))),
        ]).metrics();
  res.statusCode = 200;
  res.setHeader('content-type', registry.contentType);
  res.end(body);
}
