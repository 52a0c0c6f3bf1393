import { AuditEntrySchema } from '@cppcc/kit';
import { beforeMigration, databases } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { proposals } from '../module.js';

/** On a database upgraded through 0003, ratings given before there was one per proposer survive, in their round. */
describe.each(databases())('proposal ratings moved in by 0003 on $name', ({ url }) => {
  it("moves each lead's rating into proposal_rating, in the round after the proposal's reopenings before it", async () => {
    const { em, migrateRest, close } = await beforeMigration(proposals, '_ratings_origins', url);
    try {
      const row = (id: number, rating: string | null) =>
        `insert into proposal (id, district, title, category, year, situation, analysis, suggestions, status, author_id, submitted_at, rating, rating_comment) values (${id}, '341000', '关于某事的建议${id}', '经济', 2025, '情况', '分析', '建议', '${rating ? 'RATED' : 'FILED'}', ${100 + id}, '2025-01-10T00:00:00.000Z', ${rating ? `'${rating}'` : 'null'}, ${rating ? "'意见'" : 'null'})`;
      // Written through the ORM so each dialect stores the time its own way, as the live code did.
      const step = (id: number, action: string, at: string) =>
        em.insert(AuditEntrySchema, {
          entity: 'proposal',
          entityId: String(id),
          action,
          fromState: null,
          toState: 'X',
          actor: 'u',
          note: null,
          at: new Date(at),
        });
      await em.execute(row(1, 'SATISFIED'));
      await step(1, 'rateSatisfied', '2025-06-01T00:00:00.000Z');
      // Rated unsatisfied, reopened, rated again: the rating kept is the second, in round 2.
      await em.execute(row(2, 'BASICALLY_SATISFIED'));
      await step(2, 'rateUnsatisfied', '2025-05-01T00:00:00.000Z');
      await step(2, 'reopen', '2025-05-10T00:00:00.000Z');
      await step(2, 'rateSatisfied', '2025-09-01T00:00:00.000Z');
      await em.execute(row(3, null));
      await migrateRest();
      const ratings = await em.execute(
        'select proposal_id, member_id, role, round, rating, comment from proposal_rating order by proposal_id',
      );
      expect(ratings).toEqual([
        {
          proposal_id: 1,
          member_id: 101,
          role: 'LEAD',
          round: 1,
          rating: 'SATISFIED',
          comment: '意见',
        },
        {
          proposal_id: 2,
          member_id: 102,
          role: 'LEAD',
          round: 2,
          rating: 'BASICALLY_SATISFIED',
          comment: '意见',
        },
      ]);
      expect(await em.execute('select id, round from proposal order by id')).toEqual([
        { id: 1, round: 1 },
        { id: 2, round: 2 },
        { id: 3, round: 1 },
      ]);
    } finally {
      await close();
    }
  });
});
