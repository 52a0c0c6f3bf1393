import { CITY } from '@cppcc/demo';
import { systemEm } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startConsultation } from '../test-support.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';

const staff = testCaller(['staff'], CITY);
const member = testCaller(['member'], CITY, '12');
const text = '建议串联徽州古村落，打造研学旅游精品线路，完善配套服务。';

/**
 * PostgreSQL only (SQLite runs one writer at a time): a reopen of a closed campaign and a
 * recommendation drafted from it, sent together, cannot both pass — the campaign would be open
 * again with a recommendation citing what it held when it closed.
 */
const url = databases().find((d) => d.url)?.url;

describe.runIf(url)(
  'a campaign reopened while a recommendation is drafted from it, on postgres',
  () => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startConsultation(url);
    });
    afterAll(() => module?.stop());

    it('lets exactly one of the two through', async () => {
      let c = (
        await ok<{ draftInputCampaign: { id: string; version: number } }>(
          module,
          `mutation($i: DraftInputCampaignInput!) { draftInputCampaign(input: $i) { id version } }`,
          {
            i: {
              district: CITY,
              title: '并发测试建言征集',
              purpose: '测试',
              opensOn: '2026-01-01',
              closesOn: '2099-12-31',
              themes: ['文旅融合'],
            },
          },
          staff,
        )
      ).draftInputCampaign;
      c = (
        await ok<{ openInputCampaign: { id: string; version: number } }>(
          module,
          `mutation { openInputCampaign(id: "${c.id}", version: ${c.version}) { id version } }`,
          {},
          staff,
        )
      ).openInputCampaign;
      const own = (
        await ok<{ submitInputContribution: { id: string; version: number } }>(
          module,
          `mutation($c: ID!, $i: SubmitInputContributionInput!) { submitInputContribution(campaignId: $c, input: $i) { id version } }`,
          {
            c: c.id,
            i: { kind: 'SUGGESTION', theme: '文旅融合', title: '研学线路设计建议', text },
          },
          member,
        )
      ).submitInputContribution;
      await ok<{ acceptInputContribution: { id: string } }>(
        module,
        `mutation { acceptInputContribution(id: "${own.id}", version: ${own.version}) { id } }`,
        {},
        staff,
      );
      c = (
        await ok<{ closeInputCampaign: { id: string; version: number } }>(
          module,
          `mutation { closeInputCampaign(id: "${c.id}", version: ${c.version}) { id version } }`,
          {},
          staff,
        )
      ).closeInputCampaign;

      // Stall the draft inside its transaction, after its checks and before its sources are written,
      // by holding the sources table; the reopen is sent meanwhile and would commit at once if
      // nothing made it wait for the draft.
      const holder = systemEm(module.orm).fork();
      await holder.begin();
      await holder.execute('lock table recommendation_source in share row exclusive mode');
      const drafted = module.execute(
        `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }`,
        {
          i: {
            district: CITY,
            kind: 'RECOMMENDATION',
            title: '关于打造徽州古村落研学旅游线路的建议',
            text,
            campaignId: c.id,
            contributionIds: [own.id],
          },
        },
        staff,
      );
      await new Promise((r) => setTimeout(r, 400));
      const reopen = module.execute(
        `mutation { reopenInputCampaign(id: "${c.id}", version: ${c.version}) { status } }`,
        {},
        staff,
      );
      await new Promise((r) => setTimeout(r, 400));
      await holder.commit();
      const results = await Promise.all([reopen, drafted]);

      const passed = results.filter((r) => !r.errors);
      expect(passed, JSON.stringify(results.map((r) => r.errors?.[0].extensions))).toHaveLength(1);
      const refused = results.find((r) => r.errors)!.errors![0].extensions;
      expect(['ILLEGAL_TRANSITION', 'BAD_USER_INPUT']).toContain(refused?.code);
      const recommendations = await systemEm(module.orm).count(RecommendationSchema, {
        campaignId: Number(c.id),
      });
      const status = (
        await ok<{ inputCampaign: { status: string } }>(
          module,
          `{ inputCampaign(id: "${c.id}") { status } }`,
          {},
          staff,
        )
      ).inputCampaign.status;
      expect(status === 'OPEN' ? recommendations === 0 : recommendations === 1).toBe(true);
    });
  },
);
