import { ACTIVE_DISTRICTS, CITY } from './organization.js';
import { members } from './members.js';
import { seeded } from './random.js';

/**
 * Member studios (委员工作室), their weekly reception rota and receptions, township convenors,
 * awards and penalties, and the scoring rules each district assesses its members by. The report
 * speaks of studios taking in 社情民意 and of members commended as 优秀政协委员.
 */
export interface DemoStudio {
  id: number;
  district: string;
  name: string;
  location: string;
  rules: string;
  leadMemberId: number;
  residentIds: number[];
  openedOn: string;
}

export interface DemoShift {
  id: number;
  studioId: number;
  district: string;
  memberId: number;
  shiftOn: string;
  status: 'SERVED' | 'MISSED' | 'SCHEDULED';
}

export interface DemoReception {
  id: number;
  studioId: number;
  district: string;
  memberId: number;
  receivedOn: string;
  visitors: number;
  title: string;
  detail: string;
  status: 'RECORDED' | 'CLOSED' | 'PASSED_ON';
  /** Set on a reception passed on: proposals makes the receiving member's draft of it. */
  target: 'PROPOSAL_DRAFT' | null;
}

const STUDIOS: Record<string, [string, string]> = {
  [CITY]: ['新安江生态保护委员工作室', '屯溪区新安江滨江西路生态保护中心一楼'],
  '341002': ['老街商户委员工作室', '屯溪老街商会会馆'],
  '341021': ['徽州茶农委员工作室', '歙县深渡镇茶叶交易市场'],
  '341024': ['祁门红茶产业委员工作室', '祁门县祁山镇红茶协会'],
};

const ISSUES: [string, string][] = [
  ['茶农反映春茶鲜叶收购价偏低', '茶农反映今年春茶鲜叶收购价格偏低，希望建立鲜叶收购保护价机制。'],
  ['老街商户反映停车难影响客流', '商户反映老街周边停车位不足，节假日游客停车难，影响客流。'],
  ['村民反映新安江沿岸垃圾清运不及时', '沿江村民反映汛期后岸边垃圾清运不及时，影响水质与景观。'],
  ['家长反映乡村学校教师流失', '家长反映乡村学校年轻教师流失较多，希望完善乡村教师支持政策。'],
  ['民宿经营者反映审批手续繁琐', '民宿经营者反映消防、卫生等审批手续繁琐，希望推行一窗受理。'],
];

/** Wednesdays of 2026 up to the end of October: the weekly reception day. */
function wednesdays(): string[] {
  const days: string[] = [];
  for (
    let d = new Date(Date.UTC(2026, 0, 7));
    d <= new Date(Date.UTC(2026, 9, 31));
    d = new Date(d.getTime() + 7 * 86_400_000)
  )
    days.push(d.toISOString().slice(0, 10));
  return days;
}

function build(scale: number) {
  const rnd = seeded(20260404);
  const all = members(scale).filter((m) => m.id <= 200);
  const studios: DemoStudio[] = [];
  const shifts: DemoShift[] = [];
  const receptions: DemoReception[] = [];
  for (const [i, district] of ACTIVE_DISTRICTS.entries()) {
    const pool = all.filter((m) => m.district === district);
    // From the second half of each district's list, so no studio member is among the first ones.
    const half = Math.floor(pool.length / 2);
    const team = [0, 1, 2, 3].map((k) => pool[half + ((i + k * 3) % (pool.length - half))]);
    const [name, location] = STUDIOS[district];
    const studio: DemoStudio = {
      id: i + 1,
      district,
      name,
      location,
      rules: '每周三上午接待群众，每季度开展一次专题调研',
      leadMemberId: team[0].id,
      residentIds: team.slice(1).map((m) => m.id),
      openedOn: '2025-03-01',
    };
    studios.push(studio);
    for (const [n, day] of wednesdays().entries()) {
      const member = team[n % team.length];
      shifts.push({
        id: shifts.length + 1,
        studioId: studio.id,
        district,
        memberId: member.id,
        shiftOn: day,
        status: rnd.chance(0.06) ? 'MISSED' : 'SERVED',
      });
      if (rnd.chance(0.35)) {
        const [title, detail] = rnd.pick(ISSUES);
        receptions.push({
          id: receptions.length + 1,
          studioId: studio.id,
          district,
          memberId: member.id,
          receivedOn: day,
          visitors: rnd.int(1, 6),
          title,
          detail,
          status: rnd.chance(0.5) ? 'CLOSED' : 'RECORDED',
          target: null,
        });
      }
    }
    // The district's first reception still open was passed on: the receiving member completes
    // the proposal draft it became (proposals links the draft to the reception).
    const open = receptions.find((r) => r.district === district && r.status === 'RECORDED');
    if (open) Object.assign(open, { status: 'PASSED_ON', target: 'PROPOSAL_DRAFT' });
  }
  return { studios, shifts, receptions };
}

export const demoStudios = (scale = 1) => build(scale).studios;
export const studioShifts = (scale = 1) => build(scale).shifts;
export const studioReceptions = (scale = 1) => build(scale).receptions;

