import { addDays, addMonths } from '@cppcc/kit/dates';
import { proposals, type DemoProposal } from './activity.js';
import { governmentUnits, unitByShort, type DemoGovernmentUnit } from './government-units.js';
import { cityActivity, demoResearchProjectId, ECO_COMPENSATION_MEETING } from './consultation.js';
import { members } from './members.js';
import { CITY } from './organization.js';
import { seeded } from './random.js';

/**
 * What became of each demo proposal after review: co-signers, assignment to handling units,
 * replies with grades, the proposer's rating, key proposals led by city leaders (the city's
 * top leader two years running, as the report says), two-way evaluation and awards. The
 * proposals subgraph seeds exactly this and announces it on the bus, so members' archives
 * agree with it.
 */
export type DemoFinalStatus =
  | 'SUBMITTED'
  | 'NOT_FILED'
  | 'FILED'
  | 'ASSIGNED'
  | 'REPLIED'
  | 'RATED'
  | 'CLOSED';

export interface DemoStep {
  entity: 'proposal' | 'handling_task';
  /** Task index within the proposal's tasks when entity is handling_task. */
  task?: number;
  action: string;
  from: string | null;
  to: string;
  on: string;
  note?: string;
}

export interface DemoTask {
  unitId: number;
  role: 'SOLE' | 'SEPARATE' | 'LEAD' | 'CO';
  status: 'RECEIVED' | 'OPINION_SENT' | 'REPLIED' | 'ACCEPTED';
  assignedOn: string;
  dueOn: string;
  startedOn: string;
  extensionReason: string | null;
  opinion: string | null;
  doneOn: string | null;
  /** Replies in order; the last is the one that counts. */
  replies: {
    grade: 'A' | 'B' | 'C' | 'D';
    on: string;
    review: 'PASSED' | 'SENT_BACK' | 'PENDING';
    referenceNumber: string;
  }[];
}

export type DemoRating = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED';

export interface DemoProposalWork {
  proposal: DemoProposal;
  kind: 'INDIVIDUAL' | 'JOINT';
  window: 'PLENARY';
  term: number;
  session: number;
  cosignerIds: number[];
  status: DemoFinalStatus;
  submittedAt: string;
  filedAt: string | null;
  caseNumber: string | null;
  mode: 'SOLE' | 'SEPARATE' | 'LEAD_WITH_CO' | null;
  assignedOn: string | null;
  tasks: DemoTask[];
  repliedAt: string | null;
  /** The lead's rating: the proposal's own. */
  rating: DemoRating | null;
  ratingComment: string | null;
  /** Co-signers' own ratings of the same reply (most rate, a few let it pass). */
  cosignerRatings: { memberId: number; rating: DemoRating; comment: string | null; on: string }[];
  closedAt: string | null;
  statusNote: string | null;
  steps: DemoStep[];
  key: {
    chairMeetingOn: string;
    leaderName: string;
    leaderTitle: string;
    topLeader: boolean;
    /** 一体两用: the consultation activity and research project (consultation's ids) it grew from. */
    consultationId: number | null;
    researchProjectId: number | null;
    supervision: { kind: 'MEETING' | 'PROGRESS_REPORT'; heldOn: string; text: string }[];
  } | null;
  /** Unit quality scores (per replying task) and the lead proposer's handling scores. */
  qualityScores: { task: number; scores: Record<string, number> }[];
  handlingScores: { task: number; memberId: number; scores: Record<string, number> }[];
  award: { year: number; awardedOn: string } | null;
}

const UNIT_FOR: Record<string, [string, string]> = {
  // category → [city unit, district unit] short names
  经济建设: ['发改委', '发改委'],
  农业农村: ['农业农村局', '农业农村局'],
  生态环境: ['生态环境局', '生态环境分局'],
  社会事业: ['教育局', '教育局'],
  文化旅游: ['文旅局', '文旅局'],
  城市管理: ['城管局', '住建局'],
  其他: ['发改委', '发改委'],
};

interface KeyOrigin {
  activity: string;
  research: string;
}

