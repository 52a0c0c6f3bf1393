import { ACTIVE_DISTRICTS, CITY, districts } from './organization.js';
import { members } from './members.js';
import { seeded } from './random.js';

/**
 * Terms, sessions and body meetings behind the report. The demo term (十届) began in December
 * 2021; the report's "this year" is 2026 and "last year" 2025, so a calendar year starts in
 * the middle of the term.
 */
export interface DemoTerm {
  id: number;
  district: string;
  ordinal: number;
  name: string;
  startsOn: string;
  endsOn: string | null;
}

export interface DemoSession {
  id: number;
  termId: number;
  district: string;
  ordinal: number;
  name: string;
  startsOn: string;
  endsOn: string;
}

export type DemoAttendance = 'PRESENT' | 'ON_LEAVE' | 'ABSENT';

export interface DemoBodyMeeting {
  id: number;
  district: string;
  termId: number;
  sessionId: number | null;
  body: 'PLENARY' | 'STANDING_COMMITTEE' | 'CHAIR_MEETING' | 'SECRETARY_GENERAL_MEETING';
  title: string;
  plannedOn: string;
  heldOn: string | null;
  agenda: string[];
  status: 'PLANNED' | 'HELD' | 'CANCELLED';
  public: boolean;
}

const ORDINALS = ['一', '二', '三', '四', '五'];
const place = (code: string) => districts.find((d) => d.code === code)!.name;

export const terms: DemoTerm[] = [
  {
    id: 1,
    district: CITY,
    ordinal: 9,
    name: `${place(CITY)}第九届委员会`,
    startsOn: '2016-12-20',
    endsOn: '2021-12-19',
  },
  ...districts.map((d, i) => ({
    id: i + 2,
    district: d.code,
    ordinal: 10,
    name: `${d.name}第十届委员会`,
    startsOn: d.code === CITY ? '2021-12-20' : '2021-12-15',
    endsOn: null,
  })),
];

export const currentTerm = (district: string) =>
  terms.find((t) => t.district === district && t.endsOn === null)!;

const SESSION_DAYS: [string, string][] = [
  ['12-20', '12-23'],
  ['01-10', '01-13'],
  ['01-08', '01-11'],
  ['01-06', '01-09'],
  ['01-12', '01-15'],
];

export const sessions: DemoSession[] = districts
  .flatMap((d) => {
    const term = currentTerm(d.code);
    return SESSION_DAYS.map(([from, to], i) => {
      const year = i === 0 ? 2021 : 2022 + i;
      return {
        id: 0,
        termId: term.id,
        district: d.code,
        ordinal: i + 1,
        name: `${d.name}十届${ORDINALS[i]}次会议`,
        startsOn: `${year}-${from}`,
        endsOn: `${year}-${to}`,
      };
    });
  })
  .map((s, i) => ({ ...s, id: i + 1 }));

