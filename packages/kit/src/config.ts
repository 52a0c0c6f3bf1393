import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every variable any process (gateway, subgraphs,
 * plugin host, scripts) understands is declared in `SETTINGS` with its rule and meaning, and the
 * table in docs/operations.md is printed from it (`settingsTable()`; a test keeps them in sync).
 */

/** The repository (or image) root: this file sits at packages/kit/{src,dist}/config.{ts,js}. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const DEV_SECRET = 'cppcc-dev-secret-change-me';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const GATEWAY_ENGINES = ['hive', 'apollo'] as const;
export const GATEWAY_PLANNERS = ['rust', 'js'] as const;
export const TRUSTED_DOCUMENT_MODES = ['off', 'anonymous', 'all'] as const;
export const TRACE_EXPORTERS = ['none', 'console', 'otlp'] as const;

const text = z.string();
const flag = z
  .enum(['true', 'false', 'on', 'off', '1', '0', 'yes', 'no'], {
    error: 'must be on or off (true or false)',
  })
  .transform((v) => v === 'true' || v === 'on' || v === '1' || v === 'yes');
const count = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more');
const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be from 0 to 65535')
  .max(65535, 'must be from 0 to 65535');
const url = (schemes: string[]) =>
  z
    .url({ error: `must be a URL (${schemes.join(', ')})` })
    .refine(
      (v) => schemes.some((s) => v.startsWith(`${s}:`)),
      `must start with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    );

interface SettingSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** What it does, for the settings table. */
  doc: string;
  /** The default as shown in the settings table ('' when there is none). */
  shown: string;
  /** Processes that read it, for the settings table. */
  used: string;
}

const spec = <S extends z.ZodType>(
  schema: S,
  shown: string,
  used: string,
  doc: string,
): SettingSpec<S> => ({ schema, shown, used, doc });