/** Key proposals of the city: [year, title, leader, title, top leader, origin]. 市委书记 led one each year. */
const KEY_LEADERS: [number, string, string, string, boolean, KeyOrigin?][] = [
  // 一体两用: the standing committee's consultation on eco-compensation and its research are also this key proposal.
  [
    2025,
    '关于深化新安江流域生态补偿机制试点的建议',
    '市委主要负责同志',
    '市委书记',
    true,
    { activity: ECO_COMPENSATION_MEETING, research: 'eco' },
  ],
  [2025, '关于加快茶产业转型升级推进茶业振兴的建议', '市政府主要负责同志', '市长', false],
  [2025, '关于进一步优化民营经济发展环境的建议', '市政协主要负责同志', '市政协主席', false],
  [2025, '关于完善乡村教师支持计划执行的建议', '分管副市长', '副市长', false],
  [2026, '关于推进融杭接沪交通基础设施互联互通的建议', '市委主要负责同志', '市委书记', true],
  [2026, '关于谋划建设山水生态旅游走廊的建议', '市政府主要负责同志', '市长', false],
  [2026, '关于疫情下加大旅游业扶持力度的建议', '市政协主要负责同志', '市政协主席', false],
  [2026, '关于争创国家生态文明建设示范市的建议', '分管副市长', '副市长', false],
];

const cache = new Map<number, DemoProposalWork[]>();

