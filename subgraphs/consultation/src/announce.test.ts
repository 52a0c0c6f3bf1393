import { announceOnce, OutboxEventSchema, ProcessedEventSchema, systemEm } from '@cppcc/kit';
import {
  consultationActivityRegistered,
  recommendationRegistered,
  researchProjectRegistered,
} from '@cppcc/events';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
import { RecommendationSchema } from './entities/recommendation.entity.js';
import { ResearchProjectSchema } from './entities/research-project.entity.js';
import { consultation } from './module.js';
import { startConsultation } from './test-support.js';
import type { TestModule } from '@cppcc/testing';

/** A database from before the replicas existed: its records were never announced. */
describe.each(databases())(
  'announcing existing records once after an upgrade, on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startConsultation(url);
    });
    afterAll(() => module?.stop());

    it('announces every activity, research project and recommendation once per announce version, in one transaction with its mark', async () => {
      const em = () => systemEm(module.orm);
      const registrations = () =>
        em().count(OutboxEventSchema, {
          type: {
            $in: [
              consultationActivityRegistered.type,
              researchProjectRegistered.type,
              recommendationRegistered.type,
            ],
          },
        });
      // The seed announced the demo records and marked it; pretend the database predates both.
      expect(await em().count(ProcessedEventSchema, { consumer: '@announce', eventId: 'v1' })).toBe(
        1,
      );
      await em().nativeDelete(ProcessedEventSchema, { consumer: '@announce' });
      await em().nativeDelete(OutboxEventSchema, {});
      const records =
        (await em().count(ConsultationActivitySchema, {}, { filters: false })) +
        (await em().count(ResearchProjectSchema, {}, { filters: false })) +
        (await em().count(RecommendationSchema, {}, { filters: false }));
      expect(records).toBeGreaterThan(0);

      expect(await announceOnce(module.orm, consultation, false)).toBe(records);
      expect(await registrations()).toBe(records);
      // The next start finds the mark and announces nothing.
      expect(await announceOnce(module.orm, consultation, false)).toBe(0);
      expect(await registrations()).toBe(records);
      // A later version (another module began keeping a replica) announces again, once.
      expect(await announceOnce(module.orm, { ...consultation, announceVersion: 2 }, false)).toBe(
        records,
      );
      expect(await announceOnce(module.orm, { ...consultation, announceVersion: 2 }, false)).toBe(
        0,
      );
    });
  },
);
