import { describe, expect, it } from 'vitest';
import * as demo from './index.js';
import {
  activities,
  AS_OF,
  CITY,
  campaignEntries,
  chainPlan,
  chains,
  communications,
  consensusCampaigns,
  donations,
  instructionDay,
  instructions,
  interCityActivities,
  interCityMechanism,
  interCityMeetings,
  interCityVisits,
  LAST_YEAR,
  opinionWork,
  pressReports,
  recommendationDates,
  recommendations,
  THIS_YEAR,
} from './index.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Statuses that say a thing already happened; a date after today on such a row is a lie. */
const DONE = new Set([
  'HELD',
  'REPORTED',
  'ARCHIVED',
  'CLOSED',
  'DONE',
  'ADOPTED',
  'FILED',
  'PUBLISHED',
  'APPROVED',
  'REPLIED',
  'COMPLETED',
]);
/** Date fields that name something that happened, whatever the row's status. */
const HAPPENED = new Set([
  'heldOn',
  'reportedOn',
  'donatedOn',
  'issuedOn',
  'publishedOn',
  'adoptedOn',
  'signedOn',
  'approvedOn',
  'repliedOn',
  'receivedOn',
  'distributedOn',
]);
const PLANNED = new Set(['PLANNED', 'PREPARING', 'DRAFT', 'REQUESTED']);

/** Every row the package exports, as the seeds would load them (lists and zero-argument builders). */
function allRows(scale: number): { path: string; row: Record<string, unknown> }[] {
  const rows: { path: string; row: Record<string, unknown> }[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, depth + 1);
      return;
    }
    const row = value as Record<string, unknown>;
    rows.push({ path, row });
    for (const [key, v] of Object.entries(row)) walk(v, `${path}.${key}`, depth + 1);
  };
  for (const [name, value] of Object.entries(demo)) {
    if (typeof value === 'function') {
      // Builders whose only parameter is the scale (it has a default, so length is 0).
      if (value.length === 0) walk((value as (scale?: number) => unknown)(scale), name, 0);
    } else walk(value, name, 0);
  }
  return rows;
}

/** How many digits a masked figure has: "XX" two, "XXX" three. */
const digits = (n: number) => String(Math.trunc(n)).length;

describe('the demo data tells one coherent report', () => {
  it.each([1, 2])('records nothing after today as done (scale %i)', (scale) => {
    const lies: string[] = [];
    for (const { path, row } of allRows(scale)) {
      const status = typeof row.status === 'string' ? row.status : null;
      for (const [key, value] of Object.entries(row)) {
        if (typeof value !== 'string' || !DAY.test(value) || value <= AS_OF) continue;
        const done = status ? DONE.has(status) : HAPPENED.has(key);
        if (done && !(status && PLANNED.has(status))) lies.push(`${path}.${key} = ${value}`);
      }
    }
    expect(lies).toEqual([]);
  });

  it('dates every activity, recommendation, adoption and instruction on or before today', () => {
    expect(activities(3).filter((a) => a.heldOn > AS_OF)).toEqual([]);
    for (const r of recommendations) {
      const { submittedOn, adoptedOn } = recommendationDates(r);
      expect(submittedOn <= AS_OF, r.key).toBe(true);
      expect((adoptedOn ?? AS_OF) <= AS_OF, r.key).toBe(true);
    }
    for (const i of instructions) expect(instructionDay(i) <= AS_OF, i.text).toBe(true);
  });

  it('puts the statements the report dates in its two years: the drive, the letters, the mechanism, the visits', () => {
    const period = (day: string | null) => !!day && day >= `${LAST_YEAR}-01-01` && day <= AS_OF;
    const dated: [string, string | null][] = [
      ...donations().map((d): [string, string] => ['donation', d.donatedOn]),
      ...communications.map((c): [string, string] => [c.title, c.issuedOn]),
      ...pressReports.map((p): [string, string] => [p.headline, p.publishedOn]),
      ['mechanism', interCityMechanism.agreementSignedOn],
      ...interCityMeetings().map((m): [string, string] => [`session ${m.session}`, m.heldOn]),
      ...interCityActivities.map((a): [string, string] => [a.topic, a.startsOn]),
      ...interCityVisits()
        .filter((v) => v.status !== 'PLANNED')
        .map((v): [string, string] => [v.partner, v.startsOn]),
    ];
    expect(dated.filter(([, day]) => !period(day))).toEqual([]);
  });

  it('starts every outcome chain from a topic the Party committee set in last year’s plan, before the work on it', () => {
    for (const chain of chains) {
      const plan = chainPlan(chain);
      expect(plan.year, chain.planTopic).toBe(LAST_YEAR);
      expect(plan.topics.find((t) => t.title === chain.planTopic)?.source).toBe('PARTY_COMMITTEE');
      const rec = recommendations.find((r) => r.key === chain.recommendation)!;
      expect(plan.approvedOn < recommendationDates(rec).submittedOn, chain.planTopic).toBe(true);
    }
    expect(THIS_YEAR).toBe(LAST_YEAR + 1);
  });

  it('gives each masked figure the mask’s number of digits', () => {
    const cityHeld = activities().filter(
      (a) => a.district === CITY && a.heldOn >= `${LAST_YEAR}-01-01` && a.heldOn <= AS_OF,
    );
    const exhibition = consensusCampaigns.find((c) => c.kind === 'EXHIBITION')!;
    const shown = campaignEntries().filter((e) => e.campaignId === exhibition.id);
    const work = opinionWork();
    const figures: [string, number, number][] = [
      // 两年多来 … 重点协商活动XX次
      ['key consultation activities', cityHeld.length, 2],
      // 市委、市政府负责同志批示建议案和建议XX次
      ['leaders’ instructions', instructions.length, 2],
      // 捐款捐物共计XXX多万元
      ['donations (万元)', donations().reduce((s, d) => s + d.amountFen, 0) / 100 / 10_000, 3],
      // XX位政协人、XX多位艺术家
      [
        'exhibiting members',
        new Set(shown.filter((e) => e.memberId).map((e) => e.memberId)).size,
        2,
      ],
      [
        'exhibiting artists',
        new Set(shown.filter((e) => !e.memberId).map((e) => e.author)).size,
        2,
      ],
      // 编发《社情民意》专刊110多期、XXX多条
      ['bulletin items', work.items.filter((i) => i.issueId !== null).length, 3],
    ];
    expect(figures.filter(([, n, want]) => digits(n) !== want)).toEqual([]);
  });
});
