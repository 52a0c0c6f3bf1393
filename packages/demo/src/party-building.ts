import { ACTIVE_DISTRICTS, CITY, committees, districts } from './organization.js';
import { currentTerm } from './bodies.js';
import { members, type DemoMember } from './members.js';
import { seeded } from './random.js';

/**
 * Section 1 of the report: the Party Group's monthly theory study sessions (the city never
 * misses a month; 屯溪区 missed August 2026 during the floods), the functional Party branches
 * set up "this year" (2026) — in the city in 8 special committees, every Party-member member
 * placed — the 大讲堂 and the branches' activities.
 */
export const isCpc = (m: Pick<DemoMember, 'party'>) => m.party === '中共党员';

export interface DemoPartyGroup {
  id: number;
  district: string;
  termId: number;
  name: string;
  /** Name of the secretary: the member appointed where the district has demo members, else the chair's title. */
  secretary: string;
}

export type DemoPartyGroupRole = 'SECRETARY' | 'DEPUTY_SECRETARY' | 'MEMBER';

export interface DemoPartyGroupMembership {
  groupId: number;
  memberId: number;
  role: DemoPartyGroupRole;
  joinedOn: string;
  leftOn: string | null;
}

/**
 * Each Party Group's dated roles, for the districts with demo members: Party-member members,
 * standing-committee members first — a secretary, deputies (two in the city) and members.
 * In the city one member left the group on 2025-07-01 and another joined that day.
 */
export function partyGroupMemberships(scale = 1): DemoPartyGroupMembership[] {
  const all = members(scale);
  const rows: DemoPartyGroupMembership[] = [];
  districts.forEach((d, i) => {
    if (!ACTIVE_DISTRICTS.includes(d.code)) return;
    const groupId = i + 1;
    const start = currentTerm(d.code).startsOn;
    const cpc = all
      .filter((m) => m.district === d.code && isCpc(m))
      .sort((a, b) => Number(b.standingCommittee) - Number(a.standingCommittee) || a.id - b.id);
    const roles: DemoPartyGroupRole[] =
      d.code === CITY
        ? ['SECRETARY', 'DEPUTY_SECRETARY', 'DEPUTY_SECRETARY', 'MEMBER', 'MEMBER', 'MEMBER']
        : ['SECRETARY', 'DEPUTY_SECRETARY', 'MEMBER', 'MEMBER'];
    for (const [k, role] of roles.entries())
      rows.push({
        groupId,
        memberId: cpc[k].id,
        role,
        joinedOn: start,
        leftOn: d.code === CITY && k === roles.length - 1 ? '2025-07-01' : null,
      });
    if (d.code === CITY)
      rows.push({
        groupId,
        memberId: cpc[roles.length].id,
        role: 'MEMBER',
        joinedOn: '2025-07-01',
        leftOn: null,
      });
  });
  return rows;
}

export const partyGroups: DemoPartyGroup[] = districts.map((d, i) => {
  const secretary = partyGroupMemberships().find(
    (m) => m.groupId === i + 1 && m.role === 'SECRETARY',
  );
  const name = secretary
    ? members().find((m) => m.id === secretary.memberId)!.name
    : `${d.name}主席`;
  return {
    id: i + 1,
    district: d.code,
    termId: currentTerm(d.code).id,
    name: `中共${d.name}党组`,
    secretary: name,
  };
});

export interface DemoStudySession {
  id: number;
  district: string;
  groupId: number;
  kind: 'MONTHLY' | 'SPECIAL';
  topic: string;
  plannedOn: string;
  heldOn: string | null;
  materials: string[];
  speakers: string[];
  minutes: string | null;
  status: 'PLANNED' | 'HELD' | 'ARCHIVED' | 'CANCELLED';
}

const TOPICS = [
  '习近平新时代中国特色社会主义思想',
  '关于加强和改进人民政协工作的重要思想',
  '《中国共产党党组工作条例》',
  '中央政协工作会议精神',
  '省委政协工作会议精神',
  '意识形态工作责任制',
  '请示报告制度',
  '全过程人民民主',
  '新安江流域生态补偿机制',
  '乡村振兴战略',
  '长三角一体化发展',
  '党史学习教育',
];

