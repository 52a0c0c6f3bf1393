import { migrate, openDatabase, systemEm } from '@cppcc/kit';
import { databases } from '@cppcc/testing';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { organization } from '../module.js';

/** On a database upgraded through 0009, members already on the replica stay counted for past periods. */
describe.each(databases())('member_fact backfill on $name', ({ url }) => {
  it('dates each existing member_ref row at the beginning of time', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}_facts`;
    const orm = await openDatabase({ module: organization.name, entities: organization.entities, migrations: organization.migrations, ...(url ? { url, schema } : { file: ':memory:' }) });
    const em = systemEm(orm);
    try {
      const before = organization.migrations[organization.migrations.findIndex((m) => m.name.endsWith('_member_facts')) - 1];
      await orm.getMigrator().up({ to: before.name });
      await em.execute(`insert into member_ref (member_id, district, name, party, cpc_member, sector_id, standing_committee, status, changed_at) values (7001, '341000', '委员', '中共党员', true, 1, false, 'ACTIVE', '2026-11-01T08:00:00.000Z')`);
      await migrate(orm);
      expect(await em.execute('select member_id, changed_at, status from member_fact')).toEqual([{ member_id: 7001, changed_at: '0001-01-01T00:00:00.000Z', status: 'ACTIVE' }]);
    } finally {
      if (url) await em.execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    }
  });
});
