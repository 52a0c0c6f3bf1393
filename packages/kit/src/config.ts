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
  };
}
