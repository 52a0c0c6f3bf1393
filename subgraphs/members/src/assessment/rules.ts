import { z } from 'zod';

/**
 * The kinds of duty event the members subgraph itself gives meaning to: one per thing the bus
 * reports (see consumers.ts) plus those the report names that no module sends yet.
 */
export const DUTY_KINDS = [
  'meeting.attended',
  'meeting.on_leave',
  'meeting.absent',
  'study.attended',
  'study.on_leave',
  'study.absent',
  'branch.attended',
  'consultation.attended',
  'speech.oral',
  'speech.written',
  'research.joined',
  'inspection.joined',
  'training.attended',
  'proposal.submitted',
  'proposal.filed',
  'proposal.key',
  'proposal.excellent',
  'opinion.submitted',
  'opinion.adopted',
  'instruction.received',
  'studio.duty',
  'donation.made',
  'report.filed',
  'leave.approved',
  'award.received',
  'penalty.received',
] as const;

/** First segments of the core kinds: a plugin's kind may not start with one of them. */
export const CORE_NAMESPACES = new Set(DUTY_KINDS.map((k) => k.split('.')[0]));

const NAMESPACED = /^[a-z0-9]+(\.[a-z0-9_-]+)+$/;

/**
 * Why a kind cannot be scored or recorded, or null when it can. A core kind is known here; any
 * other dotted kind belongs to a plugin (`plugin.inter-city-exchange.visit`) and is accepted as
 * long as it does not borrow a core namespace — so `proposal.filled` is a typo, not a new kind.
 */
export function kindProblem(kind: string): string | null {
  if ((DUTY_KINDS as readonly string[]).includes(kind)) return null;
  if (!NAMESPACED.test(kind)) return `unknown duty event kind ${JSON.stringify(kind)}`;
  if (CORE_NAMESPACES.has(kind.split('.')[0]))
    return `unknown duty event kind ${JSON.stringify(kind)}`;
  return null;
}

const dutyKind = z.string().superRefine((kind, ctx) => {
  const problem = kindProblem(kind);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const qualifier = z.string().trim().min(1, 'must not be empty').max(40).optional();

/**
 * A district's scoring rules for one year (履职积分规则). Points per kind of duty event (and,
 * where the kind has one, per qualifier such as the meeting's body or the adopting level), with a
 * separate figure for co-authors; caps per category; deductions; minimum yearly obligations;
 * grade bands. Validated before it is stored, so a stored rule set always computes.
 */
export const RuleSetSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty'),
    items: z
      .array(
        z
          .object({
            kind: dutyKind,
            qualifier,
            category: z.string().min(1),
            points: z.number().nonnegative('points must not be negative; use deductions'),
            coAuthorPoints: z
              .number()
              .nonnegative('points must not be negative; use deductions')
              .optional(),
            /**
             * Joint work splits the points instead: the lead author takes this share, the co-authors
             * share the rest equally (桐城: "the first author gets half, others share the rest").
             */
            jointLeadShare: z
              .number()
              .gt(0, 'must be more than 0')
              .lt(1, 'must be less than 1')
              .optional(),
          })
          .refine(
            (item) => item.coAuthorPoints === undefined || item.jointLeadShare === undefined,
            {
              path: ['jointLeadShare'],
              message: 'give coAuthorPoints or jointLeadShare, not both',
            },
          ),
      )
      .min(1, 'needs at least one item')
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          const key = `${item.kind}|${item.qualifier ?? ''}`;
          if (seen.has(key))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'kind'],
              message: `${item.kind}${item.qualifier ? ` [${item.qualifier}]` : ''} is scored twice`,
            });
          seen.add(key);
        });
      }),
    caps: z.record(z.string(), z.number().positive('a cap must be positive')).default({}),
    deductions: z
      .array(
        z.object({
          kind: dutyKind,
          qualifier,
          points: z.number().positive('a deduction is a positive number of points'),
        }),
      )
      .default([]),
    /**
     * Minimum yearly obligations: a number of events of one kind (of one qualifier), or of events
     * any item scores in one category ("at least 3 activities" of whatever kind).
     */
    minimums: z
      .array(
        z
          .object({
            kind: dutyKind.optional(),
            qualifier,
            category: z.string().min(1).optional(),
            count: z.number().int().positive(),
            label: z.string().min(1),
          })
          .superRefine((m, ctx) => {
            if ((m.kind === undefined) === (m.category === undefined))
              ctx.addIssue({
                code: 'custom',
                path: ['kind'],
                message: 'give exactly one of kind and category',
              });
            else if (m.category !== undefined && m.qualifier !== undefined)
              ctx.addIssue({
                code: 'custom',
                path: ['qualifier'],
                message: 'a qualifier narrows a kind, not a category',
              });
          }),
      )
      .default([]),
    grades: z
      .array(z.object({ name: z.string().min(1), min: z.number() }))
      .min(1, 'needs at least one grade band'),
  })
  .superRefine((rules, ctx) => {
    const categories = new Set(rules.items.map((i) => i.category));
    rules.minimums.forEach((m, i) => {
      if (m.category !== undefined && !categories.has(m.category))
        ctx.addIssue({
          code: 'custom',
          path: ['minimums', i, 'category'],
          message: `no item scores in category ${JSON.stringify(m.category)}`,
        });
    });
  });
