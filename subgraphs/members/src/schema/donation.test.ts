import { CITY, campaigns, donations, members as demoMembers } from '@cppcc/demo';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const record = `mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id amountYuan member { id } } }`;

interface Campaign {
  id: string;
  title: string;
  totalYuan: number;
  donorMembers: number;
  donations: { id: string }[];
}

describe.each(databases())('donations on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
    await module.relay.kick();
  });
  afterAll(() => module?.stop());

  const campaign = async () =>
    (
      await module.execute<{ donationCampaigns: { nodes: Campaign[] } }>(
        `{ donationCampaigns { nodes { id title totalYuan donorMembers donations { id } } } }`,
      )
    ).data!.donationCampaigns.nodes[0];

  it('totals the pandemic drive from its donations', async () => {
    const c = await campaign();
    const demo = donations();
    expect(c.title).toBe('抗击新冠肺炎疫情捐款捐物');
    expect(c.totalYuan).toBe(demo.reduce((s, d) => s + d.amountFen, 0) / 100);
    expect(c.totalYuan).toBeGreaterThan(1_000_000);
    expect(c.donorMembers).toBe(
      new Set(demo.flatMap((d) => (d.memberId ? [d.memberId] : []))).size,
    );
  });

  it("puts a member's donation into their duty record", async () => {
    const donor = donations().find((d) => d.memberId)!.memberId!;
    const r = await module.execute<{ member: { dutyEvents: { kind: string }[] } }>(
      `{ member(id: "${donor}") { dutyEvents { kind } donations { amountYuan } } }`,
      {},
      staff,
    );
    expect(r.data!.member.dutyEvents.map((e) => e.kind)).toContain('donation.made');
    const paged = await module.execute<{
      member: {
        donations: unknown[];
        donationsConnection: { totalCount: number; nodes: unknown[] };
      };
    }>(
      `{ member(id: "${donor}") { donations { amountYuan } donationsConnection(first: 1000) { totalCount nodes { amountYuan } } } }`,
      {},
      staff,
    );
    expect(paged.data!.member.donations.length).toBeGreaterThan(0);
    expect(paged.data!.member.donationsConnection).toEqual({
      totalCount: paged.data!.member.donations.length,
      nodes: paged.data!.member.donations,
    });
    const member = demoMembers().find(
      (m) => m.district === CITY && !donations().some((d) => d.memberId === m.id),
    )!;
    const c = await campaign();
    const made = await module.execute(
      record,
      {
        i: {
          campaignId: c.id,
          memberId: String(member.id),
          kind: 'MONEY',
          amountYuan: 1000,
          donatedOn: campaigns[0].startsOn,
        },
      },
      staff,
    );
    expect(made.errors).toBeUndefined();
    await module.relay.kick();
    const after = await module.execute<{ member: { dutyEvents: unknown[] } }>(
      `{ member(id: "${member.id}") { dutyEvents { kind summary } } }`,
      {},
      staff,
    );
    expect(after.data!.member.dutyEvents).toContainEqual({
      kind: 'donation.made',
      summary: '向“抗击新冠肺炎疫情捐款捐物”捐赠 1000.00 元',
    });
  });

  it('refuses bad donations naming the field, writing nothing', async () => {
    const c = await campaign();
    const before = c.donations.length;
    const base = {
      campaignId: c.id,
      memberId: '3',
      kind: 'MONEY',
      amountYuan: 100,
      donatedOn: campaigns[0].startsOn,
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ organization: '某企业' }, 'input.memberId', 'BAD_USER_INPUT'],
      [{ memberId: null }, 'input.memberId', 'BAD_USER_INPUT'],
      [{ donatedOn: '2021-01-01' }, 'input.donatedOn', 'BAD_USER_INPUT'],
      [{ amountYuan: 0 }, 'input.amountYuan', 'BAD_USER_INPUT'],
      [{ amountYuan: -5 }, 'input.amountYuan', 'BAD_USER_INPUT'],
      [{ memberId: '987654' }, 'input.memberId', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of cases) {
      const r = await module.execute(record, { i: { ...base, ...change } }, staff);
      expect(r.errors?.[0].extensions, JSON.stringify(change)).toMatchObject({ code, field });
    }
    const otherDistrict = await module.execute(
      record,
      { i: base },
      testCaller(['staff'], '341002'),
    );
    expect(otherDistrict.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    expect((await campaign()).donations.length).toBe(before);
  });

  it("refuses a district's staff recording a donation by another district's member", async () => {
    const ownStaff = testCaller(['staff'], '341002');
    const created = await module.execute<{ createDonationCampaign: { id: string } }>(
      `mutation($i: CreateDonationCampaignInput!) { createDonationCampaign(input: $i) { id } }`,
      {
        i: {
          district: '341002',
          title: '屯溪区助学捐款',
          purpose: '资助困难学生',
          startsOn: '2024-09-01',
          endsOn: '2024-09-30',
        },
      },
      ownStaff,
    );
    const campaignId = created.data!.createDonationCampaign.id;
    const stranger = demoMembers().find((m) => m.district === '341021')!;
    const neighbour = demoMembers().find((m) => m.district === '341002')!;
    const give = (memberId: number) =>
      module.execute(
        record,
        {
          i: {
            campaignId,
            memberId: String(memberId),
            kind: 'MONEY',
            amountYuan: 500,
            donatedOn: '2024-09-10',
          },
        },
        ownStaff,
      );
    expect((await give(stranger.id)).errors?.[0].extensions).toMatchObject({
      code: 'CROSS_DISTRICT',
      field: 'input.memberId',
    });
    expect((await give(neighbour.id)).errors).toBeUndefined();
  });

  it('lists drives by the day they started: from and to are inclusive, and to before from is refused', async () => {
    const create = async (title: string, startsOn: string, endsOn: string) => {
      const r = await module.execute(
        `mutation($i: CreateDonationCampaignInput!) { createDonationCampaign(input: $i) { id } }`,
        { i: { district: CITY, title, purpose: '助学', startsOn, endsOn } },
        staff,
      );
      expect(r.errors).toBeUndefined();
    };
    await create('春季助学捐款活动', '2031-03-01', '2031-03-31');
    await create('夏季助学捐款活动', '2031-06-01', '2031-08-31');
    const titles = async (from?: string, to?: string) =>
      (
        await module.execute<{ donationCampaigns: { nodes: { title: string }[] } }>(
          `query($from: Date, $to: Date) { donationCampaigns(district: "${CITY}", from: $from, to: $to, first: 100) { nodes { title } } }`,
          { from, to },
        )
      ).data!.donationCampaigns.nodes.map((c) => c.title);
    expect(await titles('2031-01-01')).toEqual(['春季助学捐款活动', '夏季助学捐款活动']);
    expect(await titles('2031-03-02')).toEqual(['夏季助学捐款活动']);
    expect(await titles('2031-06-01', '2031-06-01')).toEqual(['夏季助学捐款活动']);
    // Ends in the spring drive's month: starts count, not ends, so the summer drive is out.
    expect(await titles('2031-03-01', '2031-05-31')).toEqual(['春季助学捐款活动']);
    const all = await titles();
    expect(await titles(undefined, '2031-02-28')).toEqual(
      all.filter((t) => !t.endsWith('助学捐款活动')),
    );
    const refused = await module.execute(
      `{ donationCampaigns(from: "2031-06-02", to: "2031-06-01") { totalCount } }`,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      rule: 'order',
    });
  });
});
