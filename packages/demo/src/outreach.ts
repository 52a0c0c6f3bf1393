import { CITY } from './organization.js';
import { members } from './members.js';
import { seeded } from './random.js';

/** Section 1's documents and research, sections 3–4's letters and campaigns, section 5's staff. */
export interface DemoPolicyDocument {
  id: number;
  district: string;
  kind: 'IMPLEMENTATION_OPINION' | 'REGULATION' | 'WORK_OPINION' | 'OTHER';
  title: string;
  issuedBy: string;
  issuedOn: string;
  summary: string;
}

export const policyDocuments: DemoPolicyDocument[] = [
  {
    id: 1,
    district: CITY,
    kind: 'IMPLEMENTATION_OPINION',
    title: '关于新时代加强和改进人民政协工作的实施意见',
    issuedBy: '中共黄山市委',
    issuedOn: '2025-06-18',
    summary: '市政协党组协助市委出台，全面贯彻中央和省委、市委政协工作会议精神',
  },
  {
    id: 2,
    district: CITY,
    kind: 'IMPLEMENTATION_OPINION',
    title: '关于加强新时代人民政协党的建设工作的实施意见',
    issuedBy: '中共黄山市委',
    issuedOn: '2025-11-05',
    summary: '市政协党组协助市委出台，推动“两个全覆盖”',
  },
  {
    id: 3,
    district: CITY,
    kind: 'REGULATION',
    title: '市直有关单位与市政协专门委员会对口联系工作制度',
    issuedBy: '黄山市政协',
    issuedOn: '2025-04-10',
    summary: '加强专委会与党政有关部门的联系协调',
  },
  {
    id: 4,
    district: CITY,
    kind: 'WORK_OPINION',
    title: '关于进一步发挥界别作用的意见',
    issuedBy: '黄山市政协',
    issuedOn: '2025-04-10',
    summary: '发挥专委会组织优势和界别专业优势',
  },
  {
    id: 5,
    district: CITY,
    kind: 'WORK_OPINION',
    title: '学习宣传贯彻考察重要讲话精神工作意见',
    issuedBy: '黄山市政协党组',
    issuedOn: '2026-03-25',
    summary: '全面部署学习宣传贯彻工作',
  },
  {
    id: 6,
    district: CITY,
    kind: 'REGULATION',
    title: '黄山市政协加强和改进调研工作实施办法',
    issuedBy: '黄山市政协',
    issuedOn: '2024-11-12',
    summary: '加强调研谋划、方案制定、过程管控，改进调研队伍构成、方式方法、组织实施',
  },
  {
    id: 7,
    district: CITY,
    kind: 'OTHER',
    title: '人民政协理论纳入党校（行政学院）主体班次培训必修课',
    issuedBy: '中共黄山市委党校（黄山行政学院）',
    issuedOn: '2025-02-26',
    summary: '推动“人民政协理论进党校”，政协理论成为党校（行政学院）培训必修课',
  },
];

export interface DemoReview {
  id: number;
  documentId: number;
  kind: 'INSPECTION' | 'SPECIAL_RESEARCH';
  title: string;
  plannedOn: string;
  districtsVisited: string[];
  findings: string | null;
  followUp: string | null;
  reportedOn: string | null;
  status: 'PLANNED' | 'IN_PROGRESS' | 'REPORTED' | 'CLOSED';
}

export const implementationReviews: DemoReview[] = [
  {
    id: 1,
    documentId: 1,
    kind: 'SPECIAL_RESEARCH',
    title: '以迎接省委专项督查为契机，深入区县调研政协工作会议和文件精神贯彻落实情况',
    plannedOn: '2025-09-01',
    districtsVisited: ['341002', '341003', '341004', '341021', '341022', '341023', '341024'],
    findings: '区县政协工作会议普遍召开，配套文件出台进度不一，基层委员履职平台有待加强',
    followUp: '向市委报送专题调研报告，推动各区县年内出台配套文件',
    reportedOn: '2025-10-20',
    status: 'CLOSED',
  },
  {
    id: 2,
    documentId: 2,
    kind: 'INSPECTION',
    title: '功能型党支部建设情况督查',
    plannedOn: '2026-09-10',
    districtsVisited: ['341002', '341021', '341024'],
    findings: '屯溪区、歙县已建立支部，祁门县尚未建立',
    followUp: null,
    reportedOn: '2026-10-15',
    status: 'REPORTED',
  },
];

