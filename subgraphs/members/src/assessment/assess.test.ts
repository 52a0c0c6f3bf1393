import { describe, expect, it } from 'vitest';
import { assess, rank, type ScoredEvent } from './assess.js';
import { PRESETS, RuleSetSchema } from './rules.js';

let next = 1;
const ev = (kind: string, role: string | null = null): ScoredEvent => ({ id: next++, kind, role, summary: kind });

describe('yearly assessment', () => {
  it('scores lead and co-authors differently and explains every point (闵行)', () => {
    const result = assess([ev('proposal.filed', 'LEAD'), ev('proposal.filed', 'CO'), ev('consultation.attended'), ev('meeting.attended')], PRESETS.minhang);
    expect(result.lines.map((l) => l.points)).toEqual([15, 3, 5, 5]);
    expect(result.lines[1].rule).toBe('proposal.filed (co-author): 3');
    expect(result.total).toBe(28);
    expect(result.unmet.map((u) => u.label)).toEqual(['每年参加活动不少于3次', '每年至少报送1条社情民意']);
  });

  it('caps a category, deducts absences and grades on the 100-point scale (桐城)', () => {
    const events = [
      ev('meeting.attended'), ev('meeting.attended'), ev('meeting.absent'),
      ...Array.from({ length: 4 }, () => ev('proposal.filed', 'LEAD')),
      ...Array.from({ length: 3 }, () => ev('consultation.attended')),
      ev('opinion.submitted'), ev('opinion.adopted'),
    ];
    const result = assess(events, PRESETS.tongcheng);
    expect(result.subtotals).toEqual([
      { category: '会议', raw: 50, points: 50, cap: 50 },
      { category: '提案', raw: 60, points: 25, cap: 25 },
      { category: '活动', raw: 6, points: 6, cap: 10 },
      { category: '社情民意', raw: 15, points: 15, cap: 15 },
    ]);
    expect(result.deducted).toBe(5);
    expect(result.total).toBe(91);
    expect(result.grade).toBe('优秀');
    expect(assess([ev('meeting.on_leave')], PRESETS.tongcheng).grade).toBe('不称职');
  });

  it('ignores kinds the rules do not score and ranks ties together', () => {
    expect(assess([ev('donation.made')], PRESETS.minhang).lines).toEqual([]);
    expect(assess([ev('some.future.kind')], PRESETS.minhang).total).toBe(0);
    expect(rank([{ total: 10 }, { total: 30 }, { total: 10 }, { total: 20 }]).map((r) => [r.total, r.rank])).toEqual([[30, 1], [20, 2], [10, 3], [10, 3]]);
  });

  it('refuses rules with an unknown event kind, negative points, no grades or a non-positive cap', () => {
    const bad = RuleSetSchema.safeParse({ ...PRESETS.minhang, items: [{ kind: 'proposal.filed', category: 'c', points: -1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['items', 0, 'points']);
    expect(RuleSetSchema.safeParse({ ...PRESETS.minhang, grades: [] }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...PRESETS.tongcheng, caps: { 会议: 0 } }).success).toBe(false);
    expect(RuleSetSchema.safeParse(PRESETS.tongcheng).success).toBe(true);
    const unknown = RuleSetSchema.safeParse({ ...PRESETS.minhang, items: [{ kind: 'proposal.filled', category: 'c', points: 1 }] });
    expect(unknown.error!.issues[0].message).toBe('unknown duty event kind "proposal.filled"');
  });
});