/** Every environment variable, by name. Add new settings here (and to `Settings` and `toSettings`). */
export const SETTINGS = {
  NODE_ENV: spec(
    z.enum(['development', 'production', 'test']),
    'development',
    'all',
    '`production` turns off demo data, dev tokens, the explorer and introspection; it requires real secrets, issuer and audience.',
  ),
  HOST: spec(
    text.min(1, 'must not be empty'),
    '127.0.0.1',
    'all',
    'Address every server listens on (`0.0.0.0` in containers).',
  ),
  PORT: spec(
    port,
    'gateway 4000; a module its own port',
    'all',
    "Port of the process's server: the gateway, a module served alone, or the embedded platform's gateway. 0 picks a free one.",
  ),
  PORT_NAME: spec(
    port,
    'organization 4101 … platform 4105, plugins 42xx',
    'embedded, plugin host',
    "`PORT_<MODULE>` (e.g. `PORT_MEMBERS`, `PORT_ECO_COMPENSATION`): moves one module's port.",
  ),
  SUBGRAPH_URL_NAME: spec(
    url(['http', 'https']),
    "the supergraph's routing URL",
    'gateway',
    '`SUBGRAPH_URL_<NAME>` (e.g. `SUBGRAPH_URL_MEMBERS`): where the gateway reaches one subgraph.',
  ),
  SUPERGRAPH_PATH: spec(
    text.min(1),
    'schema/supergraph.graphql',
    'gateway',
    'The supergraph file the gateway serves; watched and reloaded when it changes.',
  ),
  GATEWAY_ENGINE: spec(
    z.enum(GATEWAY_ENGINES, { error: `must be one of ${GATEWAY_ENGINES.join(', ')}` }),
    'hive',
    'gateway, embedded',
    'The engine that plans and runs operations: `apollo` (@apollo/gateway) or `hive` (Hive Gateway runtime).',
  ),
  GATEWAY_PLANNER: spec(
    z.enum(GATEWAY_PLANNERS, { error: `must be one of ${GATEWAY_PLANNERS.join(', ')}` }),
    'rust',
    'gateway, embedded',
    "The Hive engine's query planner: `js` (@graphql-tools/federation) or `rust` (@graphql-hive/router-runtime, the planner Hive Router is built on; 199 of 199 in the federation audit, see docs/benchmarks.md).",
  ),
  GATEWAY_RESPONSE_CACHE: spec(
    flag,
    'false',
    'gateway, embedded',
    "Caches anonymous callers' query responses at the gateway (Hive engine only), keyed by district, visibility and the district's plugin set; invalidated by writes through the gateway and by bus events (docs/architecture.md, \"Response cache\"). In-process, or in Redis when REDIS_URL is set. Off by default: data a module copies from another module's events can be served stale for up to GATEWAY_RESPONSE_CACHE_TTL_MS.",
  ),
  GATEWAY_RESPONSE_CACHE_TTL_MS: spec(
    count.min(1, 'must be 1 or more'),
    '10000',
    'gateway, embedded',
    "How long a cached response lives at most: the bound on staleness for data a module derives from another module's events.",
  ),
  DATABASE_URL: spec(
    url(['postgres', 'postgresql']),
    '',
    'modules, migrate',
    'PostgreSQL; without it every module keeps an SQLite file in `DATA_DIR`.',
  ),
  DATA_DIR: spec(text.min(1), 'data', 'modules', 'Folder of the SQLite files (embedded default).'),
  REDIS_URL: spec(
    url(['redis', 'rediss']),
    '',
    'all',
    'Redis for the bus, the write budget and plugin switches; without it they stay in one process.',
  ),
  REDIS_STREAM: spec(
    text.min(1),
    'cppcc:events',
    'all',
    'The Redis stream events travel on; installations sharing one Redis each need their own.',
  ),
  GATEWAY_SECRET: spec(
    text,
    'a dev secret (refused in production)',
    'gateway, modules',
    `Shared secret the gateway signs forwarded callers with; subgraphs verify it. Production: at least ${32} bytes.`,
  ),
  JWT_SECRET: spec(
    text,
    'a dev secret (refused in production)',
    'gateway',
    'HS256 key for tokens; ignored when `JWKS_URL` is set. Production: at least 32 bytes.',
  ),
  ROUTER_SECRET: spec(
    text,
    '',
    'modules',
    "Shared secret a stock router (Hive Gateway, Apollo Router, Cosmo) inserts as `x-cppcc-router-secret`; with it set, subgraphs also accept calls via such a router, verifying the client's token themselves. Production: at least 32 bytes.",
  ),
  TOKEN_MAX_LIFETIME_SECONDS: spec(
    count,
    '43200 (12 h)',
    'gateway, modules',
    'Longest a bearer token may live (`exp` minus `iat`).',
  ),
  SHUTDOWN_TIMEOUT_MS: spec(
    count,
    '10000',
    'all',
    'How long a stopping process lets requests in flight finish before it cuts them (k8s: terminationGracePeriodSeconds = preStop + this).',
  ),
  WORKERS: spec(
    count,
    'one per core',
    'embedded',
    'Worker threads the embedded platform (`npm start`) runs its modules in, spread by expected load; the gateway stays in the main thread. 0 runs everything in one thread (for debugging).',
  ),
  KEEP_ALIVE_TIMEOUT_MS: spec(
    count,
    '10000',
    'all',
    'How long a server keeps an idle keep-alive connection open.',
  ),
  SUBGRAPH_IDLE_SOCKET_MS: spec(
    count,
    '4000',
    'gateway',
    'How long the gateway keeps an idle socket to a subgraph; must be below KEEP_ALIVE_TIMEOUT_MS.',
  ),
  SUBGRAPH_TIMEOUT_MS: spec(
    count,
    '15000',
    'gateway',
    'Longest the gateway waits for one subgraph call.',
  ),
  IDEMPOTENCY_TTL_HOURS: spec(
    count,
    '24',
    'modules',
    "How long a mutation's answer is kept for a retry with the same Idempotency-Key.",
  ),
  FAULT_KILL_AFTER_COMMIT: spec(
    flag,
    'false',
    'modules',
    'Test hook (refused in production): SIGKILL itself right after committing a mutation sent with an Idempotency-Key.',
  ),
  OUTBOX_RETAIN_HOURS: spec(
    count,
    '24',
    'modules',
    'Hours a published outbox row is kept: the window each module publishes again when Redis lost its contents. Older published rows are deleted.',
  ),
  INBOX_TICK_SECONDS: spec(
    count.min(1, 'must be 1 or more'),
    '60',
    'modules',
    'Seconds between the platform’s looks at the calendar: when a day has turned, work that shows from that day (a unit past due to urge) is announced to its subscribers (`inboxChanged`).',
  ),
  BUS_CLAIM_IDLE_SECONDS: spec(
    count.min(1, 'must be 1 or more'),
    '30',
    'modules',
    'Seconds an event delivered to a consumer may stay unacknowledged before another consumer of its group takes it over. Keep it above the longest batch a handler takes.',
  ),
  BUS_DEAD_CONSUMER_SECONDS: spec(
    count.min(1, 'must be 1 or more'),
    '300',
    'modules',
    'Seconds a consumer idle with nothing pending stays in its group before it is removed.',
  ),
  JWKS_URL: spec(
    url(['http', 'https']),
    '',
    'gateway',
    'JWKS endpoint of the identity provider (production tokens). An accepted token is believed again without verifying for up to 60 s (never past its `exp`): a key withdrawn from the JWKS stops working within a minute.',
  ),
  JWT_ISSUER: spec(
    text.min(1),
    '',
    'gateway, modules',
    'Required `iss` of tokens (required in production).',
  ),
  JWT_AUDIENCE: spec(
    text.min(1),
    '',
    'gateway, modules',
    'Required `aud` of tokens (required in production).',
  ),
  ANONYMOUS_WRITES_PER_MINUTE: spec(
    count,
    '30',
    'gateway',
    'Anonymous mutations one client address may send a minute (0: no limit).',
  ),
  TRUST_PROXY: spec(
    flag,
    'false',
    'gateway',
    'Take the client address from X-Forwarded-For (behind a reverse proxy).',
  ),
  SEED: spec(
    flag,
    'true; false in production',
    'modules',
    'Load demo data into empty tables on start (in production only with `ALLOW_DEMO_DATA=true`).',
  ),
  ALLOW_DEMO_DATA: spec(
    flag,
    'false',
    'modules',
    'Production: allow demo data (SEED not false then loads it).',
  ),
  ALLOW_DEMO_TOKENS: spec(
    flag,
    'false',
    'gateway, token',
    'Production: allow signing and printing development tokens.',
  ),
  SEED_SCALE: spec(
    count.min(1, 'must be 1 or more'),
    '1',
    'modules',
    'N× the demo data when seeding.',
  ),
  MIGRATE_ON_START: spec(
    flag,
    'true (the image, compose and k8s set false)',
    'modules',
    'Apply pending migrations on start. Off (every deployment in deploy/): a module with pending migrations refuses to start; run `npm run migrate` once per release, so replicas never race.',
  ),
  EXPLORER: spec(
    flag,
    'true; false in production',
    'gateway',
    'The offline GraphiQL explorer for browsers at /graphql and the landing page (dev tokens as tabs only outside production).',
  ),
  TRUSTED_DOCUMENTS: spec(
    z.enum(TRUSTED_DOCUMENT_MODES, {
      error: `must be one of ${TRUSTED_DOCUMENT_MODES.join(', ')}`,
    }),
    'off',
    'gateway',
    'Which callers may send only trusted documents (the manifest in `TRUSTED_DOCUMENTS_PATH`, by `documentId` or as the exact text): `off` nobody, `anonymous` callers without a token (the public portal), `all` everyone. Documents in the manifest are served by id in every mode.',
  ),
  TRUSTED_DOCUMENTS_PATH: spec(
    text.min(1),
    'clients/typescript/src/generated/persisted-documents.json',
    'gateway',
    'The trusted documents manifest (`{ "sha256:<hash>": "<document>" }`, as graphql-codegen writes it for the typed client).',
  ),
  INTROSPECTION: spec(
    flag,
    'true; false in production',
    'gateway',
    'Answer introspection queries.',
  ),
  LOG_LEVEL: spec(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    'info (silent under vitest)',
    'all',
    'pino log level; the gateway logs one access line per request at info.',
  ),
  METRICS: spec(flag, 'true', 'all', 'Serve Prometheus metrics on GET /metrics.'),
  TRACES_EXPORTER: spec(
    z.enum(TRACE_EXPORTERS, { error: `must be one of ${TRACE_EXPORTERS.join(', ')}` }),
    'none',
    'all',
    'OpenTelemetry traces: `none` records nothing and sends no `traceparent`; `console` prints each span on stdout (development); `otlp` sends them in batches over OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT`.',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: spec(
    url(['http', 'https']),
    'http://localhost:4318',
    'all',
    'Base URL of the OTLP/HTTP collector for `TRACES_EXPORTER=otlp`; spans are posted to `<endpoint>/v1/traces`.',
  ),
  OTEL_SERVICE_NAME: spec(
    text.min(1),
    'the process role (gateway, members, …, plugin-host; cppcc-platform embedded)',
    'all',
    "service.name on this process's spans; every span also names its module in `cppcc.module`.",
  ),
  CPPCC_PLUGINS: spec(
    z
      .string()
      .regex(
        /^(none|[a-z0-9-]+(,\s*[a-z0-9-]+)*)$/,
        'must be "none" or plugin ids separated by commas',
      ),
    'every installed plugin',
    'all',
    'Narrows the installed plugins for this process (`none` for none).',
  ),
  CPPCC_PLUGIN_LIST: spec(
    text.min(1),
    'plugins/installed.json',
    'all',
    'Another list of installed plugins.',
  ),
  HIVE_DEBUG: spec(
    flag,
    'false',
    'gateway',
    'Debug logs and unmasked errors from the Hive engine.',
  ),
  BENCH_SECONDS: spec(
    count.min(1, 'must be 1 or more'),
    '10',
    'bench',
    'Seconds per benchmark run.',
  ),
  BENCH_CONNECTIONS: spec(
    count.min(1, 'must be 1 or more'),
    '20',
    'bench',
    'Concurrent connections per benchmark run.',
  ),
  BENCH_ROUNDS: spec(count.min(1, 'must be 1 or more'), '2', 'bench', 'Rounds per benchmark.'),
  VITEST: spec(text, '', 'tests', 'Set by vitest; silences logs.'),
} satisfies Record<string, SettingSpec>;

/** Process-wide settings, read once from the environment. */
export interface Settings {
  production: boolean;
  host: string;
  /** PORT, when set. */
  port?: number;
  /** PORT_<MODULE> overrides, by module name (`eco-compensation`, not `ECO_COMPENSATION`). */
  modulePorts: Record<string, number>;
  /** SUBGRAPH_URL_<NAME> overrides, by the name's environment form (`MEMBERS`). */
  subgraphUrls: Record<string, string>;
  supergraphPath: string;
  gatewayEngine?: (typeof GATEWAY_ENGINES)[number];
  gatewayPlanner: (typeof GATEWAY_PLANNERS)[number];
  /** Cache anonymous query responses at the gateway (GATEWAY_RESPONSE_CACHE, default off). */
  responseCache: boolean;
  /** Longest a cached response lives (GATEWAY_RESPONSE_CACHE_TTL_MS). */
  responseCacheTtlMs: number;
  /** PostgreSQL URL; when absent every module uses its own SQLite file under `dataDir`. */
  databaseUrl?: string;
  /** Redis URL; when absent the bus and caches run in-process. */
  redisUrl?: string;
  /** The Redis stream events travel on (`cppcc:events`); installations sharing one Redis each need their own. */
  redisStream?: string;
  /** Folder for SQLite files in the embedded default. */
  dataDir: string;
  /** Shared secret the gateway signs forwarded callers with; subgraphs verify it. */
  gatewaySecret: string;
  /** HS256 secret for dev tokens. Ignored when `jwksUrl` is set. */
  jwtSecret: string;
  /** JWKS endpoint for production tokens. */
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Anonymous mutations one client address may send a minute (0: no limit). */
  anonymousWritesPerMinute: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Demo data on start (false: none). */
  seed: { scale: number } | false;
  /** Load the demo data into empty tables (SEED; in production only with ALLOW_DEMO_DATA=true). */
  seedDemoData: boolean;
  /** Sign and print development tokens (always outside production; ALLOW_DEMO_TOKENS=true in production). */
  allowDemoTokens: boolean;
  /** Longest a bearer token may live (its `exp` minus its `iat`), in seconds. */
  tokenMaxLifetimeSeconds: number;
  /**
   * Shared secret a stock router (Hive Gateway, Apollo Router, Cosmo) inserts as
   * `x-cppcc-router-secret`; with it set, subgraphs also accept calls via such a router,
   * verifying the client's token themselves. Unset: only our gateway's proof is accepted.
   */
  routerSecret?: string;
  /** How long a stopping process lets requests in flight finish before it cuts them (SHUTDOWN_TIMEOUT_MS, default 10 s). */
  shutdownTimeoutMs: number;
  /** Worker threads of the embedded platform (WORKERS); undefined: one per core. */
  workers?: number;
  /** How long a server keeps an idle keep-alive connection open (KEEP_ALIVE_TIMEOUT_MS, default 10 s). */
  keepAliveTimeoutMs: number;
  /**
   * How long the gateway keeps an idle socket to a subgraph (SUBGRAPH_IDLE_SOCKET_MS, default 4 s):
   * below the subgraphs' `keepAliveTimeoutMs`, so the gateway drops a socket before the subgraph can.
   */
  subgraphIdleSocketMs: number;
  /** Longest the gateway waits for one subgraph call (SUBGRAPH_TIMEOUT_MS, default 15 s). */
  subgraphTimeoutMs: number;
  /** How long a mutation's answer is kept for a retry with the same Idempotency-Key (IDEMPOTENCY_TTL_HOURS, default 24). */
  idempotencyTtlHours: number;
  /**
   * Test hook (FAULT_KILL_AFTER_COMMIT=1, refused in production): the process kills itself with
   * SIGKILL right after committing a mutation sent with an Idempotency-Key, before it answers.
   */
  faultKillAfterCommit: boolean;
  /**
   * Hours a published outbox row is kept (`OUTBOX_RETAIN_HOURS`, default 24): the window each
   * module publishes again when Redis lost its contents. Older published rows are deleted.
   */
  outboxRetainHours: number;
  /**
   * Seconds an event delivered to a consumer may stay unacknowledged before another consumer of
   * its group takes it over (`BUS_CLAIM_IDLE_SECONDS`, default 30): how soon the events a killed
   * consumer held are handled again. Keep it above the longest batch a handler takes.
   */
  busClaimIdleSeconds: number;
  /** Seconds between the platform's looks at the calendar for work whose day has come (`INBOX_TICK_SECONDS`, default 60). */
  inboxTickSeconds: number;
  /** Seconds a consumer idle with nothing pending stays in its group before it is removed (`BUS_DEAD_CONSUMER_SECONDS`, default 300). */
  busDeadConsumerSeconds: number;
  migrateOnStart: boolean;
  explorer: boolean;
  /** Who may send only documents of the trusted manifest (`TRUSTED_DOCUMENTS`, default off). */
  trustedDocuments: (typeof TRUSTED_DOCUMENT_MODES)[number];
  trustedDocumentsPath: string;
  introspection: boolean;
  logLevel: LogLevel;
  metrics: boolean;
  tracesExporter: (typeof TRACE_EXPORTERS)[number];
  otlpEndpoint: string;
  serviceName?: string;
  /** CPPCC_PLUGINS as given ('none', or ids separated by commas). */
  plugins?: string;
  pluginList?: string;
  hiveDebug: boolean;
  bench: { seconds: number; connections: number; rounds: number };
  /** Request limits, write budgets and the gateway's exposure (docs/security.md, "Limits"). */
  limits: LimitSettings;
}

/** Settings that cannot be used, each named with the rule it breaks; the message is one line. */
export class SettingsError extends Error {
  readonly problems: string[];
  constructor(problems: string[] | string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join('; '));
    this.problems = list;
    this.name = 'SettingsError';
  }
}

