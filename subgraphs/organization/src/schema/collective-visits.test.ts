import { randomUUID } from 'node:crypto';
import { CITY, leadershipOn } from '@cppcc/demo';
import { dutyReported } from '@cppcc/events';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const DAY = '2026-05-12';

describe.each(databases())(
  'the leadership visiting together (班子成员集体走访) on $name',
  ({ url }) => {
    let org: TestModule;
    const cityStaff = testCaller(['staff'], CITY);
    beforeAll(async () => {
      org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
      await publishMembers(org.transport);
    });
    afterAll(() => org?.stop());

    /** Reports each member on a visit, as a module that records visits does. */
    const went = (sourceId: string, memberIds: number[], kind = 'plugin.test-visits.visit') =>
      org.transport.publish(
        memberIds.map((memberId) => ({
          id: randomUUID(),
          type: dutyReported.type,
          source: 'test-visits',
          district: CITY,
          occurredAt: new Date().toISOString(),
          payload: {
            memberId: String(memberId),
            kind,
            sourceId,
            summary: '走访',
            occurredOn: DAY,
          },
        })),
      );
    const count = async (from: string, to: string, scope = 'DISTRICT_ONLY') => {
      const r = await org.execute<{ organizationStatistics: { collectiveVisits: number } }>(
        `{ organizationStatistics(district: "${CITY}", from: "${from}", to: "${to}", scope: ${scope}) { collectiveVisits } }`,
        {},
        cityStaff,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.organizationStatistics.collectiveVisits;
    };

    it('counts a visit when the chair and most of the posts held that day went, each visit once', async () => {
      const posts = leadershipOn(CITY, DAY);
      const chair = posts.find((p) => p.role === 'CHAIR')!.memberId;
      const others = posts.filter((p) => p.role !== 'CHAIR').map((p) => p.memberId);
      const most = Math.floor(posts.length / 2) + 1;
      expect(posts.length).toBeGreaterThan(3);
      expect(await count('2026-05-01', '2026-05-31')).toBe(0);
      // The chair and most of the posts: collective, though reported twice (redelivered).
      await went('test-visit:1', [chair, ...others.slice(0, most - 1)]);
      await went('test-visit:1', [chair, ...others.slice(0, most - 1)]);
      // The chair with too few of the others, and most of the posts without the chair: not.
      await went('test-visit:2', [chair, ...others.slice(0, most - 2)]);
      await went('test-visit:3', others);
      // The whole leadership at something that is not a visit: not recorded.
      await went('test-meeting:4', [chair, ...others], 'plugin.test-visits.meeting');
      expect(await count('2026-05-01', '2026-05-31')).toBe(1);
      expect(await count('2026-05-01', '2026-05-31', 'WITH_DISTRICTS_BELOW')).toBe(1);
      // A period without the visit's first day does not count it.
      expect(await count('2026-05-13', '2026-12-31')).toBe(0);
    });
  },
);
