import { randomUUID } from 'node:crypto';
import { districts, members as demoMembers, type DemoMember } from '@cppcc/demo';
import { memberRegistered } from '@cppcc/events';
import pg from 'pg';
import type { FilterQuery } from '@mikro-orm/core';
import {
  fromGlobalId,
  OutboxEventSchema,
  districtRegistered,
  migrate,
  openDatabase,
  systemEm,
  type EntityManager,
  type OutboxEvent,
  type Orm,
  memoryTransport,
  readSettings,
  processSettings,
  redisTransport,
  seesDistrictRows,
  signCaller,
  startModule,
  eventId,
  type BusEvent,
  type Caller,
  type EventDefinition,
  type ModuleDefinition,
  type PayloadOf,
  type Role,
  type RunningModule,
  type RuntimeOptions,
  type Transport,
} from '@cppcc/kit';

/** The database backends a test runs on: SQLite always, PostgreSQL where DATABASE_URL is set. */
export function databases(): { name: 'sqlite' | 'postgres'; url?: string }[] {
  const url = processSettings().databaseUrl;
  return [{ name: 'sqlite' }, ...(url ? [{ name: 'postgres' as const, url }] : [])];
}

/** The transports a test runs on: in-process always, Redis Streams where REDIS_URL is set. */
export function transports(): { name: 'memory' | 'redis'; make: () => Promise<Transport> }[] {
  const url = processSettings().redisUrl;
  return [
    { name: 'memory', make: async () => memoryTransport() },
    ...(url
      ? [
          {
            name: 'redis' as const,
            make: () => redisTransport({ url, stream: `test:${randomUUID()}`, blockMs: 100 }),
          },
        ]
      : []),
  ];
}

export interface TestModuleOptions extends Partial<RuntimeOptions> {
  databaseUrl?: string;
  /**
   * Announce the demo districts on the bus as the organization subgraph would. Defaults to
   * true when the module gets a bus of its own (tested alone).
   */
  demoDistricts?: boolean;
  /** PostgreSQL: a copy of this database (`create database … template`) instead of an empty one. */
  template?: string;
  /** `stop` leaves the PostgreSQL database in place (to make a template of it). */
  keepDatabase?: boolean;
}

/** An error in a GraphQL response, with the extensions the tests read. */
export interface GraphError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: { code?: string; field?: string; rule?: string; [key: string]: unknown };
}

/**
 * A GraphQL response whose data has the shape the test says it reads (`TData`): what the
 * server sends is JSON the schema shapes, so the test names the fields it selected.
 */
export interface GraphResponse<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: GraphError[];
  extensions?: Record<string, unknown>;
}

declare const selects: unique symbol;

/** An operation's text that carries the shape of the data it selects, as a typed document does. */
export type Operation<TData> = string & { readonly [selects]?: TData };

/** Names the shape of the data an operation selects; `execute` and `post` answer with it. */
export function operation<TData>(text: string): Operation<TData> {
  return text as Operation<TData>;
}

/**
 * A response with every object's global `id` read back as the key it names. Domain tests seed
 * rows and compare what the graph answers with them, as a client that keeps its own keys would;
 * the wire form of ids (global, opaque) has its own tests (tests/global-ids.e2e.ts), which ask
 * for it unchanged. Only the `id` property is read: foreign keys are not ids of their object.
 */
export function idsAsKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(idsAsKeys) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const global = k === 'id' ? fromGlobalId(v) : null;
    out[k] = global ? global.key : idsAsKeys(v);
  }
  return out as T;
}

export type TestModule = Omit<RunningModule, 'execute'> & {
  transport: Transport;
  /** The PostgreSQL database made for the module (none on SQLite). */
  database?: { url: string; name: string };
  /** Runs an operation in-process as `caller`; `TData` is the shape of the data it selects. */
  execute<TData = Record<string, unknown>>(
    query: string | Operation<TData>,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<GraphResponse<TData>>;
};

/**
 * A PostgreSQL database of the test's own. Schemas alone are not enough: MikroORM's migrator
 * and schema tools read every schema of a database, and other test files create and drop
 * theirs meanwhile.
 */
export async function createTestDatabase(
  url: string,
  name: string,
  template?: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const database = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_${name.replace(/-/g, '_')}`;
  await admin.query(`create database "${database}"${template ? ` template "${template}"` : ''}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${database}`;
  return {
    url: own.toString(),
    name: database,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists "${database}" with (force)`);
      await client.end();
    },
  };
}

/** Drops test databases at once: each drop waits for a checkpoint (~1.8 s), and concurrent drops share one. */
export async function dropTestDatabases(url: string, names: string[]): Promise<void> {
  await Promise.all(
    names.map(async (name) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    }),
  );
}

/**
 * Starts a module on a database of its own (SQLite in memory, or a fresh PostgreSQL database
 * that `stop` drops) so tests never share state.
 */