export function proposalWork(scale = 1): DemoProposalWork[] {
  const hit = cache.get(scale);
  if (hit) return hit;
  const rnd = seeded(20261128);
  const all = members(scale);
  const byDistrict = new Map<string, number[]>();
  for (const m of all) byDistrict.set(m.district, [...(byDistrict.get(m.district) ?? []), m.id]);
  const counters = new Map<string, number>();
  const keysLeft = [...KEY_LEADERS];
  const list: DemoProposalWork[] = [];
  for (const p of proposals(scale)) {
    const submittedAt = `${p.year}-01-${String(5 + (p.id % 20)).padStart(2, '0')}T02:00:00.000Z`;
    const submittedOn = submittedAt.slice(0, 10);
    const peers = (byDistrict.get(p.district) ?? []).filter((id) => id !== p.authorId);
    const joint = rnd.chance(0.25) && peers.length > 0;
    const cosignerIds = joint
      ? [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(peers)))].sort(
          (a, b) => a - b,
        )
      : [];
    const w: DemoProposalWork = {
      proposal: p,
      kind: joint ? 'JOINT' : 'INDIVIDUAL',
      window: 'PLENARY',
      term: p.year <= 2025 ? 8 : 9,
      session: p.year <= 2025 ? 5 : 1,
      cosignerIds,
      status: p.status,
      submittedAt,
      filedAt: null,
      caseNumber: null,
      mode: null,
      assignedOn: null,
      tasks: [],
      repliedAt: null,
      rating: null,
      ratingComment: null,
      cosignerRatings: [],
      closedAt: null,
      statusNote: null,
      steps: [
        {
          entity: 'proposal',
          action: 'submit',
          from: joint ? 'DRAFT' : null,
          to: 'SUBMITTED',
          on: submittedOn,
        },
      ],
      key: null,
      qualityScores: [],
      handlingScores: [],
      award: null,
    };
    list.push(w);
    const reviewedOn = addDays(submittedOn, 20);
    if (p.status === 'NOT_FILED') {
      w.statusNote =
        '所提问题属于个人诉求或已有明确政策规定，不符合提案立案标准，建议通过信访渠道反映。';
      w.steps.push({
        entity: 'proposal',
        action: 'reject',
        from: 'SUBMITTED',
        to: 'NOT_FILED',
        on: reviewedOn,
        note: w.statusNote,
      });
      continue;
    }
    if (p.status !== 'FILED') continue;
    const counterKey = `${p.district}:${p.year}`;
    counters.set(counterKey, (counters.get(counterKey) ?? 0) + 1);
    w.caseNumber = `${p.year}-${String(counters.get(counterKey)).padStart(4, '0')}`;
    w.filedAt = new Date(Date.parse(submittedAt) + 20 * 86_400_000).toISOString();
    w.steps.push({
      entity: 'proposal',
      action: 'file',
      from: 'SUBMITTED',
      to: 'FILED',
      on: reviewedOn,
    });

    // How far handling got: 2025's are closed; 2026's are spread over the stages.
    const roll = rnd.next();
    const stage: DemoFinalStatus =
      p.year <= 2025
        ? 'CLOSED'
        : roll < 0.55
          ? 'CLOSED'
          : roll < 0.75
            ? 'RATED'
            : roll < 0.85
              ? 'REPLIED'
              : roll < 0.95
                ? 'ASSIGNED'
                : 'FILED';
    w.status = stage;
    if (stage === 'FILED') continue;

    const assignedOn = addDays(reviewedOn, 10);
    w.assignedOn = assignedOn;
    const local = p.district === CITY ? 0 : 1;
    const main = unitByShort(p.district, UNIT_FOR[p.category][local]);
    const others = governmentUnits.filter((u) => u.district === p.district && u.id !== main.id);
    const modeRoll = rnd.next();
    w.mode = modeRoll < 0.6 ? 'SOLE' : modeRoll < 0.75 ? 'SEPARATE' : 'LEAD_WITH_CO';
    const extra: DemoGovernmentUnit = rnd.pick(others);
    const units: [DemoGovernmentUnit, DemoTask['role']][] =
      w.mode === 'SOLE'
        ? [[main, 'SOLE']]
        : w.mode === 'SEPARATE'
          ? [
              [main, 'SEPARATE'],
              [extra, 'SEPARATE'],
            ]
          : [
              [main, 'LEAD'],
              [extra, 'CO'],
            ];
    w.steps.push({
      entity: 'proposal',
      action: 'assign',
      from: 'FILED',
      to: 'ASSIGNED',
      on: assignedOn,
      note: `${w.mode}: ${units.map(([u]) => u.id).join(', ')}`,
    });
    units.forEach(([unit, role], i) => {
      const task: DemoTask = {
        unitId: unit.id,
        role,
        status: 'RECEIVED',
        assignedOn,
        dueOn: addMonths(assignedOn, role === 'CO' ? 1 : 3),
        startedOn: assignedOn,
        extensionReason: null,
        opinion: null,
        doneOn: null,
        replies: [],
      };
      w.tasks.push(task);
      w.steps.push({
        entity: 'handling_task',
        task: i,
        action: 'receive',
        from: 'PENDING_RECEIPT',
        to: 'RECEIVED',
        on: addDays(assignedOn, 3),
      });
      if (role === 'CO') {
        task.status = 'OPINION_SENT';
        task.opinion = `${unit.short}会办意见：赞同提案所提建议，将在职责范围内配合主办单位推进落实。`;
        task.doneOn = addDays(assignedOn, 25);
        w.steps.push({
          entity: 'handling_task',
          task: i,
          action: 'sendOpinion',
          from: 'RECEIVED',
          to: 'OPINION_SENT',
          on: task.doneOn,
        });
        return;
      }
      if (stage === 'ASSIGNED') {
        // Not replied in the year: past its deadline, some after an extension to five months.
        if (rnd.chance(0.5)) {
          task.extensionReason = '涉及跨部门政策调整，需待上级批复后答复。';
          const until = addMonths(assignedOn, 5);
          w.steps.push({
            entity: 'handling_task',
            task: i,
            action: 'extendDeadline',
            from: 'RECEIVED',
            to: 'RECEIVED',
            on: addDays(assignedOn, 80),
            note: `${task.dueOn} → ${until}: ${task.extensionReason}`,
          });
          task.dueOn = until;
        }
        return;
      }
      const grade = (() => {
        const g = rnd.next();
        return g < 0.3 ? 'A' : g < 0.85 ? 'B' : g < 0.95 ? 'C' : 'D';
      })() as DemoTask['replies'][number]['grade'];
      const repliedOn = addDays(assignedOn, rnd.int(40, 85));
      task.replies.push({
        grade,
        on: repliedOn,
        review: 'PASSED',
        referenceNumber: `${unit.short}提复〔${p.year}〕${p.id}号`,
      });
      task.status = 'ACCEPTED';
      task.doneOn = addDays(repliedOn, 5);
      w.steps.push({
        entity: 'handling_task',
        task: i,
        action: 'reply',
        from: 'RECEIVED',
        to: 'REPLIED',
        on: repliedOn,
        note: `grade ${grade}`,
      });
      w.steps.push({
        entity: 'handling_task',
        task: i,
        action: 'passReply',
        from: 'REPLIED',
        to: 'ACCEPTED',
        on: task.doneOn,
      });
    });
    if (stage === 'ASSIGNED') continue;
    const lastDone = w.tasks
      .filter((t) => t.role !== 'CO')
      .map((t) => t.doneOn!)
      .sort()
      .at(-1)!;
    w.repliedAt = `${lastDone}T08:00:00.000Z`;
    w.steps.push({
      entity: 'proposal',
      action: 'completeReplies',
      from: 'ASSIGNED',
      to: 'REPLIED',
      on: lastDone,
    });
    if (stage === 'REPLIED') continue;
    const r = rnd.next();
    w.rating = r < 0.7 ? 'SATISFIED' : r < 0.97 ? 'BASICALLY_SATISFIED' : 'UNSATISFIED';
    if (w.rating === 'UNSATISFIED') w.ratingComment = '答复未回应提案核心建议，缺少具体落实措施。';
    const ratedOn = addDays(lastDone, 10);
    w.steps.push({
      entity: 'proposal',
      action: w.rating === 'UNSATISFIED' ? 'rateUnsatisfied' : 'rateSatisfied',
      from: 'REPLIED',
      to: w.rating === 'UNSATISFIED' ? 'UNSATISFIED' : 'RATED',
      on: ratedOn,
      note: w.rating,
    });
    if (stage === 'CLOSED') {
      w.closedAt = `${addDays(ratedOn, 15)}T08:00:00.000Z`;
      w.steps.push({
        entity: 'proposal',
        action: 'close',
        from: w.rating === 'UNSATISFIED' ? 'UNSATISFIED' : 'RATED',
        to: 'CLOSED',
        on: addDays(ratedOn, 15),
      });
    } else if (w.rating === 'UNSATISFIED') {
      w.rating = 'BASICALLY_SATISFIED';
      w.ratingComment = null;
      w.steps.pop();
      w.steps.push({
        entity: 'proposal',
        action: 'rateSatisfied',
        from: 'REPLIED',
        to: 'RATED',
        on: ratedOn,
        note: w.rating,
      });
    }
    // Co-signers rate too; drawn apart from the main stream so the rest of the demo stays as it was.
    const own = seeded(p.id);
    const STEPS: DemoRating[] = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];
    w.cosignerIds.forEach((memberId, i) => {
      if (own.chance(0.15)) return;
      const lead = STEPS.indexOf(w.rating!);
      const rating = STEPS[Math.min(2, lead + (own.chance(0.2) ? 1 : 0))];
      w.cosignerRatings.push({
        memberId,
        rating,
        comment: rating === 'UNSATISFIED' ? '落实措施不够具体，希望明确时间表。' : null,
        on: addDays(ratedOn, 1 + i),
      });
    });
    // 双向评议: each replying unit scores the proposal; the lead proposer scores each replying unit.
    w.tasks.forEach((t, i) => {
      if (t.role === 'CO') return;
      const q = () => rnd.int(13, 20);
      w.qualityScores.push({
        task: i,
        scores: { scientific: q(), serious: q(), feasible: q(), standard: q(), influential: q() },
      });
      const h = () => (w.rating === 'UNSATISFIED' ? rnd.int(12, 18) : rnd.int(18, 25));
      w.handlingScores.push({
        task: i,
        memberId: p.authorId,
        scores: { organization: h(), communication: h(), reply: h(), implementation: h() },
      });
    });
  }
  // Key proposals: the first filed city proposal of the year on each topic, in handling or done.
  for (const [year, title, leaderName, leaderTitle, topLeader, origin] of keysLeft) {
    const w =
      list.find(
        (x) =>
          x.proposal.district === CITY &&
          x.proposal.year === year &&
          x.proposal.title === title &&
          x.assignedOn &&
          !x.key,
      ) ??
      list.find(
        (x) => x.proposal.district === CITY && x.proposal.year === year && x.assignedOn && !x.key,
      );
    if (!w) continue;
    const chairMeetingOn = `${year}-02-20`;
    w.key = {
      chairMeetingOn,
      leaderName,
      leaderTitle,
      topLeader,
      consultationId: origin ? cityActivity(origin.activity).id : null,
      researchProjectId: origin ? Number(demoResearchProjectId(origin.research)) : null,
      supervision: [
        {
          kind: 'MEETING',
          heldOn: `${year}-04-16`,
          text: `${leaderTitle}主持召开重点提案督办协商会，听取承办单位办理情况汇报，与提案人面对面协商。`,
        },
        {
          kind: 'PROGRESS_REPORT',
          heldOn: `${year}-06-10`,
          text: '承办单位报告办理进展：已制定工作方案，明确责任分工和时间节点，部分建议已落实。',
        },
        {
          kind: 'MEETING',
          heldOn: `${year}-09-18`,
          text: '重点提案办理“回头看”现场督办，实地查看建议落实情况。',
        },
      ],
    };
  }
  // 优秀提案: a few of 2025's city proposals, awarded at the next plenary.
  const excellent = list
    .filter(
      (x) =>
        x.proposal.district === CITY &&
        x.proposal.year === 2025 &&
        x.status === 'CLOSED' &&
        x.rating === 'SATISFIED',
    )
    .slice(0, 5 * scale);
  for (const w of excellent) w.award = { year: 2025, awardedOn: '2026-01-08' };
  cache.set(scale, list);
  return list;
}

/** The status the proposals subgraph shows for a demo proposal. */
export function demoProposalStatus(id: number, scale = 1): DemoFinalStatus {
  return proposalWork(scale).find((w) => w.proposal.id === id)!.status;
}
