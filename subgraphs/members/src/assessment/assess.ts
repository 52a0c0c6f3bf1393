import type { RuleSet } from './rules.js';

export interface ScoredEvent {
  id: number;
  kind: string;
  /** LEAD or CO for events with authors; null otherwise. */
  role?: string | null;
  /** The meeting's body, the adopting level…: rules may score a qualifier apart. */
  qualifier?: string | null;
  /** How many members share the work (joint authors); null when the source does not say. */
  authors?: number | null;
  summary: string;
}

type Keyed = { kind: string; qualifier?: string };

/** The rule for this event: one naming its qualifier first, else one for the whole kind. */
function ruleFor<T extends Keyed>(rules: T[], event: ScoredEvent): T | undefined {
  return (
    (event.qualifier
      ? rules.find((r) => r.kind === event.kind && r.qualifier === event.qualifier)
      : undefined) ?? rules.find((r) => r.kind === event.kind && r.qualifier === undefined)
  );
}

const named = (r: Keyed) => `${r.kind}${r.qualifier ? ` [${r.qualifier}]` : ''}`;

/** Does the event count towards a minimum of a kind (a minimum with a qualifier counts only that qualifier)? */
const counts = (m: Keyed, e: ScoredEvent) =>
  m.kind === e.kind && (m.qualifier === undefined || m.qualifier === e.qualifier);

type Item = RuleSet['items'][number];

/** The points an item gives one event, and the words that say why. */
function scored(item: Item, event: ScoredEvent): { points: number; rule: string } {
  const joint = (event.authors ?? 1) > 1;
  if (
    item.jointLeadShare !== undefined &&
    joint &&
    (event.role === 'LEAD' || event.role === 'CO')
  ) {
    const authors = event.authors!;
    const points = round(
      event.role === 'LEAD'
        ? item.points * item.jointLeadShare
        : (item.points * (1 - item.jointLeadShare)) / (authors - 1),
    );
    const share =
      event.role === 'LEAD'
        ? `lead's share ${item.jointLeadShare} of ${item.points}`
        : `co-authors share ${round(1 - item.jointLeadShare)} of ${item.points} among ${authors - 1}`;
    return { points, rule: `${named(item)} (joint, ${share}): ${points}` };
  }
  if (event.role === 'CO' && item.coAuthorPoints !== undefined)
    return {
      points: item.coAuthorPoints,
      rule: `${named(item)} (co-author): ${item.coAuthorPoints}`,
    };
  return { points: item.points, rule: `${named(item)}: ${item.points}` };
}

export interface AssessmentLine {
  eventId: number;
  kind: string;
  category: string;
  points: number;
  /** The rule that gave (or took) the points, in words. */
  rule: string;
}

export interface Assessment {
  lines: AssessmentLine[];
  subtotals: { category: string; raw: number; points: number; cap: number | null }[];
  deducted: number;
  total: number;
  grade: string;
  unmet: {
    label: string;
    kind: string | null;
    category: string | null;
    required: number;
    done: number;
  }[];
}

/**
 * Scores one member's year. Every point is a line naming its event and its rule; caps apply
 * to a category's sum, deductions come off the total.
 */
export function assess(events: ScoredEvent[], rules: RuleSet): Assessment {
  const lines: AssessmentLine[] = [];
  for (const event of events) {
    const item = ruleFor(rules.items, event);
    if (item)
      lines.push({
        eventId: event.id,
        kind: event.kind,
        category: item.category,
        ...scored(item, event),
      });
    const deduction = ruleFor(rules.deductions, event);
    if (deduction) {
      lines.push({
        eventId: event.id,
        kind: event.kind,
        category: 'deduction',
        points: -deduction.points,
        rule: `${named(deduction)}: −${deduction.points}`,
      });
    }
  }
  const categories = [...new Set(rules.items.map((i) => i.category))];
  const subtotals = categories.map((category) => {
    const raw = round(
      lines.filter((l) => l.category === category).reduce((sum, l) => sum + l.points, 0),
    );
    const cap = rules.caps[category] ?? null;
    return { category, raw, points: cap === null ? raw : Math.min(raw, cap), cap };
  });
  const deducted = round(
    -lines.filter((l) => l.category === 'deduction').reduce((sum, l) => sum + l.points, 0),
  );
  const total = round(subtotals.reduce((sum, s) => sum + s.points, 0) - deducted);
  const bands = [...rules.grades].sort((a, b) => b.min - a.min);
  // The lowest band also takes totals below its minimum (deductions can make a total negative).
  const grade = (bands.find((g) => total >= g.min) ?? bands[bands.length - 1]).name;
  const unmet = rules.minimums
    .map((m) => ({
      label: m.label,
      kind: m.kind ?? null,
      category: m.category ?? null,
      required: m.count,
      // A category's minimum counts the events its items scored, before any cap.
      done:
        m.kind !== undefined
          ? events.filter((e) => counts({ kind: m.kind!, qualifier: m.qualifier }, e)).length
          : lines.filter((l) => l.category === m.category).length,
    }))
    .filter((m) => m.done < m.required);
  return { lines, subtotals, deducted, total, grade, unmet };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Ranks totals within a district: equal totals share a rank (1, 2, 2, 4). */
export function rank<T extends { total: number }>(items: T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.total - a.total);
  return sorted.map((item) => ({
    ...item,
    rank: sorted.findIndex((x) => x.total === item.total) + 1,
  }));
}