export type RuleSet = z.infer<typeof RuleSetSchema>;

/**
 * Presets from two real rule books (research/domain.md §3.4). Where a rule scores a whole year's
 * attendance rather than single events, it is turned into per-event points with a cap. Kinds the
 * rule books do not name (party-branch activities, studio duty, leader instructions, plugin
 * kinds, opinion items in 闵行, awards and penalties) are scored as the book scores the nearest
 * kind it does name: an activity as an activity.
 */
export const PRESETS: Record<string, RuleSet> = {
  // 闵行区政协委员履职细则: points accumulate without a cap; minimum obligations decide a pass.
  minhang: {
    name: '闵行区委员履职积分细则',
    items: [
      // "全体会议每半天5分": one event per half-day sitting.
      { kind: 'meeting.attended', qualifier: 'PLENARY', category: '会议', points: 5 },
      // "每参加一次活动5分": every kind of activity, other meetings among them.
      { kind: 'meeting.attended', category: '活动', points: 5 },
      { kind: 'consultation.attended', category: '活动', points: 5 },
      { kind: 'study.attended', category: '活动', points: 5 },
      { kind: 'branch.attended', category: '活动', points: 5 },
      { kind: 'research.joined', category: '活动', points: 5 },
      { kind: 'studio.duty', category: '活动', points: 5 },
      { kind: 'plugin.inter-city-exchange.visit', category: '活动', points: 5 },
      // "市外培训10分（部分参加5分）".
      { kind: 'training.attended', category: '学习', points: 10 },
      { kind: 'training.attended', qualifier: 'PARTIAL', category: '学习', points: 5 },
      // "立案提案主提人15分、联名3分；重点提案另加15/3；优秀提案另加10/2".
      { kind: 'proposal.filed', category: '提案', points: 15, coAuthorPoints: 3 },
      { kind: 'proposal.key', category: '提案', points: 15, coAuthorPoints: 3 },
      { kind: 'proposal.excellent', category: '提案', points: 10, coAuthorPoints: 2 },
      { kind: 'opinion.submitted', category: '社情民意', points: 5 },
      { kind: 'instruction.received', category: '社情民意', points: 5 },
      { kind: 'award.received', category: '奖惩', points: 10 },
    ],
    caps: {},
    deductions: [{ kind: 'penalty.received', points: 10 }],
    minimums: [
      { kind: 'meeting.attended', qualifier: 'PLENARY', count: 1, label: '出席全体会议' },
      { category: '活动', count: 3, label: '每年参加活动不少于3次' },
      { kind: 'proposal.submitted', count: 1, label: '每年至少提交1件提案' },
      { kind: 'opinion.submitted', count: 1, label: '每年至少报送1条社情民意' },
    ],
    grades: [{ name: '合格', min: 0 }],
  },
  // 桐城市政协委员履职考核 (100-point scale, 60 to pass) with 安庆's grade bands.
  tongcheng: {
    name: '桐城市委员履职考核办法',
    items: [
      // "全体会议50分（请假30分，缺席0分）": two sittings a year make the 50 (the 30).
      { kind: 'meeting.attended', qualifier: 'PLENARY', category: '会议', points: 25 },
      { kind: 'meeting.on_leave', qualifier: 'PLENARY', category: '会议', points: 15 },
      // "提案每件10分，立案加15分；联名提案第一提案人得一半，其余平分": both the 10 for the
      // submission and the 15 for filing are split among the joint authors.
      { kind: 'proposal.submitted', category: '提案', points: 10, jointLeadShare: 0.5 },
      { kind: 'proposal.filed', category: '提案', points: 15, jointLeadShare: 0.5 },
      // "活动每次2分，书面发言5分".
      { kind: 'consultation.attended', category: '活动', points: 2 },
      { kind: 'study.attended', category: '活动', points: 2 },
      { kind: 'branch.attended', category: '活动', points: 2 },
      { kind: 'research.joined', category: '活动', points: 2 },
      { kind: 'studio.duty', category: '活动', points: 2 },
      { kind: 'plugin.inter-city-exchange.visit', category: '活动', points: 2 },
      { kind: 'speech.oral', category: '活动', points: 2 },
      { kind: 'speech.written', category: '活动', points: 5 },
      // "社情民意每条10分，采用加5分".
      { kind: 'opinion.submitted', category: '社情民意', points: 10 },
      { kind: 'opinion.adopted', category: '社情民意', points: 5 },
      { kind: 'award.received', category: '奖惩', points: 5 },
    ],
    caps: { 会议: 50, 提案: 25, 活动: 10, 社情民意: 15, 奖惩: 10 },
    // "常委会议每缺席一次扣5分".
    deductions: [
      { kind: 'meeting.absent', qualifier: 'STANDING_COMMITTEE', points: 5 },
      { kind: 'penalty.received', points: 10 },
    ],
    minimums: [],
    grades: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '称职', min: 60 },
      { name: '不称职', min: 0 },
    ],
  },
};
