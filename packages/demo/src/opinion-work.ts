import { addDays } from '@cppcc/kit/dates';
import { members } from './members.js';
import { CITY } from './organization.js';
import { seeded } from './random.js';

/**
 * The report's public-opinion channel: "两年多来共编发《社情民意》专刊110多期、刊发信息XXX多条，
 * 去年《乡村教师支持计划执行中存在的问题及对策》得到国家领导人批示，今年《疫情下旅游业亟盼有力政策扶持》
 * 等3条信息被全国政协采用". 112 issues of the city's bulletin from mid-2024, the items they carried,
 * reporting up, adoptions by level and leaders' instructions — every figure countable from these rows.
 */
export interface DemoBulletinIssue {
  id: number;
  district: string;
  year: number;
  number: number;
  title: string;
  publishedOn: string | null;
  editor: string;
  issuer: string;
}

export type DemoOpinionSource =
  | 'MEMBER'
  | 'PARTY'
  | 'SPECIAL_COMMITTEE'
  | 'DISTRICT_COMMITTEE'
  | 'INFORMANT';
export type DemoLevel = 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'DISTRICT';

export interface DemoOpinionItem {
  id: number;
  district: string;
  title: string;
  content: string;
  category: string;
  source: DemoOpinionSource;
  sourceName: string | null;
  authorIds: number[];
  status: 'SUBMITTED' | 'SELECTED' | 'DISCARDED' | 'ISSUED' | 'REPORTED' | 'ADOPTED';
  submittedOn: string;
  issueId: number | null;
  reportedTo: string[] | null;
  reportedOn: string | null;
  adoptions: {
    level: DemoLevel;
    mode: 'SINGLE' | 'COMBINED';
    adoptedOn: string;
    publication: string | null;
  }[];
  instructions: { leader: string; level: DemoLevel; text: string; instructedOn: string }[];
  feedback: string | null;
  fedBackOn: string | null;
  statusNote: string | null;
}

/** Issues per year: the second half of 2024, all of 2025, 2026 to November — 112 in all. */
const ISSUES_PER_YEAR: [number, number, number][] = [
  [2024, 7, 18],
  [2025, 1, 48],
  [2026, 1, 46],
];

const PARTIES = [
  '民革黄山市委会',
  '民盟黄山市委会',
  '民建黄山市委会',
  '民进黄山市委会',
  '农工党黄山市委会',
  '九三学社黄山市委会',
  '市工商联',
];
const COMMITTEES = [
  '经济委员会',
  '人口资源环境委员会',
  '教科卫体委员会',
  '社会和法制委员会',
  '农业和农村委员会',
];
const DISTRICTS = ['屯溪区政协', '歙县政协', '祁门县政协', '黟县政协', '休宁县政协'];
const INFORMANTS = ['特邀信息员 汪立新', '特邀信息员 程慧敏', '特邀信息员 方志强'];

const TOPICS: [string, string][] = [
  ['关于破解山区农村物流“最后一公里”难题的建议', '农业农村'],
  ['老旧小区加装电梯推进中的堵点亟待疏通', '城市管理'],
  ['关于加强新安江上游农业面源污染治理的建议', '生态环境'],
  ['县域医共体建设中基层人才流失问题应引起重视', '社会事业'],
  ['徽州古民居保护利用面临资金瓶颈', '文化旅游'],
  ['关于规范直播带货助力茶产品销售的建议', '农业农村'],
  ['中小微企业应收账款回收难问题亟待解决', '经济建设'],
  ['乡村民宿同质化竞争现象值得关注', '文化旅游'],
  ['城区停车难问题的对策建议', '城市管理'],
  ['关于加强农村独居老人关爱服务的建议', '社会事业'],
  ['关于推动黄山毛峰地理标志品牌保护的建议', '农业农村'],
  ['景区周边交通拥堵治理的建议', '城市管理'],
  ['关于完善生态补偿资金绩效评价的建议', '生态环境'],
  ['职业院校毕业生本地就业率偏低的原因及对策', '社会事业'],
  ['关于支持非遗传承人开展研学活动的建议', '文化旅游'],
  ['民营企业融资担保体系亟待完善', '经济建设'],
];

