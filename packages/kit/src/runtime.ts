import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError, type FormattedExecutionResult } from 'graphql';
import { idempotentConsumer } from './bus/consumer.js';
import type { Subscription, Transport } from './bus/event.js';
import { busHealth, ProcessedEventSchema, startRelay, type Relay } from './bus/outbox.js';
import { ANONYMOUS, type Caller } from './caller.js';
import { createCallTrust } from './call-trust.js';
import type { Settings } from './config.js';
import { createContext, currentRequest, type RequestContext } from './context.js';
import {
  migrate,
  openDatabase,
  requireMigrated,
  systemEm,
  type EntityManager,
  type Orm,
} from './db.js';
import { ErrorCode, inputError } from './errors.js';
import { nameRefusedArguments } from './variable-errors.js';
import { listen, readJsonRequest, sendError, sendJson, serveApollo } from './http.js';
import {
  claimKey,
  IDEMPOTENCY_HEADER,
  isMutation,
  keepAnswer,
  keyOwner,
  MAX_KEY_LENGTH,
  operationHash,
} from './idempotency.js';
import { moduleLogger } from './log.js';
import {
  bindRequest,
  noteOperation,
  observeRequest,
  operationOf,
  requestOf,
  serveMetrics,
  subscribeReportingLag,
  watchModule,
} from './metrics.js';
import { drainable } from './shutdown.js';
import { traceRequest } from './tracing.js';
import { setMaxStringLength } from './string-limits.js';
import {
  answerSnapshot,
  requestSnapshotOnce,
  requestWorkOnce,
  snapshotRequested,
} from './snapshot.js';
import type { ModuleDefinition, SeedOptions } from './module.js';

export interface RuntimeOptions {
  settings: Settings;
  transport: Transport;
  /** 0 picks a free port (tests). Defaults to the module's own port. */
  port?: number;
  host?: string;
  /** SQLite file override; ':memory:' in tests. */
  file?: string;
  /** PostgreSQL schema override; tests use a schema of their own. */
  pgSchema?: string;
  /** Load demo data if the tables are empty. */
  seed?: SeedOptions | false;
  onQuery?: (sql: string) => void;
  /** `onQuery` sees values in place of placeholders (tests that EXPLAIN a request's statements). */
  queryParams?: boolean;
  /** Consumer name within its group; replicas must differ. */
  consumerName?: string;
  /** Do not listen on a port (in-process tests that only call `execute`). */
  listen?: boolean;
}

export interface RunningModule {
  name: string;
  url: string;
  orm: Orm;
  relay: Relay;
  server: ApolloServer<RequestContext>;
  /** Runs an operation in-process as `caller`, the way a gateway call would. */
  execute(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<FormattedExecutionResult>;
  stop(): Promise<void>;
}

/** Names each request's operation for the metrics (GET /metrics), and refused variables' arguments. */
const operationPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operationName }) {
        const req = requestOf(contextValue);
        if (req) noteOperation(req, operationName);
      },
      async didEncounterErrors({ errors, document }) {
        nameRefusedArguments(errors, document);
      },
    };
  },
};

/**
 * Publishes a mutation's events as it answers. On the in-process bus the answer waits for it,
 * so a consumer in the same process has applied the event when the client sees the response
 * (what one-process deployments and tests rely on). On Redis the answer never waits: the
 * commit is the promise, the outbox the buffer, and the relay publishes (retrying while Redis
 * is away) — a write answers at once even during an outage.
 */
function relayPlugin(relay: Relay, inProcess: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          // An idempotent write's transaction is still open here: it commits later and kicks the relay then.
          if (contextValue.em.isInTransaction()) return;
          const published = relay.kick();
          if (inProcess) await published;
        },
      };
    },
  };
}

