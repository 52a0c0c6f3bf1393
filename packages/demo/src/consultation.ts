import { addDays } from '@cppcc/kit/dates';
import { activities, type ConsultationForm, type DemoActivity } from './activity.js';
import { unitByShort } from './government-units.js';
import { LAST_YEAR } from './calendar.js';
import { CITY } from './organization.js';

/**
 * The consultation side of the work report, around the key activities of activity.ts: who was
 * invited, what was said, the minutes, and activities still ahead in the calendar.
 */

export type DemoActivityStatus = 'PLANNED' | 'PREPARING' | 'HELD' | 'OUTCOME_SUBMITTED' | 'CLOSED';

/** Counterpart consultations name a government department; these are the demo units for them. */
const COUNTERPART_UNITS: Record<string, string> = {
  市文化和旅游局: '文旅局',
  市发展和改革委员会: '发改委',
  市农业农村局: '农业农村局',
  市生态环境局: '生态环境局',
  市教育局: '教育局',
};

export function counterpartUnitId(activity: DemoActivity): number | null {
  const short = activity.counterpart ? COUNTERPART_UNITS[activity.counterpart] : undefined;
  return short ? unitByShort(activity.district, short).id : null;
}

/** Titles of the city's activities whose outcome went to the Party committee and government. */
export const ADVISORY_MEETING = '本届首次资政会：实施乡村振兴战略';
export const CORRIDOR_CONSULTATION = '杭黄世界级自然生态和文化旅游廊道建设对口协商';
export const ECO_COMPENSATION_MEETING = '常委会议专题协商：新安江流域生态补偿机制试点';
const WITH_OUTCOME = [
  ADVISORY_MEETING,
  CORRIDOR_CONSULTATION,
  ECO_COMPENSATION_MEETING,
  '融杭接沪、推进长三角一体化专题协商',
  '优化民营经济发展环境对口协商',
  '茶业振兴界别协商',
];

/** The first demo activity of `district` with this title. */
export function cityActivity(title: string, district = CITY): DemoActivity {
  const found = activities(1).find((a) => a.district === district && a.title === title);
  if (!found) throw new Error(`no demo activity ${title} in ${district}`);
  return found;
}

/** Held activities whose outcome was submitted are closed; the others are held, awaiting theirs. */
export function activityStatus(activity: DemoActivity): DemoActivityStatus {
  const firstRound = activities(1).some((a) => a.id === activity.id && a.district === CITY);
  return firstRound && WITH_OUTCOME.includes(activity.title) ? 'CLOSED' : 'HELD';
}

export interface DemoGuest {
  activityTitle: string;
  kind: 'INVITED_LEADER' | 'OFFICIAL' | 'EXPERT';
  name: string;
  position: string;
  unitShort: string | null;
}

/** The report: "政协重要会议和重大活动，都及时邀请市委、市政府负责同志到会听取建议". */
export const guests: DemoGuest[] = [
  {
    activityTitle: ADVISORY_MEETING,
    kind: 'INVITED_LEADER',
    name: '市委主要负责同志',
    position: '中共黄山市委书记',
    unitShort: null,
  },
  {
    activityTitle: ADVISORY_MEETING,
    kind: 'INVITED_LEADER',
    name: '市政府主要负责同志',
    position: '黄山市人民政府市长',
    unitShort: null,
  },
  {
    activityTitle: ADVISORY_MEETING,
    kind: 'OFFICIAL',
    name: '市农业农村局负责同志',
    position: '局长',
    unitShort: '农业农村局',
  },
  {
    activityTitle: ADVISORY_MEETING,
    kind: 'OFFICIAL',
    name: '市生态环境局负责同志',
    position: '局长',
    unitShort: '生态环境局',
  },
  {
    activityTitle: CORRIDOR_CONSULTATION,
    kind: 'INVITED_LEADER',
    name: '分管副市长',
    position: '黄山市人民政府副市长',
    unitShort: null,
  },
  {
    activityTitle: CORRIDOR_CONSULTATION,
    kind: 'OFFICIAL',
    name: '市文化和旅游局负责同志',
    position: '局长',
    unitShort: '文旅局',
  },
  {
    activityTitle: ECO_COMPENSATION_MEETING,
    kind: 'EXPERT',
    name: '新安江生态保护中心专家',
    position: '高级工程师',
    unitShort: null,
  },
];

export interface DemoSpeech {
  activityTitle: string;
  /** Index into the activity's participants. */
  participant: number;
  title: string;
  mode: 'ORAL' | 'WRITTEN';
}