export interface DemoConvenor {
  district: string;
  township: string;
  name: string;
  post: string;
  since: string;
}

export const townshipConvenors: DemoConvenor[] = [
  {
    district: '341002',
    township: '屯光镇',
    name: '汪立新',
    post: '镇党委副书记',
    since: '2022-03-01',
  },
  {
    district: '341002',
    township: '阳湖镇',
    name: '程慧敏',
    post: '镇党委副书记',
    since: '2022-03-01',
  },
  {
    district: '341021',
    township: '深渡镇',
    name: '方志强',
    post: '镇党委副书记',
    since: '2022-04-15',
  },
  {
    district: '341021',
    township: '徽城镇',
    name: '胡雪琴',
    post: '镇人大主席',
    since: '2023-01-10',
  },
  {
    district: '341024',
    township: '祁山镇',
    name: '叶建华',
    post: '镇党委副书记',
    since: '2022-05-20',
  },
  {
    district: '341024',
    township: '历口镇',
    name: '汪晓云',
    post: '镇党委副书记',
    since: '2024-02-01',
  },
];

export interface DemoMerit {
  memberId: number;
  district: string;
  type: 'AWARD' | 'PENALTY';
  title: string;
  level: 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'DISTRICT' | null;
  reason: string | null;
  decidedOn: string;
}

/** 优秀政协委员 commendations each year, one provincial honour, and one written reminder for absences. */
export function demoMerits(scale = 1): DemoMerit[] {
  const rnd = seeded(20260505);
  const all = members(scale).filter((m) => m.id <= 200);
  const list: DemoMerit[] = [];
  for (const district of ACTIVE_DISTRICTS) {
    const pool = all.filter((m) => m.district === district);
    for (const [year, day] of [
      [2025, '2025-01-15'],
      [2026, '2026-01-14'],
    ] as const) {
      const count = district === CITY ? 6 : 2;
      for (let i = 0; i < count; i++) {
        const m = pool[rnd.int(Math.floor(pool.length / 3), pool.length - 1)];
        if (list.some((x) => x.memberId === m.id && x.decidedOn === day)) continue;
        list.push({
          memberId: m.id,
          district,
          type: 'AWARD',
          title: `${year - 1}年度优秀政协委员`,
          level: district === CITY ? 'CITY' : 'DISTRICT',
          reason: null,
          decidedOn: day,
        });
      }
    }
  }
  const city = all.filter((m) => m.district === CITY);
  list.push({
    memberId: city[40].id,
    district: CITY,
    type: 'AWARD',
    title: '全省政协系统先进个人',
    level: 'PROVINCIAL',
    reason: null,
    decidedOn: '2026-04-28',
  });
  list.push({
    memberId: city[city.length - 1].id,
    district: CITY,
    type: 'PENALTY',
    title: '书面提醒',
    level: null,
    reason: '无故缺席常委会议两次',
    decidedOn: '2026-07-10',
  });
  return list;
}

/** The rule book each demo district assesses by: the city and 屯溪 the 桐城 100-point scale, the two counties 闵行's points. */
export const demoScoringPresets: Record<string, 'tongcheng' | 'minhang'> = {
  [CITY]: 'tongcheng',
  '341002': 'tongcheng',
  '341021': 'minhang',
  '341024': 'minhang',
};

export interface DemoStandingReport {
  id: number;
  district: string;
  memberId: number;
  year: number;
  text: string;
  status: 'DRAFT' | 'SUBMITTED' | 'FILED';
  submittedAt: string | null;
  filedAt: string | null;
}

/**
 * 建立政协常委提交履职报告制度: every standing-committee member's report for 2025, filed into
 * the archive in January; for 2026 a few are submitted, the rest still being written.
 */
export function standingReports(scale = 1): DemoStandingReport[] {
  const rnd = seeded(20260115);
  const list: DemoStandingReport[] = [];
  for (const m of members(scale).filter(
    (x) => x.standingCommittee && ACTIVE_DISTRICTS.includes(x.district),
  )) {
    list.push({
      id: list.length + 1,
      district: m.district,
      memberId: m.id,
      year: 2025,
      text: `${m.name}2025年度履职报告：参加全体会议和常委会议，围绕本界别关注的问题开展调研、提交提案、反映社情民意。`,
      status: 'FILED',
      submittedAt: `2026-01-${String(rnd.int(5, 15)).padStart(2, '0')}T02:00:00.000Z`,
      filedAt: '2026-01-20T02:00:00.000Z',
    });
    if (rnd.chance(0.3)) {
      list.push({
        id: list.length + 1,
        district: m.district,
        memberId: m.id,
        year: 2026,
        text: `${m.name}2026年度履职报告（初稿）。`,
        status: rnd.chance(0.5) ? 'SUBMITTED' : 'DRAFT',
        submittedAt: null,
        filedAt: null,
      });
      const last = list.at(-1)!;
      if (last.status === 'SUBMITTED') last.submittedAt = '2026-11-20T02:00:00.000Z';
    }
  }
  return list;
}
