import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { buildASTSchema, type ExecutionResult, type GraphQLSchema, parse } from 'graphql';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import {
  busHealth,
  CALLER_HEADER,
  createTransport,
  currentTraceId,
  drainable,
  ErrorCode,
  listen,
  observeRequest,
  operationOf,
  traceRequest,
  serveMetrics,
  moduleLogger,
  encodeCaller,
  PROOF_HEADER,
  ROUTER_SECRET_HEADER,
  sendError,
  sendJson,
  SITE_HEADER,
  type BusReport,
  type Caller,
  type Settings,
  type Transport,
} from '@cppcc/kit';
import { createTokenReader } from './auth.js';
import { signDevToken } from './dev-tokens.js';
import {
  createExplorer,
  FIRST_QUERY,
  landingPage,
  wantsHtml,
  type ExplorerPreset,
} from './explorer.js';
import { DistrictDirectory } from './district-directory.js';
import { CallerRegistry } from './registry.js';
import { askSubgraph, subgraphSigner } from './sign-subgraph-request.js';
import { createEngine, DEFAULT_ENGINE, type Engine, type EngineKind } from './engines/index.js';
import { subgraphFetch } from './engines/subgraph-fetch.js';
import { PluginGate } from './plugin-gate.js';
import { subgraphEndpoints, withRoutingUrls } from './supergraph.js';
import { Switchboard } from './switchboard.js';
import {
  clientAddress,
  CLIENT_HEADER,
  memoryWriteLimiter,
  redisWriteLimiter,
  type WriteBudgets,
  type WriteLimiter,
} from './write-limit.js';
import { localizeResponse } from './localize.js';
import { TrustedDocuments } from './trusted-documents.js';
import { probeNodeLookups } from './node-lookups.js';
import { serveReportPage } from './report-page.js';
import { createLive, LIVE_HEADER, LIVE_SECRET, wantsEventStream } from './live.js';
import {
  bypassResponseCache,
  invalidateOnEvents,
  memoryResponseStore,
  redisResponseStore,
  type ResponseCache,
} from './response-cache.js';

export interface GatewayOptions {
  settings: Settings;
  /** The committed supergraph file; watched and reloaded when it changes. */
  supergraphPath: string;
  /** Subgraph URLs that replace the committed routing URLs, by subgraph name. */
  routingUrls?: Record<string, string>;
  engine?: EngineKind;
  port?: number;
  host?: string;
  maxDepth?: number;
  /** How often the supergraph file is checked for changes. */
  watchIntervalMs?: number;
  /**
   * The event bus, tailed for plugin switches: the in-process one in the embedded platform,
   * Redis in production (made from REDIS_URL when not given).
   */
  transport?: Transport;
  /**
   * Anonymous mutations one client address may send a minute; default `settings.anonymousWritesPerMinute`,
   * 0 for none. Counted in Redis when `settings.redisUrl` is set (shared by every instance), else in-process.
   */
  anonymousWritesPerMinute?: number;
}

export interface RunningGateway {
  url: string;
  engine: EngineKind;
  /** Re-reads the supergraph now (the file watcher calls this). */
  reload(): Promise<boolean>;
  /** Live subscriptions this gateway holds open now (SSE and WebSocket). */
  liveSubscribers(): number;
  stop(): Promise<void>;
}

/** An anonymous client names the district whose view (plugins) it wants (kit: stock routers pass it on too). */
export { SITE_HEADER };

/**
 * The one endpoint. In front of the engine: who the caller is (token → caller → the
 * districts they may see), signed onto the request for the subgraphs; health and readiness;
 * hot reload of the supergraph without dropping requests in flight.
 */