export async function startModule(
  definition: ModuleDefinition,
  options: RuntimeOptions,
): Promise<RunningModule> {
  const log = moduleLogger(definition.name);
  const { settings } = options;
  setMaxStringLength(settings.limits.maxStringLength);
  // Where a start spends its time, logged with "subgraph listening" (docs/benchmarks.md, start-up).
  const phases: Record<string, number> = {};
  let phaseBegan = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - phaseBegan);
    phaseBegan = now;
  };
  const orm = await openDatabase({
    module: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    url: settings.databaseUrl,
    schema: options.pgSchema,
    file: options.file,
    dataDir: settings.dataDir,
    onQuery: options.onQuery,
    queryParams: options.queryParams,
  });
  phase('openMs');
  if (settings.migrateOnStart) await migrate(orm);
  else await requireMigrated(orm, definition.name);
  phase('migrateMs');

  let seeded = false;
  if (options.seed && definition.seed) {
    const em = systemEm(orm);
    if (!(await definition.isSeeded?.(em))) {
      await em.transactional((tx) =>
        definition.seed!(tx as typeof em, options.seed as SeedOptions),
      );
      seeded = true;
      log.info('demo data loaded');
    }
  }
  phase('seedMs');
  const announced = await announceOnce(orm, definition, seeded);
  if (announced > 0)
    log.info(
      { events: announced, version: definition.announceVersion ?? 1 },
      "records announced again for other modules' replicas",
    );
  if (await requestSnapshotOnce(orm, definition))
    log.info('first start: asked the modules it replicates for a snapshot');
  if (await requestWorkOnce(orm, definition))
    log.info('first start: asked every module for the work waiting on its records');

  phase('announceMs');
  const unwatch = watchModule(definition.name, orm);
  const relay = startRelay(orm, options.transport, {
    retainMs: settings.outboxRetainHours * 3600_000,
  });
  await relay.kick();
  phase('relayMs');
  const jobs = await startJobs(orm, definition, settings, relay);
  phase('jobsMs');
  // Seeded by this process on the in-process bus: each group reads the bus's log from its start,
  // where all this module ever wrote is, so a snapshot request needs no second announcement.
  const consumes =
    seeded && options.transport.kind === 'memory' && definition.consumes?.[snapshotRequested.type]
      ? { ...definition.consumes, [snapshotRequested.type]: answerSnapshot(definition, true) }
      : definition.consumes;
  const subscriptions: Subscription[] = [];
  if (consumes && Object.keys(consumes).length > 0) {
    subscriptions.push(
      await subscribeReportingLag(options.transport, {
        group: definition.name,
        consumer:
          options.consumerName ?? `${definition.name}-${process.pid}-${randomUUID().slice(0, 8)}`,
        handle: idempotentConsumer(orm, definition.name, consumes),
      }),
    );
  }

  const server = new ApolloServer<RequestContext>({
    schema: definition.schema,
    includeStacktraceInErrorResponses: false,
    // The process's own stopOnSignal drains and exits 0; Apollo's handler would re-raise the signal.
    stopOnTerminationSignals: false,
    csrfPrevention: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      relayPlugin(relay, options.transport.kind === 'memory'),
      operationPlugin,
    ],
    formatError: (formatted, error) => {
      const original = (error as GraphQLError).originalError;
      const known =
        formatted.extensions?.code && formatted.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR;
      if (known || !original || original instanceof GraphQLError) return formatted;
      // A versioned row changed between read and write: another request won the race.
      if (original instanceof OptimisticLockError) {
        return {
          message: 'the record changed while you were changing it; read it again',
          path: formatted.path,
          extensions: { code: ErrorCode.CONFLICT },
        };
      }
      log.error({ err: original, path: formatted.path }, 'resolver failed');
      return {
        message: 'Internal server error',
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    },
  });
  phase('consumersMs');
  await server.start();

  const trust = await createCallTrust(settings, definition.name, orm);

  /**
   * A mutation sent with an Idempotency-Key runs in one transaction with the record of its
   * answer: committed together, or not at all. A retry with the same key gets the kept answer
   * (the mutation does not run again); the same key with another request is refused.
   */
  async function serveIdempotent(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: unknown,
    key: string,
    caller: Caller,
    requestId: string,
  ): Promise<void> {
    if (key.length > MAX_KEY_LENGTH) {
      const error = inputError(
        IDEMPOTENCY_HEADER,
        'max',
        `must have at most ${MAX_KEY_LENGTH} characters`,
      );
      return sendJson(res, 200, {
        data: null,
        errors: [{ message: error.message, extensions: error.extensions }],
      });
    }
    const owner = keyOwner(caller);
    const hash = operationHash(body);
    const context = createContext(orm, definition.name, caller, requestId);
    const em = context.em;
    await em.begin();
    let open = true;
    try {
      const kept = await claimKey(em, owner, key, settings.idempotencyTtlHours);
      if (kept) {
        await em.rollback();
        open = false;
        if (kept.operationHash !== hash) {
          // A GraphQL answer (HTTP 200) so that the gateway passes the error on as it is.
          const error = inputError(
            IDEMPOTENCY_HEADER,
            'reused',
            'this Idempotency-Key was used for a different request; use a new key for a new request',
          );
          return sendJson(res, 200, {
            data: null,
            errors: [{ message: error.message, extensions: error.extensions }],
          });
        }
        res.setHeader('idempotent-replayed', 'true');
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.statusCode = kept.status;
        return void res.end(kept.response);
      }
      await serveApollo(server, req, res, async () => context, {
        body,
        beforeSend: async (answer) => {
          await keepAnswer(em, owner, key, hash, answer, settings.idempotencyTtlHours);
          await em.commit();
          open = false;
          // Test hook: the answer is lost after the commit, as when a process dies at the worst moment.
          if (settings.faultKillAfterCommit) process.kill(process.pid, 'SIGKILL');
          await relay.kick();
        },
      });
    } finally {
      if (open) await em.rollback().catch(() => undefined);
    }
  }

  const httpServer = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.startsWith('/healthz'))
      return sendJson(res, 200, { status: 'ok', module: definition.name });
    // Stopping: readiness fails first, so a load balancer sends new requests elsewhere.
    if (req.method === 'GET' && url.startsWith('/readyz') && drain.draining)
      return sendJson(res, 503, { status: 'stopping', module: definition.name });
    if (!drain.admit(req, res)) return;
    void (async () => {
      if (req.method === 'GET' && url.startsWith('/readyz')) {
        // A bus that is away degrades the module (events wait in the outbox) but it serves.
        const bus = await busHealth(options.transport, relay);
        return sendJson(res, 200, {
          status: bus.status === 'connected' ? 'ready' : 'degraded',
          module: definition.name,
          ...(bus.status === 'connected' ? {} : { degraded: { bus: bus.reason } }),
          bus,
        });
      }
      if (req.method === 'GET' && url.startsWith('/metrics') && settings.metrics)
        return serveMetrics(res);
      // Under the span from here on: the proof's nonce (Redis) and the SQL the request runs are its children.
      return traceRequest(
        definition.name,
        req,
        res,
        () => ({ 'graphql.operation.name': operationOf(req) }),
        () => serveGraphql(req, res),
      );
    })().catch((err) => {
      log.error({ err }, 'request failed');
      if (!res.headersSent)
        sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    });
  });

  /** A GraphQL request: who is calling (or a refusal), then the operation, idempotent when it asks to be. */
  async function serveGraphql(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const proof = await trust.check(req);
    if (!proof.ok) {
      log.warn(
        { reason: proof.reason, remote: req.socket.remoteAddress },
        'call without gateway proof refused',
      );
      const message =
        proof.code === ErrorCode.GATEWAY_PROOF_REQUIRED
          ? `this subgraph answers the gateway only (${proof.reason})`
          : proof.reason;
      return sendError(res, proof.status, proof.code, message);
    }
    const requestId = (req.headers['x-request-id'] as string) ?? randomUUID();
    observeRequest(definition.name, req, res);
    await currentRequest.run({ module: definition.name, requestId }, async () => {
      const read = await readJsonRequest(req, res);
      if (!read) return;
      const key = req.headers[IDEMPOTENCY_HEADER];
      if (typeof key === 'string' && key !== '' && isMutation(read.body))
        return serveIdempotent(req, res, read.body, key, proof.caller, requestId);
      return serveApollo(
        server,
        req,
        res,
        async () => bindRequest(createContext(orm, definition.name, proof.caller, requestId), req),
        { body: read.body },
      );
    });
  }

  // Set explicitly: the gateway drops its idle sockets to this server sooner (subgraphIdleSocketMs), so it never reuses one this side closed.
  httpServer.keepAliveTimeout = settings.keepAliveTimeoutMs;
  httpServer.headersTimeout = settings.keepAliveTimeoutMs + 5_000;
  const drain = drainable(httpServer, log);

  let url = '';
  if (options.listen !== false) {
    await listen(
      httpServer,
      options.port ?? definition.port,
      options.host ?? '127.0.0.1',
      `PORT or PORT_${definition.name.toUpperCase().replace(/-/g, '_')}`,
    );
    const address = httpServer.address() as AddressInfo;
    url = `http://${options.host ?? '127.0.0.1'}:${address.port}/graphql`;
    phase('serveMs');
    log.info({ url, startup: phases }, 'subgraph listening');
  }

  return {
    name: definition.name,
    url,
    orm,
    relay,
    server,
    async execute(query, variables, caller = ANONYMOUS) {
      const response = await server.executeOperation(
        { query, variables },
        { contextValue: createContext(orm, definition.name, caller) },
      );
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult;
    },
    async stop() {
      // Readiness goes false and new requests get 503 at once; those in flight finish (up to the deadline).
      if (options.listen !== false) await drain.close(settings.shutdownTimeoutMs);
      // Consumers finish the batch they hold and acknowledge it; a job its run.
      for (const s of subscriptions) await s.stop();
      await jobs.stop();
      // What the last requests committed is published before the relay stops (the next start would otherwise).
      await relay.kick();
      await relay.stop();
      await server.stop();
      await trust.close();
      unwatch();
      await orm.close();
    },
  };
}