export const speeches: DemoSpeech[] = [
  {
    activityTitle: ADVISORY_MEETING,
    participant: 0,
    title: '关于争创国家生态文明建设示范市的建议',
    mode: 'ORAL',
  },
  {
    activityTitle: ADVISORY_MEETING,
    participant: 1,
    title: '关于打造践行“两山”理论样板区的思考',
    mode: 'ORAL',
  },
  {
    activityTitle: ADVISORY_MEETING,
    participant: 2,
    title: '发展乡村民宿经济，促进农民增收',
    mode: 'ORAL',
  },
  {
    activityTitle: ADVISORY_MEETING,
    participant: 3,
    title: '完善乡村教师支持计划',
    mode: 'WRITTEN',
  },
  {
    activityTitle: ADVISORY_MEETING,
    participant: 4,
    title: '推进徽州古村落保护利用',
    mode: 'WRITTEN',
  },
  {
    activityTitle: CORRIDOR_CONSULTATION,
    participant: 0,
    title: '关于谋划建设山水生态旅游走廊的建议',
    mode: 'ORAL',
  },
  {
    activityTitle: CORRIDOR_CONSULTATION,
    participant: 1,
    title: '杭黄旅游一体化营销的几点建议',
    mode: 'WRITTEN',
  },
  {
    activityTitle: ECO_COMPENSATION_MEETING,
    participant: 0,
    title: '深化新安江流域生态补偿机制试点的建议',
    mode: 'ORAL',
  },
];

export const minutes: Record<string, string> = {
  [ADVISORY_MEETING]:
    '会议聚焦乡村振兴战略实施，与会委员围绕争创国家生态文明建设示范市、打造践行“两山”理论样板区等建言献策。市委、市政府主要负责同志到会听取建议并讲话，要求有关部门认真研究吸收。',
  [CORRIDOR_CONSULTATION]:
    '委员建议谋划建设山水生态旅游走廊，与杭州共建世界级自然生态和文化旅游廊道。市文化和旅游局现场回应，将建议纳入两地合作事项。',
  [ECO_COMPENSATION_MEETING]:
    '常委会议围绕深化新安江流域生态补偿机制试点开展专题协商，形成建议案报送市委、市政府。',
};

export interface DemoPlannedActivity {
  title: string;
  form: ConsultationForm;
  topic: string;
  heldOn: string;
  status: 'PLANNED' | 'PREPARING';
  counterpartShort: string | null;
  location: string;
}

/** Activities of the current plan that are still ahead: they have no attendance yet. */
export const plannedActivities: DemoPlannedActivity[] = [
  {
    title: '双周协商座谈会：民营企业融资难融资贵问题',
    form: 'BIWEEKLY_FORUM',
    topic: '民营经济',
    heldOn: '2027-03-12',
    status: 'PREPARING',
    counterpartShort: null,
    location: '市政协会议室',
  },
  {
    title: '专家协商会：茶产业数字化转型',
    form: 'EXPERT',
    topic: '茶业振兴',
    heldOn: '2027-04-20',
    status: 'PLANNED',
    counterpartShort: null,
    location: '祁门红茶产业园',
  },
  {
    title: '融杭接沪交通互联互通对口协商',
    form: 'COUNTERPART',
    topic: '融杭接沪',
    heldOn: '2027-05-18',
    status: 'PLANNED',
    counterpartShort: '交通局',
    location: '市政协会议室',
  },
  {
    title: '市政协全体会议大会发言',
    form: 'PLENARY',
    topic: '十四五规划',
    heldOn: '2027-01-15',
    status: 'PREPARING',
    counterpartShort: null,
    location: '黄山国际大酒店',
  },
];

export type DemoResearchPhase =
  | 'TOPIC_SELECTED'
  | 'PLAN_APPROVED'
  | 'FIELDWORK'
  | 'DRAFTING'
  | 'REVIEWED'
  | 'SUBMITTED'
  | 'CONVERTED'
  | 'CLOSED';
export const RESEARCH_PHASE_ORDER: DemoResearchPhase[] = [
  'TOPIC_SELECTED',
  'PLAN_APPROVED',
  'FIELDWORK',
  'DRAFTING',
  'REVIEWED',
  'SUBMITTED',
  'CONVERTED',
  'CLOSED',
];

export interface DemoResearch {
  key: string;
  district: string;
  title: string;
  topic: string;
  leadCommitteeId: number | null;
  joint: boolean;
  partnerCommittees: string[];
  status: DemoResearchPhase;
  /** The day each phase reached began, in phase order; a phase ends when the next begins. */
  started: string[];
  /** Deadline of each phase, in phase order (CLOSED has none). */
  due: string[];
  /** Team: the first is the lead. Members are taken from this activity's participants. */
  teamFrom: string;
  teamSize: number;
  visits: { visitedOn: string; place: string; purpose: string }[];
  plan: string;
  reportTitle: string | null;
  public: boolean;
}