/** Shortest shared secret production accepts, in bytes (HMAC-SHA256 keys shorter than its output are guessable sooner). */
export const MIN_SECRET_BYTES = 32;

function productionSecret(name: string, value: string | undefined): string | null {
  if (!value)
    return `${name} must be set in production (at least ${MIN_SECRET_BYTES} random bytes)`;
  if (value === DEV_SECRET)
    return `${name} is the development default; set a secret of your own in production`;
  const bytes = Buffer.byteLength(value);
  return bytes < MIN_SECRET_BYTES
    ? `${name} has ${bytes} bytes; production needs at least ${MIN_SECRET_BYTES}`
    : null;
}

type Parsed = { [K in keyof typeof SETTINGS]?: z.output<(typeof SETTINGS)[K]['schema']> };

const DYNAMIC = [
  { prefix: 'PORT_', spec: SETTINGS.PORT_NAME },
  { prefix: 'SUBGRAPH_URL_', spec: SETTINGS.SUBGRAPH_URL_NAME },
] as const;

/**
 * Reads and validates every setting. With another env than the process's it throws a
 * SettingsError naming each bad variable; with the process's own it is `processSettings()`.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return env === process.env ? processSettings() : parseSettings(env);
}

function parseSettings(env: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  const dynamic: Record<string, Record<string, unknown>> = { PORT_: {}, SUBGRAPH_URL_: {} };
  const check = (name: string, schema: z.ZodType, value: string): unknown => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    // Secrets and URLs that may carry a password are named, never echoed.
    const shown = /SECRET|DATABASE_URL|REDIS_URL|TOKEN|KEY/.test(name)
      ? ''
      : `=${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
    problems.push(`${name}${shown}: ${result.error.issues[0]?.message ?? 'invalid'}`);
    return undefined;
  };
  // An empty variable is an unset one (compose files and shells leave them empty). Problems are
  // reported in the table's order, then the per-module ones by name: the same whatever the env's order.
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  for (const [name, own] of Object.entries(SETTINGS as Record<string, SettingSpec>)) {
    if (given(name) && name !== 'PORT_NAME' && name !== 'SUBGRAPH_URL_NAME')
      parsed[name] = check(name, own.schema, env[name]!);
  }
  for (const name of Object.keys(env).filter(given).sort()) {
    const family = DYNAMIC.find(
      (d) => name.startsWith(d.prefix) && /^[A-Z0-9_]+$/.test(name.slice(d.prefix.length)),
    );
    if (family)
      dynamic[family.prefix][name.slice(family.prefix.length)] = check(
        name,
        family.spec.schema,
        env[name]!,
      );
  }
  const p = parsed as Parsed;
  const production = p.NODE_ENV === 'production';
  const gatewaySecret = p.GATEWAY_SECRET ?? DEV_SECRET;
  const jwtSecret = p.JWT_SECRET ?? DEV_SECRET;
  const allowDemoData = p.ALLOW_DEMO_DATA ?? false;
  if (production) {
    const weak = [
      productionSecret('GATEWAY_SECRET', p.GATEWAY_SECRET),
      p.JWKS_URL ? null : productionSecret('JWT_SECRET', p.JWT_SECRET),
      p.ROUTER_SECRET ? productionSecret('ROUTER_SECRET', p.ROUTER_SECRET) : null,
      p.JWT_ISSUER ? null : 'JWT_ISSUER must be set in production (tokens must name their issuer)',
      p.JWT_AUDIENCE
        ? null
        : 'JWT_AUDIENCE must be set in production (tokens must name this platform as audience)',
      p.SEED && !allowDemoData
        ? 'SEED=true loads demo data; in production that also needs ALLOW_DEMO_DATA=true'
        : null,
    ];
    problems.push(...weak.filter((w): w is string => w !== null));
  }
  const keepAliveTimeoutMs = p.KEEP_ALIVE_TIMEOUT_MS ?? 10_000;
  const subgraphIdleSocketMs = p.SUBGRAPH_IDLE_SOCKET_MS ?? 4_000;
  if (subgraphIdleSocketMs >= keepAliveTimeoutMs) {
    problems.push(
      `SUBGRAPH_IDLE_SOCKET_MS (${subgraphIdleSocketMs}) must be below KEEP_ALIVE_TIMEOUT_MS (${keepAliveTimeoutMs}): a socket the subgraph closed would be reused`,
    );
  }
  if (p.FAULT_KILL_AFTER_COMMIT && production)
    problems.push('FAULT_KILL_AFTER_COMMIT is a test hook; it is refused with NODE_ENV=production');
  if (problems.length > 0) throw new SettingsError(problems);

  // Production loads demo data only when asked twice (ALLOW_DEMO_DATA=true, and SEED not false).
  const seed = production ? allowDemoData && p.SEED !== false : p.SEED !== false;
  return {
    production,
    host: p.HOST ?? '127.0.0.1',
    port: p.PORT,
    modulePorts: Object.fromEntries(
      Object.entries(dynamic.PORT_).map(([k, v]) => [
        k.toLowerCase().replace(/_/g, '-'),
        v as number,
      ]),
    ),
    subgraphUrls: dynamic.SUBGRAPH_URL_ as Record<string, string>,
    supergraphPath: path.resolve(
      p.SUPERGRAPH_PATH ?? path.join(REPO_ROOT, 'schema/supergraph.graphql'),
    ),
    gatewayEngine: p.GATEWAY_ENGINE,
    gatewayPlanner: p.GATEWAY_PLANNER ?? 'rust',
    responseCache: p.GATEWAY_RESPONSE_CACHE ?? false,
    responseCacheTtlMs: p.GATEWAY_RESPONSE_CACHE_TTL_MS ?? 10_000,
    databaseUrl: p.DATABASE_URL,
    redisUrl: p.REDIS_URL,
    redisStream: p.REDIS_STREAM,
    dataDir: path.resolve(p.DATA_DIR ?? 'data'),
    gatewaySecret,
    jwtSecret,
    jwksUrl: p.JWKS_URL,
    jwtIssuer: p.JWT_ISSUER,
    jwtAudience: p.JWT_AUDIENCE,
    anonymousWritesPerMinute: p.ANONYMOUS_WRITES_PER_MINUTE ?? 30,
    trustProxy: p.TRUST_PROXY ?? false,
    seed: seed ? { scale: p.SEED_SCALE ?? 1 } : false,
    seedDemoData: seed,
    allowDemoTokens: !production || (p.ALLOW_DEMO_TOKENS ?? false),
    tokenMaxLifetimeSeconds: p.TOKEN_MAX_LIFETIME_SECONDS ?? 12 * 3600,
    routerSecret: p.ROUTER_SECRET,
    shutdownTimeoutMs: p.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    workers: p.WORKERS,
    limits: readLimitSettings(env, production),
    keepAliveTimeoutMs,
    subgraphIdleSocketMs,
    subgraphTimeoutMs: p.SUBGRAPH_TIMEOUT_MS ?? 15_000,
    idempotencyTtlHours: p.IDEMPOTENCY_TTL_HOURS ?? 24,
    faultKillAfterCommit: p.FAULT_KILL_AFTER_COMMIT ?? false,
    outboxRetainHours: p.OUTBOX_RETAIN_HOURS ?? 24,
    busClaimIdleSeconds: p.BUS_CLAIM_IDLE_SECONDS ?? 30,
    inboxTickSeconds: p.INBOX_TICK_SECONDS ?? 60,
    busDeadConsumerSeconds: p.BUS_DEAD_CONSUMER_SECONDS ?? 300,
    migrateOnStart: p.MIGRATE_ON_START ?? true,
    explorer: p.EXPLORER ?? !production,
    trustedDocuments: p.TRUSTED_DOCUMENTS ?? 'off',
    trustedDocumentsPath: path.resolve(
      p.TRUSTED_DOCUMENTS_PATH ??
        path.join(REPO_ROOT, 'clients/typescript/src/generated/persisted-documents.json'),
    ),
    introspection: p.INTROSPECTION ?? !production,
    logLevel: p.LOG_LEVEL ?? (p.VITEST ? 'silent' : 'info'),
    metrics: p.METRICS ?? true,
    tracesExporter: p.TRACES_EXPORTER ?? 'none',
    otlpEndpoint: p.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318',
    serviceName: p.OTEL_SERVICE_NAME,
    plugins: p.CPPCC_PLUGINS,
    pluginList: p.CPPCC_PLUGIN_LIST,
    hiveDebug: p.HIVE_DEBUG ?? false,
    bench: {
      seconds: p.BENCH_SECONDS ?? 10,
      connections: p.BENCH_CONNECTIONS ?? 20,
      rounds: p.BENCH_ROUNDS ?? 2,
    },
  };
}

let current: Settings | undefined;

/**
 * This process's settings, read from the environment once. Processes (not tests) use this: a
 * bad setting is one line on stderr naming it, and exit code 1 — even when the first reader is a
 * module being imported.
 */
