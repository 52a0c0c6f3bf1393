import { z } from 'zod';

/**
 * Every kind of duty event a rule may score: those the bus delivers today and those the
 * report names that later modules will deliver. A rule for any other kind is refused, so a
 * typo cannot silently score nothing.
 */
export const DUTY_KINDS = [
  'meeting.attended', 'meeting.on_leave', 'meeting.absent',
  'consultation.attended', 'speech.oral', 'speech.written',
  'research.joined', 'inspection.joined', 'training.attended', 'study.attended',
  'proposal.submitted', 'proposal.filed', 'proposal.key', 'proposal.excellent',
  'opinion.submitted', 'opinion.adopted', 'instruction.received',
  'studio.duty', 'donation.made', 'report.filed', 'award.received', 'penalty.received',
] as const;

const dutyKind = z.enum(DUTY_KINDS, { error: (issue) => `unknown duty event kind ${JSON.stringify(issue.input)}` });

/**
 * A district's scoring rules for one year (履职积分规则). Points per kind of duty event, with a
 * separate figure for co-authors; caps per category; deductions; minimum yearly obligations;
 * grade bands. Validated before it is stored, so a stored rule set always computes.
 */
export const RuleSetSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty'),
  items: z
    .array(
      z.object({
        kind: dutyKind,
        category: z.string().min(1),
        points: z.number().nonnegative('points must not be negative; use deductions'),
        coAuthorPoints: z.number().nonnegative('points must not be negative; use deductions').optional(),
      }),
    )
    .min(1, 'needs at least one item'),
  caps: z.record(z.string(), z.number().positive('a cap must be positive')).default({}),
  deductions: z.array(z.object({ kind: dutyKind, points: z.number().positive('a deduction is a positive number of points') })).default([]),
  minimums: z.array(z.object({ kind: dutyKind, count: z.number().int().positive(), label: z.string().min(1) })).default([]),
  grades: z.array(z.object({ name: z.string().min(1), min: z.number() })).min(1, 'needs at least one grade band'),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

/**
 * Presets from two real rule books (research/domain.md §3.4). Where a rule scores a whole year's
 * attendance rather than single events, it is turned into per-event points with a cap.
 */
export const PRESETS: Record<string, RuleSet> = {
  // 闵行区政协委员履职细则: points accumulate without a cap; minimum obligations decide a pass.
  minhang: {
    name: '闵行区委员履职积分细则',
    items: [
      { kind: 'meeting.attended', category: '会议', points: 5 },
      { kind: 'consultation.attended', category: '活动', points: 5 },
      { kind: 'research.joined', category: '活动', points: 5 },
      { kind: 'training.attended', category: '学习', points: 10 },
      { kind: 'proposal.filed', category: '提案', points: 15, coAuthorPoints: 3 },
      { kind: 'proposal.key', category: '提案', points: 15, coAuthorPoints: 3 },
      { kind: 'proposal.excellent', category: '提案', points: 10, coAuthorPoints: 2 },
      { kind: 'opinion.submitted', category: '社情民意', points: 5 },
    ],
    caps: {},
    deductions: [],
    minimums: [
      { kind: 'meeting.attended', count: 1, label: '出席全体会议' },
      { kind: 'consultation.attended', count: 3, label: '每年参加活动不少于3次' },
      { kind: 'proposal.filed', count: 1, label: '每年至少提交1件提案' },
      { kind: 'opinion.submitted', count: 1, label: '每年至少报送1条社情民意' },
    ],
    grades: [{ name: '合格', min: 0 }],
  },
  // 桐城市政协委员履职考核 (100-point scale, 60 to pass) with 安庆's grade bands.
  tongcheng: {
    name: '桐城市委员履职考核办法',
    items: [
      { kind: 'meeting.attended', category: '会议', points: 25 },
      { kind: 'meeting.on_leave', category: '会议', points: 15 },
      { kind: 'proposal.submitted', category: '提案', points: 10, coAuthorPoints: 5 },
      { kind: 'proposal.filed', category: '提案', points: 15, coAuthorPoints: 7.5 },
      { kind: 'consultation.attended', category: '活动', points: 2 },
      { kind: 'speech.written', category: '活动', points: 5 },
      { kind: 'opinion.submitted', category: '社情民意', points: 10 },
      { kind: 'opinion.adopted', category: '社情民意', points: 5 },
    ],
    caps: { 会议: 50, 提案: 25, 活动: 10, 社情民意: 15 },
    deductions: [{ kind: 'meeting.absent', points: 5 }],
    minimums: [],
    grades: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '称职', min: 60 },
      { name: '不称职', min: 0 },
    ],
  },
};
