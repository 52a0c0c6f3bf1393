import { randomUUID } from 'node:crypto';
import { districts } from '@cppcc/demo';
import {
  districtRegistered,
  memoryTransport,
  readSettings,
  redisTransport,
  seesDistrictRows,
  startModule,
  type Caller,
  type ModuleDefinition,
  type Role,
  type RunningModule,
  type RuntimeOptions,
  type Transport,
} from '@cppcc/kit';

/** The database backends a test runs on: SQLite always, PostgreSQL where DATABASE_URL is set. */
export function databases(): { name: 'sqlite' | 'postgres'; url?: string }[] {
  const url = process.env.DATABASE_URL;
  return [{ name: 'sqlite' }, ...(url ? [{ name: 'postgres' as const, url }] : [])];
}

/** The transports a test runs on: in-process always, Redis Streams where REDIS_URL is set. */
export function transports(): { name: 'memory' | 'redis'; make: () => Promise<Transport> }[] {
  const url = process.env.REDIS_URL;
  return [
    { name: 'memory', make: async () => memoryTransport() },
    ...(url ? [{ name: 'redis' as const, make: () => redisTransport({ url, stream: `test:${randomUUID()}`, blockMs: 100 }) }] : []),
  ];
}

export interface TestModuleOptions extends Partial<RuntimeOptions> {
  databaseUrl?: string;
  /**
   * Announce the demo districts on the bus as the organization subgraph would. Defaults to
   * true when the module gets a bus of its own (tested alone).
   */
  demoDistricts?: boolean;
}

export type TestModule = RunningModule & { transport: Transport };

/**
 * Starts a module on a database of its own (SQLite in memory, or a fresh PostgreSQL schema
 * that `stop` drops) so tests never share state.
 */
export async function startTestModule(definition: ModuleDefinition, options: TestModuleOptions = {}): Promise<TestModule> {
  const settings = { ...readSettings({}), databaseUrl: options.databaseUrl };
  const pgSchema = options.databaseUrl ? `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_${definition.name.replace(/-/g, '_')}` : undefined;
  const transport = options.transport ?? memoryTransport();
  const running = await startModule(definition, {
    port: 0,
    file: ':memory:',
    seed: false,
    ...options,
    settings,
    transport,
    pgSchema,
  });
  if (options.demoDistricts ?? !options.transport) {
    await publishDemoDistricts(transport);
    await running.relay.kick();
  }
  return {
    ...running,
    transport,
    async stop() {
      const connection = running.orm.em.getConnection();
      if (pgSchema) await connection.execute(`drop schema if exists "${pgSchema}" cascade`);
      await running.stop();
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

/** A caller as the gateway would build it. City staff see every demo district. */
export function testCaller(roles: Role[], district: string | null, memberId: string | null = null): Caller {
  const below = districts.filter((d) => d.parent === district).map((d) => d.code);
  const seesDistrict = district !== null && seesDistrictRows(roles);
  return {
    userId: roles.length ? `u-${district}-${roles.join('-')}-${memberId ?? ''}` : null,
    memberId,
    district,
    roles,
    districts: seesDistrict ? [district, ...below] : [],
  };
}