export function processSettings(): Settings {
  if (current) return current;
  try {
    current = parseSettings(process.env);
    return current;
  } catch (err) {
    if (err instanceof SettingsError) failStartup(`settings: ${err.message}`);
    throw err;
  }
}

/** The environment for a child process this one starts (scripts and tests), with `extra` on top. */
export function childEnvironment(
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** One line on stderr and exit code 1: how a process refuses to start. */
export function failStartup(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The port a module listens on: PORT_<MODULE>, else its own. */
export function modulePort(settings: Settings, module: string, own: number): number {
  return settings.modulePorts[module] ?? own;
}

/** The settings table of docs/operations.md, printed from SETTINGS. */
export function settingsTable(): string {
  const rows = Object.entries(SETTINGS as Record<string, SettingSpec>)
    .filter(([name]) => name !== 'VITEST')
    .map(([name, s]) => {
      const shownName =
        name === 'PORT_NAME'
          ? 'PORT_<MODULE>'
          : name === 'SUBGRAPH_URL_NAME'
            ? 'SUBGRAPH_URL_<NAME>'
            : name;
      return `| \`${shownName}\` | ${s.shown ? s.shown.replace(/\|/g, '\\|') : '—'} | ${s.used} | ${s.doc.replace(/\|/g, '\\|')} |`;
    });
  return ['| variable | default | read by | what it does |', '|---|---|---|---|', ...rows].join(
    '\n',
  );
}

/** What one request may ask of the gateway, and what the gateway shows of itself (docs/security.md). */
export interface LimitSettings {
  /** MAX_DEPTH: deepest field nesting, fragments counted where spread (15). */
  maxDepth: number;
  /** MAX_ALIASES: aliased fields in one operation (30). */
  maxAliases: number;
  /** MAX_DIRECTIVES: directives in one operation (50). */
  maxDirectives: number;
  /** MAX_TOKENS: lexical tokens in one document; the parser stops past it (3000). */
  maxTokens: number;
  /** MAX_ROOT_FIELDS: top-level fields in one operation, aliases included (20). */
  maxRootFields: number;
  /** MAX_COST: field values an answer may hold, lists counted at their `first`/`last` (50000). */
  maxCost: number;
  /** COST_DEFAULT_LIST_SIZE: the size assumed for a list without `first`/`last` (20, the default page). */
  defaultListSize: number;
  /** COST_FIELD_WEIGHTS: `Type.field=weight,...`, added to a field's default weight of 1. */
  fieldWeights: Record<string, number>;
  /** MAX_BODY_BYTES: the largest request body the gateway reads; larger is 413 (1 MiB). */
  maxBodyBytes: number;
  /** MAX_STRING_LENGTH: characters any String/ID argument or input field may have (20000). */
  maxStringLength: number;
  /** SIGNED_IN_WRITES_PER_MINUTE: mutation fields a signed-in caller may send a minute, unless a role says more (300; 0: no limit). */
  signedInWritesPerMinute: number;
  /** WRITES_PER_MINUTE_BY_ROLE: `role=n,...`; a caller gets the largest of their roles' budgets. */
  writesPerMinuteByRole: Record<string, number>;
  /** WRITE_LIMIT_ON_REDIS_FAILURE: while Redis is away, `open` counts in each process, `closed` refuses budgeted writes (open). */
  writeLimitOnRedisFailure: 'open' | 'closed';
  /** INTROSPECTION_BY: `all`, `signed-in` or `none` may introspect the schema (production: signed-in; else all). */
  introspection: 'all' | 'signed-in' | 'none';
  /** FIELD_SUGGESTIONS: "Did you mean" hints in validation errors (production: off). */
  fieldSuggestions: boolean;
  /** CORS_ORIGINS: origins a browser may call the gateway from, comma-separated (none). */
  corsOrigins: string[];
}

export function readLimitSettings(env: NodeJS.ProcessEnv, production: boolean): LimitSettings {
  const count = (name: string, fallback: number, min = 0) => {
    const n = readCount(env[name], fallback, name);
    if (n < min) throw new SettingsError(`${name} must be at least ${min}, not "${env[name]}"`);
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if (!(allowed as readonly string[]).includes(v))
      throw new SettingsError(`${name} must be one of ${allowed.join(', ')}, not "${v}"`);
    return v as T;
  };
  return {
    maxDepth: count('MAX_DEPTH', 15, 1),
    maxAliases: count('MAX_ALIASES', 30),
    maxDirectives: count('MAX_DIRECTIVES', 50),
    maxTokens: count('MAX_TOKENS', 3000, 50),
    maxRootFields: count('MAX_ROOT_FIELDS', 20, 1),
    maxCost: count('MAX_COST', 50_000, 1),
    defaultListSize: count('COST_DEFAULT_LIST_SIZE', 20, 1),
    fieldWeights: readNumberMap(
      env.COST_FIELD_WEIGHTS,
      'COST_FIELD_WEIGHTS',
      /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/,
    ),
    maxBodyBytes: count('MAX_BODY_BYTES', 1024 * 1024, 1024),
    maxStringLength: count('MAX_STRING_LENGTH', 20_000, 1),
    signedInWritesPerMinute: count('SIGNED_IN_WRITES_PER_MINUTE', 300),
    writesPerMinuteByRole: readNumberMap(
      env.WRITES_PER_MINUTE_BY_ROLE,
      'WRITES_PER_MINUTE_BY_ROLE',
      /^[a-z]+$/,
    ),
    writeLimitOnRedisFailure: oneOf(
      'WRITE_LIMIT_ON_REDIS_FAILURE',
      ['open', 'closed'] as const,
      'open',
    ),
    introspection: oneOf(
      'INTROSPECTION_BY',
      ['all', 'signed-in', 'none'] as const,
      production ? 'signed-in' : 'all',
    ),
    fieldSuggestions: readSwitch(env.FIELD_SUGGESTIONS, !production, 'FIELD_SUGGESTIONS'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

/** `key=n,key=n` → a map of whole numbers; a key must match `keyShape`. */
function readNumberMap(
  value: string | undefined,
  name: string,
  keyShape: RegExp,
): Record<string, number> {
  const map: Record<string, number> = {};
  for (const pair of (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, n] = pair.split('=').map((s) => s.trim());
    if (!key || !keyShape.test(key))
      throw new SettingsError(`${name}: "${pair}" must be written key=number`);
    map[key] = readCount(n, 0, `${name} (${key})`);
  }
  return map;
}

function readCount(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new SettingsError(`${name} must be a whole number of 0 or more, not "${value}"`);
  return n;
}

function readSwitch(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  throw new SettingsError(`${name} must be on or off, not "${value}"`);
}