export interface DemoCommunication {
  id: number;
  district: string;
  kind: 'OPEN_LETTER' | 'NOTICE' | 'INITIATIVE_LETTER';
  title: string;
  audience: string;
  occasion: string;
  body: string;
  issuedOn: string;
}

export const communications: DemoCommunication[] = [
  {
    id: 1,
    district: CITY,
    kind: 'OPEN_LETTER',
    title: '致广大政协委员的一封信',
    audience: '全市各级政协委员',
    occasion: '新冠肺炎疫情防控',
    body: '第一时间号召委员投身疫情防控、捐款捐物。',
    issuedOn: '2025-01-28',
  },
  {
    id: 2,
    district: CITY,
    kind: 'NOTICE',
    title: '关于深入贯彻中央和省市委决策部署共同打赢疫情防控人民战争总体战阻击战的通知',
    audience: '全市政协系统',
    occasion: '新冠肺炎疫情防控',
    body: '部署全市政协系统疫情防控工作。',
    issuedOn: '2025-01-30',
  },
  {
    id: 3,
    district: CITY,
    kind: 'INITIATIVE_LETTER',
    title: '致全市各级政协组织、政协各参加单位和广大政协委员的倡议书',
    audience: '全市各级政协组织、政协各参加单位和广大政协委员',
    occasion: '历史罕见洪涝灾害',
    body: '迅速把行动统一到党委政府对防汛抗灾的决策部署上来。',
    issuedOn: '2026-07-08',
  },
];

export interface DemoConsensusCampaign {
  id: number;
  district: string;
  kind: 'ESSAY_CONTEST' | 'ANTHOLOGY' | 'EXHIBITION';
  title: string;
  theme: string;
  opensOn: string;
  closesOn: string;
  status: 'OPEN' | 'CLOSED';
}

export const consensusCampaigns: DemoConsensusCampaign[] = [
  {
    id: 1,
    district: CITY,
    kind: 'ESSAY_CONTEST',
    title: '庆祝人民政协成立75周年征文活动',
    theme: '讴歌人民政协历史贡献',
    opensOn: '2024-06-01',
    closesOn: '2024-08-31',
    status: 'CLOSED',
  },
  {
    id: 2,
    district: CITY,
    kind: 'ANTHOLOGY',
    title: '《我与人民政协》文集',
    theme: '委员和政协工作者讲述履职故事',
    opensOn: '2024-09-01',
    closesOn: '2024-09-20',
    status: 'CLOSED',
  },
  {
    id: 3,
    district: CITY,
    kind: 'EXHIBITION',
    title: '庆祝新中国成立75周年暨人民政协成立75周年书画作品展',
    theme: '通过笔墨讴歌人民政协、增强制度自信',
    opensOn: '2024-09-10',
    closesOn: '2024-10-10',
    status: 'CLOSED',
  },
];

export interface DemoEntry {
  campaignId: number;
  memberId: number | null;
  author: string;
  title: string;
  award: string | null;
  submittedOn: string;
}

const ARTISTS = ['汪', '程', '胡', '方', '吴', '黄', '江', '叶', '许', '潘'].flatMap((s) =>
  ['墨', '石', '山', '云'].map((g) => `${s}${g}斋`),
);

/** Essays and anthology pieces by members; the exhibition shows members' and the painting academy's artists' works. */
export function campaignEntries(scale = 1): DemoEntry[] {
  const rnd = seeded(20260606);
  const city = members(scale).filter((m) => m.district === CITY);
  const entries: DemoEntry[] = [];
  for (const [i, m] of city.slice(0, 40).entries())
    entries.push({
      campaignId: 1,
      memberId: m.id,
      author: m.name,
      title: `我与政协的故事（${i + 1}）`,
      award: i < 3 ? '一等奖' : i < 10 ? '二等奖' : null,
      submittedOn: `2024-0${6 + (i % 3)}-1${i % 9}`,
    });
  for (const [i, m] of city.slice(0, 25).entries())
    entries.push({
      campaignId: 2,
      memberId: m.id,
      author: m.name,
      title: `我与人民政协（${i + 1}）`,
      award: null,
      submittedOn: '2024-09-15',
    });
  for (const [i, m] of city
    .slice(40, 62)
    .filter(() => rnd.chance(0.9))
    .entries())
    entries.push({
      campaignId: 3,
      memberId: m.id,
      author: m.name,
      title: `书法作品（${i + 1}）`,
      award: null,
      submittedOn: '2024-09-12',
    });
  for (const [i, a] of ARTISTS.slice(0, 36).entries())
    entries.push({
      campaignId: 3,
      memberId: null,
      author: a,
      title: `黄山胜境图（${i + 1}）`,
      award: null,
      submittedOn: '2024-09-12',
    });
  return entries;
}

