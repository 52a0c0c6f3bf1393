import { randomUUID } from 'node:crypto';
import { beforeMigration, databases } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { members } from '../module.js';

/** Entries recorded before 0011 learn how many authors their work had, so a split rule scores them right. */
describe.each(databases())('duty_event.authors backfill on $name', ({ url }) => {
  it('counts the authors of each joint work from its rows; a lone entry or one without a role stays as it was', async () => {
    const { em, migrateRest, close } = await beforeMigration(members, '_duty_event_authors', url);
    try {
      const row = (
        id: number,
        memberId: number,
        kind: string,
        sourceId: string,
        role: string | null,
      ) =>
        em.execute(
          `insert into duty_event (id, member_id, kind, role, source_module, source_id, summary, occurred_at, event_id) values (${id}, ${memberId}, '${kind}', ${role ? `'${role}'` : 'null'}, 'proposals', '${sourceId}', 's', '2025-05-01 00:00:00', '${randomUUID()}')`,
        );
      await row(1, 11, 'proposal.filed', '7', 'LEAD');
      await row(2, 12, 'proposal.filed', '7', 'CO');
      await row(3, 13, 'proposal.filed', '7', 'CO');
      await row(4, 11, 'proposal.submitted', '7', 'LEAD');
      await row(5, 14, 'proposal.filed', '8', 'LEAD');
      await row(6, 11, 'consultation.attended', '3', null);
      await migrateRest();
      expect(await em.execute('select id, authors from duty_event order by id')).toEqual([
        { id: 1, authors: 3 },
        { id: 2, authors: 3 },
        { id: 3, authors: 3 },
        { id: 4, authors: 1 },
        { id: 5, authors: 1 },
        { id: 6, authors: null },
      ]);
    } finally {
      await close();
    }
  });
});
