import { AuditEntrySchema } from '@cppcc/kit';
import { beforeMigration, databases } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { proposals } from '../module.js';

/** On a database upgraded through 0008, drafts made from studio receptions before name them. */
describe.each(databases())('studio reception links by 0008 on $name', ({ url }) => {
  it('links each draft made from a reception (by its audit row), the first one only, and nothing else', async () => {
    const { em, migrateRest, close } = await beforeMigration(
      proposals,
      '_studio_reception_links',
      url,
    );
    try {
      const proposal = (id: number) =>
        `insert into proposal (id, district, title, category, year, situation, analysis, suggestions, status, author_id, submitted_at) values (${id}, '341002', '老街停车难影响客流${id}', '其他', 2026, '情况', '', '', 'DRAFT', 7, '2026-03-04T00:00:00.000Z')`;
      const item = (id: number) =>
        `insert into opinion_item (id, district, title, content, category, source, status, public) values (${id}, '341002', '茶农反映鲜叶收购价偏低${id}', '内容', '其他', 'MEMBER', 'DRAFT', false)`;
      const made = (entity: string, id: number, note: string) =>
        em.insert(AuditEntrySchema, {
          entity,
          entityId: String(id),
          action: 'draftFromStudio',
          fromState: null,
          toState: 'DRAFT',
          actor: null,
          note,
          at: new Date('2026-03-04T00:00:00.000Z'),
        });
      for (const id of [1, 2, 3, 4]) await em.execute(proposal(id));
      await made('proposal', 1, 'studio reception 12');
      // The same reception made a second draft (the event sent again by hand): only the first links.
      await made('proposal', 2, 'studio reception 12');
      await made('proposal', 3, 'studio reception 40');
      // Proposal 4 was written by its author: no link.
      for (const id of [1, 2]) await em.execute(item(id));
      await made('opinion_item', 2, 'studio reception 12');
      await migrateRest();
      expect(await em.execute('select id, studio_reception_id from proposal order by id')).toEqual([
        { id: 1, studio_reception_id: 12 },
        { id: 2, studio_reception_id: null },
        { id: 3, studio_reception_id: 40 },
        { id: 4, studio_reception_id: null },
      ]);
      expect(
        await em.execute('select id, studio_reception_id from opinion_item order by id'),
      ).toEqual([
        { id: 1, studio_reception_id: null },
        { id: 2, studio_reception_id: 12 },
      ]);
    } finally {
      await close();
    }
  });
});
