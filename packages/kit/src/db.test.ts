import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { busMigration, OutboxEventSchema, ProcessedEventSchema } from './bus/outbox.js';
import { lockFor, migrate, openDatabase, type EntityManager } from './db.js';

describe.runIf(process.env.DATABASE_URL)('lockFor on postgres', () => {
  it('makes a second transaction taking the same lock wait until the first ends, and not one taking another', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_lock`;
    const orm = await openDatabase({
      module: 'lock-test',
      entities: [OutboxEventSchema, ProcessedEventSchema],
      migrations: [busMigration],
      url: process.env.DATABASE_URL,
      schema,
      file: ':memory:',
    });
    try {
      await migrate(orm);
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const firstHasIt = new Promise<void>((r) => (locked = r));
      const first = orm.em.fork().transactional(async (em) => {
        await lockFor(em as EntityManager, 'day:341002:2026-12-04');
        locked();
        await held;
        order.push('first commits');
      });
      await firstHasIt;
      const other = orm.em.fork().transactional(async (em) => {
        await lockFor(em as EntityManager, 'day:341021:2026-12-04');
        order.push('other key');
      });
      const second = orm.em.fork().transactional(async (em) => {
        await lockFor(em as EntityManager, 'day:341002:2026-12-04');
        order.push('second has the lock');
      });
      await other;
      // The second is still waiting: only the first's end lets it through.
      expect(order).toEqual(['other key']);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['other key', 'first commits', 'second has the lock']);
    } finally {
      await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    }
  });
});