const INSTRUCTED = '乡村教师支持计划执行中存在的问题及对策';
const NATIONAL_2026 = [
  '疫情下旅游业亟盼有力政策扶持',
  '山区县域中小微企业融资难问题亟待破解',
  '农村留守老人“养老难”问题应引起重视',
];

/** The demo's "now": nothing in it happens later. */
const LIMIT = '2026-11-25';
const day = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export interface DemoOpinionWork {
  issues: DemoBulletinIssue[];
  items: DemoOpinionItem[];
}

const cache = new Map<number, DemoOpinionWork>();

export function opinionWork(scale = 1): DemoOpinionWork {
  const hit = cache.get(scale);
  if (hit) return hit;
  const rnd = seeded(20240701);
  const cityMembers = members(scale)
    .filter((m) => m.district === CITY)
    .map((m) => m.id);
  const issues: DemoBulletinIssue[] = [];
  const items: DemoOpinionItem[] = [];
  let itemId = 1;
  const newItem = (
    publishedOn: string,
    issueId: number | null,
    title: string,
    category: string,
  ): DemoOpinionItem => {
    const r = rnd.next();
    const source: DemoOpinionSource =
      r < 0.65
        ? 'MEMBER'
        : r < 0.8
          ? 'PARTY'
          : r < 0.88
            ? 'SPECIAL_COMMITTEE'
            : r < 0.96
              ? 'DISTRICT_COMMITTEE'
              : 'INFORMANT';
    const authorIds =
      source === 'MEMBER'
        ? [
            ...new Set(
              Array.from({ length: rnd.chance(0.25) ? 2 : 1 }, () => rnd.pick(cityMembers)),
            ),
          ].sort((a, b) => a - b)
        : [];
    const sourceName =
      source === 'PARTY'
        ? rnd.pick(PARTIES)
        : source === 'SPECIAL_COMMITTEE'
          ? rnd.pick(COMMITTEES)
          : source === 'DISTRICT_COMMITTEE'
            ? rnd.pick(DISTRICTS)
            : source === 'INFORMANT'
              ? rnd.pick(INFORMANTS)
              : null;
    const item: DemoOpinionItem = {
      id: itemId++,
      district: CITY,
      title,
      content: `${title}。一、基本情况：群众反映集中，基层干部普遍关注。二、原因分析：政策衔接不够、要素保障不足。三、对策建议：加强统筹协调，完善配套政策，强化督促落实。`,
      category,
      source,
      sourceName,
      authorIds,
      status: issueId ? 'ISSUED' : 'SUBMITTED',
      submittedOn: addDays(publishedOn, -rnd.int(5, 15)),
      issueId,
      reportedTo: null,
      reportedOn: null,
      adoptions: [],
      instructions: [],
      feedback: null,
      fedBackOn: null,
      statusNote: null,
    };
    items.push(item);
    return item;
  };
  const report = (item: DemoOpinionItem, to: string[], on: string) => {
    if (on > LIMIT) return;
    item.status = 'REPORTED';
    item.reportedTo = to;
    item.reportedOn = on;
  };
  const adopt = (
    item: DemoOpinionItem,
    level: DemoLevel,
    mode: 'SINGLE' | 'COMBINED',
    on: string,
    publication: string | null,
  ) => {
    if (on > LIMIT) return;
    item.status = 'ADOPTED';
    item.adoptions.push({ level, mode, adoptedOn: on, publication });
    item.feedback = `该信息已被${level === 'NATIONAL' ? '全国政协' : level === 'PROVINCIAL' ? '省政协' : '市委、市政府'}采用，感谢您的积极反映。`;
    item.fedBackOn = addDays(on, 7);
  };

  for (let round = 0; round < scale; round++) {
    for (const [year, fromMonth, count] of ISSUES_PER_YEAR) {
      const months = (year === 2026 ? 11 : 12) - fromMonth + 1;
      for (let n = 1; n <= count; n++) {
        const month = fromMonth + Math.floor(((n - 1) * months) / count);
        const publishedOn = day(
          year,
          month,
          Math.min(year === 2026 && month === 11 ? 12 : 28, 3 + ((n * 7) % 25)),
        );
        const issue: DemoBulletinIssue = {
          id: issues.length + 1,
          district: CITY,
          year,
          number: n + round * count,
          title: `《社情民意》专刊 ${year}年第${n + round * count}期`,
          publishedOn,
          editor: '市政协办公室信息科',
          issuer: '市政协秘书长',
        };
        issues.push(issue);
        const carried = rnd.int(2, 4);
        for (let k = 0; k < carried; k++) {
          const [title, category] = rnd.pick(TOPICS);
          const item = newItem(publishedOn, issue.id, title, category);
          // Reported up: most to the provincial committee, some also to the national committee.
          if (rnd.chance(0.6))
            report(
              item,
              rnd.chance(0.3)
                ? ['全国政协', '省政协', '市委', '市政府']
                : ['省政协', '市委', '市政府'],
              addDays(publishedOn, 2),
            );
          if (rnd.chance(0.12))
            adopt(
              item,
              'CITY',
              rnd.chance(0.7) ? 'SINGLE' : 'COMBINED',
              addDays(publishedOn, rnd.int(10, 30)),
              '市委办《每日要情》',
            );
          if (item.reportedTo && rnd.chance(0.1))
            adopt(
              item,
              'PROVINCIAL',
              rnd.chance(0.6) ? 'SINGLE' : 'COMBINED',
              addDays(publishedOn, rnd.int(20, 40)),
              '省政协《社情民意》',
            );
          if (
            item.adoptions.some((a) => a.level === 'CITY') &&
            rnd.chance(0.25) &&
            addDays(publishedOn, 45) <= LIMIT
          ) {
            item.instructions.push({
              leader: '市委主要负责同志',
              level: 'CITY',
              text: '请相关部门认真研究，提出解决办法。',
              instructedOn: addDays(publishedOn, rnd.int(31, 45)),
            });
          }
        }
      }
    }
  }
  // The report's named items: last year's national leader's instruction, this year's three national adoptions.
  const y2025 = issues.filter((i) => i.year === 2025);
  const teachers = newItem(y2025[20].publishedOn!, y2025[20].id, INSTRUCTED, '社会事业');
  teachers.source = 'MEMBER';
  teachers.sourceName = null;
  teachers.authorIds = [cityMembers[4], cityMembers[17]].sort((a, b) => a - b);
  report(teachers, ['全国政协', '省政协', '市委', '市政府'], addDays(teachers.submittedOn, 20));
  adopt(teachers, 'PROVINCIAL', 'SINGLE', addDays(teachers.submittedOn, 30), '省政协《社情民意》');
  adopt(
    teachers,
    'NATIONAL',
    'SINGLE',
    addDays(teachers.submittedOn, 45),
    '全国政协《社情民意信息》',
  );
  teachers.instructions.push({
    leader: '国家领导人',
    level: 'NATIONAL',
    text: '乡村教师队伍建设事关教育公平，请教育部会同有关方面研究。',
    instructedOn: addDays(teachers.submittedOn, 60),
  });
  const y2026 = issues.filter((i) => i.year === 2026);
  NATIONAL_2026.forEach((title, i) => {
    const issue = y2026[5 + i * 8];
    const item = newItem(
      issue.publishedOn!,
      issue.id,
      title,
      i === 0 ? '文化旅游' : i === 1 ? '经济建设' : '社会事业',
    );
    if (item.source !== 'MEMBER') {
      item.source = 'MEMBER';
      item.sourceName = null;
      item.authorIds = [cityMembers[10 + i * 7]];
    }
    report(item, ['全国政协', '省政协', '市委', '市政府'], addDays(issue.publishedOn!, 2));
    adopt(
      item,
      'NATIONAL',
      i === 2 ? 'COMBINED' : 'SINGLE',
      addDays(issue.publishedOn!, 25),
      '全国政协《社情民意信息》',
    );
  });
  // Waiting in the channel now: submitted, being screened, screened out.
  for (let k = 0; k < 6; k++) {
    const [title, category] = rnd.pick(TOPICS);
    const item = newItem('2026-11-26', null, title, category);
    item.submittedOn = day(2026, 11, 14 + k);
    if (k >= 3 && k < 5) item.status = 'SELECTED';
    if (k === 5) {
      item.status = 'DISCARDED';
      item.statusNote = '内容与已编发信息重复。';
    }
  }
  // Draft issues are not part of the report; a discarded or pending item carries no issue.
  const work = { issues, items };
  cache.set(scale, work);
  return work;
}