function studySessions(): DemoStudySession[] {
  const list: Omit<DemoStudySession, 'id'>[] = [];
  const add = (
    district: string,
    year: number,
    month: number,
    status: DemoStudySession['status'],
    skip = false,
  ) => {
    if (skip) return;
    const day = `${year}-${String(month).padStart(2, '0')}-${district === CITY ? '15' : '20'}`;
    const topic = `学习${TOPICS[(month - 1 + year) % TOPICS.length]}`;
    list.push({
      district,
      groupId: partyGroups.find((g) => g.district === district)!.id,
      kind: 'MONTHLY',
      topic,
      plannedOn: day,
      heldOn: status === 'PLANNED' || status === 'CANCELLED' ? null : day,
      materials: [`${topic}学习材料汇编`],
      speakers: ['党组书记', '党组成员'],
      minutes: status === 'ARCHIVED' ? `${topic}：传达学习、交流研讨，形成学习纪要。` : null,
      status,
    });
  };
  for (let month = 1; month <= 12; month++) add(CITY, 2025, month, 'ARCHIVED');
  for (let month = 1; month <= 10; month++)
    add(CITY, 2026, month, month <= 8 ? 'ARCHIVED' : 'HELD');
  add(CITY, 2026, 11, 'PLANNED');
  list.push({
    district: CITY,
    groupId: 1,
    kind: 'SPECIAL',
    topic: '学习贯彻考察重要讲话精神专题学习研讨',
    plannedOn: '2026-03-06',
    heldOn: '2026-03-06',
    materials: ['考察重要讲话精神', '学习宣传贯彻工作意见（征求意见稿）'],
    speakers: ['党组书记', '各专委会主任'],
    minutes: '及时组织学习研讨，提请常委会议学习传达，制定学习宣传贯彻工作意见。',
    status: 'ARCHIVED',
  });
  for (let month = 1; month <= 10; month++) add('341002', 2026, month, 'HELD', month === 8);
  for (let month = 3; month <= 10; month++) add('341021', 2026, month, 'HELD');
  return list.map((s, i) => ({ ...s, id: i + 1 }));
}

export const demoStudySessions: DemoStudySession[] = studySessions();

/** The central study group's member attendees: Party-member committee chairs of the district. */
export function studySessionAttendance(scale = 1) {
  const rnd = seeded(20260404);
  const all = members(scale);
  const lines: {
    sessionId: number;
    memberId: number;
    attendance: 'PRESENT' | 'ON_LEAVE' | 'ABSENT';
  }[] = [];
  for (const s of demoStudySessions.filter((x) => x.heldOn)) {
    const group = all
      .filter(
        (m) =>
          m.district === s.district && isCpc(m) && m.committees.some((c) => c.role !== 'MEMBER'),
      )
      .slice(0, 8);
    for (const m of group)
      lines.push({
        sessionId: s.id,
        memberId: m.id,
        attendance: rnd.chance(0.92) ? 'PRESENT' : 'ON_LEAVE',
      });
  }
  return lines;
}

export interface DemoPartyBranch {
  id: number;
  district: string;
  committeeId: number;
  name: string;
  establishedOn: string;
}

/** 8 city branches; the agriculture committee added in the reform has none yet. */
const BRANCH_PLAN: { district: string; committee: string; on: string }[] = [
  ...[
    '提案委员会',
    '经济委员会',
    '人口资源环境委员会',
    '教科卫体委员会',
    '社会和法制委员会',
    '文化文史和学习委员会',
    '民族宗教和港澳台侨委员会',
    '委员联络委员会',
  ].map((committee) => ({ district: CITY, committee, on: '2026-03-18' })),
  { district: '341002', committee: '提案委员会', on: '2026-04-10' },
  { district: '341002', committee: '经济和农业农村委员会', on: '2026-04-10' },
  { district: '341021', committee: '经济和农业农村委员会', on: '2026-05-08' },
  // Set up in October with nobody placed yet: a branch without Party members.
  { district: '341021', committee: '提案委员会', on: '2026-10-16' },
];

export const partyBranches: DemoPartyBranch[] = BRANCH_PLAN.map((b, i) => {
  const committee = committees.find((c) => c.district === b.district && c.name === b.committee)!;
  return {
    id: i + 1,
    district: b.district,
    committeeId: committee.id,
    name: `${b.committee}功能型党支部`,
    establishedOn: b.on,
  };
});

/**
 * Each Party-member member goes to the branch of their first committee that has one; those whose
 * committees have none (the agriculture committee's) go to the district's smallest branch.
 */
