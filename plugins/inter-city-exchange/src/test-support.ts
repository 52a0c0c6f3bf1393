import { consultation } from '@cppcc/consultation';
import { members } from '@cppcc/members';
import { databases, transports } from '@cppcc/testing';
import { startPluginTest, type PluginTest } from '@cppcc/plugin-sdk/testing';
import { interCityExchange } from './manifest.js';

/** Every database × bus this machine offers (SQLite + memory always; PostgreSQL + Redis when set). */
export function setups() {
  const [memory, redis] = transports();
  return databases().map((db) => ({
    name: `${db.name}/${db.url && redis ? 'redis' : 'memory'}`,
    url: db.url,
    transport: db.url && redis ? redis : memory,
  }));
}

/** The plugin behind a gateway with members and consultation (owners of Member and ResearchProject, which it extends). */
export async function start(
  setup: ReturnType<typeof setups>[number],
  seed = false,
): Promise<PluginTest> {
  return startPluginTest(interCityExchange, {
    core: [members, consultation],
    databaseUrl: setup.url,
    transport: await setup.transport.make(),
    seed,
  });
}

export const as = (
  roles: ('staff' | 'operator' | 'member' | 'leader')[],
  district: string,
  memberId: string | null = null,
) => ({ as: { roles, district, memberId } });

/** Rows of a plugin table, read beside GraphQL to prove what was (not) written. */
export async function count(t: PluginTest, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await t.plugin.orm.em.fork().getConnection().execute(sql, params);
  return Number(Object.values(rows[0])[0]);
}