export async function startTestModule(
  definition: ModuleDefinition,
  options: TestModuleOptions = {},
): Promise<TestModule> {
  const database = options.databaseUrl
    ? await createTestDatabase(options.databaseUrl, definition.name, options.template)
    : undefined;
  // Tests may change a setting (e.g. ROUTER_SECRET), never the database the test made.
  const settings = { ...readSettings({}), ...options.settings, databaseUrl: database?.url };
  const transport = options.transport ?? memoryTransport();
  const running = await startModule(definition, {
    port: 0,
    file: ':memory:',
    seed: false,
    ...options,
    settings,
    transport,
  });
  if (options.demoDistricts ?? !options.transport) {
    await publishDemoDistricts(transport);
    await running.relay.kick();
  }
  return {
    ...running,
    transport,
    // The response is the JSON the schema shapes; the test declares which shape it selected.
    execute: async <TData>(query: string, variables?: Record<string, unknown>, caller?: Caller) =>
      idsAsKeys(await running.execute(query, variables, caller)) as GraphResponse<TData>,
    database: database && { url: database.url, name: database.name },
    async stop() {
      await running.stop();
      if (!options.keepDatabase) await database?.drop();
    },
  };
}

/** Publishes the demo districts the way the organization subgraph would, for modules tested alone. */
export async function publishDemoDistricts(transport: Transport): Promise<void> {
  await transport.publish(
    districts.map((d) => ({
      id: randomUUID(),
      type: districtRegistered.type,
      source: 'organization',
      district: d.code,
      occurredAt: new Date().toISOString(),
      payload: { code: d.code, name: d.name, parentCode: d.parent },
    })),
  );
}

export type MemberFacts = Pick<DemoMember, 'id' | 'district' | 'name'> &
  Partial<Pick<DemoMember, 'party' | 'sectorId' | 'standingCommittee'>> & {
    status?: 'ACTIVE' | 'SUSPENDED' | 'LEFT';
    changedAt?: string;
  };

/** Announces members the way the members subgraph does (`member.registered`), for modules tested without it; by default as of the demo term's first day. */
export async function publishDemoMembers(
  transport: Transport,
  list: MemberFacts[] = demoMembers(),
): Promise<void> {
  await transport.publish(
    list.map((m) => ({
      id: randomUUID(),
      type: memberRegistered.type,
      source: 'members',
      district: m.district,
      occurredAt: new Date().toISOString(),
      payload: {
        memberId: String(m.id),
        district: m.district,
        name: m.name,
        party: m.party ?? '无党派人士',
        cpcMember: m.party === '中共党员',
        sectorId: String(m.sectorId ?? 1),
        standingCommittee: m.standingCommittee ?? false,
        status: m.status ?? 'ACTIVE',
        changedAt: m.changedAt ?? '2021-12-20T00:00:00.000Z',
      },
    })),
  );
}

/**
 * An event as the module `source` would send it, its payload checked against the contract first
 * (a test publishing what no module could send would prove nothing).
 */
export function coreEvent<E extends EventDefinition>(
  definition: E,
  payload: PayloadOf<E>,
  source: string,
  district: string | null = null,
): BusEvent {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success)
    throw new Error(
      `${definition.type}: the payload breaks its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return {
    id: eventId(),
    type: definition.type,
    source,
    district,
    occurredAt: new Date().toISOString(),
    payload: parsed.data as Record<string, unknown>,
  };
}

/** What a module has written to its outbox, in the order its relay publishes it. */
export async function outbox(orm: Orm, where: FilterQuery<OutboxEvent>): Promise<OutboxEvent[]> {
  return systemEm(orm).find(OutboxEventSchema, where, {
    orderBy: { occurredAt: 'asc', id: 'asc' },
  });
}

/** A caller as the gateway would build it. City staff see every demo district. */
export function testCaller(
  roles: Role[],
  district: string | null,
  memberId: string | null = null,
  unitId: string | null = null,
): Caller {
  const below = districts.filter((d) => d.parent === district).map((d) => d.code);
  const seesDistrict = district !== null && seesDistrictRows(roles);
  return {
    userId: roles.length ? `u-${district}-${roles.join('-')}-${memberId ?? ''}` : null,
    memberId,
    unitId,
    district,
    roles,
    districts: seesDistrict ? [district, ...below] : [],
  };
}

export interface MigrationBench {
  em: EntityManager;
  /** Runs the migration under test and every later one. */
  migrateRest(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A module's database migrated up to just before the migration whose name ends with `suffix`
 * (SQLite in memory, or a PostgreSQL schema of its own that `close` drops): write the rows an
 * older release left, then `migrateRest` and check what the migration made of them.
 */
export async function beforeMigration(
  definition: ModuleDefinition,
  suffix: string,
  url: string | undefined,
): Promise<MigrationBench> {
  const at = definition.migrations.findIndex((m) => m.name.endsWith(suffix));
  if (at < 1)
    throw new Error(`${definition.name} has no migration ending in ${suffix} after another`);
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_migration`;
  const orm = await openDatabase({
    module: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    ...(url ? { url, schema } : { file: ':memory:' }),
  });
  const em = systemEm(orm);
  await orm.getMigrator().up({ to: definition.migrations[at - 1].name });
  return {
    em,
    migrateRest: () => migrate(orm),
    async close() {
      if (url) await em.execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    },
  };
}

/**
 * POSTs an operation straight to a subgraph as the gateway would: signed for that subgraph
 * (its name is the audience) and this exact body, with a fresh nonce each call.
 */
export async function askSubgraphAs(
  module: { name: string; url: string },
  caller: Caller,
  body: unknown,
  secret = readSettings({}).gatewaySecret,
): Promise<Response> {
  const text = JSON.stringify(body);
  const path = new URL(module.url).pathname;
  return fetch(module.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signCaller(caller, secret, { audience: module.name, method: 'POST', path, body: text }),
    },
    body: text,
  });
}

export * from './workflows.js';
