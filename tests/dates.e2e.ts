import { CITY } from '@cppcc/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

// The Date scalar refuses an impossible day before any resolver runs: no resolver, no row touched.
describe.each(CONFIGURATIONS)(
  'a bad Date through the gateway via $name',
  ({ engine, settings }) => {
    let stack: Stack;
    let staff: string;
    beforeAll(async () => {
      stack = await startStack({ engine, settings });
      staff = await stack.token({ roles: ['staff'], district: CITY });
    });
    afterAll(() => stack?.stop());

    it('refuses 2026-02-30 in a mutation argument with 400 BAD_USER_INPUT, naming the argument and the rule', async () => {
      const r = await stack.post(
        {
          // The variable is named otherwise: the refusal names the argument it stands for.
          query:
            'mutation($day: Date!) { recordAward(memberId: "1", title: "优秀政协委员", level: CITY, awardedOn: $day) { id } }',
          variables: { day: '2026-02-30' },
        },
        { token: staff },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.data ?? null).toBeNull();
      expect(r.body.errors).toHaveLength(1);
      expect(r.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'awardedOn',
        rule: 'date',
      });
      expect(r.body.errors?.[0].message).toMatch(/must be a calendar date written YYYY-MM-DD/);
    });

    it('names the input field of a bad day inside an input object', async () => {
      const r = await stack.post(
        {
          query:
            'mutation($i: SubmitInputContributionInput!) { submitInputContribution(campaignId: "1", input: $i) { id } }',
          variables: {
            i: {
              kind: 'SUGGESTION',
              theme: '文旅',
              title: '关于古村落保护的建议',
              text: '建议串联徽州古村落，打造研学旅游线路。',
              receivedOn: '2026-13-01',
            },
          },
        },
        { token: staff },
      );
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.receivedOn',
        rule: 'date',
      });
    });

    it('refuses an impossible day written into the document, naming the argument', async () => {
      const r = await stack.post(
        {
          query:
            'mutation { recordAward(memberId: "1", title: "优秀政协委员", level: CITY, awardedOn: "2026-3-1") { id } }',
        },
        { token: staff },
      );
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'awardedOn',
        rule: 'date',
      });
    });

    it('takes a real day written the same way', async () => {
      const r = await stack.post(
        {
          query:
            'mutation($awardedOn: Date!) { recordAward(memberId: "1", title: "优秀政协委员", level: CITY, awardedOn: $awardedOn) { id } }',
          variables: { awardedOn: '2026-02-28' },
        },
        { token: staff },
      );
      // Past the scalar: what stops it now is the missing member, not the date.
      expect(r.body.errors?.[0]?.extensions?.rule).not.toBe('date');
    });
  },
);
