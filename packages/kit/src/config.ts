import path from 'node:path';

/** Process-wide settings, read once from the environment. */
export interface Settings {
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
  production: boolean;
  /** Anonymous mutations one client address may send a minute (0: no limit). */
  anonymousWritesPerMinute: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * Serve the GraphiQL explorer to browsers at /graphql (EXPLORER=on|off; default on, off under
   * NODE_ENV=production). Development explorers offer dev tokens as tabs; production ones never do.
   */
  explorer: boolean;
  /** Longest a bearer token may live (its `exp` minus its `iat`), in seconds. */
  tokenMaxLifetimeSeconds: number;
  /**
   * Shared secret a stock router (Hive Gateway, Apollo Router, Cosmo) inserts as
   * `x-cppcc-router-secret`; with it set, subgraphs also accept calls via such a router,
   * verifying the client's token themselves. Unset: only our gateway's proof is accepted.
   */
  routerSecret?: string;
  /** Load the demo data into empty tables (SEED; in production only with ALLOW_DEMO_DATA=true). */
  seedDemoData: boolean;
  /** Sign and print development tokens (always outside production; ALLOW_DEMO_TOKENS=true in production). */
  allowDemoTokens: boolean;
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
  /** Seconds a consumer idle with nothing pending stays in its group before it is removed (`BUS_DEAD_CONSUMER_SECONDS`, default 300). */
  busDeadConsumerSeconds: number;
  /** How long a stopping process lets requests in flight finish before it cuts them (SHUTDOWN_TIMEOUT_MS, default 10 s). */
  shutdownTimeoutMs: number;
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
}

/** A setting that is missing or wrong; the message names it and the rule. */
export class SettingsError extends Error {}

const DEV_SECRET = 'cppcc-dev-secret-change-me';

/** Shortest shared secret production accepts, in bytes (HMAC-SHA256 keys shorter than its output are guessable sooner). */
export const MIN_SECRET_BYTES = 32;

