import { migrate, openDatabase } from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const url = process.env.DATABASE_URL;

// Migrations are written once with knex and run on both engines; on PostgreSQL, where column
// types are exact, the migrated schema must be what the entity definitions describe.
// MikroORM's introspection reads every schema of the database, so each check gets a database
// of its own: other tests create and drop schemas meanwhile.
describe.runIf(url)('migrations on PostgreSQL', () => {
  it.each(installedModules().map((m) => [m.name, m] as const))(
    'leave nothing for %s to change',
    async (_name, module) => {
      const database = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_drift`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database "${database}"`);
      const own = new URL(url!);
      own.pathname = `/${database}`;
      const orm = await openDatabase({
        module: module.name,
        entities: module.entities,
        migrations: module.migrations,
        url: own.toString(),
      });
      try {
        await migrate(orm);
        expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
      } finally {
        await orm.close();
        await admin.query(`drop database if exists "${database}"`);
        await admin.end();
      }
    },
  );
});

describe('migrations on SQLite', () => {
  it.each(installedModules().map((m) => [m.name, m] as const))(
    'run from empty for %s and again as a no-op',
    async (_name, module) => {
      const orm = await openDatabase({
        module: module.name,
        entities: module.entities,
        migrations: module.migrations,
        file: ':memory:',
      });
      try {
        await migrate(orm);
        await migrate(orm);
        const executed = await orm.getMigrator().getExecutedMigrations();
        expect(executed.map((m) => m.name)).toEqual(module.migrations.map((m) => m.name));
      } finally {
        await orm.close();
      }
    },
  );
});