export interface DemoStaffRecord {
  id: number;
  district: string;
  kind: 'SECONDMENT' | 'PROMOTION' | 'RANK_PROMOTION';
  person: string;
  grade: string | null;
  post: string;
  startsOn: string;
  endsOn: string | null;
}

/** 近三年: secondments to front-line posts, promotions at county grade, a rank promotion. */
export const staffRecords: DemoStaffRecord[] = [
  {
    id: 1,
    district: CITY,
    kind: 'SECONDMENT',
    person: '王晓明',
    grade: null,
    post: '歙县某乡镇党委副书记（挂职）',
    startsOn: '2024-03-01',
    endsOn: '2026-02-28',
  },
  {
    id: 2,
    district: CITY,
    kind: 'SECONDMENT',
    person: '李静',
    grade: null,
    post: '祁门县乡村振兴工作队队员（挂职）',
    startsOn: '2024-09-01',
    endsOn: null,
  },
  {
    id: 3,
    district: CITY,
    kind: 'SECONDMENT',
    person: '张伟',
    grade: null,
    post: '市疫情防控指挥部（一线）',
    startsOn: '2025-02-10',
    endsOn: '2025-08-10',
  },
  {
    id: 4,
    district: CITY,
    kind: 'PROMOTION',
    person: '陈建华',
    grade: '正县级',
    post: '市政协副秘书长',
    startsOn: '2024-12-20',
  },
  {
    id: 5,
    district: CITY,
    kind: 'PROMOTION',
    person: '刘芳',
    grade: '副县级',
    post: '提案委员会办公室主任',
    startsOn: '2025-07-01',
  },
  {
    id: 6,
    district: CITY,
    kind: 'PROMOTION',
    person: '周磊',
    grade: '副县级',
    post: '研究室主任',
    startsOn: '2026-01-15',
  },
  {
    id: 7,
    district: CITY,
    kind: 'RANK_PROMOTION',
    person: '吴敏',
    grade: '一级调研员',
    post: '办公室',
    startsOn: '2025-10-01',
  },
].map((r) => ({ endsOn: null, ...r }) as DemoStaffRecord);

export interface DemoPressReport {
  id: number;
  district: string;
  outlet: string;
  headline: string;
  publishedOn: string;
  frontPage: boolean;
  subject:
    | 'DONATION_DRIVE'
    | 'KEY_PROPOSALS'
    | 'CONSULTATION'
    | 'OPINION_WORK'
    | 'MEMBER_DUTY'
    | 'OTHER';
  about: string;
}

/** "《中国政协杂志》…给予重点报道"; "《X时报》两次在头版给予重点报道" (the key proposals the top leader supervised). */
export const pressReports: DemoPressReport[] = [
  {
    id: 1,
    district: CITY,
    outlet: '《中国政协杂志》',
    headline: '安徽省黄山市政协：汇聚起抗击疫情的磅礴力量',
    publishedOn: '2025-04-15',
    frontPage: false,
    subject: 'DONATION_DRIVE',
    about: '全市政协组织和政协委员捐款捐物、投身疫情防控',
  },
  {
    id: 2,
    district: CITY,
    outlet: '《黄山日报》',
    headline: '市委书记领衔督办重点提案 推动新安江生态补偿试点深化',
    publishedOn: '2025-04-17',
    frontPage: true,
    subject: 'KEY_PROPOSALS',
    about: '市委主要负责同志领衔督办重点提案',
  },
  {
    id: 3,
    district: CITY,
    outlet: '《黄山日报》',
    headline: '市委书记连续两年领衔督办重点提案 融杭接沪互联互通提速',
    publishedOn: '2026-04-17',
    frontPage: true,
    subject: 'KEY_PROPOSALS',
    about: '市委主要负责同志连续两年领衔督办重点提案',
  },
];
