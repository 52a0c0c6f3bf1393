import {
  campaignEntries,
  CITY,
  communications,
  consensusCampaigns,
  implementationReviews,
  policyDocuments,
  pressReports,
  staffRecords,
} from '@cppcc/demo';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignEntrySchema } from '../entities/communication.entity.js';
import { ImplementationReviewSchema } from '../entities/policy-document.entity.js';
import { PressReportSchema } from '../entities/press-report.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const outreach = operation<{
  organizationStatistics: { outreach: unknown };
}>(`query($d: ID!, $from: Date!, $to: Date!) { organizationStatistics(district: $d, from: $from, to: $to) {
  outreach { policyDocuments reviews districtsVisited openLetters notices initiativeLetters secondments promotions { grade count } pressReports frontPageReports } } }`);

describe.each(databases())(
  'policy documents, communications, campaigns and staff records on $name',
  ({ url }) => {
    let org: TestModule;
    const cityStaff = testCaller(['staff'], CITY);

    beforeAll(async () => {
      org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
      await publishMembers(org.transport);
    });
    afterAll(() => org?.stop());
    const figures = async (from: string, to: string) => {
      const r = await org.execute(outreach, { d: CITY, from, to }, cityStaff);
      expect(r.errors).toBeUndefined();
      return r.data!.organizationStatistics.outreach;
    };

    it('answers the report from the demo rows: documents, research in every district below the city, letters, staff', async () => {
      const threeYears = await figures('2024-01-01', '2026-12-31');
      expect(threeYears).toEqual({
        policyDocuments: policyDocuments.length,
        reviews: implementationReviews.filter((r) => r.reportedOn).length,
        districtsVisited: 7,
        openLetters: 1,
        notices: 1,
        initiativeLetters: 1,
        secondments: staffRecords.filter((s) => s.kind === 'SECONDMENT').length,
        promotions: [
          { grade: '一级调研员', count: 1 },
          { grade: '副县级', count: 2 },
          { grade: '正县级', count: 1 },
        ],
        // 《X时报》两次在头版: the key proposals the top leader supervised, 2025 and 2026;
        // the third is the magazine's report on last year's donation drive.
        pressReports: 3,
        frontPageReports: 2,
      });
      // The pandemic letters and the magazine's report fall in last year, with one front page.
      expect(await figures('2025-01-01', '2025-12-31')).toMatchObject({
        openLetters: 1,
        notices: 1,
        pressReports: 2,
        frontPageReports: 1,
      });
      const exhibition = await org.execute<{ consensusCampaigns: { nodes: unknown[] } }>(
        `{ consensusCampaigns(district: "${CITY}", kind: EXHIBITION) { nodes { participatingMembers participatingArtists } } }`,
      );
      const entries = campaignEntries().filter(
        (e) => e.campaignId === consensusCampaigns.find((c) => c.kind === 'EXHIBITION')!.id,
      );
      expect(exhibition.data!.consensusCampaigns.nodes[0]).toEqual({
        participatingMembers: entries.filter((e) => e.memberId).length,
        participatingArtists: entries.filter((e) => !e.memberId).length,
      });
      const letters = await org.execute<{ communications: { totalCount: number } }>(
        `{ communications(district: "${CITY}") { totalCount nodes { kind audience occasion issuedOn } } }`,
      );
      expect(letters.data!.communications.totalCount).toBe(communications.length);
    });

    it('runs an inspection planned → started → reported → closed, refusing districts outside and missing findings', async () => {
      const plan = operation<{ planImplementationReview: { id: string } }>(
        `mutation($input: PlanImplementationReviewInput!) { planImplementationReview(input: $input) { id status } }`,
      );
      const base = {
        document: '2',
        kind: 'INSPECTION',
        title: '党建工作实施意见落实情况督查',
        plannedOn: '2026-11-01',
        districtsVisited: ['341002'],
      };
      const before = await systemEm(org.orm).count(ImplementationReviewSchema, {});
      const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
        [
          { districtsVisited: ['999999'] },
          cityStaff,
          { code: 'UNKNOWN_DISTRICT', field: 'input.districtsVisited.0' },
        ],
        [
          { districtsVisited: ['341002', '341002'] },
          cityStaff,
          { code: 'BAD_USER_INPUT', rule: 'duplicate' },
        ],
        [
          { plannedOn: '2024-01-01' },
          cityStaff,
          { code: 'BAD_USER_INPUT', field: 'input.plannedOn', rule: 'order' },
        ],
        [{ document: '999' }, cityStaff, { code: 'NOT_FOUND', field: 'input.document' }],
        [{}, testCaller(['staff'], '341002'), { code: 'CROSS_DISTRICT' }],
        [{}, testCaller([], null), { code: 'UNAUTHENTICATED' }],
      ];
      for (const [input, caller, error] of bad)
        expect(
          (await org.execute(plan, { input: { ...base, ...input } }, caller)).errors?.[0]
            .extensions,
          JSON.stringify(input),
        ).toMatchObject(error);
      expect(await systemEm(org.orm).count(ImplementationReviewSchema, {})).toBe(before);

      const id = (await org.execute(plan, { input: base }, cityStaff)).data!
        .planImplementationReview.id;
      const move = `mutation($input: MoveImplementationReviewInput!) { moveImplementationReview(input: $input) { status findings followUp } }`;
      expect(
        (
          await org.execute(
            move,
            { input: { id, action: 'REPORT', findings: 'x', reportedOn: '2026-11-20' } },
            cityStaff,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('ILLEGAL_TRANSITION');
      await org.execute(move, { input: { id, action: 'START' } }, cityStaff);
      expect(
        (
          await org.execute(
            move,
            { input: { id, action: 'REPORT', reportedOn: '2026-11-20' } },
            cityStaff,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.findings' });
      await org.execute(
        move,
        { input: { id, action: 'REPORT', findings: '支部活动正常开展', reportedOn: '2026-11-20' } },
        cityStaff,
      );
      const closed = await org.execute(
        move,
        { input: { id, action: 'CLOSE', followUp: '督促祁门县年内建立支部' } },
        cityStaff,
      );
      expect(closed.data!.moveImplementationReview).toEqual({
        status: 'CLOSED',
        findings: '支部活动正常开展',
        followUp: '督促祁门县年内建立支部',
      });
      const trail = await systemEm(org.orm).find(
        AuditEntrySchema,
        { entity: 'implementation_review', entityId: id },
        { orderBy: { id: 'asc' } },
      );
      expect(trail.map((a) => a.toState)).toEqual(['PLANNED', 'IN_PROGRESS', 'REPORTED', 'CLOSED']);
    });

    it('records a press report once, refusing bad input by field and writing nothing', async () => {
      const record = `mutation($input: RecordPressReportInput!) { recordPressReport(input: $input) { id outlet headline publishedOn frontPage subject about url } }`;
      const base = {
        district: CITY,
        outlet: '《人民政协报》',
        headline: '黄山：委员工作室架起连心桥',
        publishedOn: '2026-11-20',
        frontPage: false,
        subject: 'MEMBER_DUTY',
        about: '委员工作室接待群众、反映社情民意',
      };
      const before = await systemEm(org.orm).count(PressReportSchema, {});
      const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
        [{ outlet: ' ' }, cityStaff, { code: 'BAD_USER_INPUT', field: 'input.outlet' }],
        [{ headline: '报道' }, cityStaff, { code: 'BAD_USER_INPUT', field: 'input.headline' }],
        [
          { publishedOn: '2026-02-30' },
          cityStaff,
          { code: 'BAD_USER_INPUT', field: 'input.publishedOn' },
        ],
        [{ url: 'not a url' }, cityStaff, { code: 'BAD_USER_INPUT', field: 'input.url' }],
        [{ district: '999999' }, cityStaff, { code: 'UNKNOWN_DISTRICT', field: 'input.district' }],
        [{}, testCaller(['staff'], '341002'), { code: 'CROSS_DISTRICT' }],
        [{}, testCaller(['member'], CITY, '1'), { code: 'FORBIDDEN' }],
      ];
      for (const [input, caller, error] of bad)
        expect(
          (await org.execute(record, { input: { ...base, ...input } }, caller)).errors?.[0]
            .extensions,
          JSON.stringify(input),
        ).toMatchObject(error);
      expect(await systemEm(org.orm).count(PressReportSchema, {})).toBe(before);

      const made = await org.execute(record, { input: base }, cityStaff);
      expect(made.errors).toBeUndefined();
      const { district: _district, ...shown } = base;
      expect(made.data!.recordPressReport).toMatchObject({ ...shown, url: null });
      const again = await org.execute(record, { input: base }, cityStaff);
      expect(again.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.headline',
      });
      expect(await systemEm(org.orm).count(PressReportSchema, {})).toBe(before + 1);
      // Anyone reads published reports; the filters narrow them.
      const read = await org.execute<{ pressReports: { nodes: unknown[] } }>(
        `{ pressReports(district: "${CITY}", subject: KEY_PROPOSALS, frontPage: true) { totalCount nodes { outlet publishedOn } } }`,
      );
      expect(read.data!.pressReports.nodes).toEqual(
        pressReports
          .filter((r) => r.subject === 'KEY_PROPOSALS' && r.frontPage)
          .map((r) => ({ outlet: r.outlet, publishedOn: r.publishedOn })),
      );
    });

    it('keeps drafts of letters from the public until issued', async () => {
      const draft = await org.execute<{ draftCommunication: { id: string } }>(
        `mutation { draftCommunication(input: { district: "${CITY}", kind: INITIATIVE_LETTER, title: "关于积极参与抗旱救灾的倡议书", audience: "全市政协委员", occasion: "持续干旱", body: "倡议" }) { id status } }`,
        {},
        cityStaff,
      );
      const id = draft.data!.draftCommunication.id;
      const seen = async () =>
        (
          await org.execute<{ communications: { totalCount: number } }>(
            `{ communications(district: "${CITY}", kind: INITIATIVE_LETTER) { totalCount } }`,
          )
        ).data!.communications.totalCount;
      expect(await seen()).toBe(1);
      const missing = await org.execute(
        `mutation { issueCommunication(input: { id: "${id}", issuedOn: "2026-13-01" }) { status } }`,
        {},
        cityStaff,
      );
      expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const issued = await org.execute(
        `mutation { issueCommunication(input: { id: "${id}", issuedOn: "2026-11-26" }) { status issuedOn } }`,
        {},
        cityStaff,
      );
      expect(issued.data!.issueCommunication).toEqual({ status: 'ISSUED', issuedOn: '2026-11-26' });
      expect(await seen()).toBe(2);
      const withdraw = await org.execute(
        `mutation { withdrawCommunication(input: { id: "${id}" }) { status } }`,
        {},
        cityStaff,
      );
      expect(withdraw.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    });

    it('takes campaign entries by members and outside artists within the dates, once each', async () => {
      const open = await org.execute<{ openCampaign: { id: string } }>(
        `mutation { openCampaign(input: { district: "${CITY}", kind: ESSAY_CONTEST, title: "我与新时代政协征文", theme: "履职故事", opensOn: "2026-10-01", closesOn: "2026-11-30" }) { id } }`,
        {},
        cityStaff,
      );
      const campaign = open.data!.openCampaign.id;
      const add = operation<{ addCampaignEntry: { member: unknown } }>(
        `mutation($input: AddCampaignEntryInput!) { addCampaignEntry(input: $input) { author member { id } } }`,
      );
      const before = await systemEm(org.orm).count(CampaignEntrySchema, {});
      const bad: [Record<string, unknown>, Record<string, unknown>][] = [
        [
          { title: '无名之作一幅', submittedOn: '2026-10-05' },
          { code: 'BAD_USER_INPUT', field: 'input.author', rule: 'required' },
        ],
        [
          { member: '777777', title: '我与政协的故事', submittedOn: '2026-10-05' },
          { code: 'NOT_FOUND', field: 'input.member' },
        ],
        [
          { author: '黄山画友', title: '我与政协的故事', submittedOn: '2026-12-05' },
          { code: 'BAD_USER_INPUT', field: 'input.submittedOn', rule: 'range' },
        ],
      ];
      for (const [input, error] of bad)
        expect(
          (await org.execute(add, { input: { campaign, ...input } }, cityStaff)).errors?.[0]
            .extensions,
          JSON.stringify(input),
        ).toMatchObject(error);
      expect(await systemEm(org.orm).count(CampaignEntrySchema, {})).toBe(before);
      const ok = await org.execute(
        add,
        { input: { campaign, member: '1', title: '我的履职故事', submittedOn: '2026-10-05' } },
        cityStaff,
      );
      expect(ok.data!.addCampaignEntry.member).toEqual({ id: '1' });
      // The city's campaign takes a member of a district below it; a district's takes none of the city's.
      const below = await org.execute(
        add,
        { input: { campaign, member: '111', title: '屯溪委员的故事', submittedOn: '2026-10-05' } },
        cityStaff,
      );
      expect(below.data!.addCampaignEntry.member).toEqual({ id: '111' });
      const tunxiStaff = testCaller(['staff'], '341002');
      const district = await org.execute<{ openCampaign: { id: string } }>(
        `mutation { openCampaign(input: { district: "341002", kind: ESSAY_CONTEST, title: "屯溪区政协征文", theme: "履职故事", opensOn: "2026-10-01", closesOn: "2026-11-30" }) { id } }`,
        {},
        tunxiStaff,
      );
      const districtCampaign = district.data!.openCampaign.id;
      const counted = await systemEm(org.orm).count(CampaignEntrySchema, {});
      expect(
        (
          await org.execute(
            add,
            {
              input: {
                campaign: districtCampaign,
                member: '1',
                title: '市委员的故事',
                submittedOn: '2026-10-05',
              },
            },
            tunxiStaff,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.member', rule: 'district' });
      expect(await systemEm(org.orm).count(CampaignEntrySchema, {})).toBe(counted);
      const dup = await org.execute(
        add,
        { input: { campaign, member: '1', title: '我的履职故事', submittedOn: '2026-10-06' } },
        cityStaff,
      );
      expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.title' });
      await org.execute(
        `mutation { closeCampaign(input: { id: "${campaign}" }) { status } }`,
        {},
        cityStaff,
      );
      const late = await org.execute(
        add,
        { input: { campaign, author: '黄山画友', title: '黄山云海图', submittedOn: '2026-11-01' } },
        cityStaff,
      );
      expect(late.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    });

    it('records staff secondments and promotions for district staff only', async () => {
      const record = `mutation($input: RecordStaffChangeInput!) { recordStaffChange(input: $input) { kind grade } }`;
      const bad: [Record<string, unknown>, Record<string, unknown>][] = [
        [
          { kind: 'PROMOTION', person: '赵强', post: '办公室副主任', startsOn: '2026-11-01' },
          { code: 'BAD_USER_INPUT', field: 'input.grade', rule: 'required' },
        ],
        [
          {
            kind: 'SECONDMENT',
            person: '赵强',
            post: '乡镇挂职',
            startsOn: '2026-11-01',
            endsOn: '2026-01-01',
          },
          { code: 'BAD_USER_INPUT', field: 'input.endsOn', rule: 'order' },
        ],
      ];
      for (const [input, error] of bad)
        expect(
          (await org.execute(record, { input: { district: CITY, ...input } }, cityStaff))
            .errors?.[0].extensions,
          JSON.stringify(input),
        ).toMatchObject(error);
      const ok = await org.execute(
        record,
        {
          input: {
            district: CITY,
            kind: 'PROMOTION',
            person: '赵强',
            grade: '副县级',
            post: '办公室副主任',
            startsOn: '2026-11-01',
          },
        },
        cityStaff,
      );
      expect(ok.data!.recordStaffChange).toEqual({ kind: 'PROMOTION', grade: '副县级' });
      const anon = await org.execute(`{ staffRecords(district: "${CITY}") { totalCount } }`);
      expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const member = await org.execute(
        `{ staffRecords(district: "${CITY}") { totalCount } }`,
        {},
        testCaller(['member'], CITY, '1'),
      );
      expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const otherStaff = await org.execute<{ staffRecords: { totalCount: number } }>(
        `{ staffRecords(district: "${CITY}") { totalCount } }`,
        {},
        testCaller(['staff'], '341002'),
      );
      expect(otherStaff.data!.staffRecords.totalCount).toBe(0);
      const own = await org.execute<{ staffRecords: { totalCount: number } }>(
        `{ staffRecords(district: "${CITY}") { totalCount } }`,
        {},
        cityStaff,
      );
      expect(own.data!.staffRecords.totalCount).toBe(staffRecords.length + 1);
    });
  },
);
