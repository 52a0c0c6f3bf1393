import { ADVISORY_MEETING, cityActivity, CITY } from '@cppcc/demo';
import { systemEm, type Caller } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ok,
  publishAndWait,
  publishCommittees,
  publishMembers,
  startConsultation,
} from '../test-support.js';
import { CommitteeRefSchema } from '../entities/committee-ref.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const COUNTY = '341021';
const countyStaff = testCaller(['staff'], COUNTY);
/** Demo members: the city's are 1–110, 屯溪区 (341002) 111–140, 歙县 (341021) 141–170. */
const LEFT = 105;
const SUSPENDED = 106;
const TUNXI_MEMBER = 120;
const SHEXIAN_MEMBER = 150;
/** Committees organization announced changing: merged into 经济委员会 (2), dissolved, and 歙县's own. */
const MERGED = 90;
const DISSOLVED = 91;
const SHEXIAN_COMMITTEE = 13;

describe.each(databases())(
  'members and committees consultation names, checked against its replicas on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startConsultation(url);
      await publishMembers(module, [
        {
          id: LEFT,
          district: CITY,
          name: '离任委员',
          status: 'LEFT',
          changedAt: '2026-06-01T00:00:00.000Z',
        },
        {
          id: SUSPENDED,
          district: CITY,
          name: '暂停履职委员',
          status: 'SUSPENDED',
          changedAt: '2026-06-01T00:00:00.000Z',
        },
      ]);
      await publishCommittees(module, [
        { id: MERGED, district: CITY, name: '港澳台侨委员会', changedOn: '2026-01-10' },
        {
          id: MERGED,
          district: CITY,
          name: '港澳台侨委员会',
          status: 'MERGED',
          mergedIntoId: 2,
          changedOn: '2026-03-01',
        },
        {
          id: DISSOLVED,
          district: CITY,
          name: '学习委员会',
          status: 'DISSOLVED',
          changedOn: '2026-05-01',
        },
      ]);
    });
    afterAll(() => module?.stop());

    it('fails the test, not silently, when a published fact never reaches the replica', async () => {
      await expect(publishAndWait(module, [], async () => false, 100)).rejects.toThrow(
        /never showed them within 100 ms/,
      );
    });

    const em = () => systemEm(module.orm);

    it('keeps the latest change of each member and committee, whatever order the events arrive in', async () => {
      // A stale "active" announcement after the member left, then a fresh member so the wait has something to see.
      await publishMembers(module, [
        {
          id: LEFT,
          district: CITY,
          name: '离任委员',
          status: 'ACTIVE',
          changedAt: '2026-02-01T00:00:00.000Z',
        },
        { id: 9001, district: CITY, name: '新委员', changedAt: '2026-07-01T00:00:00.000Z' },
      ]);
      expect(await em().findOne(MemberRefSchema, { memberId: LEFT })).toMatchObject({
        status: 'LEFT',
        changedAt: '2026-06-01T00:00:00.000Z',
      });
      await publishCommittees(module, [
        { id: MERGED, district: CITY, name: '港澳台侨委员会', changedOn: '2026-02-01' },
        // The same day as the dissolution: a committee never works again once dissolved.
        { id: DISSOLVED, district: CITY, name: '学习委员会', changedOn: '2026-05-01' },
        { id: 92, district: CITY, name: '新设委员会', changedOn: '2026-07-01' },
      ]);
      expect(await em().findOne(CommitteeRefSchema, { id: MERGED })).toMatchObject({
        status: 'MERGED',
        mergedIntoId: 2,
        changedOn: '2026-03-01',
      });
      expect(await em().findOne(CommitteeRefSchema, { id: DISSOLVED })).toMatchObject({
        status: 'DISSOLVED',
      });
      // A later change applies: the member comes back.
      await publishMembers(module, [
        {
          id: SUSPENDED,
          district: CITY,
          name: '暂停履职委员',
          status: 'ACTIVE',
          changedAt: '2026-08-01T00:00:00.000Z',
        },
      ]);
      expect(await em().findOne(MemberRefSchema, { memberId: SUSPENDED })).toMatchObject({
        status: 'ACTIVE',
      });
      await publishMembers(module, [
        {
          id: SUSPENDED,
          district: CITY,
          name: '暂停履职委员',
          status: 'SUSPENDED',
          changedAt: '2026-09-01T00:00:00.000Z',
        },
      ]);
    });

    /** Each refused write leaves every table as it was. */
    const counts = async () =>
      Promise.all(
        [
          'consultation_activity',
          'participant',
          'recommendation',
          'research_project',
          'research_team_member',
          'plan_topic',
          'input_contribution',
        ].map(
          async (t) => (await em().getConnection().execute(`select count(*) as n from ${t}`))[0].n,
        ),
      );

    it("refuses unknown, inactive and other districts' members wherever consultation names members, writing nothing", async () => {
      const before = await counts();
      const activity = {
        district: CITY,
        title: '城市更新专题协商',
        form: 'THEMATIC',
        topic: '城市更新',
        heldOn: '2026-09-10',
      };
      const record = `mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id } }`;
      const plan = `mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { id } }`;
      for (const [query, input, field, rule] of [
        [
          record,
          { ...activity, participantIds: ['1', '99999'] },
          'input.participantIds.1',
          'member',
        ],
        [
          record,
          { ...activity, participantIds: [String(LEFT)] },
          'input.participantIds.0',
          'active',
        ],
        [
          record,
          { ...activity, participantIds: ['2', String(SUSPENDED)] },
          'input.participantIds.1',
          'active',
        ],
        [plan, { ...activity, memberIds: ['3', '4', '0'] }, 'input.memberIds.2', 'member'],
        [plan, { ...activity, memberIds: ['99999'] }, 'input.memberIds.0', 'member'],
      ] as const) {
        const r = await module.execute(query, { i: input }, staff);
        expect(r.errors?.[0].extensions, `${field} ${rule}`).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
          rule,
        });
      }
      // A county's activity names its own members; another county's are refused.
      const county = {
        ...activity,
        district: COUNTY,
        participantIds: [String(SHEXIAN_MEMBER), String(TUNXI_MEMBER)],
      };
      expect(
        (await module.execute(record, { i: county }, countyStaff)).errors?.[0].extensions,
      ).toMatchObject({ field: 'input.participantIds.1', rule: 'district' });
      expect(
        (await module.execute(record, { i: { ...county, participantIds: ['5'] } }, countyStaff))
          .errors?.[0].extensions,
      ).toMatchObject({ field: 'input.participantIds.0', rule: 'district' });

      const planned = (
        await ok<{ planConsultationActivity: { id: string } }>(
          module,
          plan,
          { i: { ...activity, memberIds: ['7'] } },
          staff,
        )
      ).planConsultationActivity;
      const invite = await module.execute(
        `mutation { inviteToConsultationActivity(id: "${planned.id}", memberIds: ["8", "${LEFT}"]) { id } }`,
        {},
        staff,
      );
      expect(invite.errors?.[0].extensions).toMatchObject({ field: 'memberIds.1', rule: 'active' });
      const draft = `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }`;
      const rec = {
        district: CITY,
        kind: 'RECOMMENDATION',
        title: '关于推进城市更新的建议',
        text: '建议统筹推进老旧小区改造和历史街区保护，完善配套设施。',
        activityId: String(cityActivity(ADVISORY_MEETING).id),
      };
      expect(
        (await module.execute(draft, { i: { ...rec, authorIds: ['1', '99999'] } }, staff))
          .errors?.[0].extensions,
      ).toMatchObject({ field: 'input.authorIds.1', rule: 'member' });

      const start = `mutation($i: StartResearchProjectInput!) { startResearchProject(input: $i) { id version } }`;
      const research = {
        district: CITY,
        title: '城市更新专题调研',
        topic: '城市更新',
        leadCommitteeId: '2',
        team: [{ memberId: '31', role: 'LEAD' }],
      };
      for (const [change, field, rule] of [
        [
          {
            team: [
              { memberId: '31', role: 'LEAD' },
              { memberId: String(LEFT), role: 'MEMBER' },
            ],
          },
          'input.team.1.memberId',
          'active',
        ],
        [{ team: [{ memberId: '99999', role: 'LEAD' }] }, 'input.team.0.memberId', 'member'],
        [{ leadCommitteeId: '999' }, 'input.leadCommitteeId', 'committee'],
        [{ leadCommitteeId: String(MERGED) }, 'input.leadCommitteeId', 'active'],
        [{ leadCommitteeId: String(DISSOLVED) }, 'input.leadCommitteeId', 'active'],
        [{ leadCommitteeId: String(SHEXIAN_COMMITTEE) }, 'input.leadCommitteeId', 'district'],
      ] as const) {
        const r = await module.execute(start, { i: { ...research, ...change } }, staff);
        expect(r.errors?.[0].extensions, `${field} ${rule}`).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
          rule,
        });
      }
      const merged = await module.execute(
        start,
        { i: { ...research, leadCommitteeId: String(MERGED) } },
        staff,
      );
      expect(merged.errors?.[0].message).toMatch(/MERGED; committee 2 took over/);
      const project = (
        await ok<{ startResearchProject: { id: string; version: number } }>(
          module,
          start,
          { i: research },
          staff,
        )
      ).startResearchProject;
      const add = await module.execute(
        `mutation { addResearchTeamMembers(id: "${project.id}", team: [{ memberId: "32", role: MEMBER }, { memberId: "${SUSPENDED}", role: MEMBER }]) { id } }`,
        {},
        staff,
      );
      expect(add.errors?.[0].extensions).toMatchObject({
        field: 'team.1.memberId',
        rule: 'active',
      });

      const draftPlan = (
        await ok<{ draftConsultationPlan: { id: string } }>(
          module,
          `mutation { draftConsultationPlan(district: "${CITY}", year: 2031, title: "2031年度协商工作计划") { id } }`,
          {},
          staff,
        )
      ).draftConsultationPlan;
      const topic = (committee: string) =>
        module.execute(
          `mutation { addConsultationPlanTopic(planId: "${draftPlan.id}", input: { title: "推进城市更新", source: PARTY_COMMITTEE, form: THEMATIC, leadCommitteeId: "${committee}" }) { id } }`,
          {},
          staff,
        );
      expect((await topic(String(DISSOLVED))).errors?.[0].extensions).toMatchObject({
        field: 'input.leadCommitteeId',
        rule: 'active',
      });
      expect((await topic('999')).errors?.[0].extensions).toMatchObject({
        field: 'input.leadCommitteeId',
        rule: 'committee',
      });

      // What was written on the way: one planned activity with its invitation, one project with its lead, one plan.
      const after = await counts();
      expect(after.map(Number)).toEqual(before.map((n, i) => Number(n) + [1, 1, 0, 1, 1, 0, 0][i]));
    });

    it('accepts a city record naming members of the districts below it, and a member acting for themself only while active', async () => {
      const record = `mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { participants { id } } }`;
      const joint = await ok<{
        recordConsultationActivity: { participants: ({ id: string } | null)[] | null };
      }>(
        module,
        record,
        {
          i: {
            district: CITY,
            title: '市县联动茶产业专题协商',
            form: 'THEMATIC',
            topic: '茶业振兴',
            heldOn: '2026-09-12',
            participantIds: ['9', String(SHEXIAN_MEMBER)],
          },
        },
        staff,
      );
      expect(joint.recordConsultationActivity.participants).toEqual([
        { id: '9' },
        { id: String(SHEXIAN_MEMBER) },
      ]);

      const campaign = (
        await ok<{ draftInputCampaign: { id: string; version: number } }>(
          module,
          `mutation { draftInputCampaign(input: { district: "${CITY}", title: "城市更新建言征集", purpose: "编制城市更新规划", opensOn: "2026-01-01", closesOn: "2099-12-31", themes: ["城市更新"] }) { id version } }`,
          {},
          staff,
        )
      ).draftInputCampaign;
      await ok<{ openInputCampaign: { id: string } }>(
        module,
        `mutation { openInputCampaign(id: "${campaign.id}", version: ${campaign.version}) { id } }`,
        {},
        staff,
      );
      const contribute = (i: Record<string, unknown>, caller: Caller) =>
        module.execute(
          `mutation($c: ID!, $i: SubmitInputContributionInput!) { submitInputContribution(campaignId: $c, input: $i) { id member { id } } }`,
          {
            c: campaign.id,
            i: {
              kind: 'SUGGESTION',
              theme: '城市更新',
              title: '老旧小区加装电梯',
              text: '建议简化老旧小区加装电梯审批流程。',
              ...i,
            },
          },
          caller,
        );
      expect(
        (await contribute({ memberId: String(LEFT) }, staff)).errors?.[0].extensions,
      ).toMatchObject({ field: 'input.memberId', rule: 'active' });
      expect((await contribute({ memberId: '99999' }, staff)).errors?.[0].extensions).toMatchObject(
        { field: 'input.memberId', rule: 'member' },
      );
      expect(
        (await contribute({}, testCaller(['member'], CITY, String(LEFT)))).errors?.[0].extensions
          ?.code,
      ).toBe('FORBIDDEN');
      expect((await contribute({}, testCaller(['member'], CITY, '10'))).errors).toBeUndefined();
    });
  },
);
