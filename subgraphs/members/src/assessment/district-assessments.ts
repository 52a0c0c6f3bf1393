import DataLoader from 'dataloader';
import type { RequestContext } from '@cppcc/kit';
import { DutyEventSchema } from '../entities/duty-event.entity.js';
import { MemberChangeSchema } from '../entities/member-change.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { ScoringRuleSetSchema, type ScoringRuleSet } from '../entities/scoring-rule-set.entity.js';
import { assess, rank, type Assessment } from './assess.js';

export interface RankedAssessment extends Assessment {
  memberId: number;
  year: number;
  rules: ScoringRuleSet;
  /** Null for a member not serving (left, suspended) at the year's end: assessed, not ranked. */
  rank: number | null;
}

const loaders = new WeakMap<
  RequestContext,
  DataLoader<string, Map<number, RankedAssessment> | null>
>();

/**
 * Every member's assessment in a district and year, computed together because a rank needs
 * all of them: three queries (rules, members, the year's events) however many are asked for.
 * Callers check access first; rows are read past the district filter.
 */
export function districtAssessments(
  ctx: RequestContext,
  district: string,
  year: number,
): Promise<Map<number, RankedAssessment> | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      (keys) =>
        Promise.all(
          keys.map(async (key) => {
            const [d, y] = key.split(':');
            return compute(ctx, d, Number(y));
          }),
        ),
      { batch: false },
    );
    loaders.set(ctx, loader);
  }
  return loader.load(`${district}:${year}`);
}

async function compute(
  ctx: RequestContext,
  district: string,
  year: number,
): Promise<Map<number, RankedAssessment> | null> {
  const rules = await ctx.em.findOne(
    ScoringRuleSetSchema,
    { district, year },
    { orderBy: { version: 'desc' }, filters: false },
  );
  if (!rules) return null;
  const members = await ctx.em.find(
    MemberSchema,
    { district },
    { filters: false, fields: ['id', 'status'] },
  );
  const events = await ctx.em.find(
    DutyEventSchema,
    {
      memberId: { $in: members.map((m) => m.id) },
      occurredAt: { $gte: new Date(Date.UTC(year, 0, 1)), $lt: new Date(Date.UTC(year + 1, 0, 1)) },
    },
    { filters: false, orderBy: { occurredAt: 'asc', id: 'asc' } },
  );
  const byMember = new Map<number, typeof events>(members.map((m) => [m.id, []]));
  for (const e of events) byMember.get(e.memberId)?.push(e);
  const assessed = [...byMember].map(([memberId, list]) => ({
    memberId,
    year,
    rules,
    ...assess(list, rules.rules),
  }));
  const serving = await servingAt(ctx, members, `${year}-12-31`);
  const ranked = rank(assessed.filter((a) => serving.has(a.memberId)));
  const unranked = assessed
    .filter((a) => !serving.has(a.memberId))
    .map((a) => ({ ...a, rank: null }));
  return new Map([...ranked, ...unranked].map((r) => [r.memberId, r]));
}

/**
 * The members whose status was ACTIVE on a day, read back from the dated status history: the
 * latest change on or before the day decides; with none, the first later change's "from".
 */
async function servingAt(
  ctx: RequestContext,
  members: { id: number; status: string }[],
  day: string,
): Promise<Set<number>> {
  const changes = await ctx.em.find(
    MemberChangeSchema,
    { memberId: { $in: members.map((m) => m.id) }, field: 'status' },
    { filters: false, orderBy: { effectiveOn: 'asc', id: 'asc' } },
  );
  const serving = new Set<number>();
  for (const m of members) {
    const own = changes.filter((c) => c.memberId === m.id);
    const before = own.filter((c) => c.effectiveOn <= day).at(-1);
    const after = own.find((c) => c.effectiveOn > day);
    const status = before ? before.toValue : after ? after.fromValue : m.status;
    if (status === 'ACTIVE') serving.add(m.id);
  }
  return serving;
}
