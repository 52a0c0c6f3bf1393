import {
  activities,
  activityStatus,
  bodyMeetings,
  CITY,
  consensusCampaigns,
  demoStudios,
  LAST_YEAR,
  members,
  opinionWork,
  partyBranches,
  pressReports,
  relayedDecisions,
  THIS_YEAR,
} from '@cppcc/demo';
import { provenanceValue } from '@cppcc/kit';
import { gatherReport, type ReportDocument } from '@cppcc/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAsker, startStack, type Stack } from './harness.js';

const DISTRICT = '341002';

/** The report's 今年 and 去年 (packages/demo/src/calendar.ts), for the city and one district. */
const CASES = [CITY, DISTRICT].flatMap((district) =>
  [THIS_YEAR, LAST_YEAR].map((year) => ({
    district,
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    name: `${district} ${year}`,
  })),
);
type Case = (typeof CASES)[number];

/**
 * The work report for two periods, for the city and a district: every figure is what the query
 * its provenance names answers, the figures whose records the demo generators make are counted
 * again from those records, and the seed report's literal figures come out of the report itself.
 */
describe('workReport for 今年 and 去年, figure by figure', () => {
  let stack: Stack;
  const tokens = new Map<string, string>();
  const reports = new Map<string, ReportDocument>();

  const asker = (token: string) => reportAsker(stack, token);
  const figureOf = (doc: ReportDocument, section: string, key: string) => {
    const found = doc.sections.find((s) => s.key === section)?.figures.find((f) => f.key === key);
    expect(found, `${section}.${key}`).toBeDefined();
    return found!.value;
  };
  const points = (doc: ReportDocument, section: string, series: string) =>
    new Map(
      doc.sections
        .find((s) => s.key === section)!
        .series.find((s) => s.key === series)!
        .points.map((p) => [p.key, p.value]),
    );

  beforeAll(async () => {
    stack = await startStack();
    for (const district of [CITY, DISTRICT])
      tokens.set(district, await stack.token({ roles: ['staff'], district }));
    for (const c of CASES)
      reports.set(c.name, await gatherReport(asker(tokens.get(c.district)!), c));
  });
  afterAll(() => stack?.stop());

  it.each(CASES)(
    '$name: every figure and list is what its provenance document answers',
    async (c: Case) => {
      const doc = reports.get(c.name)!;
      const token = tokens.get(c.district)!;
      const answers = new Map<string, unknown>();
      const figures = doc.sections.flatMap((s) => [
        ...s.figures,
        ...s.series.flatMap((x) => x.points),
      ]);
      expect(figures.length).toBeGreaterThan(40);
      for (const f of figures) {
        const { document } = f.provenance;
        expect(document, f.key).toContain(c.district);
        if (!answers.has(document)) {
          const { body } = await stack.post({ query: document }, { token });
          expect(body.errors, document).toBeUndefined();
          answers.set(document, body.data);
        }
        expect(provenanceValue(answers.get(document), f.provenance), f.key).toBe(f.value);
      }
      for (const list of doc.sections.flatMap((s) => s.items)) {
        const { body } = await stack.post<Record<string, { totalCount: number }>>(
          { query: list.provenance.document },
          { token },
        );
        expect(body.data![list.provenance.query].totalCount, list.key).toBe(list.totalCount);
      }
    },
  );

  it.each(CASES)('$name: the figures count the demo records of the period', (c: Case) => {
    const doc = reports.get(c.name)!;
    const ours = <T extends { district: string }>(rows: T[]) =>
      rows.filter((r) => r.district === c.district);
    const within = (day: string | null | undefined) => !!day && day >= c.from && day <= c.to;
    const counted: number[] = [];
    const figure = (d: ReportDocument, section: string, key: string) => {
      const value = figureOf(d, section, key);
      counted.push(value);
      return value;
    };

    const held = ours(activities()).filter(
      (a) => within(a.heldOn) && !['PLANNED', 'PREPARING'].includes(activityStatus(a)),
    );
    expect(figure(doc, 'consultation', 'activitiesHeld')).toBe(held.length);
    for (const [form, value] of points(doc, 'consultation', 'activitiesByForm'))
      expect(value, form).toBe(held.filter((a) => a.form === form).length);

    expect(figure(doc, 'partyBuilding', 'standingCommitteeMeetingsHeld')).toBe(
      ours(bodyMeetings).filter(
        (m) => m.body === 'STANDING_COMMITTEE' && m.status === 'HELD' && within(m.plannedOn),
      ).length,
    );
    expect(figure(doc, 'partyBuilding', 'relayedDecisions')).toBe(
      relayedDecisions.filter((r) => {
        const meeting = bodyMeetings.find((m) => m.id === r.meetingId)!;
        return meeting.district === c.district && within(meeting.heldOn);
      }).length,
    );
    expect(figure(doc, 'partyBuilding', 'partyBranches')).toBe(ours(partyBranches).length);
    expect(figure(doc, 'consensus', 'consensusCampaigns')).toBe(
      ours(consensusCampaigns).filter((x) => within(x.opensOn)).length,
    );
    expect(figure(doc, 'consensus', 'pressReports')).toBe(
      ours(pressReports).filter((x) => within(x.publishedOn)).length,
    );
    expect(figure(doc, 'memberDuties', 'members')).toBe(ours(members()).length);
    expect(figure(doc, 'memberDuties', 'studios')).toBe(ours(demoStudios()).length);
    const bulletins = ours(opinionWork().issues).filter((i) => within(i.publishedOn));
    expect(figure(doc, 'publicOpinion', 'issues')).toBe(bulletins.length);
    // Not a comparison of zeros: most of these figures have records in every case.
    expect(counted.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("reproduces the seed report's literal figures from the report itself", async () => {
    const figure = figureOf;
    const thisYear = reports.get(`${CITY} ${THIS_YEAR}`)!;
    const lastYear = reports.get(`${CITY} ${LAST_YEAR}`)!;
    // 每月召开1次政协党组理论学习中心组学习会: twelve months of last year, each with a session
    const months = points(lastYear, 'partyBuilding', 'studySessionsByMonth');
    expect(months.size).toBe(12);
    for (const [month, value] of months) expect(value, month).toBeGreaterThanOrEqual(1);
    expect(figure(lastYear, 'partyBuilding', 'studySessionsHeld')).toBeGreaterThanOrEqual(12);
    // 去年全面完成“全员入委”
    expect(figure(lastYear, 'selfDevelopment', 'committeeCoverage')).toBe(1);
    // 今年在8个专委会成立了功能型党支部，党员委员全部编入党支部
    expect(figure(thisYear, 'partyBuilding', 'partyBranches')).toBe(8);
    expect(figure(thisYear, 'partyBuilding', 'partyMemberCoverage')).toBe(1);
    // 去年一条信息得到国家领导人批示; 今年3条信息被全国政协采用
    expect(points(lastYear, 'publicOpinion', 'instructionsByLevel').get('NATIONAL')).toBe(1);
    expect(points(thisYear, 'publicOpinion', 'adoptionByLevel').get('NATIONAL')).toBe(3);
    // 共编发《社情民意》专刊110多期: every issue since the first, in one report
    const first = opinionWork()
      .issues.filter((i) => i.district === CITY && i.publishedOn)
      .map((i) => i.publishedOn!)
      .sort()[0];
    const { workReport } = await asker(tokens.get(CITY)!)<{
      workReport: { publicOpinion: { figures: { key: string; value: number }[] } };
    }>(
      `query($d: ID!, $from: Date!, $to: Date!) {
        workReport(district: $d, from: $from, to: $to) { publicOpinion { figures { key value } } }
      }`,
      { d: CITY, from: first, to: `${THIS_YEAR}-12-31` },
    );
    const issues = workReport.publicOpinion.figures.find((f) => f.key === 'issues')!.value;
    expect(issues).toBeGreaterThanOrEqual(110);
    expect(issues).toBeLessThan(120);
  });
});
