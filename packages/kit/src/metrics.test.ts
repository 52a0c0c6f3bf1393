import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OutboxEventSchema, ProcessedEventSchema, busMigration } from './bus/outbox.js';
import { migrate, openDatabase, type EntityManager } from './db.js';
import { registry, watchModule } from './metrics.js';

const pool = async (module: string, state: 'used' | 'free' | 'pending') => {
  const line = (await registry.metrics())
    .split('\n')
    .find((l) => l.startsWith(`cppcc_db_pool_connections{module="${module}",state="${state}"}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe.runIf(process.env.DATABASE_URL)('cppcc_db_pool_connections on PostgreSQL', () => {
  it('counts the connection a transaction holds as used, and as free once it is done', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_pool`;
    const module = `pool-${randomUUID().slice(0, 8)}`;
    const orm = await openDatabase({
      module,
      entities: [OutboxEventSchema, ProcessedEventSchema],
      migrations: [busMigration],
      url: process.env.DATABASE_URL,
      schema,
    });
    const unwatch = watchModule(module, orm);
    try {
      await migrate(orm);
      const em = orm.em.fork() as EntityManager;
      await em.begin();
      await em.getConnection().execute('select 1', [], 'all', em.getTransactionContext());
      expect(await pool(module, 'used')).toBe(1);
      expect(await pool(module, 'pending')).toBe(0);
      await em.commit();
      expect(await pool(module, 'used')).toBe(0);
      expect(await pool(module, 'free')).toBeGreaterThanOrEqual(1);
    } finally {
      unwatch();
      await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    }
    // A module no longer watched is not reported.
    expect(await pool(module, 'used')).toBeUndefined();
  });
});
