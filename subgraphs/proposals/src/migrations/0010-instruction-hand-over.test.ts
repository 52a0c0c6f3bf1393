import { instructionHandedOver } from '@cppcc/events';
import { beforeMigration, databases } from '@cppcc/testing';
import { OutboxEventSchema, type PayloadOf } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { handOverInstructions } from '../commands/instructions.js';
import { proposals } from '../module.js';

/**
 * On a database upgraded through 0010, the instructions proposals recorded before stay counted
 * (instruction_ref) and are handed over to consultation, one event per row with all it needs.
 */
describe.each(databases())('instruction hand-over by 0010 on $name', ({ url }) => {
  it('copies the old rows into the tally and hands each over once per announce', async () => {
    const { em, migrateRest, close } = await beforeMigration(
      proposals,
      '_instruction_hand_over',
      url,
    );
    try {
      await em.execute(
        `insert into proposal (id, district, title, category, year, situation, analysis, suggestions, status, author_id, submitted_at) values (3, '341002', '老街停车难', '其他', 2026, '情况', '', '', 'FILED', 7, '2026-03-04T00:00:00.000Z')`,
      );
      await em.execute(
        `insert into opinion_item (id, district, title, content, category, source, status, public) values (4, '341000', '茶农反映鲜叶收购价偏低', '内容', '其他', 'MEMBER', 'ISSUED', false)`,
      );
      const row = (id: number, type: string, subject: number, district: string, level: string) =>
        em.execute(
          `insert into instruction (id, district, subject_type, subject_id, leader, level, text, instructed_on, public) values (${id}, '${district}', '${type}', ${subject}, '国家领导人', '${level}', '要重视。', '2025-06-0${id}', false)`,
        );
      await row(1, 'PROPOSAL', 3, '341002', 'CITY');
      await row(2, 'OPINION_ITEM', 4, '341000', 'NATIONAL');
      await migrateRest();
      expect(
        await em.execute(
          'select legacy_id, instruction_id, district, subject_type, subject_id, level, instructed_on from instruction_ref order by legacy_id',
        ),
      ).toEqual([
        {
          legacy_id: 1,
          instruction_id: null,
          district: '341002',
          subject_type: 'PROPOSAL',
          subject_id: 3,
          level: 'CITY',
          instructed_on: '2025-06-01',
        },
        {
          legacy_id: 2,
          instruction_id: null,
          district: '341000',
          subject_type: 'OPINION_ITEM',
          subject_id: 4,
          level: 'NATIONAL',
          instructed_on: '2025-06-02',
        },
      ]);
      expect(await handOverInstructions(em)).toBe(2);
      const sent = await em.find(
        OutboxEventSchema,
        { type: instructionHandedOver.type },
        { orderBy: { id: 'asc' } },
      );
      const payloads = sent.map((e) => e.payload as PayloadOf<typeof instructionHandedOver>);
      expect(payloads).toEqual([
        {
          sourceId: '1',
          district: '341002',
          subjectType: 'PROPOSAL',
          subjectId: '3',
          title: '老街停车难',
          leader: '国家领导人',
          level: 'CITY',
          text: '要重视。',
          instructedOn: '2025-06-01',
        },
        {
          sourceId: '2',
          district: '341000',
          subjectType: 'OPINION_ITEM',
          subjectId: '4',
          title: '茶农反映鲜叶收购价偏低',
          leader: '国家领导人',
          level: 'NATIONAL',
          text: '要重视。',
          instructedOn: '2025-06-02',
        },
      ]);
      // Each payload keeps the contract consultation reads.
      for (const p of payloads)
        expect(instructionHandedOver.payload.safeParse(p).success).toBe(true);
    } finally {
      await close();
    }
  });
});