/**
 * The report's research: "加强调研谋划、方案制定、过程管控". One project runs past its
 * fieldwork deadline, so the overdue figures have something to count.
 */
export const researchProjects: DemoResearch[] = [
  {
    key: 'eco',
    district: CITY,
    title: '深化新安江流域生态补偿机制试点调研',
    topic: '生态补偿',
    leadCommitteeId: 3,
    joint: false,
    partnerCommittees: [],
    status: 'CLOSED',
    started: [
      '2025-02-10',
      '2025-03-01',
      '2025-03-20',
      '2025-05-10',
      '2025-06-05',
      '2025-06-20',
      '2025-08-01',
      '2025-09-15',
    ],
    due: [
      '2025-02-28',
      '2025-03-20',
      '2025-05-15',
      '2025-06-10',
      '2025-06-20',
      '2025-07-31',
      '2025-09-30',
    ],
    teamFrom: ECO_COMPENSATION_MEETING,
    teamSize: 6,
    visits: [
      {
        visitedOn: '2025-04-08',
        place: '歙县街口国控断面',
        purpose: '实地察看跨省断面水质联合监测',
      },
      {
        visitedOn: '2025-04-22',
        place: '休宁县新安江源头',
        purpose: '调研源头保护与农业面源污染治理',
      },
    ],
    plan: '围绕试点深化，赴歙县、休宁等地实地调研，召开部门座谈会，形成调研报告。',
    reportTitle: '关于深化新安江流域生态补偿机制试点的调研报告',
    public: true,
  },
  {
    key: 'joint',
    district: CITY,
    title: '新安江—千岛湖生态补偿试验区建设联动调研',
    topic: '生态补偿',
    leadCommitteeId: 3,
    joint: true,
    partnerCommittees: ['杭州市政协'],
    status: 'FIELDWORK',
    started: ['2026-03-01', '2026-03-25', '2026-04-15'],
    due: [
      '2026-03-20',
      '2026-04-10',
      '2026-06-30',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-12-31',
    ],
    teamFrom: ECO_COMPENSATION_MEETING,
    teamSize: 5,
    visits: [
      { visitedOn: '2026-05-12', place: '淳安县千岛湖', purpose: '与杭州市政协联合察看试验区建设' },
    ],
    plan: '与杭州市政协联合组队，分段调研新安江—千岛湖全流域，共同起草报告。',
    reportTitle: null,
    public: true,
  },
  {
    key: 'corridor',
    district: CITY,
    title: '融杭接沪交通基础设施互联互通调研',
    topic: '融杭接沪',
    leadCommitteeId: 2,
    joint: false,
    partnerCommittees: [],
    status: 'DRAFTING',
    started: ['2026-06-01', '2026-06-20', '2026-07-10', '2026-10-20'],
    due: [
      '2026-06-20',
      '2026-07-10',
      '2026-10-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-06-30',
    ],
    teamFrom: '融杭接沪、推进长三角一体化专题协商',
    teamSize: 5,
    visits: [
      { visitedOn: '2026-08-18', place: '杭黄高铁黄山北站', purpose: '调研杭黄高铁沿线交通接驳' },
    ],
    plan: '梳理融杭接沪交通短板，赴杭州、上海对接，提出互联互通建议。',
    reportTitle: null,
    public: true,
  },
  {
    key: 'private',
    district: CITY,
    title: '优化民营经济发展环境专题调研',
    topic: '民营经济',
    leadCommitteeId: 2,
    joint: false,
    partnerCommittees: [],
    status: 'SUBMITTED',
    started: ['2025-09-01', '2025-09-15', '2025-10-01', '2025-11-15', '2025-12-10', '2025-12-20'],
    due: [
      '2025-09-15',
      '2025-10-01',
      '2025-11-20',
      '2025-12-10',
      '2025-12-20',
      '2025-12-31',
      '2026-03-31',
    ],
    teamFrom: '优化民营经济发展环境对口协商',
    teamSize: 4,
    visits: [
      { visitedOn: '2025-10-21', place: '黄山高新区', purpose: '走访民营企业，听取营商环境意见' },
    ],
    plan: '走访民营企业和商会，座谈了解融资、用地、审批方面的困难。',
    reportTitle: '关于进一步优化民营经济发展环境的调研报告',
    public: true,
  },
  {
    key: 'tea',
    district: '341024',
    title: '祁门红茶产业转型升级调研',
    topic: '茶业振兴',
    leadCommitteeId: 15,
    joint: false,
    partnerCommittees: [],
    status: 'PLAN_APPROVED',
    started: ['2026-09-01', '2026-09-20'],
    due: [
      '2026-09-20',
      '2026-10-10',
      '2026-12-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-06-30',
    ],
    teamFrom: '茶产业发展界别协商',
    teamSize: 4,
    visits: [],
    plan: '调研祁门红茶品牌建设、茶园管理和电商销售。',
    reportTitle: null,
    public: true,
  },
];

