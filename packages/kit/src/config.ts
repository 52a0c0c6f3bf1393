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
}

const DEV_SECRET = 'cppcc-dev-secret-change-me';

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const production = env.NODE_ENV === 'production';
  const gatewaySecret = env.GATEWAY_SECRET ?? DEV_SECRET;
  const jwtSecret = env.JWT_SECRET ?? DEV_SECRET;
  if (production && (gatewaySecret === DEV_SECRET || (!env.JWKS_URL && jwtSecret === DEV_SECRET))) {
    throw new Error('NODE_ENV=production needs GATEWAY_SECRET and JWT_SECRET (or JWKS_URL) to be set');
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
  };
}

function readCount(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of 0 or more, not "${value}"`);
  return n;
}

function readSwitch(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  throw new Error(`${name} must be on or off, not "${value}"`);
}
