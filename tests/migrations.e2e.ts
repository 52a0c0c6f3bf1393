import { migrate, openDatabase } from '@cppcc/kit';
import { installedModules } from '@cppcc/schema';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const url = process.env.DATABASE_URL;

// Migrations are written once with knex and run on both engines; on PostgreSQL, where column
// types are exact, the migrated schema must be what the entity definitions describe.
describe.runIf(url)('migrations on PostgreSQL', () => {
  it.each(installedModules().map((m) => [m.name, m] as const))('leave nothing for %s to change', async (_name, module) => {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_drift`;
    const orm = await openDatabase({ module: module.name, entities: module.entities, migrations: module.migrations, url, schema });
    try {
      await migrate(orm);
      expect(await orm.schema.getUpdateSchemaSQL({ wrap: false, schema })).toBe('');
    } finally {
      await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    }
  });
});

describe('migrations on SQLite', () => {
  it.each(installedModules().map((m) => [m.name, m] as const))('run from empty for %s and again as a no-op', async (_name, module) => {
    const orm = await openDatabase({ module: module.name, entities: module.entities, migrations: module.migrations, file: ':memory:' });
    try {
      await migrate(orm);
      await migrate(orm);
      const executed = await orm.getMigrator().getExecutedMigrations();
      expect(executed.map((m) => m.name)).toEqual(module.migrations.map((m) => m.name));
    } finally {
      await orm.close();
    }
  });
});