export interface DemoRecommendation {
  key: string;
  kind: 'REPORT' | 'RECOMMENDATION';
  title: string;
  fromActivity: string | null;
  fromResearch: string | null;
  /** Days after the activity (or the research report) it was submitted, and adopted. */
  submittedAfter: number;
  adoptedAfter: number | null;
  adoption: string | null;
  submittedTo: string;
}

/** 建议案 and 建议 the report names, with how the government took them up. */
export const recommendations: DemoRecommendation[] = [
  {
    key: 'demo-city',
    kind: 'REPORT',
    title: '关于争创国家生态文明建设示范市、打造践行“两山”理论样板区的建议案',
    fromActivity: ADVISORY_MEETING,
    fromResearch: null,
    submittedAfter: 10,
    adoptedAfter: 60,
    adoption: '市委、市政府决定正式启动国家生态文明建设示范市争创工作',
    submittedTo: '市委、市政府',
  },
  {
    key: 'corridor',
    kind: 'RECOMMENDATION',
    title: '关于谋划建设山水生态旅游走廊的建议',
    fromActivity: CORRIDOR_CONSULTATION,
    fromResearch: null,
    submittedAfter: 7,
    adoptedAfter: 90,
    adoption: '共建杭黄世界级自然生态和文化旅游廊道写入两省战略合作框架协议',
    submittedTo: '市政府',
  },
  {
    key: 'eco',
    kind: 'REPORT',
    title: '关于深化新安江流域生态补偿机制试点的建议案',
    fromActivity: ECO_COMPENSATION_MEETING,
    fromResearch: 'eco',
    submittedAfter: 5,
    adoptedAfter: 30,
    adoption: '建议意见纳入市委深化新安江流域生态补偿机制试点工作部署',
    submittedTo: '市委、市政府',
  },
  {
    key: 'private',
    kind: 'RECOMMENDATION',
    title: '关于进一步优化民营经济发展环境的建议',
    fromActivity: '优化民营经济发展环境对口协商',
    fromResearch: 'private',
    submittedAfter: 12,
    adoptedAfter: null,
    adoption: null,
    submittedTo: '市政府',
  },
  {
    key: 'tea',
    kind: 'RECOMMENDATION',
    title: '关于加快茶产业品牌建设推进茶业振兴的建议',
    fromActivity: '茶业振兴界别协商',
    fromResearch: null,
    submittedAfter: 8,
    adoptedAfter: null,
    adoption: null,
    submittedTo: '市政府',
  },
];

/**
 * The ids consultation's seed gives its demo research projects and recommendations: each kind
 * is created in the order of its list, from 1. Plugins' demo data points at them by these.
 */
export function demoResearchProjectId(key: string): string {
  const at = researchProjects.findIndex((p) => p.key === key);
  if (at < 0) throw new Error(`no demo research project has key ${key}`);
  return String(at + 1);
}

export function demoRecommendationId(key: string): string {
  const at = recommendations.findIndex((r) => r.key === key);
  if (at < 0) throw new Error(`no demo recommendation has key ${key}`);
  return String(at + 1);
}

export interface DemoOutcomeInstruction {
  subject: { recommendation: string } | { research: string };
  leader: string;
  leaderPost: string;
  rank: 'PRINCIPAL' | 'IN_CHARGE';
  level: 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'DISTRICT';
  after: number;
  text: string;
  /** Conversion ledger: department, task, days to reply, and how far it got. */
  ledger: {
    unitShort: string;
    task: string;
    dueAfter: number;
    status: 'ASSIGNED' | 'REPLIED' | 'DONE';
    feedback: string | null;
  }[];
}

/**
 * "市委、市政府负责同志批示建议案和建议XX次": every one is a row here, so the figure is counted. XX
 * is a two-digit mask, so the demo has at least ten.
 */
