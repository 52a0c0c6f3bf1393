import { CITY } from './organization.js';
import { members } from './members.js';
import { seeded } from './random.js';

export interface DemoCampaign {
  id: number;
  district: string;
  title: string;
  purpose: string;
  startsOn: string;
  endsOn: string;
}

export interface DemoDonation {
  campaignId: number;
  memberId: number | null;
  organization: string | null;
  kind: 'MONEY' | 'GOODS';
  amountFen: number;
  description: string | null;
  donatedOn: string;
}

/** The report's pandemic drive: "全市政协组织和政协委员捐款捐物共计XXX多万元". */
export const campaigns: DemoCampaign[] = [
  {
    id: 1,
    district: CITY,
    title: '抗击新冠肺炎疫情捐款捐物',
    purpose: '第一时间组织全市政协系统和委员开展募捐，支援疫情防控一线。',
    startsOn: '2025-01-28',
    endsOn: '2025-03-31',
  },
];

const ORGANIZATIONS = [
  '民建黄山市委会',
  '民盟黄山市委会',
  '黄山市工商联',
  '徽州茶业集团',
  '黄山旅游发展股份有限公司',
  '屯溪区政协',
  '歙县政协',
  '祁门县政协',
];

export function donations(scale = 1): DemoDonation[] {
  const rnd = seeded(20200128);
  const list: DemoDonation[] = [];
  const day = () =>
    `2025-${rnd.chance(0.6) ? '02' : '03'}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
  for (const m of members(scale)) {
    if (!rnd.chance(0.4)) continue;
    const goods = rnd.chance(0.2);
    list.push({
      campaignId: 1,
      memberId: m.id,
      organization: null,
      kind: goods ? 'GOODS' : 'MONEY',
      amountFen: rnd.int(5, 200) * 10000,
      description: goods ? rnd.pick(['医用口罩', '防护服', '消毒液', '蔬菜物资']) : null,
      donatedOn: day(),
    });
  }
  for (const organization of ORGANIZATIONS) {
    list.push({
      campaignId: 1,
      memberId: null,
      organization,
      kind: 'MONEY',
      amountFen: rnd.int(10, 80) * 1_000_000,
      description: null,
      donatedOn: day(),
    });
  }
  return list;
}
