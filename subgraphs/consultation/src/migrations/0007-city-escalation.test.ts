import { beforeMigration, databases } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { consultation } from '../module.js';

/** On a database upgraded through 0007, escalations recorded before keep their ids and become TAKEN_UP. */
describe.each(databases())('escalations carried over by 0007 on $name', ({ url }) => {
  it('keeps each row and its id, marks it TAKEN_UP, and numbers new rows after it', async () => {
    const { em, migrateRest, close } = await beforeMigration(consultation, '_city_escalation', url);
    try {
      await em.execute(
        "insert into escalation (id, district, body, title, research_project_id, activity_id, taken_up_on, held_on, note, public) values (7, '341000', 'PROVINCIAL_KEY_AGENDA', '深化新安江流域生态补偿机制试点', 1, null, '2025-12-20', null, '列为省政协年度重点协商议题', true)",
      );
      await migrateRest();
      expect(
        await em.execute(
          'select id, body, status, taken_up_on, to_district, version from escalation',
        ),
      ).toEqual([
        {
          id: 7,
          body: 'PROVINCIAL_KEY_AGENDA',
          status: 'TAKEN_UP',
          taken_up_on: '2025-12-20',
          to_district: null,
          version: 1,
        },
      ]);
      await em.execute(
        "insert into escalation (district, body, to_district, title, status, public) values ('341002', 'CITY_COMMITTEE', '341000', '推动城郊乡村振兴示范带建设', 'SUBMITTED', false)",
      );
      expect(await em.execute('select id from escalation order by id')).toEqual([
        { id: 7 },
        { id: 8 },
      ]);
    } finally {
      await close();
    }
  });
});
