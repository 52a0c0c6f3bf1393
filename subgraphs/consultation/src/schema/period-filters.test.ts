import { CITY } from '@cppcc/demo';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const cityStaff = testCaller(['staff'], CITY);

interface Row {
  id: string;
  [field: string]: string | null;
}

/**
 * Each list the report needs with a period: how to ask it (`args` put the period where the list
 * takes it), the fields read back, and the day that places a row (null: in no period).
 */
const LISTS = [
  {
    list: 'inputCampaigns',
    args: (p: string) => p,
    fields: 'id opensOn',
    day: (r: Row) => r.opensOn,
  },
  {
    list: 'implementationResults',
    args: (p: string) => `filter: { ${p} }`,
    fields: 'id startOn',
    day: (r: Row) => r.startOn,
  },
  {
    list: 'consultationEscalations',
    args: (p: string) => p,
    fields: 'id escalatedOn takenUpOn',
    // Sent up on escalatedOn; a higher body's (never sent, taken up) on takenUpOn.
    day: (r: Row) => r.escalatedOn ?? r.takenUpOn,
  },
];

describe.each(databases())('consultation lists take a period on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
    // The demo has one campaign: two more on other days, so a period has something to cut.
    for (const [opensOn, closesOn] of [
      ['2025-03-01', '2025-04-30'],
      ['2026-09-01', '2026-10-31'],
    ])
      await ok(
        module,
        `mutation($i: DraftInputCampaignInput!) { draftInputCampaign(input: $i) { id } }`,
        {
          i: {
            district: CITY,
            title: `征集意见建议（${opensOn}）`,
            purpose: '年度协商计划',
            opensOn,
            closesOn,
            themes: ['民生'],
          },
        },
        cityStaff,
      );
  });
  afterAll(() => module?.stop());

  const read = async (list: string, args: string, fields: string) =>
    (
      await ok<Record<string, { totalCount: number; nodes: Row[] }>>(
        module,
        `{ ${list}(${args}${args ? ', ' : ''}first: 1000) { totalCount nodes { ${fields} } } }`,
        {},
        cityStaff,
      )
    )[list];

  it.each(LISTS)(
    '$list counts exactly the records whose day is in the period, bounds inclusive',
    async ({ list, args, fields, day }) => {
      const all = (await read(list, '', fields)).nodes;
      const days = all
        .map(day)
        .filter((d): d is string => d != null)
        .sort();
      // Enough distinct days that a period can cut the list in two.
      expect(new Set(days).size, `${list} has rows on several days`).toBeGreaterThan(1);
      // The second day the rows have: rows fall on both sides of it.
      const mid = days.find((d) => d > days[0])!;
      const within = (from: string, to: string) =>
        all
          .filter((r) => {
            const d = day(r);
            return d != null && d >= from && d <= to;
          })
          .map((r) => r.id)
          .sort();
      const ids = async (period: string) =>
        (await read(list, args(period), fields)).nodes.map((r) => r.id).sort();
      for (const [period, from, to] of [
        [`from: "${mid}", to: "${mid}"`, mid, mid],
        [`from: "${mid}"`, mid, '9999-12-31'],
        [`to: "${mid}"`, '0000-01-01', mid],
        [`from: "${days[0]}", to: "${days.at(-1)}"`, days[0], days.at(-1)!],
      ] as const) {
        const expected = within(from, to);
        expect(await ids(period), `${list}(${period})`).toEqual(expected);
      }
      // The cut is real: rows before that day, rows from it on.
      expect(within(mid, '9999-12-31').length).toBeLessThan(all.length);
      expect(within(mid, '9999-12-31').length).toBeGreaterThan(0);
      const refused = await module.execute(
        `{ ${list}(${args('from: "2026-02-01", to: "2026-01-31"')}) { totalCount } }`,
        {},
        cityStaff,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: list === 'implementationResults' ? 'filter.to' : 'to',
        rule: 'order',
      });
    },
  );

  it('consultationEscalations: `city` names the committee escalated to (was `to`)', async () => {
    const { nodes } = await read('consultationEscalations', `city: "${CITY}"`, 'id escalatedOn');
    expect(nodes.length).toBeGreaterThan(0);
    const all = (await read('consultationEscalations', '', 'id toDistrict { code }'))
      .nodes as (Row & {
      toDistrict: { code: string } | null;
    })[];
    expect(nodes.map((r) => r.id).sort()).toEqual(
      all
        .filter((r) => r.toDistrict?.code === CITY)
        .map((r) => r.id)
        .sort(),
    );
    // `to` is now the period's end: a committee's code there is bad input, not a silent filter.
    const old = await module.execute(
      `{ consultationEscalations(to: "${CITY}") { totalCount } }`,
      {},
      cityStaff,
    );
    expect(old.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