export const instructions: DemoOutcomeInstruction[] = [
  {
    subject: { recommendation: 'demo-city' },
    leader: '市委主要负责同志',
    leaderPost: '市委书记',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 5,
    text: '建议很有价值，请市政府认真研究，启动示范市争创工作。',
    ledger: [
      {
        unitShort: '生态环境局',
        task: '牵头编制国家生态文明建设示范市规划',
        dueAfter: 90,
        status: 'DONE',
        feedback: '规划已编制完成并经市政府常务会议审议通过。',
      },
      {
        unitShort: '发改委',
        task: '研究制定践行“两山”理论样板区实施方案',
        dueAfter: 120,
        status: 'REPLIED',
        feedback: '实施方案已形成征求意见稿，正在征求各部门意见。',
      },
    ],
  },
  {
    subject: { recommendation: 'demo-city' },
    leader: '分管副市长',
    leaderPost: '副市长',
    rank: 'IN_CHARGE',
    level: 'CITY',
    after: 8,
    text: '请生态环境局、发改委抓好落实。',
    ledger: [],
  },
  {
    subject: { recommendation: 'corridor' },
    leader: '市政府主要负责同志',
    leaderPost: '市长',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 6,
    text: '请文旅局会同交通局研究，纳入与杭州合作事项。',
    ledger: [
      {
        unitShort: '文旅局',
        task: '会同杭州编制旅游廊道建设方案',
        dueAfter: 60,
        status: 'DONE',
        feedback: '廊道建设已写入两省战略合作框架协议。',
      },
      {
        unitShort: '交通局',
        task: '研究廊道交通连接项目',
        dueAfter: 45,
        status: 'ASSIGNED',
        feedback: null,
      },
    ],
  },
  {
    subject: { research: 'eco' },
    leader: '市委主要负责同志',
    leaderPost: '市委书记',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 4,
    text: '调研报告很有分量，充分肯定。有关建议请吸收纳入工作部署。',
    ledger: [],
  },
  {
    subject: { recommendation: 'eco' },
    leader: '分管副市长',
    leaderPost: '副市长',
    rank: 'IN_CHARGE',
    level: 'CITY',
    after: 6,
    text: '请生态环境局、财政局研究落实。',
    ledger: [],
  },
  {
    subject: { recommendation: 'private' },
    leader: '分管副市长',
    leaderPost: '副市长',
    rank: 'IN_CHARGE',
    level: 'CITY',
    after: 10,
    text: '请发改委会同有关部门研究办理。',
    ledger: [],
  },
  {
    subject: { recommendation: 'demo-city' },
    leader: '市政府主要负责同志',
    leaderPost: '市长',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 7,
    text: '请各有关部门按照建议案要求，抓紧制定争创工作方案。',
    ledger: [],
  },
  {
    subject: { recommendation: 'corridor' },
    leader: '分管副市长',
    leaderPost: '副市长',
    rank: 'IN_CHARGE',
    level: 'CITY',
    after: 9,
    text: '请文旅局抓紧对接杭州市有关部门，细化合作事项。',
    ledger: [],
  },
  {
    subject: { recommendation: 'eco' },
    leader: '市政府主要负责同志',
    leaderPost: '市长',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 8,
    text: '建议切实可行，请市生态环境局牵头吸收落实。',
    ledger: [],
  },
  {
    subject: { recommendation: 'private' },
    leader: '市政府主要负责同志',
    leaderPost: '市长',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 14,
    text: '请发改委牵头，逐条研究提出落实措施。',
    ledger: [],
  },
  {
    subject: { recommendation: 'tea' },
    leader: '分管副市长',
    leaderPost: '副市长',
    rank: 'IN_CHARGE',
    level: 'CITY',
    after: 10,
    text: '请农业农村局研究茶产业品牌建设支持措施。',
    ledger: [],
  },
  {
    subject: { recommendation: 'tea' },
    leader: '市委主要负责同志',
    leaderPost: '市委书记',
    rank: 'PRINCIPAL',
    level: 'CITY',
    after: 12,
    text: '茶业振兴事关乡村振兴全局，请市政府统筹推进。',
    ledger: [],
  },
];

export interface DemoResultTask {
  unitShort: string;
  title: string;
  weight: number;
  status: 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE';
  progress: number;
  dueAfter: number;
}

export interface DemoChain {
  recommendation: string;
  /** The topic of last year's plan the Party committee set, the chain's first step (党委出题). */
  planTopic: string;
  topic: string;
  adoption: string;
  document: string;
  tasks: DemoResultTask[];
}