export async function createGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = moduleLogger('gateway');
  const { settings } = options;
  const kind = options.engine ?? settings.gatewayEngine ?? DEFAULT_ENGINE;
  const readToken = createTokenReader(settings);

  let supergraphText = '';
  let sdl = '';
  let engine!: Engine;
  let gate: PluginGate | null = null;
  // Asked on every request and every subgraph fetch: parsed once per supergraph, not per ask
  // (parsing the whole supergraph each time cost ~50 ms of CPU per request and most of the GC).
  let known: { sdl: string; list: ReturnType<typeof subgraphEndpoints> } = { sdl: '', list: [] };
  const endpoints = () => {
    if (known.sdl !== sdl) known = { sdl, list: subgraphEndpoints(sdl) };
    return known.list;
  };
  const directory = new DistrictDirectory(
    () => endpoints().find((e) => e.name === 'organization'),
    settings.gatewaySecret,
    log,
  );

  const { limits } = settings;
  const budgets: WriteBudgets = {
    anonymous: options.anonymousWritesPerMinute ?? settings.anonymousWritesPerMinute,
    signedIn: limits.signedInWritesPerMinute,
    byRole: limits.writesPerMinuteByRole,
  };
  const writeLimiter: WriteLimiter = settings.redisUrl
    ? redisWriteLimiter(settings.redisUrl, budgets, limits.writeLimitOnRedisFailure, log)
    : memoryWriteLimiter(budgets);

  // One store for the gateway's life (engines come and go with the supergraph; keys name it).
  // Shared through Redis by every replica on it, else in this process (docs/architecture.md).
  const responseCache: ResponseCache | undefined =
    settings.responseCache && kind === 'hive'
      ? {
          store: settings.redisUrl
            ? // Named by the bus stream: deployments (and tests) sharing a Redis share no answers.
              redisResponseStore(
                settings.redisUrl,
                log,
                `cppcc:response-cache:${settings.redisStream ?? 'default'}`,
              )
            : memoryResponseStore(),
          ttlMs: settings.responseCacheTtlMs,
        }
      : undefined;

  const fetchSubgraph = subgraphFetch(
    settings,
    log,
    (url) => endpoints().find((e) => e.url === url)?.name ?? 'subgraph',
  );

  async function load(): Promise<boolean> {
    const text = fs.readFileSync(options.supergraphPath, 'utf8');
    if (text === supergraphText) return false;
    const nextSdl = withRoutingUrls(text, options.routingUrls, settings.subgraphUrls);
    if (gate) gate.load(nextSdl);
    else gate = new PluginGate(nextSdl);
    const sign = subgraphSigner(settings.gatewaySecret, nextSdl);
    const next = await createEngine(kind, {
      supergraphSdl: nextSdl,
      log,
      limits: options.maxDepth ? { ...limits, maxDepth: options.maxDepth } : limits,
      gate,
      writeLimiter,
      sign,
      fetch: fetchSubgraph,
      introspection: settings.introspection,
      debug: settings.hiveDebug,
      planner: settings.gatewayPlanner,
      responseCache,
    });
    const previous = engine;
    // Requests already inside the old engine finish there; new ones go to the new one.
    engine = next;
    sdl = nextSdl;
    supergraphText = text;
    directory.invalidate();
    if (previous) setTimeout(() => void previous.stop().catch(() => undefined), 30_000).unref();
    log.info(
      { engine: kind, subgraphs: endpoints().map((e) => e.name) },
      previous ? 'supergraph reloaded' : 'supergraph loaded',
    );
    return true;
  }
  await load();

  const ownTransport =
    !options.transport && settings.redisUrl ? await createTransport(settings) : undefined;
  const switchboard = new Switchboard(
    () => gate!,
    () => endpoints().find((e) => e.name === 'platform')?.url,
    settings.gatewaySecret,
    log,
    options.transport ?? ownTransport,
  );
  await switchboard.start();
  const registry = new CallerRegistry(
    endpoints,
    settings.gatewaySecret,
    log,
    options.transport ?? ownTransport,
  );
  await registry.start();
  const cacheTail =
    responseCache && (options.transport ?? ownTransport)
      ? await invalidateOnEvents(
          responseCache.store,
          (options.transport ?? ownTransport)!,
          () => endpoints().map((e) => e.name),
          log,
        )
      : undefined;
  if (responseCache && !cacheTail)
    log.warn(
      { ttlMs: responseCache.ttlMs },
      'response cache without an event bus (no REDIS_URL): writes not made through this gateway are seen only when cached answers expire',
    );

  async function ready(): Promise<{
    ok: boolean;
    subgraphs: Record<string, string>;
    districtDirectory: string;
    bus?: BusReport;
    degraded?: Record<string, string | undefined>;
  }> {
    await directory.tree();
    const results = await Promise.all(
      endpoints().map(async (e) => {
        try {
          const response = await askSubgraph(
            e,
            settings.gatewaySecret,
            { query: '{ __typename }' },
            2000,
          );
          return [e.name, response.ok ? 'up' : `answered ${response.status}`] as const;
        } catch (err) {
          return [e.name, `unreachable: ${(err as Error).message}`] as const;
        }
      }),
    );
    // A foreign supergraph (no organization subgraph) is served in the degraded way for good;
    // an organization subgraph whose tree cannot be had makes this instance not ready.
    const districtDirectory = directory.state;
    // Redis away degrades the gateway (switches reload from the platform subgraph) without
    // making it unready: every replica shares that Redis, and all would leave the pool at once.
    const transport = options.transport ?? ownTransport;
    const bus = transport ? await busHealth(transport) : undefined;
    return {
      ok:
        results.every(([, s]) => s === 'up') &&
        switchboard.ready &&
        districtDirectory !== 'unavailable',
      subgraphs: Object.fromEntries(results),
      districtDirectory,
      ...(bus
        ? { bus, ...(bus.status === 'degraded' ? { degraded: { bus: bus.reason } } : {}) }
        : {}),
    };
  }

  type Refusal = { ok: false; status: number; code: string; message: string };
  const refusal = (status: number, code: ErrorCode, message: string): Refusal => ({
    ok: false,
    status,
    code,
    message,
  });

  /**
   * Who the caller is: the token (kit/token.ts rules), checked against the registry, turned into
   * the districts the caller may see. Without the district tree (organization down, or a foreign
   * supergraph) anonymous callers still get the default view; a signed-in caller whose district
   * needs the tree is answered 503 DISTRICT_DIRECTORY_UNAVAILABLE.
   */
  async function identify(req: {
    headers: http.IncomingHttpHeaders;
  }): Promise<{ ok: true; caller: Caller } | Refusal> {
    const token = await readToken(req.headers.authorization);
    if (!token.ok)
      return {
        ok: false,
        status: 401,
        code: String(token.error.extensions.code),
        message: token.error.message,
      };
    const base = token.caller;
    const tree = await directory.tree();
    const named = req.headers[SITE_HEADER];
    if (!tree) {
      if (base.district)
        return refusal(
          503,
          ErrorCode.DISTRICT_DIRECTORY_UNAVAILABLE,
          'the district directory is not available right now; try again shortly',
        );
      // Nothing non-public depends on the site: it picks which plugins the request sees.
      return {
        ok: true,
        caller: { ...base, site: typeof named === 'string' && named ? named : null, districts: [] },
      };
    }
    if (base.district && !tree.has(base.district)) {
      return refusal(
        403,
        ErrorCode.UNKNOWN_DISTRICT,
        `token names district ${base.district}, which does not exist`,
      );
    }
    const verdict = await registry.check(base);
    if (!verdict.ok) return verdict;
    // Whose plugins the request sees: the district the client names — one they work for (their
    // own or one below) for staff and the like, any for others — else the caller's own, else the city.
    const districts = DistrictDirectory.visibleDistricts(tree, base);
    let site = base.district;
    if (typeof named === 'string' && named && named !== site) {
      if (!tree.has(named))
        return refusal(
          400,
          ErrorCode.UNKNOWN_DISTRICT,
          `${SITE_HEADER} names district ${named}, which does not exist`,
        );
      // Only those who work for districts are held to them; anyone else reads a district's
      // public site as an anonymous visitor would (their data access is unchanged).
      if (districts.length > 0 && !districts.includes(named)) {
        return refusal(
          403,
          ErrorCode.CROSS_DISTRICT,
          `${SITE_HEADER} names district ${named}, which you do not work for`,
        );
      }
      site = named;
    }
    site ??= DistrictDirectory.root(tree);
    return { ok: true, caller: { ...base, site, districts } };
  }

  const trusted = TrustedDocuments.load(settings);
  const explorer = createExplorer({
    defaultQuery: FIRST_QUERY,
    presets: () => explorerPresets(settings, directory),
  });

  // Live updates (Subscription) ride the bus; a gateway without one (no REDIS_URL, standalone)
  // refuses them, naming what is missing.
  const bus = options.transport ?? ownTransport;
  let selfUrl = '';
  let apiSchema: { sdl: string; schema: GraphQLSchema } | undefined;
  /** The schema clients see, rebuilt when the supergraph changes. */
  const publicSchema = () => {
    if (apiSchema?.sdl !== sdl)
      apiSchema = { sdl, schema: buildASTSchema(transformSupergraphToPublicSchema(parse(sdl))) };
    return apiSchema.schema;
  };
  const live =
    bus &&
    createLive({
      transport: bus,
      log,
      maxBodyBytes: settings.limits.maxBodyBytes,
      schema: publicSchema,
      requery: async (headers, body) => {
        const response = await fetch(selfUrl, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', [LIVE_HEADER]: LIVE_SECRET },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as ExecutionResult };
      },
    });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'up' });
    // Stopping: readiness fails first, so a load balancer sends new requests elsewhere.
    if (path === '/readyz' && drain.draining) return sendJson(res, 503, { status: 'stopping' });
    if (!drain.admit(req, res)) return;
    void (async () => {
      if (path === '/metrics' && settings.metrics) return serveMetrics(res);
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return void res.end(landingPage({ explorer: settings.explorer, engine: kind }));
      }
      if (path === '/graphql' && wantsHtml(req)) {
        if (settings.explorer) return explorer.serveExplorer(req, res);
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return void res.end(landingPage({ explorer: false, engine: kind }));
      }
      if (path === '/readyz') {
        const state = await ready();
        return sendJson(res, state.ok ? 200 : 503, {
          status: state.ok ? 'ready' : 'not ready',
          ...state,
        });
      }
      if (path === '/report' && req.method === 'GET') return serveReportPage(req, res, selfUrl);
      localizeResponse(req, res);
      if (path !== '/graphql')
        return sendError(res, 404, 'NOT_FOUND', `no route ${path}; the graph is at /graphql`);
      // The request's span (continuing a client's traceparent, if sent) is the parent of every subgraph fetch.
      return traceRequest(
        'gateway',
        req,
        res,
        () => ({
          'graphql.operation.name': operationOf(req),
          'cppcc.request_id': String(res.getHeader('x-request-id') ?? ''),
        }),
        () => serveGraphql(req, res),
      );
    })().catch((err) => {
      log.error({ err }, 'gateway request failed');
      if (!res.headersSent)
        sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    });
  });

  /** A GraphQL request: the caller identified (client claims about it dropped), then the engine. */
  async function serveGraphql(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    // Read here, inside the request's span: the line is written later, when the response is sent.
    const traceId = currentTraceId();
    let caller: Caller | undefined;
    // One access line per request, with the request id the client also sees (and the trace id, with tracing on), so a report can be traced.
    observeRequest('gateway', req, res, (ms, operation) =>
      log.info(
        {
          requestId,
          ...(traceId ? { traceId } : {}),
          operation,
          role: caller?.roles.join(',') || 'anonymous',
          district: caller?.site ?? null,
          status: res.statusCode,
          ms: Math.round(ms),
        },
        'request',
      ),
    );
    // A client never speaks for the gateway: whatever it sent in these headers is dropped.
    delete req.headers[CALLER_HEADER];
    delete req.headers[PROOF_HEADER];
    delete req.headers[ROUTER_SECRET_HEADER];
    delete req.headers[CLIENT_HEADER];
    req.headers[CLIENT_HEADER] = clientAddress(req, settings.trustProxy);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const who = await identify(req);
    if (!who.ok) {
      log.info({ requestId, code: who.code, reason: who.message }, 'request refused');
      return sendError(res, who.status, who.code, who.message);
    }
    caller = who.caller;
    // The gateway's own re-query for a live subscriber runs the subscriber's selection, which
    // the trusted-documents check already passed when the subscription began.
    const requery = req.headers[LIVE_HEADER] === LIVE_SECRET;
    delete req.headers[LIVE_HEADER];
    // A re-query answers an event the cache may not have seen yet: it reads the subgraphs.
    if (requery) bypassResponseCache(req);
    const trust = requery
      ? ({ ok: true } as const)
      : await trusted.apply(req, who.caller, settings.limits.maxBodyBytes);
    if (!trust.ok) {
      log.info({ requestId, code: trust.code, reason: trust.message }, 'request refused');
      return sendError(res, trust.status, trust.code, trust.message);
    }
    // The engine forwards the caller; each subgraph fetch is signed as it leaves (sign-subgraph-request.ts).
    if (wantsEventStream(req)) {
      if (live) return live.serveSse(req, res);
      return sendError(
        res,
        501,
        ErrorCode.BAD_REQUEST,
        'live updates need the event bus: this gateway runs without one (set REDIS_URL)',
      );
    }
    req.headers[CALLER_HEADER] = encodeCaller(who.caller);
    await probeNodeLookups(req, res, publicSchema, settings.limits.maxBodyBytes);
    await engine.handle(req, res);
  }

  // Clients (and load balancers) may keep a connection this long between requests.
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  server.headersTimeout = settings.keepAliveTimeoutMs + 5_000;
  const drain = drainable(server, log);
  await listen(server, options.port ?? 4000, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}/graphql`;
  selfUrl = `http://127.0.0.1:${address.port}/graphql`;
  live?.attach(server, async (headers) => (await identify({ headers })).ok);

  const watchInterval = options.watchIntervalMs ?? 1000;
  const onChange = () =>
    void load().catch((err) =>
      log.error({ err }, 'supergraph reload failed; keeping the previous one'),
    );
  fs.watchFile(options.supergraphPath, { interval: watchInterval }, onChange);

  log.info({ url, engine: kind }, 'gateway listening');
  return {
    url,
    engine: kind,
    reload: load,
    liveSubscribers: () => live?.subscribers ?? 0,
    async stop() {
      fs.unwatchFile(options.supergraphPath, onChange);
      // Live subscribers are told the stream ended (they resume on another replica with `after`);
      // then new requests get 503 + Retry-After and those in flight finish within the deadline.
      await live?.stop();
      await drain.close(settings.shutdownTimeoutMs);
      await switchboard.stop();
      await registry.stop();
      await cacheTail?.stop();
      await ownTransport?.close();
      await engine.stop();
      await fetchSubgraph.close();
      await writeLimiter.close();
      await responseCache?.store.close();
    },
  };
}

