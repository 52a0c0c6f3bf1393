import { bodyMeetings, currentTerm } from './bodies.js';
import { members } from './members.js';
import { ACTIVE_DISTRICTS, CITY } from './organization.js';
import { policyDocuments } from './outreach.js';

export type DemoLeadershipRole = 'CHAIR' | 'VICE_CHAIR' | 'SECRETARY_GENERAL';

export interface DemoLeadershipPost {
  id: number;
  district: string;
  termId: number;
  memberId: number;
  role: DemoLeadershipRole;
  startsOn: string;
  endsOn: string | null;
}

/**
 * 班子成员 of each active committee for the current term: a chair, vice-chairs and a
 * secretary-general, the first members of the district. In the city one vice-chair retired at
 * the end of 2024 and another took the post, so the leadership has a history.
 */
function build(): DemoLeadershipPost[] {
  const list: Omit<DemoLeadershipPost, 'id'>[] = [];
  for (const district of ACTIVE_DISTRICTS) {
    const term = currentTerm(district);
    const ids = members()
      .filter((m) => m.district === district)
      .map((m) => m.id);
    const post = (
      memberId: number,
      role: DemoLeadershipRole,
      startsOn = term.startsOn,
      endsOn: string | null = null,
    ) => list.push({ district, termId: term.id, memberId, role, startsOn, endsOn });
    post(ids[0], 'CHAIR');
    post(ids[1], 'VICE_CHAIR');
    post(ids[2], 'VICE_CHAIR');
    if (district === CITY) {
      post(ids[10], 'VICE_CHAIR', term.startsOn, '2024-12-31');
      post(ids[9], 'VICE_CHAIR', '2025-01-01');
    }
    post(ids[3], 'SECRETARY_GENERAL');
  }
  return list.map((p, i) => ({ ...p, id: i + 1 }));
}

export const leadershipPosts: DemoLeadershipPost[] = build();

/** The posts of `district` held on `day`. */
export function leadershipOn(district: string, day: string): DemoLeadershipPost[] {
  return leadershipPosts.filter(
    (p) => p.district === district && p.startsOn <= day && (p.endsOn === null || day <= p.endsOn),
  );
}

/**
 * Did the leadership go collectively (班子成员集体)? When most of the posts held that day are in
 * the delegation, the chair's among them.
 */
export function byLeadershipCollectively(district: string, day: string, delegation: number[]) {
  const posts = leadershipOn(district, day);
  const present = posts.filter((p) => delegation.includes(p.memberId));
  return present.some((p) => p.role === 'CHAIR') && present.length * 2 > posts.length;
}

export interface DemoRelayedDecision {
  meetingId: number;
  documentId: number;
  agendaItem: string;
  decision: string;
}

const meeting = (title: string) => bodyMeetings.find((m) => m.title === title)!;
const documentId = (title: string) => policyDocuments.find((d) => d.title === title)!.id;

/**
 * 传达学习 at the standing committee: "召开市政协常委会议学习传达，制定学习宣传贯彻工作意见全面
 * 部署" — the speech relayed in March and the work opinion issued after it; and last December's
 * relay of the central work conference, carried out by the implementation opinion.
 */
export const relayedDecisions: DemoRelayedDecision[] = [
  {
    meetingId: meeting('十届常委会第十五次会议').id,
    documentId: documentId('关于新时代加强和改进人民政协工作的实施意见'),
    agendaItem: '学习传达中央政协工作会议精神',
    decision: '中央政协工作会议精神',
  },
  {
    meetingId: meeting('十届常委会第十六次会议').id,
    documentId: documentId('学习宣传贯彻考察重要讲话精神工作意见'),
    agendaItem: '学习传达考察重要讲话精神',
    decision: '考察重要讲话精神',
  },
];