/**
 * Runs each of the module's jobs once, then on its interval: one transaction a run, the relay
 * kicked after it. A failed run is logged and the next one tries again; runs of one job never
 * overlap, and stopping waits for the one under way.
 */
async function startJobs(
  orm: Orm,
  definition: ModuleDefinition,
  settings: Settings,
  relay: Relay,
): Promise<{ stop(): Promise<void> }> {
  const log = moduleLogger(definition.name);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  for (const job of definition.jobs ?? []) {
    let busy = false;
    const once = async () => {
      if (busy) return;
      busy = true;
      try {
        await systemEm(orm).transactional((tx) => job.run(tx as EntityManager));
        await relay.kick();
      } catch (err) {
        log.error({ err, job: job.name }, 'job failed; it runs again on its next turn');
      } finally {
        busy = false;
      }
    };
    await once();
    const every = job.everyMs?.(settings);
    if (every)
      timers.push(
        setInterval(() => {
          const run = once();
          running.add(run);
          void run.finally(() => running.delete(run));
        }, every),
      );
  }
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(running);
    },
  };
}

/**
 * A module announces its records once per `announceVersion`, the first time it starts with that
 * version: an upgrade that gives other modules a new replica bumps it, and the replica fills on the
 * next start. The ledger of applied events keeps the mark (consumer "@announce"), in the same
 * transaction as the events. A fresh seed announced its records already; only the mark is written.
 */
export async function announceOnce(
  orm: Orm,
  definition: ModuleDefinition,
  seeded: boolean,
): Promise<number> {
  if (!definition.announce) return 0;
  const mark = { consumer: '@announce', eventId: `v${definition.announceVersion ?? 1}` };
  return systemEm(orm).transactional(async (tx) => {
    if ((await tx.count(ProcessedEventSchema, mark)) > 0) return 0;
    const count = seeded ? 0 : await definition.announce!(tx as EntityManager);
    tx.create(ProcessedEventSchema, { ...mark, processedAt: new Date() });
    return count;
  });
}