export function branchPlacements(
  scale = 1,
): { branchId: number; memberId: number; joinedOn: string }[] {
  const placements: { branchId: number; memberId: number; joinedOn: string }[] = [];
  const size = (id: number) => placements.filter((p) => p.branchId === id).length;
  const cpc = members(scale).filter(isCpc);
  const own = (district: string) =>
    partyBranches.filter((b) => b.district === district && b.establishedOn < '2026-10-01');
  const homeless: typeof cpc = [];
  for (const m of cpc) {
    const branch = m.committees
      .map((c) => own(m.district).find((b) => b.committeeId === c.committeeId))
      .find(Boolean);
    if (branch)
      placements.push({ branchId: branch.id, memberId: m.id, joinedOn: branch.establishedOn });
    else if (own(m.district).length) homeless.push(m);
  }
  for (const m of homeless) {
    const branch = [...own(m.district)].sort((a, b) => size(a.id) - size(b.id) || a.id - b.id)[0];
    placements.push({ branchId: branch.id, memberId: m.id, joinedOn: branch.establishedOn });
  }
  return placements;
}

export interface DemoBranchActivity {
  id: number;
  branchId: number;
  kind: 'THEME_DAY' | 'ORGANIZATION_LIFE' | 'STUDY' | 'LECTURE_HALL' | 'SERVICE';
  title: string;
  heldOn: string;
  speaker: string | null;
  summary: string;
}

function activities(): DemoBranchActivity[] {
  const list: Omit<DemoBranchActivity, 'id'>[] = [];
  for (const b of partyBranches.filter((x) => x.establishedOn < '2026-10-01')) {
    const name = b.name.replace('功能型党支部', '');
    list.push({
      branchId: b.id,
      kind: 'THEME_DAY',
      title: `${name}支部主题党日：重温入党誓词`,
      heldOn: b.district === CITY ? '2026-04-15' : '2026-05-20',
      speaker: null,
      summary: '重温入党誓词，交流履职体会',
    });
    list.push({
      branchId: b.id,
      kind: 'SERVICE',
      title: `${name}支部“党员委员进基层”履职活动`,
      heldOn: '2026-07-16',
      speaker: null,
      summary: '党员委员带头、党外委员参加，深入基层听取意见',
    });
    if (b.district === CITY)
      list.push({
        branchId: b.id,
        kind: 'ORGANIZATION_LIFE',
        title: `${name}支部组织生活会`,
        heldOn: '2026-10-22',
        speaker: null,
        summary: '开展批评与自我批评',
      });
  }
  const halls: [number, string, string][] = [
    [2, '2026-05-28', '民营经济高质量发展'],
    [3, '2026-06-24', '新安江流域生态补偿的实践与思考'],
    [4, '2026-08-27', '基层医疗卫生服务能力建设'],
    [6, '2026-09-24', '徽州文化的传承与创新'],
  ];
  for (const [branchId, heldOn, topic] of halls) {
    list.push({
      branchId,
      kind: 'LECTURE_HALL',
      title: `“党建引领、委员说是”大讲堂：${topic}`,
      heldOn,
      speaker: `${partyBranches[branchId - 1].name.replace('功能型党支部', '')}党员委员`,
      summary: `围绕${topic}开讲，党员委员和党外委员共同参加`,
    });
  }
  return list.map((a, i) => ({ ...a, id: i + 1 }));
}

export const branchActivities: DemoBranchActivity[] = activities();

/**
 * Who took part: the branch's placed Party members (most of them) and, for service days and the
 * lecture hall, non-Party members of the host committee — the reach of branch work.
 */
export function branchActivityParticipants(scale = 1): { activityId: number; memberId: number }[] {
  const rnd = seeded(20260505);
  const all = members(scale);
  const placed = branchPlacements(scale);
  const lines: { activityId: number; memberId: number }[] = [];
  for (const a of branchActivities) {
    const branch = partyBranches.find((b) => b.id === a.branchId)!;
    const own = placed
      .filter((p) => p.branchId === branch.id)
      .map((p) => p.memberId)
      .filter(() => rnd.chance(0.85));
    const reach =
      a.kind === 'SERVICE' || a.kind === 'LECTURE_HALL'
        ? all
            .filter(
              (m) =>
                m.district === branch.district &&
                !isCpc(m) &&
                m.committees.some((c) => c.committeeId === branch.committeeId),
            )
            .map((m) => m.id)
            .filter(() => rnd.chance(0.7))
        : [];
    for (const memberId of new Set([...own, ...reach])) lines.push({ activityId: a.id, memberId });
  }
  return lines;
}
