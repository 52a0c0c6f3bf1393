import {
  appError,
  canSeeDistrict,
  DistrictRefSchema,
  ErrorCode,
  parseDate,
  parseId,
  type RequestContext,
  utcDay,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import { isOverdue } from '../commands/handling.js';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import { AwardSchema } from '../entities/evaluation.entity.js';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import { KeyProposalSchema } from '../entities/key-proposal.entity.js';
import {
  ADOPTION_LEVELS,
  AdoptionSchema,
  BulletinIssueSchema,
  OpinionAuthorSchema,
  OpinionItemSchema,
  type OpinionItem,
} from '../entities/opinion-item.entity.js';
import { FILED_STATUSES, ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { InstructionRefSchema, MemberRefSchema } from '../entities/refs.entity.js';
import { ProposalRatingSchema, type ProposalRating } from '../entities/rating.entity.js';
import { GRADES, ReplySchema } from '../entities/reply.entity.js';
import { LevelType } from './opinion-item.js';
import { GradeType } from './handling-task.js';

const StatisticsFilter = builder.inputType('ProposalStatisticsFilter', {
  description: 'Every field narrows; without any, all rows the caller may see.',
  fields: (t) => ({
    district: t.id({ required: false }),
    includeBelow: t.boolean({
      required: false,
      description:
        'With district: also the districts below it that the caller works for (a city with its districts).',
    }),
    from: t.field({
      type: 'Date',
      required: false,
      description: 'First day of the period (YYYY-MM-DD), inclusive.',
    }),
    to: t.field({
      type: 'Date',
      required: false,
      description: 'Last day of the period (YYYY-MM-DD), inclusive.',
    }),
    unit: t.id({ required: false, description: 'Only what this government unit handles.' }),
    sector: t.id({
      required: false,
      description: 'Only what members of this sector (界别) wrote.',
    }),
    member: t.id({
      required: false,
      description: 'Only what this member wrote (lead, co-signed or co-authored).',
    }),
  }),
});

interface Filter {
  district?: string | number | null;
  from?: string | null;
  to?: string | null;
  unit?: string | number | null;
  sector?: string | number | null;
  member?: string | number | null;
  includeBelow?: boolean | null;
}

/**
 * The districts a filter counts: the one named, and with `includeBelow` every district below
 * it the caller works for (a city's figures with its districts'); null when none is named.
 */
async function districtsOf(ctx: RequestContext, f: Filter): Promise<string[] | null> {
  if (!f.district) return null;
  const all = [String(f.district)];
  if (!f.includeBelow) return all;
  for (let i = 0; i < all.length; i++) {
    const below = await ctx.em.find(DistrictRefSchema, { parentCode: all[i] }, { filters: false });
    all.push(...below.map((d) => d.code).filter((c) => canSeeDistrict(ctx.caller, c)));
  }
  return all;
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
const inPeriod = (day: string | null | undefined, f: Filter) =>
  !!day && (!f.from || day >= f.from) && (!f.to || day <= f.to);

async function memberIds(ctx: RequestContext, f: Filter): Promise<number[] | null> {
  if (f.member) return [parseId(f.member, 'filter.member')];
  if (f.sector)
    return (
      await ctx.em.find(MemberRefSchema, { sectorId: parseId(f.sector, 'filter.sector') })
    ).map((m) => m.id);
  return null;
}

/**
 * Figures count rows the public does not see (proposals not yet filed, opinion items), so a
 * caller who may not see a district's rows is refused, naming the query and the district —
 * never answered with figures quietly narrowed to what they may see. A member asking for their
 * own figures, and a unit for its own, see their own rows.
 */
function assertMaySee(ctx: RequestContext, query: string, f: Filter): void {
  if (f.member !== undefined && f.member !== null && ctx.caller.memberId === String(f.member))
    return;
  if (f.unit !== undefined && f.unit !== null && ctx.caller.unitId === String(f.unit)) return;
  const code = f.district ? String(f.district) : null;
  if (code ? canSeeDistrict(ctx.caller, code) : ctx.caller.districts.length > 0) return;
  throw appError(
    ctx.caller.userId === null ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN,
    code
      ? `${query}: only those working for district ${code} (or a district above it) may see its figures`
      : `${query}: only those working for a district may see figures; name your district, or filter by your own member or unit id`,
    { field: code ? 'filter.district' : 'filter' },
  );
}

function checkPeriod(f: Filter): void {
  if (f.from) parseDate(f.from, 'filter.from');
  if (f.to) parseDate(f.to, 'filter.to');
}

interface GradeShare {
  grade: (typeof GRADES)[number];
  count: number;
  share: number | null;
}

export interface ProposalStats {
  submitted: number;
  filed: number;
  notFiled: number;
  converted: number;
  merged: number;
  withdrawn: number;
  assigned: number;
  replied: number;
  replyRate: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  byProposer: RatingCounts;
  grades: GradeShare[];
  overdue: number;
  keyProposals: number;
  keyProposalsFromConsultation: number;
  excellent: number;
  instructions: number;
}

interface RatingCounts {
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
}

/** Each proposer's latest rating of each proposal (a reopened proposal is rated again). */
function latestPerProposer(rows: ProposalRating[]): RatingCounts {
  const latest = new Map<string, ProposalRating>();
  for (const r of rows) {
    const key = `${r.proposalId}:${r.memberId}`;
    const seen = latest.get(key);
    if (!seen || r.round > seen.round) latest.set(key, r);
  }
  const list = [...latest.values()];
  const by = (rating: string) => list.filter((r) => r.rating === rating).length;
  return {
    rated: list.length,
    satisfied: by('SATISFIED'),
    basicallySatisfied: by('BASICALLY_SATISFIED'),
    unsatisfied: by('UNSATISFIED'),
    satisfactionRate: rate(by('SATISFIED') + by('BASICALLY_SATISFIED'), list.length),
  };
}

/** Counted from the rows each time: proposals submitted in the period and what became of them. */
async function proposalStats(ctx: RequestContext, f: Filter): Promise<ProposalStats> {
  assertMaySee(ctx, 'proposalStatistics', f);
  checkPeriod(f);
  const where: FilterQuery<Proposal>[] = [{ status: { $ne: 'DRAFT' } }];
  const districts = await districtsOf(ctx, f);
  if (districts) where.push({ district: { $in: districts } });
  const members = await memberIds(ctx, f);
  if (members) {
    const cosigned = (
      await ctx.em.find(CosignerSchema, { memberId: { $in: members }, status: 'ACCEPTED' })
    ).map((c) => c.proposalId);
    where.push({ $or: [{ authorId: { $in: members } }, { id: { $in: cosigned } }] });
  }
  const unitId = f.unit ? parseId(f.unit, 'filter.unit') : null;
  if (unitId !== null)
    where.push({
      id: { $in: (await ctx.em.find(HandlingTaskSchema, { unitId })).map((t) => t.proposalId) },
    });
  const proposals = (await ctx.em.find(ProposalSchema, { $and: where })).filter(
    (p) => inPeriod(utcDay(p.submittedAt), { from: f.from, to: f.to }) || (!f.from && !f.to),
  );
  const ids = proposals.map((p) => p.id);
  const tasks = ids.length
    ? await ctx.em.find(HandlingTaskSchema, {
        proposalId: { $in: ids },
        ...(unitId !== null ? { unitId } : {}),
      })
    : [];
  const replies = ids.length
    ? await ctx.em.find(
        ReplySchema,
        { proposalId: { $in: ids }, review: 'PASSED', ...(unitId !== null ? { unitId } : {}) },
        { orderBy: { id: 'asc' } },
      )
    : [];
  // The grade that counts is the last accepted reply of each task (a reopened proposal replies again).
  const lastByTask = new Map(replies.map((r) => [r.taskId, r]));
  const count = (statuses: string[]) => proposals.filter((p) => statuses.includes(p.status)).length;
  const filed = proposals.filter((p) => FILED_STATUSES.includes(p.status));
  const assigned = filed.filter((p) => p.status !== 'FILED');
  const replied = assigned.filter(
    (p) =>
      ['REPLIED', 'RATED', 'UNSATISFIED', 'CLOSED'].includes(p.status) ||
      (p.status === 'ASSIGNED' && p.repliedAt),
  );
  const ratedRows = proposals.filter((p) => p.rating);
  const by = (r: string) => ratedRows.filter((p) => p.rating === r).length;
  const graded = [...lastByTask.values()];
  const filedIds = filed.map((p) => p.id);
  const keyRows = filedIds.length
    ? await ctx.em.find(KeyProposalSchema, { proposalId: { $in: filedIds } })
    : [];
  const ratings = ids.length
    ? await ctx.em.find(ProposalRatingSchema, { proposalId: { $in: ids } })
    : [];
  const awards = filedIds.length
    ? await ctx.em.count(AwardSchema, { proposalId: { $in: filedIds } })
    : 0;
  const instructions = filedIds.length
    ? await ctx.em.count(
        InstructionRefSchema,
        { subjectType: 'PROPOSAL', subjectId: { $in: filedIds } },
        { filters: false },
      )
    : 0;
  return {
    submitted: proposals.length,
    filed: filed.length,
    notFiled: count(['NOT_FILED']),
    converted: count(['CONVERTED']),
    merged: count(['MERGED']),
    withdrawn: count(['WITHDRAWN']),
    assigned: assigned.length,
    replied: replied.length,
    replyRate: rate(replied.length, assigned.length),
    rated: ratedRows.length,
    satisfied: by('SATISFIED'),
    basicallySatisfied: by('BASICALLY_SATISFIED'),
    unsatisfied: by('UNSATISFIED'),
    satisfactionRate: rate(by('SATISFIED') + by('BASICALLY_SATISFIED'), ratedRows.length),
    byProposer: latestPerProposer(ratings),
    grades: GRADES.map((grade) => {
      const n = graded.filter((r) => r.grade === grade).length;
      return { grade, count: n, share: rate(n, graded.length) };
    }),
    overdue: new Set(tasks.filter((t) => isOverdue(t)).map((t) => t.proposalId)).size,
    keyProposals: keyRows.length,
    keyProposalsFromConsultation: keyRows.filter(
      (k) => k.consultationId != null || k.researchProjectId != null,
    ).length,
    excellent: awards,
    instructions,
  };
}

const GradeShareType = builder.objectRef<GradeShare>('GradeShare').implement({
  fields: (t) => ({
    grade: t.field({ type: GradeType, resolve: (g) => g.grade }),
    count: t.exposeInt('count'),
    share: t.exposeFloat('share', { nullable: true }),
  }),
});

const RatingCountsType = builder.objectRef<RatingCounts>('ProposalRatingCounts').implement({
  description:
    "Ratings counted per proposer (满意度评价): each rater's latest rating of each proposal.",
  fields: (t) => ({
    rated: t.exposeInt('rated', { description: 'Ratings given: one per proposer and proposal.' }),
    satisfied: t.exposeInt('satisfied'),
    basicallySatisfied: t.exposeInt('basicallySatisfied'),
    unsatisfied: t.exposeInt('unsatisfied'),
    satisfactionRate: t.exposeFloat('satisfactionRate', {
      nullable: true,
      description: '(satisfied + basically satisfied) / rated.',
    }),
  }),
});

const ProposalStatsType = builder.objectRef<ProposalStats>('ProposalStatistics').implement({
  description:
    'Proposal figures computed from the rows: submitted in the period, and how they were handled.',
  fields: (t) => ({
    submitted: t.exposeInt('submitted'),
    filed: t.exposeInt('filed', { description: '立案' }),
    notFiled: t.exposeInt('notFiled'),
    converted: t.exposeInt('converted'),
    merged: t.exposeInt('merged'),
    withdrawn: t.exposeInt('withdrawn'),
    assigned: t.exposeInt('assigned'),
    replied: t.exposeInt('replied'),
    replyRate: t.exposeFloat('replyRate', {
      nullable: true,
      description: '办复率: replied / assigned.',
    }),
    rated: t.exposeInt('rated', {
      description: "Proposals with a rating: the lead proposer's latest, one per proposal (件).",
    }),
    satisfied: t.exposeInt('satisfied'),
    basicallySatisfied: t.exposeInt('basicallySatisfied'),
    unsatisfied: t.exposeInt('unsatisfied'),
    satisfactionRate: t.exposeFloat('satisfactionRate', {
      nullable: true,
      description:
        "满意率 as published, per proposal: (satisfied + basically satisfied) / rated, by the lead's rating.",
    }),
    byProposer: t.field({
      type: RatingCountsType,
      description:
        "Every proposer's rating (lead and co-signers), each proposer's latest per proposal.",
      resolve: (s) => s.byProposer,
    }),
    grades: t.field({
      type: [GradeShareType],
      description: 'A/B/C/D shares of accepted replies.',
      resolve: (s) => s.grades,
    }),
    overdue: t.exposeInt('overdue', {
      description: 'Proposals with a unit past its deadline now.',
    }),
    keyProposals: t.exposeInt('keyProposals'),
    keyProposalsFromConsultation: t.exposeInt('keyProposalsFromConsultation', {
      description:
        '一体两用: key proposals that grew from a consultation activity or research project.',
    }),
    excellent: t.exposeInt('excellent'),
    instructions: t.exposeInt('instructions', {
      description: "Leaders' instructions on these proposals.",
    }),
  }),
});

builder.queryField('proposalStatistics', (t) =>
  t.field({
    type: ProposalStatsType,
    description:
      'Figures for a district, period, unit, sector or member. For those working for the district (staff, leaders, operators; a district above it too); a member for their own (filter.member), a unit for its own (filter.unit). Anyone else is refused (FORBIDDEN, or UNAUTHENTICATED without a token), never answered with narrowed figures.',
    args: { filter: t.arg({ type: StatisticsFilter, required: false }) },
    resolve: (_r, { filter }, ctx) => proposalStats(ctx, filter ?? {}),
  }),
);

interface LevelCount {
  level: (typeof ADOPTION_LEVELS)[number];
  items: number;
  single: number;
  combined: number;
  instructions: number;
}
interface OpinionStats {
  submitted: number;
  issued: number;
  issues: number;
  adopted: number;
  byLevel: LevelCount[];
  instructions: number;
}

/** Items submitted, issues published and items carried, adoptions and instructions, all in the period. */
async function opinionStats(ctx: RequestContext, f: Filter): Promise<OpinionStats> {
  assertMaySee(ctx, 'opinionStatistics', f);
  checkPeriod(f);
  const where: FilterQuery<OpinionItem>[] = [];
  const districts = await districtsOf(ctx, f);
  if (districts) where.push({ district: { $in: districts } });
  const members = await memberIds(ctx, f);
  if (members)
    where.push({
      id: {
        $in: (await ctx.em.find(OpinionAuthorSchema, { memberId: { $in: members } })).map(
          (a) => a.itemId,
        ),
      },
    });
  const items = await ctx.em.find(OpinionItemSchema, { $and: where });
  const ids = items.map((i) => i.id);
  const issueIds = [...new Set(items.map((i) => i.issueId).filter((x): x is number => x !== null))];
  const issues = await ctx.em.find(BulletinIssueSchema, {
    status: 'PUBLISHED',
    ...(districts ? { district: { $in: districts } } : {}),
    ...(members ? { id: { $in: issueIds } } : {}),
  });
  const published = new Map(issues.map((i) => [i.id, i.publishedOn]));
  const adoptions = ids.length
    ? (await ctx.em.find(AdoptionSchema, { itemId: { $in: ids } })).filter(
        (a) => inPeriod(a.adoptedOn, f) || (!f.from && !f.to),
      )
    : [];
  const instructions = ids.length
    ? (
        await ctx.em.find(
          InstructionRefSchema,
          { subjectType: 'OPINION_ITEM', subjectId: { $in: ids } },
          { filters: false },
        )
      ).filter((i) => inPeriod(i.instructedOn, f) || (!f.from && !f.to))
    : [];
  const any = !f.from && !f.to;
  return {
    submitted: items.filter((i) => i.submittedOn && (any || inPeriod(i.submittedOn, f))).length,
    issued: items.filter(
      (i) =>
        i.issueId != null &&
        published.has(i.issueId) &&
        (any || inPeriod(published.get(i.issueId), f)),
    ).length,
    issues: issues.filter((i) => any || inPeriod(i.publishedOn, f)).length,
    adopted: new Set(adoptions.map((a) => a.itemId)).size,
    byLevel: ADOPTION_LEVELS.map((level) => {
      const at = adoptions.filter((a) => a.level === level);
      return {
        level,
        items: at.length,
        single: at.filter((a) => a.mode === 'SINGLE').length,
        combined: at.filter((a) => a.mode === 'COMBINED').length,
        instructions: instructions.filter((i) => i.level === level).length,
      };
    }),
    instructions: instructions.length,
  };
}

const LevelCountType = builder.objectRef<LevelCount>('OpinionLevelCount').implement({
  fields: (t) => ({
    level: t.field({ type: LevelType, resolve: (l) => l.level }),
    items: t.exposeInt('items', { description: 'Items adopted at this level.' }),
    single: t.exposeInt('single'),
    combined: t.exposeInt('combined'),
    instructions: t.exposeInt('instructions', {
      description: 'Instructions by leaders of this level.',
    }),
  }),
});

const OpinionStatsType = builder.objectRef<OpinionStats>('OpinionStatistics').implement({
  description: 'Public-opinion figures computed from the rows.',
  fields: (t) => ({
    submitted: t.exposeInt('submitted'),
    issued: t.exposeInt('issued', {
      description: 'Items carried by bulletin issues published in the period.',
    }),
    issues: t.exposeInt('issues', { description: 'Bulletin issues (期) published in the period.' }),
    adopted: t.exposeInt('adopted', { description: 'Items adopted at any level.' }),
    byLevel: t.field({ type: [LevelCountType], resolve: (s) => s.byLevel }),
    instructions: t.exposeInt('instructions'),
  }),
});

const OpinionStatisticsFilter = builder.inputType('OpinionStatisticsFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    includeBelow: t.boolean({
      required: false,
      description:
        'With district: also the districts below it that the caller works for (a city with its districts).',
    }),
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
    sector: t.id({ required: false }),
    member: t.id({ required: false }),
  }),
});

builder.queryField('opinionStatistics', (t) =>
  t.field({
    type: OpinionStatsType,
    description:
      'Items, bulletin issues, adoption by level and instructions for a district, period, sector or member. For those working for the district (a district above it too), or a member for their own (filter.member); anyone else is refused (FORBIDDEN, or UNAUTHENTICATED without a token).',
    args: { filter: t.arg({ type: OpinionStatisticsFilter, required: false }) },
    resolve: (_r, { filter }, ctx) => opinionStats(ctx, filter ?? {}),
  }),
);