/**
 * Tabs the explorer opens with: the public view of a district, and in development the dev
 * tokens `npm start` prints (never in production, where tokens come from the identity provider).
 */
async function explorerPresets(
  settings: Settings,
  directory: DistrictDirectory,
): Promise<ExplorerPreset[]> {
  const tree = await directory.tree();
  const city = tree && DistrictDirectory.root(tree);
  if (!tree || !city) return [];
  const district = DistrictDirectory.below(tree, city)[1] ?? city;
  const presets: ExplorerPreset[] = [
    { label: `public view of ${district}`, headers: { [SITE_HEADER]: district } },
  ];
  if (!settings.allowDemoTokens || settings.production || settings.jwksUrl) return presets;
  const bearer = async (label: string, claims: Parameters<typeof signDevToken>[1]) => ({
    label,
    headers: { authorization: `Bearer ${await signDevToken(settings, claims)}` },
  });
  presets.push(
    await bearer(`city staff ${city} (dev token)`, { roles: ['staff'], district: city }),
    await bearer(`staff of ${district} (dev token)`, { roles: ['staff'], district }),
    await bearer(`operator of ${district} (dev token)`, { roles: ['operator'], district }),
    await bearer(`member 1 of ${city} (dev token)`, {
      roles: ['member'],
      district: city,
      memberId: '1',
    }),
  );
  return presets;
}
