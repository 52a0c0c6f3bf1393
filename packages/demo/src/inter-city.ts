import { members } from './members.js';
import { CITY } from './organization.js';

/**
 * The report's inter-city exchange (交流合作促发展): the 长三角“三市一区” committees' cooperation
 * mechanism (上海普陀、江苏盐城、浙江台州 and this city; first met in 普陀 in May of last year, second
 * session in 台州 on 2026-09-07), closer ties with 杭州 (融杭接沪), and the committee's leaders
 * visiting 杭州市政协 together. Rotation order after 台州 is assumed: the sources name only the
 * first two hosts.
 */
export interface DemoPartner {
  key: string;
  name: string;
  city: string;
  province: string;
}

export const interCityPartners: DemoPartner[] = [
  { key: 'putuo', name: '上海市普陀区政协', city: '上海市', province: '上海市' },
  { key: 'yancheng', name: '盐城市政协', city: '盐城市', province: '江苏省' },
  { key: 'taizhou', name: '台州市政协', city: '台州市', province: '浙江省' },
  { key: 'hangzhou', name: '杭州市政协', city: '杭州市', province: '浙江省' },
];

export const interCityMechanism = {
  district: CITY,
  name: '长三角“三市一区”政协交流合作机制',
  agreementTitle: '长三角“三市一区”政协合作交流备忘录',
  agreementSignedOn: '2025-05-16',
  agreementText:
    '上海市普陀区、江苏省盐城市、浙江省台州市、安徽省黄山市政协建立交流合作机制：每年召开一次主席联席会议，由各方轮流承办；围绕长三角一体化发展开展联合调研、联动民主监督和跨区域协商，互派委员考察交流，共享履职经验。',
  /** Hosting rotation: a partner key, or a district code for a committee of this platform. */
  rotation: ['putuo', 'taizhou', CITY, 'yancheng'],
};

export interface DemoJointMeeting {
  session: number;
  host: string;
  plannedOn: string;
  heldOn: string;
  place: string;
  agenda: string[];
  resolutions: { text: string; status: 'OPEN' | 'IN_PROGRESS' | 'DONE'; followUp: string | null }[];
  /** Local members who attended (demo member ids of the city). */
  attendees: number[];
  minutes: string | null;
}

const cityMembers = () =>
  members()
    .filter((m) => m.district === CITY)
    .map((m) => m.id);

export function interCityMeetings(): DemoJointMeeting[] {
  const [a, b, c] = cityMembers();
  return [
    {
      session: 1,
      host: 'putuo',
      plannedOn: '2025-05-16',
      heldOn: '2025-05-16',
      place: '上海市普陀区',
      agenda: [
        '签订《长三角“三市一区”政协合作交流备忘录》',
        '交流各方政协工作经验',
        '商定年度联合履职事项',
      ],
      resolutions: [
        {
          text: '建立主席联席会议制度，每年召开一次，由各方轮流承办',
          status: 'DONE',
          followUp: '第二次会议已于2026年9月在台州召开',
        },
        {
          text: '围绕长三角一体化发展开展联合调研',
          status: 'DONE',
          followUp: '已组织融杭接沪交通互联互通联合调研',
        },
      ],
      attendees: [a, b],
      minutes: '会议签订合作交流备忘录，商定建立主席联席会议制度和联合履职机制。',
    },
    {
      session: 2,
      host: 'taizhou',
      plannedOn: '2026-09-07',
      heldOn: '2026-09-07',
      place: '浙江省台州市',
      agenda: [
        '学习中央关于长三角一体化发展的部署',
        '交流疫情防控和复工复产中的政协履职经验',
        '商定联合履职事项',
      ],
      resolutions: [
        {
          text: '联动开展长三角生态环境共保联治民主监督',
          status: 'IN_PROGRESS',
          followUp: '各方已确定监督点位',
        },
        { text: '下一次主席联席会议由黄山市政协承办', status: 'OPEN', followUp: null },
      ],
      attendees: [a, b, c],
      minutes: null,
    },
  ];
}

export interface DemoJointActivity {
  kind: 'JOINT_RESEARCH' | 'JOINT_SUPERVISION';
  topic: string;
  /** Key of the consultation demo research project it is the joint side of, if any. */
  researchKey: string | null;
  participants: string[];
  startsOn: string;
  endsOn: string | null;
  outcome: string | null;
}

export const interCityActivities: DemoJointActivity[] = [
  {
    kind: 'JOINT_RESEARCH',
    topic: '融杭接沪交通基础设施互联互通联合调研',
    researchKey: 'corridor',
    participants: [CITY, 'putuo'],
    startsOn: '2026-06-20',
    endsOn: null,
    outcome: null,
  },
  {
    kind: 'JOINT_SUPERVISION',
    topic: '长三角生态环境共保联治联动民主监督',
    researchKey: null,
    participants: ['putuo', 'yancheng', 'taizhou', CITY],
    startsOn: '2025-10-15',
    endsOn: '2025-12-20',
    outcome: '四地政协分别就跨界水体治理开展监督，形成联合监督报告，提出建议12条。',
  },
];

export interface DemoVisit {
  district: string;
  partner: string;
  mechanism: boolean;
  direction: 'OUTGOING' | 'INCOMING';
  startsOn: string;
  endsOn: string;
  topics: string[];
  delegation: number[];
  leader: number | null;
  guestLeader: string | null;
  status: 'PLANNED' | 'HELD' | 'REPORTED';
  outcomes: string | null;
  reportedOn: string | null;
}

export function interCityVisits(): DemoVisit[] {
  const city = cityMembers();
  const tunxi = members()
    .filter((m) => m.district === '341002')
    .map((m) => m.id);
  return [
    {
      // 市政协班子成员集体拜访XX市政协
      district: CITY,
      partner: 'hangzhou',
      mechanism: false,
      direction: 'OUTGOING',
      startsOn: '2025-11-12',
      endsOn: '2025-11-13',
      topics: ['融杭接沪', '共建杭黄世界级自然生态和文化旅游廊道'],
      delegation: city.slice(0, 4),
      leader: city[0],
      guestLeader: null,
      status: 'REPORTED',
      outcomes: '双方商定建立两地政协常态化联系机制，共同推动杭黄文旅廊道建设。',
      reportedOn: '2025-11-20',
    },
    {
      district: CITY,
      partner: 'taizhou',
      mechanism: true,
      direction: 'INCOMING',
      startsOn: '2026-04-20',
      endsOn: '2026-04-21',
      topics: ['茶文旅融合发展'],
      delegation: city.slice(4, 6),
      leader: city[4],
      guestLeader: '台州市政协副主席',
      status: 'REPORTED',
      outcomes: '交流茶产业与乡村旅游融合发展经验。',
      reportedOn: '2026-05-10',
    },
    {
      district: '341002',
      partner: 'putuo',
      mechanism: true,
      direction: 'OUTGOING',
      startsOn: '2026-06-10',
      endsOn: '2026-06-11',
      topics: ['老街保护与城市更新'],
      delegation: tunxi.slice(0, 2),
      leader: tunxi[0],
      guestLeader: null,
      status: 'HELD',
      outcomes: null,
      reportedOn: null,
    },
    {
      district: CITY,
      partner: 'yancheng',
      mechanism: true,
      direction: 'OUTGOING',
      startsOn: '2026-12-10',
      endsOn: '2026-12-11',
      topics: ['沿海与山区协作发展'],
      delegation: city.slice(6, 8),
      leader: city[6],
      guestLeader: null,
      status: 'PLANNED',
      outcomes: null,
      reportedOn: null,
    },
  ];
}