/**
 * Reads the settings. Called with the process's own environment, a wrong setting prints one
 * line naming it and ends the process with exit code 1; with another env it throws.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  if (env !== process.env) return parseSettings(env);
  try {
    return parseSettings(env);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    process.stderr.write(`settings: ${err.message}\n`);
    process.exit(1);
  }
}

function productionSecret(env: NodeJS.ProcessEnv, name: string): void {
  const value = env[name];
  if (!value) throw new SettingsError(`${name} must be set in production (at least ${MIN_SECRET_BYTES} random bytes)`);
  if (value === DEV_SECRET) throw new SettingsError(`${name} is the development default; set a secret of your own in production`);
  const bytes = Buffer.byteLength(value);
  if (bytes < MIN_SECRET_BYTES) throw new SettingsError(`${name} has ${bytes} bytes; production needs at least ${MIN_SECRET_BYTES}`);
}

function readFlag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new SettingsError(`${name} must be true or false, not "${value}"`);
}

function parseSettings(env: NodeJS.ProcessEnv): Settings {
  const production = env.NODE_ENV === 'production';
  const gatewaySecret = env.GATEWAY_SECRET || DEV_SECRET;
  const jwtSecret = env.JWT_SECRET || DEV_SECRET;
  const allowDemoData = readFlag(env.ALLOW_DEMO_DATA, 'ALLOW_DEMO_DATA') ?? false;
  const seed = readFlag(env.SEED, 'SEED');
  if (production) {
    productionSecret(env, 'GATEWAY_SECRET');
    if (!env.JWKS_URL) productionSecret(env, 'JWT_SECRET');
    if (env.ROUTER_SECRET) productionSecret(env, 'ROUTER_SECRET');
    if (!env.JWT_ISSUER) throw new SettingsError('JWT_ISSUER must be set in production (tokens must name their issuer)');
    if (!env.JWT_AUDIENCE) throw new SettingsError('JWT_AUDIENCE must be set in production (tokens must name this platform as audience)');
    if (seed && !allowDemoData) throw new SettingsError('SEED=true loads demo data; in production that also needs ALLOW_DEMO_DATA=true');
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    redisStream: env.REDIS_STREAM || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    gatewaySecret,
    jwtSecret,
    jwksUrl: env.JWKS_URL || undefined,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    production,
    anonymousWritesPerMinute: readCount(env.ANONYMOUS_WRITES_PER_MINUTE, 30, 'ANONYMOUS_WRITES_PER_MINUTE'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    explorer: readSwitch(env.EXPLORER, !production, 'EXPLORER'),
    tokenMaxLifetimeSeconds: readCount(env.TOKEN_MAX_LIFETIME_SECONDS, 12 * 3600, 'TOKEN_MAX_LIFETIME_SECONDS'),
    routerSecret: env.ROUTER_SECRET || undefined,
    // Production loads demo data only when asked twice (ALLOW_DEMO_DATA=true, and SEED not false).
    seedDemoData: production ? allowDemoData && seed !== false : seed !== false,
    allowDemoTokens: !production || (readFlag(env.ALLOW_DEMO_TOKENS, 'ALLOW_DEMO_TOKENS') ?? false),
    outboxRetainHours: readCount(env.OUTBOX_RETAIN_HOURS, 24, 'OUTBOX_RETAIN_HOURS'),
    busClaimIdleSeconds: readPositive(env.BUS_CLAIM_IDLE_SECONDS, 30, 'BUS_CLAIM_IDLE_SECONDS'),
    busDeadConsumerSeconds: readPositive(env.BUS_DEAD_CONSUMER_SECONDS, 300, 'BUS_DEAD_CONSUMER_SECONDS'),
    ...readTransportSettings(env, production),
  };
}

function readTransportSettings(env: NodeJS.ProcessEnv, production: boolean) {
  const keepAliveTimeoutMs = readCount(env.KEEP_ALIVE_TIMEOUT_MS, 10_000, 'KEEP_ALIVE_TIMEOUT_MS');
  const subgraphIdleSocketMs = readCount(env.SUBGRAPH_IDLE_SOCKET_MS, 4_000, 'SUBGRAPH_IDLE_SOCKET_MS');
  if (subgraphIdleSocketMs >= keepAliveTimeoutMs) {
    throw new SettingsError(`SUBGRAPH_IDLE_SOCKET_MS (${subgraphIdleSocketMs}) must be below KEEP_ALIVE_TIMEOUT_MS (${keepAliveTimeoutMs}): a socket the subgraph closed would be reused`);
  }
  const faultKillAfterCommit = env.FAULT_KILL_AFTER_COMMIT === '1';
  if (faultKillAfterCommit && production) throw new SettingsError('FAULT_KILL_AFTER_COMMIT is a test hook; it is refused with NODE_ENV=production');
  return {
    shutdownTimeoutMs: readCount(env.SHUTDOWN_TIMEOUT_MS, 10_000, 'SHUTDOWN_TIMEOUT_MS'),
    keepAliveTimeoutMs,
    subgraphIdleSocketMs,
    subgraphTimeoutMs: readCount(env.SUBGRAPH_TIMEOUT_MS, 15_000, 'SUBGRAPH_TIMEOUT_MS'),
    idempotencyTtlHours: readCount(env.IDEMPOTENCY_TTL_HOURS, 24, 'IDEMPOTENCY_TTL_HOURS'),
    faultKillAfterCommit,
  };
}

function readCount(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new SettingsError(`${name} must be a whole number of 0 or more, not "${value}"`);
  return n;
}

function readSwitch(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  throw new Error(`${name} must be on or off, not "${value}"`);
}

function readPositive(value: string | undefined, fallback: number, name: string): number {
  const n = readCount(value, fallback, name);
  if (n === 0) throw new Error(`${name} must be a whole number of 1 or more, not "${value}"`);
  return n;
}
