import {
  CITY,
  communications,
  consensusCampaigns,
  liaisonPairs,
  policyDocuments,
} from '@cppcc/demo';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

/** Each list the work report counts, the demo rows it lists and the day that places a row in a period. */
const LISTS = [
  { list: 'policyDocuments', rows: policyDocuments, day: (r: { issuedOn: string }) => r.issuedOn },
  { list: 'communications', rows: communications, day: (r: { issuedOn: string }) => r.issuedOn },
  {
    list: 'consensusCampaigns',
    rows: consensusCampaigns,
    day: (r: { opensOn: string }) => r.opensOn,
  },
  { list: 'liaisonPairs', rows: liaisonPairs, day: (r: { since: string }) => r.since },
] as const;

describe.each(databases())('the lists the work report counts take a period on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());

  const count = async (list: string, from?: string, to?: string) => {
    const r = await org.execute<Record<string, { totalCount: number }>>(
      `query($d: ID, $from: Date, $to: Date) { ${list}(district: $d, from: $from, to: $to, first: 1) { totalCount } }`,
      { d: CITY, from, to },
      cityStaff,
    );
    expect(r.errors, list).toBeUndefined();
    return r.data![list].totalCount;
  };

  it.each(LISTS)(
    '$list: from and to are inclusive bounds on the day that places a row',
    async ({ list, rows, day }) => {
      const days = (rows as readonly { district: string }[])
        .filter((r) => r.district === CITY)
        .map((r) => (day as (r: unknown) => string)(r))
        .sort();
      expect(days.length, `${list} has demo rows`).toBeGreaterThan(1);
      const mid = days[Math.floor(days.length / 2)];
      const between = (from: string, to: string) => days.filter((d) => d >= from && d <= to).length;
      expect(await count(list)).toBe(days.length);
      // A single day is a period: both bounds include it.
      expect(await count(list, mid, mid)).toBe(between(mid, mid));
      expect(await count(list, mid)).toBe(between(mid, '9999-12-31'));
      expect(await count(list, undefined, mid)).toBe(between('0000-01-01', mid));
      // A period that ends before it starts is refused, naming `to`, not answered with nothing.
      const r = await org.execute(
        `query { ${list}(district: "${CITY}", from: "2026-02-01", to: "2026-01-31") { totalCount } }`,
        {},
        cityStaff,
      );
      expect(r.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'to',
        rule: 'order',
      });
    },
  );
});
