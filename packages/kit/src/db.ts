import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type EntitySchema, type MigrationObject, type Options } from '@mikro-orm/core';
import type { AbstractSqlConnection, SqlEntityManager } from '@mikro-orm/knex';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Caller } from './caller.js';
import { moduleLogger } from './log.js';
import { traceSql } from './tracing.js';
import { watchWork } from './work-waiting.js';

/** What `pg` hands the pool's afterCreate hook: a connection that runs SQL. */
interface PgConnection {
  query(sql: string, done: (err: unknown) => void): void;
}

export type Orm = MikroORM;
export type EntityManager = SqlEntityManager;

export interface DatabaseOptions {
  /** Module name; the PostgreSQL schema and the SQLite file are named after it. */
  module: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  /** PostgreSQL URL. Without it the module uses SQLite. */
  url?: string;
  /** PostgreSQL schema; defaults to the module name. */
  schema?: string;
  /** SQLite file, or ':memory:'. Defaults to `<dataDir>/<module>.sqlite`. */
  file?: string;
  dataDir?: string;
  /** Sees every SQL statement; tests count them to prove there is no N+1. */
  onQuery?: (sql: string) => void;
  /** `onQuery` sees each statement with its values in place, so a test can EXPLAIN it. */
  queryParams?: boolean;
}

/** Name of the filter every district-owned entity carries. */
export const DISTRICT_FILTER = 'district';

export interface DistrictFilterParams {
  /** System work (seeding, consumers) sees everything. */
  all?: boolean;
  districts?: string[];
}

export function districtFilterParams(caller: Caller | 'system'): DistrictFilterParams {
  return caller === 'system' ? { all: true } : { districts: caller.districts };
}

/**
 * Entities with a `district` column and a `public` flag are district-owned: a caller reads
 * rows of the districts it may see, plus rows marked public.
 */
function districtOwned(entities: EntitySchema[]): string[] {
  return entities
    .filter((e) => 'district' in e.meta.properties && 'public' in e.meta.properties)
    .map((e) => e.meta.className);
}

export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  const log = moduleLogger(options.module);
  const common: Partial<Options> = {
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    filters: {
      [DISTRICT_FILTER]: {
        name: DISTRICT_FILTER,
        entity: districtOwned(options.entities),
        default: true,
        cond: (args: DistrictFilterParams) =>
          args.all ? {} : { $or: [{ public: true }, { district: { $in: args.districts ?? [] } }] },
      },
    },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    debug: options.onQuery
      ? ['query', ...(options.queryParams ? ['query-params' as const] : [])]
      : false,
    logger: options.onQuery
      ? (message: string) => options.onQuery!(message)
      : (message: string) => log.debug(message),
  };
  let orm: MikroORM;
  if (options.url) {
    const schema = options.schema ?? options.module;
    orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: options.url,
      schema,
      pool: {
        min: 0,
        max: 10,
        // Each module owns one schema; search_path makes the migrations' unqualified SQL land there.
        afterCreate: (conn: PgConnection, done: (err: unknown, conn: PgConnection) => void) =>
          conn.query(
            `create schema if not exists "${schema}"; set search_path to "${schema}"`,
            (err: unknown) => done(err, conn),
          ),
      },
    } as Options);
  } else {
    const file = options.file ?? path.join(options.dataDir ?? 'data', `${options.module}.sqlite`);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    // Another process may write the same file (`npm run announce`, `npm run migrate` beside a running
    // platform): wait for its lock instead of failing at once with SQLITE_BUSY (libsql's default is 0 ms).
    orm = await MikroORM.init({
      ...common,
      driver: LibSqlDriver,
      dbName: file,
      driverOptions: { connection: { timeout: SQLITE_BUSY_TIMEOUT_MS } },
    } as Options);
  }
  // Every write of a record whose workflow addresses its work publishes that work (the inbox).
  watchWork(orm as Orm, options.module, options.entities);
  // Both drivers (PostgreSQL, libSQL) are knex-based; the ORM's type names only the base connection.
  traceSql(
    (orm.em.getConnection() as AbstractSqlConnection).getKnex(),
    options.url ? 'postgresql' : 'sqlite',
    options.module,
  );
  return orm;
}

/** How long an SQLite connection waits for another's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export async function migrate(orm: Orm): Promise<void> {
  await orm.getMigrator().up();
}

/**
 * For processes that must not migrate (MIGRATE_ON_START=false, production replicas): refuses to
 * run on a schema that is behind the code, naming the step that brings it up to date.
 */
export async function requireMigrated(orm: Orm, module: string): Promise<void> {
  const pending = await orm.getMigrator().getPendingMigrations();
  if (pending.length > 0) {
    throw new Error(
      `${module}: ${pending.length} migration(s) pending (${pending.map((m) => m.name).join(', ')}); run \`npm run migrate\` first (or MIGRATE_ON_START=true)`,
    );
  }
}

/** A fork for work that is nobody's request: seeding, event consumers, the relay. */
export function systemEm(orm: Orm): EntityManager {
  const em = orm.em.fork() as EntityManager;
  em.setFilterParams(DISTRICT_FILTER, districtFilterParams('system'));
  return em;
}

/**
 * After rows were inserted with explicit ids (demo data that other modules refer to by id),
 * moves PostgreSQL's sequence past them. SQLite needs nothing: it continues from the max id.
 */
export async function syncSequence(em: EntityManager, table: string, column = 'id'): Promise<void> {
  if (em.getPlatform().constructor.name.startsWith('PostgreSql')) {
    await em.execute(
      `select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce((select max("${column}") from "${table}"), 0) + 1, false)`,
    );
  }
}

/**
 * Holds a lock named `key` until the transaction `em` belongs to ends, so two transactions that
 * each read what the other writes (a meeting being held, a leave arriving for it) run one after
 * the other and the second sees the first. PostgreSQL: a transaction-scoped advisory lock.
 * SQLite needs nothing: it lets one writer at a time.
 */
export async function lockFor(em: EntityManager, key: string): Promise<void> {
  if (em.getPlatform().constructor.name.startsWith('PostgreSql')) {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [key]);
  }
}

/**
 * Writes many rows in slices, flushing and clearing the identity map between them so that
 * memory stays flat however large the demo data is scaled.
 */
export async function writeInBatches<T>(
  em: EntityManager,
  items: T[],
  write: (item: T) => void,
  progress?: (done: number, total: number) => void,
  size = 500,
): Promise<void> {
  for (const [i, item] of items.entries()) {
    write(item);
    if ((i + 1) % size === 0) {
      await em.flush();
      em.clear();
      progress?.(i + 1, items.length);
    }
  }
  await em.flush();
  em.clear();
  progress?.(items.length, items.length);
}