function build(): DemoBodyMeeting[] {
  const list: Omit<DemoBodyMeeting, 'id'>[] = [];
  for (const d of districts) {
    const term = currentTerm(d.code);
    for (const s of sessions.filter((x) => x.district === d.code)) {
      list.push({
        district: d.code,
        termId: term.id,
        sessionId: s.id,
        body: 'PLENARY',
        title: `${s.name}全体会议`,
        plannedOn: s.startsOn,
        heldOn: s.startsOn,
        agenda: ['听取和审议常务委员会工作报告', '听取和审议提案工作情况报告', '政治决议'],
        status: 'HELD',
        public: true,
      });
    }
  }
  const city = currentTerm(CITY);
  const standing: [string, string, string[]][] = [
    [
      '2025-03-01',
      '十届常委会第十二次会议',
      ['审议市政协机构改革方案', '增设农业和农村委员会', '调整三个专委会职能'],
    ],
    ['2025-06-20', '十届常委会第十三次会议', ['专题协商：乡村振兴', '通报上半年工作']],
    ['2025-09-18', '十届常委会第十四次会议', ['专题协商：融杭接沪', '审议委员履职考核办法']],
    ['2025-12-16', '十届常委会第十五次会议', ['审议年度工作报告', '学习传达中央政协工作会议精神']],
    [
      '2026-03-20',
      '十届常委会第十六次会议',
      ['学习传达考察重要讲话精神', '审议学习宣传贯彻工作意见'],
    ],
    ['2026-06-25', '十届常委会第十七次会议', ['专题协商：民营经济', '听取功能型党支部工作情况']],
    ['2026-09-24', '十届常委会第十八次会议', ['专题协商：茶业振兴']],
  ];
  for (const [day, title, agenda] of standing) {
    list.push({
      district: CITY,
      termId: city.id,
      sessionId: null,
      body: 'STANDING_COMMITTEE',
      title,
      plannedOn: day,
      heldOn: day,
      agenda,
      status: 'HELD',
      public: true,
    });
  }
  list.push({
    district: CITY,
    termId: city.id,
    sessionId: null,
    body: 'STANDING_COMMITTEE',
    title: '十届常委会第十九次会议',
    plannedOn: '2026-12-17',
    heldOn: null,
    agenda: ['审议年度工作报告'],
    status: 'PLANNED',
    public: true,
  });
  for (let month = 1; month <= 10; month++) {
    const day = `2026-${String(month).padStart(2, '0')}-08`;
    list.push({
      district: CITY,
      termId: city.id,
      sessionId: null,
      body: 'CHAIR_MEETING',
      title: `十届主席会议（2026年第${month}次）`,
      plannedOn: day,
      heldOn: day,
      agenda: ['研究月度重点工作'],
      status: 'HELD',
      public: false,
    });
  }
  for (const day of ['2026-02-10', '2026-05-12', '2026-08-11']) {
    list.push({
      district: CITY,
      termId: city.id,
      sessionId: null,
      body: 'SECRETARY_GENERAL_MEETING',
      title: `秘书长会议（${day.slice(0, 7)}）`,
      plannedOn: day,
      heldOn: day,
      agenda: ['安排机关近期工作'],
      status: 'HELD',
      public: false,
    });
  }
  list.push({
    district: CITY,
    termId: city.id,
    sessionId: null,
    body: 'SECRETARY_GENERAL_MEETING',
    title: '秘书长会议（防汛期间，改期）',
    plannedOn: '2026-07-07',
    heldOn: null,
    agenda: ['安排机关近期工作'],
    status: 'CANCELLED',
    public: false,
  });
  const tunxi = currentTerm('341002');
  list.push({
    district: '341002',
    termId: tunxi.id,
    sessionId: null,
    body: 'STANDING_COMMITTEE',
    title: '屯溪区政协十届常委会第十次会议',
    plannedOn: '2026-04-15',
    heldOn: '2026-04-15',
    agenda: ['学习传达市政协全会精神'],
    status: 'HELD',
    public: true,
  });
  return list.map((m, i) => ({ ...m, id: i + 1 }));
}

export const bodyMeetings: DemoBodyMeeting[] = build();

/**
 * Attendance is on record from 2025 (when the platform started): plenaries expect every member of
 * the district, standing-committee meetings the standing members. A few are on leave or absent.
 */
export function bodyMeetingAttendance(
  scale = 1,
): { meetingId: number; memberId: number; attendance: DemoAttendance }[] {
  const rnd = seeded(20260303);
  const all = members(scale);
  const lines: { meetingId: number; memberId: number; attendance: DemoAttendance }[] = [];
  for (const m of bodyMeetings) {
    if (m.status !== 'HELD' || m.heldOn! < '2025-01-01' || !ACTIVE_DISTRICTS.includes(m.district))
      continue;
    if (m.body !== 'PLENARY' && m.body !== 'STANDING_COMMITTEE') continue;
    const expected = all.filter(
      (x) => x.district === m.district && (m.body === 'PLENARY' || x.standingCommittee),
    );
    for (const member of expected) {
      const r = rnd.next();
      lines.push({
        meetingId: m.id,
        memberId: member.id,
        attendance: r < 0.9 ? 'PRESENT' : r < 0.97 ? 'ON_LEAVE' : 'ABSENT',
      });
    }
  }
  return lines;
}

export interface DemoLeaveRequest {
  id: number;
  district: string;
  memberId: number;
  meeting: string;
  meetingLevel: 'PLENARY' | 'STANDING_COMMITTEE' | 'OTHER';
  meetingOn: string;
  meetingKind: 'BODY_MEETING';
  meetingId: number;
  reason: string;
  status: 'REQUESTED';
}

/**
 * Leave asked from the city's planned standing-committee meeting (请假, linked to the meeting
 * record), waiting for the chair's office: members from the second half of the city's list.
 */
export function demoLeaveRequests(scale = 1): DemoLeaveRequest[] {
  const meeting = bodyMeetings.find((m) => m.district === CITY && m.status === 'PLANNED')!;
  const cityMembers = members(scale).filter((m) => m.district === CITY);
  const half = Math.floor(cityMembers.length / 2);
  return [
    [cityMembers[half + 1], '赴省外参加招商推介活动'],
    [cityMembers[half + 2], '参加全国行业协会年会'],
  ].map(([m, reason], i) => ({
    id: i + 1,
    district: CITY,
    memberId: (m as { id: number }).id,
    meeting: meeting.title,
    meetingLevel: 'STANDING_COMMITTEE',
    meetingOn: meeting.plannedOn,
    meetingKind: 'BODY_MEETING',
    meetingId: meeting.id,
    reason: reason as string,
    status: 'REQUESTED',
  }));
}
