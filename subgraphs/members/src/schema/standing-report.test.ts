import { CITY, members as demoMembers, standingReports } from '@cppcc/demo';
import { AuditEntrySchema, systemEm } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

// A standing member whose 2026 report the demo has not begun (every one has a filed 2025 report).
const standing = demoMembers().find(
  (m) =>
    m.district === CITY &&
    m.standingCommittee &&
    !standingReports().some((r) => r.memberId === m.id && r.year === 2026),
)!;
const ordinary = demoMembers().find((m) => m.district === CITY && !m.standingCommittee)!;
const author = testCaller(['member'], CITY, String(standing.id));
const staff = testCaller(['staff'], CITY);
const text =
  '本年度认真履行常委职责，出席常委会议，参加专题协商和视察调研，提交提案并报送社情民意信息。';

interface Report {
  id: string;
  version: number;
  status: string;
}

describe.each(databases())('standing-committee reports on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  const step = (name: string, r: { id: string; version: number }, caller = staff) =>
    module.execute<Record<string, Report>>(
      `mutation { ${name}(id: "${r.id}", version: ${r.version}) { id status version availableActions } }`,
      {},
      caller,
    );

  it('goes draft → submitted → (returned) → filed, and the filed report enters the archive', async () => {
    const drafted = await module.execute<{ draftStandingReport: Report }>(
      `mutation($t: String!) { draftStandingReport(year: 2026, text: $t) { id status version availableActions } }`,
      { t: text },
      author,
    );
    expect(drafted.errors).toBeUndefined();
    let report = drafted.data!.draftStandingReport;
    expect(report).toMatchObject({ status: 'DRAFT', availableActions: ['submit', 'edit'] });

    report = (await step('submitStandingReport', report, author)).data!.submitStandingReport;
    expect(report.status).toBe('SUBMITTED');
    report = (await step('returnStandingReport', report)).data!.returnStandingReport;
    expect(report.status).toBe('DRAFT');
    report = (await step('submitStandingReport', report, author)).data!.submitStandingReport;
    report = (await step('fileStandingReport', report)).data!.fileStandingReport;
    expect(report.status).toBe('FILED');

    await module.relay.kick();
    const archive = await module.execute<{
      member: {
        dutyEvents: unknown[];
        standingReports: unknown[];
        standingReportsConnection: { totalCount: number; nodes: unknown[] };
      };
    }>(
      `{ member(id: "${standing.id}") { dutyEvents { kind summary } standingReports { year status } standingReportsConnection(first: 1) { totalCount nodes { year status } } } }`,
      {},
      author,
    );
    expect(archive.data!.member.dutyEvents).toContainEqual({
      kind: 'report.filed',
      summary: '2026年度常委履职报告归档',
    });
    expect(archive.data!.member.standingReports).toEqual(
      expect.arrayContaining([
        { year: 2025, status: 'FILED' },
        { year: 2026, status: 'FILED' },
      ]),
    );
    expect(archive.data!.member.standingReports).toHaveLength(2);
    // The connection pages the same reports, oldest first.
    expect(archive.data!.member.standingReportsConnection).toEqual({
      totalCount: 2,
      nodes: archive.data!.member.standingReports.slice(0, 1),
    });
    const audit = await systemEm(module.orm).find(
      AuditEntrySchema,
      { entity: 'standing_report', entityId: report.id },
      { orderBy: { id: 'asc' } },
    );
    expect(audit.map((a) => a.action)).toEqual(['submit', 'return', 'submit', 'file']);
  });

  it('refuses what the table does not allow, other authors and other districts', async () => {
    const filedAgain = await module.execute(
      `mutation($t: String!) { draftStandingReport(year: 2026, text: $t) { id } }`,
      { t: text },
      author,
    );
    expect(filedAgain.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'year' });
    const notStanding = await module.execute(
      `mutation($t: String!) { draftStandingReport(year: 2026, text: $t) { id } }`,
      { t: text },
      testCaller(['member'], CITY, String(ordinary.id)),
    );
    expect(notStanding.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const short = await module.execute(
      `mutation { draftStandingReport(year: 2024, text: "太短") { id } }`,
      {},
      author,
    );
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });

    const r = (
      await module.execute<{ draftStandingReport: { id: string; version: number } }>(
        `mutation($t: String!) { draftStandingReport(year: 2024, text: $t) { id version } }`,
        { t: text },
        author,
      )
    ).data!.draftStandingReport;
    const fileDraft = await step('fileStandingReport', r);
    expect(fileDraft.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'DRAFT',
      action: 'file',
    });
    const byOtherStaff = await step('submitStandingReport', r, testCaller(['staff'], '341002'));
    expect(byOtherStaff.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const stale = await step('submitStandingReport', { ...r, version: r.version + 5 }, author);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    for (const field of ['standingReports { year }', 'standingReportsConnection { totalCount }']) {
      const peer = await module.execute(
        `{ member(id: "${standing.id}") { ${field} } }`,
        {},
        testCaller(['member'], CITY, String(ordinary.id)),
      );
      expect(peer.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: field.split(' ')[0],
      });
    }
  });
});