/** The outcome chain 党委出题 → 政协调研 → 政府采纳 → 部门落实, with the report's two examples. */
export const chains: DemoChain[] = [
  {
    recommendation: 'demo-city',
    planTopic: '实施乡村振兴战略，争创国家生态文明建设示范市',
    topic: '党委出题：实施乡村振兴战略，争创国家生态文明建设示范市',
    adoption: '正式启动国家生态文明建设示范市争创工作',
    document: '市委、市政府关于启动国家生态文明建设示范市争创工作的决定',
    tasks: [
      {
        unitShort: '生态环境局',
        title: '编制国家生态文明建设示范市规划',
        weight: 3,
        status: 'DONE',
        progress: 100,
        dueAfter: 150,
      },
      {
        unitShort: '发改委',
        title: '制定践行“两山”理论样板区实施方案',
        weight: 2,
        status: 'IN_PROGRESS',
        progress: 60,
        dueAfter: 240,
      },
      {
        unitShort: '农业农村局',
        title: '推进美丽乡村示范村建设',
        weight: 1,
        status: 'IN_PROGRESS',
        progress: 40,
        dueAfter: 365,
      },
      {
        unitShort: '乡村振兴局',
        title: '汇总示范创建乡村振兴指标（跟踪，不计权重）',
        weight: 0,
        status: 'NOT_STARTED',
        progress: 0,
        dueAfter: 365,
      },
    ],
  },
  {
    recommendation: 'corridor',
    planTopic: '融杭接沪，共建杭黄世界级自然生态和文化旅游廊道',
    topic: '党委出题：融杭接沪，推进长三角一体化',
    adoption: '共建杭黄世界级自然生态和文化旅游廊道写入两省战略合作框架协议',
    document: '两省战略合作框架协议',
    tasks: [
      {
        unitShort: '文旅局',
        title: '编制杭黄世界级自然生态和文化旅游廊道建设方案',
        weight: 2,
        status: 'DONE',
        progress: 100,
        dueAfter: 120,
      },
      {
        unitShort: '交通局',
        title: '推进廊道沿线交通连接项目',
        weight: 1,
        status: 'IN_PROGRESS',
        progress: 50,
        dueAfter: 300,
      },
    ],
  },
  {
    recommendation: 'eco',
    planTopic: '深化新安江流域生态补偿机制试点',
    topic: '党委出题：深化新安江流域生态补偿机制试点',
    adoption: '建议意见纳入市委试点工作部署',
    document: '市委深化新安江流域生态补偿机制试点工作要点',
    tasks: [
      {
        unitShort: '生态环境局',
        title: '完善跨省断面水质联合监测',
        weight: 1,
        status: 'DONE',
        progress: 100,
        dueAfter: 90,
      },
      {
        unitShort: '财政局',
        title: '争取补偿资金并规范使用',
        weight: 1,
        status: 'DONE',
        progress: 100,
        dueAfter: 120,
      },
    ],
  },
];

/** The plan whose topic a chain grows from, and the day the Party committee approved it. */
export function chainPlan(chain: DemoChain): DemoPlan & { approvedOn: string } {
  const plan = plans.find((p) => p.topics.some((t) => t.title === chain.planTopic));
  if (!plan?.approvedOn) throw new Error(`no approved demo plan carries ${chain.planTopic}`);
  return { ...plan, approvedOn: plan.approvedOn };
}

/** The day a leader's instruction was given: days after the report or recommendation it is on. */
export function instructionDay(i: DemoOutcomeInstruction): string {
  if ('research' in i.subject) {
    const key = i.subject.research;
    const project = researchProjects.find((p) => p.key === key)!;
    return addDays(project.started[RESEARCH_PHASE_ORDER.indexOf('SUBMITTED')], i.after);
  }
  const key = i.subject.recommendation;
  const rec = recommendations.find((r) => r.key === key)!;
  return addDays(recommendationDates(rec).submittedOn, i.after);
}

/** The day a recommendation was submitted and (if it was) adopted. */
export function recommendationDates(r: DemoRecommendation): {
  submittedOn: string;
  adoptedOn: string | null;
} {
  const research = r.fromResearch ? researchProjects.find((p) => p.key === r.fromResearch)! : null;
  const base = research
    ? research.started[RESEARCH_PHASE_ORDER.indexOf('SUBMITTED')]
    : cityActivity(r.fromActivity!).heldOn;
  const submittedOn = addDays(base, r.submittedAfter);
  return {
    submittedOn,
    adoptedOn: r.adoptedAfter === null ? null : addDays(submittedOn, r.adoptedAfter),
  };
}

export interface DemoPlan {
  district: string;
  year: number;
  title: string;
  status: 'DRAFT' | 'APPROVED' | 'PUBLISHED';
  approvedBy: string | null;
  approvedOn: string | null;
  publishedOn: string | null;
  topics: {
    title: string;
    source: 'PARTY_COMMITTEE' | 'GOVERNMENT' | 'COMMITTEE' | 'SECTOR' | 'PUBLIC';
    proposedBy: string | null;
    form: ConsultationForm;
    leadCommitteeId: number;
    quarter: number;
    topic: string;
  }[];
}

