import { describe, expect, it } from 'vitest';
import { assess, rank, type ScoredEvent } from './assess.js';
import { PRESETS, RuleSetSchema } from './rules.js';

let next = 1;
const ev = (kind: string, role: string | null = null, qualifier: string | null = null): ScoredEvent => ({ id: next++, kind, role, qualifier, summary: kind });

describe('yearly assessment', () => {
  it('scores lead and co-authors differently and explains every point (闵行)', () => {
    const result = assess([ev('proposal.filed', 'LEAD'), ev('proposal.filed', 'CO'), ev('consultation.attended'), ev('meeting.attended', null, 'PLENARY')], PRESETS.minhang);
    expect(result.lines.map((l) => l.points)).toEqual([15, 3, 5, 5]);
    expect(result.lines[1].rule).toBe('proposal.filed (co-author): 3');
    expect(result.total).toBe(28);
    expect(result.unmet.map((u) => u.label)).toEqual(['每年参加活动不少于3次', '每年至少报送1条社情民意']);
  });

  it('caps a category, deducts absences and grades on the 100-point scale (桐城)', () => {
    const events = [
      ev('meeting.attended', null, 'PLENARY'), ev('meeting.attended', null, 'PLENARY'), ev('meeting.absent', null, 'STANDING_COMMITTEE'),
      // Absent from a plenary scores nothing; only standing-committee absences are deducted.
      ev('meeting.absent', null, 'PLENARY'),
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
      { category: '奖惩', raw: 0, points: 0, cap: 10 },
    ]);
    expect(result.deducted).toBe(5);
    expect(result.total).toBe(91);
    expect(result.grade).toBe('优秀');
    expect(assess([ev('meeting.on_leave')], PRESETS.tongcheng).grade).toBe('不称职');
  });

  it('scores a qualifier apart from its kind, plugin kinds, awards and penalties', () => {
    const rules = RuleSetSchema.parse({
      name: '按级别计分',
      items: [
        { kind: 'opinion.adopted', category: '社情民意', points: 5 },
        { kind: 'opinion.adopted', qualifier: 'NATIONAL', category: '社情民意', points: 20 },
        { kind: 'plugin.inter-city-exchange.visit', category: '活动', points: 3 },
        { kind: 'award.received', category: '奖惩', points: 10 },
      ],
      deductions: [{ kind: 'penalty.received', points: 8 }],
      minimums: [{ kind: 'opinion.adopted', qualifier: 'NATIONAL', count: 2, label: '全国采用2条' }],
      grades: [{ name: '合格', min: 0 }],
    });
    const result = assess(
      [ev('opinion.adopted', null, 'CITY'), ev('opinion.adopted', null, 'NATIONAL'), ev('plugin.inter-city-exchange.visit'), ev('award.received', null, 'CITY'), ev('penalty.received')],
      rules,
    );
    expect(result.lines.map((l) => [l.rule, l.points])).toEqual([
      ['opinion.adopted: 5', 5],
      ['opinion.adopted [NATIONAL]: 20', 20],
      ['plugin.inter-city-exchange.visit: 3', 3],
      ['award.received: 10', 10],
      ['penalty.received: −8', -8],
    ]);
    expect(result.total).toBe(30);
    expect(result.unmet).toEqual([{ label: '全国采用2条', kind: 'opinion.adopted', required: 2, done: 1 }]);
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
    // A plugin's own namespace is open; an undotted or oddly spelt kind is not.
    expect(RuleSetSchema.safeParse({ ...PRESETS.minhang, items: [{ kind: 'plugin.eco-compensation.inspection', category: 'c', points: 1 }] }).success).toBe(true);
    expect(RuleSetSchema.safeParse({ ...PRESETS.minhang, items: [{ kind: 'Visit', category: 'c', points: 1 }] }).success).toBe(false);
    const twice = RuleSetSchema.safeParse({ ...PRESETS.minhang, items: [{ kind: 'award.received', category: 'c', points: 1 }, { kind: 'award.received', category: 'd', points: 2 }] });
    expect(twice.error!.issues[0]).toMatchObject({ path: ['items', 1, 'kind'], message: 'award.received is scored twice' });
    expect(RuleSetSchema.safeParse({ ...PRESETS.minhang, deductions: [{ kind: 'meeting.absent', points: -5 }] }).success).toBe(false);
  });
});
