import { AS_OF, LAST_YEAR, THIS_YEAR } from './calendar.js';
import { ACTIVE_DISTRICTS, CITY } from './organization.js';
import { members, type DemoMember } from './members.js';
import { seeded } from './random.js';

export type ProposalStatus = 'SUBMITTED' | 'FILED' | 'NOT_FILED';

export interface DemoProposal {
  id: number;
  district: string;
  authorId: number;
  title: string;
  category: string;
  year: number;
  status: ProposalStatus;
  situation: string;
  analysis: string;
  suggestions: string;
}

const TOPICS: [string, string][] = [
  ['关于深化新安江流域生态补偿机制试点的建议', '生态环境'],
  ['关于加快茶产业转型升级推进茶业振兴的建议', '农业农村'],
  ['关于推进融杭接沪交通基础设施互联互通的建议', '经济建设'],
  ['关于进一步优化民营经济发展环境的建议', '经济建设'],
  ['关于完善乡村教师支持计划执行的建议', '社会事业'],
  ['关于疫情下加大旅游业扶持力度的建议', '文化旅游'],
  ['关于谋划建设山水生态旅游走廊的建议', '文化旅游'],
  ['关于加强徽州古村落保护利用的建议', '文化旅游'],
  ['关于推进城乡统筹发展的建议', '经济建设'],
  ['关于加强基层医疗卫生服务能力建设的建议', '社会事业'],
  ['关于规范发展乡村民宿经济的建议', '农业农村'],
  ['关于加强社区居家养老服务体系建设的建议', '社会事业'],
  ['关于争创国家生态文明建设示范市的建议', '生态环境'],
  ['关于培育新兴产业推动产业升级的建议', '经济建设'],
];

export function proposals(scale = 1): DemoProposal[] {
  const rnd = seeded(20260202);
  const all = members(scale);
  const list: DemoProposal[] = [];
  let id = 1;
  for (const member of all) {
    const count = rnd.int(0, 3);
    for (let i = 0; i < count; i++, id++) {
      const [title, category] = rnd.pick(TOPICS);
      const roll = rnd.next();
      list.push({
        id,
        district: member.district,
        authorId: member.id,
        title,
        category,
        year: rnd.chance(0.5) ? 2025 : 2026,
        status: roll < 0.75 ? 'FILED' : roll < 0.9 ? 'SUBMITTED' : 'NOT_FILED',
        situation: `${title.replace(/^关于|的建议$/g, '')}：当前工作已取得一定成效，但仍存在短板。`,
        analysis: '主要原因在于统筹协调机制不健全、要素保障不足。',
        suggestions: '一是加强统筹谋划；二是完善政策支持；三是强化督促落实。',
      });
    }
  }
  return list;
}

export type ConsultationForm =
  | 'PLENARY'
  | 'STANDING_COMMITTEE'
  | 'THEMATIC'
  | 'COUNTERPART'
  | 'SECTOR'
  | 'PROPOSAL_HANDLING'
  | 'BIWEEKLY_FORUM'
  | 'EXPERT'
  | 'ADVISORY';

export interface DemoActivity {
  id: number;
  district: string;
  title: string;
  form: ConsultationForm;
  topic: string;
  heldOn: string;
  counterpart: string | null;
  participantIds: number[];
}

/** The report's key consultation activities, "两年多来 … XX 次", on its four themes. */
const CITY_ACTIVITIES: [string, ConsultationForm, string, string | null][] = [
  ['本届首次资政会：实施乡村振兴战略', 'ADVISORY', '乡村振兴', null],
  ['争创国家生态文明建设示范市专题协商', 'THEMATIC', '乡村振兴', null],
  ['融杭接沪、推进长三角一体化专题协商', 'THEMATIC', '融杭接沪', null],
  ['杭黄世界级自然生态和文化旅游廊道建设对口协商', 'COUNTERPART', '融杭接沪', '市文化和旅游局'],
  ['优化民营经济发展环境对口协商', 'COUNTERPART', '民营经济', '市发展和改革委员会'],
  ['民营企业纾困解难界别协商', 'SECTOR', '民营经济', null],
  ['茶业振兴界别协商', 'SECTOR', '茶业振兴', null],
  ['推进茶产业品牌建设对口协商', 'COUNTERPART', '茶业振兴', '市农业农村局'],
  ['重点提案办理协商：新安江流域生态补偿', 'PROPOSAL_HANDLING', '生态补偿', '市生态环境局'],
  ['重点提案办理协商：乡村教师队伍建设', 'PROPOSAL_HANDLING', '乡村振兴', '市教育局'],
  ['常委会议专题协商：新安江流域生态补偿机制试点', 'STANDING_COMMITTEE', '生态补偿', null],
  ['“十四五”规划编制专题协商', 'STANDING_COMMITTEE', '十四五规划', null],
];

/** A held activity's day: one that would fall after the demo's today was held that month last year. */
function heldDay(year: number, month: number, day: number): string {
  const on = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return on > AS_OF ? `${year - 1}${on.slice(4)}` : on;
}

export function activities(scale = 1): DemoActivity[] {
  const rnd = seeded(20260303);
  const all = members(scale);
  const byDistrict = new Map<string, DemoMember[]>();
  for (const m of all) byDistrict.set(m.district, [...(byDistrict.get(m.district) ?? []), m]);
  const list: DemoActivity[] = [];
  let id = 1;
  const add = (
    district: string,
    title: string,
    form: ConsultationForm,
    topic: string,
    counterpart: string | null,
  ) => {
    const pool = byDistrict.get(district) ?? [];
    const size = Math.min(pool.length, rnd.int(8, 20));
    const start = rnd.int(0, Math.max(0, pool.length - size));
    list.push({
      id: id++,
      district,
      title,
      form,
      topic,
      heldOn: heldDay(rnd.chance(0.5) ? LAST_YEAR : THIS_YEAR, rnd.int(1, 12), rnd.int(1, 28)),
      counterpart,
      participantIds: pool.slice(start, start + size).map((m) => m.id),
    });
  };
  for (let round = 0; round < scale; round++) {
    for (const [title, form, topic, counterpart] of CITY_ACTIVITIES)
      add(CITY, title, form, topic, counterpart);
    for (const district of ACTIVE_DISTRICTS.slice(1)) {
      add(district, '乡村振兴专题协商', 'THEMATIC', '乡村振兴', null);
      add(district, '茶产业发展界别协商', 'SECTOR', '茶业振兴', null);
    }
  }
  return list;
}