/**
 * 年度协商计划: last year's, where the Party committee set the topics the outcome chains grow from
 * (党委出题), this year's, both approved by the city Party committee and published, and next
 * year's draft.
 */
export const plans: DemoPlan[] = [
  {
    district: CITY,
    year: LAST_YEAR,
    title: `黄山市政协${LAST_YEAR}年度协商工作计划`,
    status: 'PUBLISHED',
    approvedBy: '中共黄山市委',
    approvedOn: `${LAST_YEAR}-01-16`,
    publishedOn: `${LAST_YEAR}-01-24`,
    topics: [
      {
        title: '实施乡村振兴战略，争创国家生态文明建设示范市',
        source: 'PARTY_COMMITTEE',
        proposedBy: null,
        form: 'ADVISORY',
        leadCommitteeId: 9,
        quarter: 3,
        topic: '乡村振兴',
      },
      {
        title: '融杭接沪，共建杭黄世界级自然生态和文化旅游廊道',
        source: 'PARTY_COMMITTEE',
        proposedBy: null,
        form: 'COUNTERPART',
        leadCommitteeId: 2,
        quarter: 3,
        topic: '融杭接沪',
      },
      {
        title: '深化新安江流域生态补偿机制试点',
        source: 'PARTY_COMMITTEE',
        proposedBy: null,
        form: 'STANDING_COMMITTEE',
        leadCommitteeId: 3,
        quarter: 2,
        topic: '生态补偿',
      },
    ],
  },
  {
    district: CITY,
    year: 2026,
    title: '黄山市政协2026年度协商工作计划',
    status: 'PUBLISHED',
    approvedBy: '中共黄山市委',
    approvedOn: '2026-01-20',
    publishedOn: '2026-02-01',
    topics: [
      {
        title: '巩固乡村振兴成果，推进国家生态文明建设示范市创建',
        source: 'PARTY_COMMITTEE',
        proposedBy: null,
        form: 'ADVISORY',
        leadCommitteeId: 9,
        quarter: 2,
        topic: '乡村振兴',
      },
      {
        title: '融杭接沪，推进长三角一体化发展',
        source: 'PARTY_COMMITTEE',
        proposedBy: null,
        form: 'THEMATIC',
        leadCommitteeId: 2,
        quarter: 2,
        topic: '融杭接沪',
      },
      {
        title: '优化民营经济发展环境',
        source: 'GOVERNMENT',
        proposedBy: null,
        form: 'COUNTERPART',
        leadCommitteeId: 2,
        quarter: 3,
        topic: '民营经济',
      },
      {
        title: '推进茶产业品牌建设',
        source: 'SECTOR',
        proposedBy: '农业界',
        form: 'EXPERT',
        leadCommitteeId: 9,
        quarter: 2,
        topic: '茶业振兴',
      },
      {
        title: '破解民营企业融资难融资贵问题',
        source: 'COMMITTEE',
        proposedBy: '经济委员会',
        form: 'BIWEEKLY_FORUM',
        leadCommitteeId: 2,
        quarter: 1,
        topic: '民营经济',
      },
      {
        title: '规范发展乡村民宿经济',
        source: 'PUBLIC',
        proposedBy: '“畅想黄山未来五年”社会征集',
        form: 'SECTOR',
        leadCommitteeId: 9,
        quarter: 4,
        topic: '乡村振兴',
      },
    ],
  },
  {
    district: CITY,
    year: 2027,
    title: '黄山市政协2027年度协商工作计划（草案）',
    status: 'DRAFT',
    approvedBy: null,
    approvedOn: null,
    publishedOn: null,
    topics: [
      {
        title: '深化新安江—千岛湖生态保护补偿样板区建设',
        source: 'PARTY_COMMITTEE',
        proposedBy: null,
        form: 'STANDING_COMMITTEE',
        leadCommitteeId: 3,
        quarter: 2,
        topic: '生态补偿',
      },
      {
        title: '融杭接沪交通互联互通',
        source: 'GOVERNMENT',
        proposedBy: null,
        form: 'COUNTERPART',
        leadCommitteeId: 2,
        quarter: 2,
        topic: '融杭接沪',
      },
    ],
  },
];

/** Planned activities carrying out a topic of the 2026 plan, by activity title → plan topic title. */
export const plannedActivityTopics: Record<string, string> = {
  '双周协商座谈会：民营企业融资难融资贵问题': '破解民营企业融资难融资贵问题',
  '专家协商会：茶产业数字化转型': '推进茶产业品牌建设',
};

export interface DemoEscalation {
  body: 'PROVINCIAL_KEY_AGENDA' | 'NATIONAL_BIWEEKLY';
  title: string;
  research: string;
  activityTitle: string;
  takenUpOn: string;
  heldOn: string;
  note: string;
}

