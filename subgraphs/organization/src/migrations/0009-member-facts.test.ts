import { beforeMigration, databases } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { organization } from '../module.js';

/** On a database upgraded through 0009, members already on the replica stay counted for past periods. */
describe.each(databases())('member_fact backfill on $name', ({ url }) => {
  it('dates each existing member_ref row at the beginning of time', async () => {
    const { em, migrateRest, close } = await beforeMigration(organization, '_member_facts', url);
    try {
      await em.execute(
        `insert into member_ref (member_id, district, name, party, cpc_member, sector_id, standing_committee, status, changed_at) values (7001, '341000', '委员', '中共党员', true, 1, false, 'ACTIVE', '2026-11-01T08:00:00.000Z')`,
      );
      await migrateRest();
      expect(await em.execute('select member_id, changed_at, status from member_fact')).toEqual([
        { member_id: 7001, changed_at: '0001-01-01T00:00:00.000Z', status: 'ACTIVE' },
      ]);
    } finally {
      await close();
    }
  });
});
