import { describe, expect, it } from 'vitest';
import { assess, rank, type ScoredEvent } from './assess.js';
import { PRESETS, RuleSetSchema, type RuleSet } from './rules.js';

let next = 1;
const ev = (
  kind: string,
  role: string | null = null,
  qualifier: string | null = null,
  authors: number | null = null,
): ScoredEvent => ({ id: next++, kind, role, qualifier, authors, summary: kind });
const points = (events: ScoredEvent[], rules: RuleSet) =>
  assess(events, rules).lines.map((l) => l.points);

describe('yearly assessment', () => {
  it('scores lead and co-authors differently and explains every point (闵行)', () => {
    const result = assess(
      [
        ev('proposal.submitted', 'LEAD'),
        ev('proposal.filed', 'LEAD'),
        ev('proposal.filed', 'CO'),
        ev('consultation.attended'),
        ev('meeting.attended', null, 'PLENARY'),
      ],
      PRESETS.minhang,
    );
    expect(result.lines.map((l) => l.points)).toEqual([15, 3, 5, 5]);
    expect(result.lines[1].rule).toBe('proposal.filed (co-author): 3');
    expect(result.total).toBe(28);
    expect(result.unmet).toEqual([
      { label: '每年参加活动不少于3次', kind: null, category: '活动', required: 3, done: 1 },
      {
        label: '每年至少报送1条社情民意',
        kind: 'opinion.submitted',
        category: null,
        required: 1,
        done: 0,
      },
    ]);
  });

  it('caps a category, deducts absences and grades on the 100-point scale (桐城)', () => {
    const events = [
      ev('meeting.attended', null, 'PLENARY'),
      ev('meeting.attended', null, 'PLENARY'),
      ev('meeting.absent', null, 'STANDING_COMMITTEE'),
      // Absent from a plenary scores nothing; only standing-committee absences are deducted.
      ev('meeting.absent', null, 'PLENARY'),
      ...Array.from({ length: 4 }, () => ev('proposal.filed', 'LEAD')),
      ...Array.from({ length: 3 }, () => ev('consultation.attended')),
      ev('opinion.submitted'),
      ev('opinion.adopted'),
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
      minimums: [
        { kind: 'opinion.adopted', qualifier: 'NATIONAL', count: 2, label: '全国采用2条' },
      ],
      grades: [{ name: '合格', min: 0 }],
    });
    const result = assess(
      [
        ev('opinion.adopted', null, 'CITY'),
        ev('opinion.adopted', null, 'NATIONAL'),
        ev('plugin.inter-city-exchange.visit'),
        ev('award.received', null, 'CITY'),
        ev('penalty.received'),
      ],
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
    expect(result.unmet).toEqual([
      { label: '全国采用2条', kind: 'opinion.adopted', category: null, required: 2, done: 1 },
    ]);
  });

  it("carries 闵行's numbers from the rule book", () => {
    const m = PRESETS.minhang;
    // Plenary 5 per half-day; every other activity (a standing-committee meeting among them) 5.
    expect(
      points(
        [
          ev('meeting.attended', null, 'PLENARY'),
          ev('meeting.attended', null, 'STANDING_COMMITTEE'),
          ev('consultation.attended'),
          ev('research.joined', 'CO'),
        ],
        m,
      ),
    ).toEqual([5, 5, 5, 5]);
    // Out-of-town training 10, 5 if partial.
    expect(points([ev('training.attended'), ev('training.attended', null, 'PARTIAL')], m)).toEqual([
      10, 5,
    ]);
    // Filed 15 / 3, key +15 / +3, excellent +10 / +2, for the main author / each co-author.
    const proposal = (role: string) => [
      ev('proposal.filed', role, null, 3),
      ev('proposal.key', role, null, 3),
      ev('proposal.excellent', role, null, 3),
    ];
    expect(points(proposal('LEAD'), m)).toEqual([15, 15, 10]);
    expect(points(proposal('CO'), m)).toEqual([3, 3, 2]);
    // Minimums: the plenary, 3 activities of any kind, 1 proposal, 1 opinion item.
    const year = [
      ev('meeting.attended', null, 'PLENARY'),
      ev('study.attended'),
      ev('branch.attended'),
      ev('studio.duty'),
      ev('proposal.submitted', 'LEAD'),
      ev('opinion.submitted', 'LEAD', null, 1),
    ];
    expect(assess(year, m).unmet).toEqual([]);
    expect(assess(year.slice(1), m).unmet.map((u) => u.label)).toEqual(['出席全体会议']);
    expect(
      assess(
        year.filter((e) => e.kind !== 'studio.duty'),
        m,
      ).unmet,
    ).toEqual([
      { label: '每年参加活动不少于3次', kind: null, category: '活动', required: 3, done: 2 },
    ]);
  });

  it("carries 桐城's numbers from the rule book and 安庆's grade bands", () => {
    const t = PRESETS.tongcheng;
    const subtotal = (events: ScoredEvent[], category: string) =>
      assess(events, t).subtotals.find((s) => s.category === category)!.points;
    const plenary = (kind: string) => [ev(kind, null, 'PLENARY'), ev(kind, null, 'PLENARY')];
    // Meetings 50, on approved leave 30, absent 0; each standing-committee absence −5.
    expect(subtotal(plenary('meeting.attended'), '会议')).toBe(50);
    expect(subtotal(plenary('meeting.on_leave'), '会议')).toBe(30);
    expect(subtotal(plenary('meeting.absent'), '会议')).toBe(0);
    expect(
      assess(
        [
          ev('meeting.absent', null, 'STANDING_COMMITTEE'),
          ev('meeting.absent', null, 'STANDING_COMMITTEE'),
        ],
        t,
      ).deducted,
    ).toBe(10);
    // A proposal 10, +15 when filed, 25 at most.
    expect(
      subtotal([ev('proposal.submitted', 'LEAD'), ev('proposal.filed', 'LEAD', null, 1)], '提案'),
    ).toBe(25);
    expect(subtotal([ev('proposal.submitted', 'LEAD')], '提案')).toBe(10);
    // Joint: the first author half, the others share the rest.
    const joint = assess(
      [ev('proposal.filed', 'LEAD', null, 3), ev('proposal.filed', 'CO', null, 3)],
      t,
    ).lines;
    expect(joint.map((l) => [l.points, l.rule])).toEqual([
      [7.5, "proposal.filed (joint, lead's share 0.5 of 15): 7.5"],
      [3.75, 'proposal.filed (joint, co-authors share 0.5 of 15 among 2): 3.75'],
    ]);
    // Activities 2 each, a written speech 5, 10 at most; opinion items 10, +5 adopted, 15 at most.
    expect(points([ev('consultation.attended'), ev('speech.written')], t)).toEqual([2, 5]);
    expect(
      subtotal(
        Array.from({ length: 6 }, () => ev('research.joined', 'CO')),
        '活动',
      ),
    ).toBe(10);
    expect(
      points([ev('opinion.submitted', 'LEAD', null, 1), ev('opinion.adopted', 'LEAD', null, 1)], t),
    ).toEqual([10, 5]);
    expect(subtotal([ev('opinion.submitted'), ev('opinion.submitted')], '社情民意')).toBe(15);
    expect(t.grades).toEqual([
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '称职', min: 60 },
      { name: '不称职', min: 0 },
    ]);
    expect(RuleSetSchema.safeParse(PRESETS.minhang).success).toBe(true);
  });

  it('ignores kinds the rules do not score and ranks ties together', () => {
    expect(assess([ev('donation.made')], PRESETS.minhang).lines).toEqual([]);
    expect(assess([ev('some.future.kind')], PRESETS.minhang).total).toBe(0);
    expect(
      rank([{ total: 10 }, { total: 30 }, { total: 10 }, { total: 20 }]).map((r) => [
        r.total,
        r.rank,
      ]),
    ).toEqual([
      [30, 1],
      [20, 2],
      [10, 3],
      [10, 3],
    ]);
  });

  it('refuses rules with an unknown event kind, negative points, no grades or a non-positive cap', () => {
    const bad = RuleSetSchema.safeParse({
      ...PRESETS.minhang,
      minimums: [],
      items: [{ kind: 'proposal.filed', category: 'c', points: -1 }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['items', 0, 'points']);
    expect(RuleSetSchema.safeParse({ ...PRESETS.minhang, grades: [] }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...PRESETS.tongcheng, caps: { 会议: 0 } }).success).toBe(
      false,
    );
    expect(RuleSetSchema.safeParse(PRESETS.tongcheng).success).toBe(true);
    const unknown = RuleSetSchema.safeParse({
      ...PRESETS.minhang,
      minimums: [],
      items: [{ kind: 'proposal.filled', category: 'c', points: 1 }],
    });
    expect(unknown.error!.issues[0].message).toBe('unknown duty event kind "proposal.filled"');
    // A plugin's own namespace is open; an undotted or oddly spelt kind is not.
    expect(
      RuleSetSchema.safeParse({
        ...PRESETS.minhang,
        minimums: [],
        items: [{ kind: 'plugin.eco-compensation.inspection', category: 'c', points: 1 }],
      }).success,
    ).toBe(true);
    expect(
      RuleSetSchema.safeParse({
        ...PRESETS.minhang,
        minimums: [],
        items: [{ kind: 'Visit', category: 'c', points: 1 }],
      }).success,
    ).toBe(false);
    const twice = RuleSetSchema.safeParse({
      ...PRESETS.minhang,
      minimums: [],
      items: [
        { kind: 'award.received', category: 'c', points: 1 },
        { kind: 'award.received', category: 'd', points: 2 },
      ],
    });
    expect(twice.error!.issues[0]).toMatchObject({
      path: ['items', 1, 'kind'],
      message: 'award.received is scored twice',
    });
    expect(
      RuleSetSchema.safeParse({
        ...PRESETS.minhang,
        deductions: [{ kind: 'meeting.absent', points: -5 }],
      }).success,
    ).toBe(false);
    const both = RuleSetSchema.safeParse({
      ...PRESETS.minhang,
      minimums: [],
      items: [
        {
          kind: 'proposal.filed',
          category: 'c',
          points: 10,
          coAuthorPoints: 2,
          jointLeadShare: 0.5,
        },
      ],
    });
    expect(both.error!.issues[0]).toMatchObject({
      path: ['items', 0, 'jointLeadShare'],
      message: 'give coAuthorPoints or jointLeadShare, not both',
    });
    expect(
      RuleSetSchema.safeParse({
        ...PRESETS.tongcheng,
        items: [{ kind: 'proposal.filed', category: 'c', points: 10, jointLeadShare: 1 }],
      }).success,
    ).toBe(false);
    const minimum = (m: object) =>
      RuleSetSchema.safeParse({ ...PRESETS.minhang, minimums: [m] }).error?.issues[0];
    expect(
      minimum({ kind: 'proposal.filed', category: '提案', count: 1, label: 'x' }),
    ).toMatchObject({
      path: ['minimums', 0, 'kind'],
      message: 'give exactly one of kind and category',
    });
    expect(minimum({ count: 1, label: 'x' })).toMatchObject({ path: ['minimums', 0, 'kind'] });
    expect(minimum({ category: '活动', qualifier: 'PLENARY', count: 1, label: 'x' })).toMatchObject(
      { path: ['minimums', 0, 'qualifier'] },
    );
    expect(minimum({ category: '调研', count: 1, label: 'x' })).toMatchObject({
      path: ['minimums', 0, 'category'],
      message: 'no item scores in category "调研"',
    });
  });
});