/** "使之成为省政协年度重点协商议题和全国政协双周协商议题": the eco-compensation topic, taken up twice. */
export const escalations: DemoEscalation[] = [
  {
    body: 'PROVINCIAL_KEY_AGENDA',
    title: '深化新安江流域生态补偿机制试点',
    research: 'eco',
    activityTitle: ECO_COMPENSATION_MEETING,
    takenUpOn: '2025-12-20',
    heldOn: '2026-06-18',
    note: '列为省政协年度重点协商议题',
  },
  {
    body: 'NATIONAL_BIWEEKLY',
    title: '健全流域横向生态保护补偿机制',
    research: 'eco',
    activityTitle: ECO_COMPENSATION_MEETING,
    takenUpOn: '2026-03-10',
    heldOn: '2026-07-09',
    note: '列为全国政协双周协商座谈会议题',
  },
];

/** 年度计划调整: an amendment to a published plan, proposed and awaiting the Party committee. */
export interface DemoPlanAmendment {
  district: string;
  year: number;
  title: string;
  source: 'PARTY_COMMITTEE' | 'GOVERNMENT' | 'COMMITTEE' | 'SECTOR' | 'PUBLIC';
  form: 'THEMATIC' | 'COUNTERPART' | 'SECTOR' | 'ADVISORY';
  quarter: number;
  reason: string;
  proposedOn: string;
}

/** The city's 2026 plan, amended mid-year: a topic the Party committee asked for, still to be approved. */
export const planAmendments: DemoPlanAmendment[] = [
  {
    district: CITY,
    year: 2026,
    title: '推进徽州古建筑保护利用',
    source: 'PARTY_COMMITTEE',
    form: 'THEMATIC',
    quarter: 4,
    reason: '市委年中部署徽州古建筑保护利用工作，建议增加为第四季度专题协商议题。',
    proposedOn: '2026-07-15',
  },
];

/** 提请市政协: an outcome a district (county) committee escalated to the city committee. */
export interface DemoCityEscalation {
  district: string;
  /** The district's held activity the outcome came from. */
  activityTitle: string;
  title: string;
  reason: string;
  /** Days after the activity was held that it was escalated. */
  after: number;
  /** The city's answer, days after the escalation; null while it waits. */
  answer: { accepted: boolean; text: string; after: number } | null;
}

/**
 * Districts' outcomes sent up to the city (市县联动): one the city took into its own work, one
 * still waiting for the city's staff to answer.
 */
export const cityEscalations: DemoCityEscalation[] = [
  {
    district: '341002',
    activityTitle: '乡村振兴专题协商',
    title: '推动城郊乡村振兴示范带建设',
    reason: '涉及多个区县的规划统筹和市级资金安排，超出区政协协商范围，提请市政协开展协商。',
    after: 20,
    answer: {
      accepted: true,
      text: '采纳：列入市政协下一年度协商计划，由农业和农村委员会牵头开展专题协商。',
      after: 25,
    },
  },
  {
    district: '341024',
    activityTitle: '茶产业发展界别协商',
    title: '统筹打造祁门红茶区域公用品牌',
    reason: '区域公用品牌需要市级层面统筹推进，提请市政协将其作为界别协商议题。',
    after: 30,
    answer: null,
  },
];

/**
 * The members each consultation demo event names, event by event, as the seed sends them:
 * every speech (consultation.spoke), every research team seat (research.joined) and every
 * instruction on an outcome (instruction.received, to its authors or research team). Attendance
 * (consultation.attended) follows from activities()' participants.
 */
export function consultationDemoEvents(): {
  type: 'consultation.spoke' | 'research.joined' | 'instruction.received';
  memberIds: number[];
}[] {
  const team = (key: string) => {
    const r = researchProjects.find((p) => p.key === key)!;
    return cityActivity(r.teamFrom, r.district).participantIds.slice(0, r.teamSize);
  };
  const authors = (key: string) => {
    const r = recommendations.find((x) => x.key === key)!;
    return r.fromActivity ? cityActivity(r.fromActivity).participantIds.slice(0, 3) : [];
  };
  return [
    ...speeches.map((s) => ({
      type: 'consultation.spoke' as const,
      memberIds: [cityActivity(s.activityTitle).participantIds[s.participant]],
    })),
    ...researchProjects.flatMap((r) =>
      team(r.key).map((m) => ({ type: 'research.joined' as const, memberIds: [m] })),
    ),
    ...instructions.map((i) => ({
      type: 'instruction.received' as const,
      memberIds:
        'research' in i.subject ? team(i.subject.research) : authors(i.subject.recommendation),
    })),
  ];
}
