import {
  canSeeDistrict,
  DistrictRefSchema,
  parseDate,
  parseId,
  refuseHiddenFigures,
  type RequestContext,
  utcDay,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
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
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
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
 * it (a city's figures with its districts'); null when none is named.
 */
async function districtsOf(ctx: RequestContext, f: Filter): Promise<string[] | null> {
  if (!f.district) return null;
  const all = [String(f.district)];
  if (!f.includeBelow) return all;
  for (let i = 0; i < all.length; i++) {
    const below = await ctx.em.find(DistrictRefSchema, { parentCode: all[i] }, { filters: false });
    all.push(...below.map((d) => d.code));
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
 * May the caller see the rows behind the figures that are not public (proposals not yet filed,
 * ratings, replies, opinion items)? Those working for every district counted (a district above
 * them too), a member for their own figures, a unit for its own.
 */
function maySeeRows(ctx: RequestContext, f: Filter, districts: string[] | null): boolean {
  if (f.member !== undefined && f.member !== null && ctx.caller.memberId === String(f.member))
    return true;
  if (f.unit !== undefined && f.unit !== null && ctx.caller.unitId === String(f.unit)) return true;
  return districts
    ? districts.every((d) => canSeeDistrict(ctx.caller, d))
    : ctx.caller.districts.length > 0;
}

/** Refuses the figures asked for that the caller may not see (the kit's one rule for statistics). */
function refuseHidden(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  f: Filter,
  districts: string[] | null,
  publicFigures: readonly string[],
): void {
  if (maySeeRows(ctx, f, districts)) return;
  refuseHiddenFigures(info, {
    publicFigures,
    descriptive: ['districts'],
    reason: districts
      ? `only those working for district ${districts[0]} (or a district above it) may see these figures; ask for the public ones only, or filter by your own member or unit id`
      : 'only those working for a district may see these figures; name your district, ask for the public ones only, or filter by your own member or unit id',
  });
}

function checkPeriod(f: Filter): void {
  if (f.from) parseDate(f.from, 'filter.from');
  if (f.to) parseDate(f.to, 'filter.to');
}

/**
 * What a statistics field resolves from: the filter, the districts it counts, and the figures,
 * computed once on first read (a query asking for the breakdown alone computes no total).
 */
interface Source<T> {
  ctx: RequestContext;
  filter: Filter;
  districts: string[] | null;
  figures: () => Promise<T>;
}

function sourceOf<T>(
  ctx: RequestContext,
  filter: Filter,
  districts: string[] | null,
  compute: (ctx: RequestContext, f: Filter, districts: string[] | null) => Promise<T>,
): Source<T> {
  let once: Promise<T> | undefined;
  return {
    ctx,
    filter,
    districts,
    figures: () => {
      once ??= compute(ctx, filter, districts);
      return once;
    },
  };
}

/** Each district counted, alone: with includeBelow the additive figures of the total are their sums. */
function byDistrict<T>(
  s: Source<T>,
  compute: (ctx: RequestContext, f: Filter, districts: string[] | null) => Promise<T>,
): Source<T>[] {
  return (s.districts ?? []).map((d) =>
    sourceOf(s.ctx, { ...s.filter, district: d, includeBelow: false }, [d], compute),
  );
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
async function proposalStats(
  ctx: RequestContext,
  f: Filter,
  districts: string[] | null,
): Promise<ProposalStats> {
  const where: FilterQuery<Proposal>[] = [{ status: { $ne: 'DRAFT' } }];
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
  description: '按结果分类统计 How many replies got one result grade, and their share.',
  fields: (t) => ({
    grade: t.field({
      description: 'Result grade of a reply; each district words them (replyGradeWordings).',
      type: GradeType,
      resolve: (g) => g.grade,
    }),
    count: t.exposeInt('count', { description: '数量 How many replies got the grade.' }),
    share: t.exposeFloat('share', {
      description:
        '占比 Their share of all graded replies, between 0 and 1; null when none were graded.',
      nullable: true,
    }),
  }),
});

const RatingCountsType = builder.objectRef<RatingCounts>('ProposalRatingCounts').implement({
  description:
    "Ratings counted per proposer (满意度评价): each rater's latest rating of each proposal.",
  fields: (t) => ({
    rated: t.exposeInt('rated', { description: 'Ratings given: one per proposer and proposal.' }),
    satisfied: t.exposeInt('satisfied', { description: '满意 Ratings of SATISFIED.' }),
    basicallySatisfied: t.exposeInt('basicallySatisfied', {
      description: '基本满意 Ratings of BASICALLY_SATISFIED.',
    }),
    unsatisfied: t.exposeInt('unsatisfied', { description: '不满意 Ratings of UNSATISFIED.' }),
    satisfactionRate: t.exposeFloat('satisfactionRate', {
      nullable: true,
      description: '(satisfied + basically satisfied) / rated.',
    }),
  }),
});

/**
 * Figures counted from filed proposals (public once filed), their handling units' replies and
 * their key-proposal and award records, which the public sees too; every other figure counts
 * rows only those working for the district see.
 */
const PUBLIC_PROPOSAL_FIGURES = [
  'filed',
  'assigned',
  'replied',
  'replyRate',
  'keyProposals',
  'keyProposalsFromConsultation',
  'excellent',
] as const;

const PUBLIC = 'Public: counted from filed proposals, which anyone may see.';
const STAFF =
  'Not public: for those working for the district, a member for their own, a unit for its own.';

const ProposalStatsType = builder.objectRef<Source<ProposalStats>>('ProposalStatistics');

/** A figure read from the computed statistics. */
const proposalFigure =
  <K extends keyof ProposalStats>(key: K) =>
  async (s: Source<ProposalStats>) =>
    (await s.figures())[key];

ProposalStatsType.implement({
  description:
    'Proposal figures computed from the rows: submitted in the period, and how they were handled. Each figure says whether it is public; the rest are refused (FORBIDDEN, naming them) to callers who may not see them.',
  fields: (t) => ({
    districts: t.idList({
      description:
        'The districts counted: the named one, and with includeBelow every district below it; empty when no district is named.',
      resolve: (s) => s.districts ?? [],
    }),
    byDistrict: t.field({
      type: [ProposalStatsType],
      description:
        'The same figures for each district counted, alone (in `districts` order): the counts above are their sums, the rates are recomputed from the sums.',
      resolve: (s) => byDistrict(s, proposalStats),
    }),
    submitted: t.int({ description: STAFF, resolve: proposalFigure('submitted') }),
    filed: t.int({ description: `立案. ${PUBLIC}`, resolve: proposalFigure('filed') }),
    notFiled: t.int({ description: STAFF, resolve: proposalFigure('notFiled') }),
    converted: t.int({ description: STAFF, resolve: proposalFigure('converted') }),
    merged: t.int({ description: STAFF, resolve: proposalFigure('merged') }),
    withdrawn: t.int({ description: STAFF, resolve: proposalFigure('withdrawn') }),
    assigned: t.int({
      description: `Filed and assigned to units. ${PUBLIC}`,
      resolve: proposalFigure('assigned'),
    }),
    replied: t.int({ description: PUBLIC, resolve: proposalFigure('replied') }),
    replyRate: t.float({
      nullable: true,
      description: `办复率: replied / assigned. ${PUBLIC}`,
      resolve: proposalFigure('replyRate'),
    }),
    rated: t.int({
      description: `Proposals with a rating: the lead proposer's latest, one per proposal (件). ${STAFF}`,
      resolve: proposalFigure('rated'),
    }),
    satisfied: t.int({ description: STAFF, resolve: proposalFigure('satisfied') }),
    basicallySatisfied: t.int({
      description: STAFF,
      resolve: proposalFigure('basicallySatisfied'),
    }),
    unsatisfied: t.int({ description: STAFF, resolve: proposalFigure('unsatisfied') }),
    satisfactionRate: t.float({
      nullable: true,
      description: `满意率 as published, per proposal: (satisfied + basically satisfied) / rated, by the lead's rating. ${STAFF}`,
      resolve: proposalFigure('satisfactionRate'),
    }),
    byProposer: t.field({
      type: RatingCountsType,
      description: `Every proposer's rating (lead and co-signers), each proposer's latest per proposal. ${STAFF}`,
      resolve: proposalFigure('byProposer'),
    }),
    grades: t.field({
      type: [GradeShareType],
      description: `A/B/C/D shares of accepted replies. ${STAFF}`,
      resolve: proposalFigure('grades'),
    }),
    overdue: t.int({
      description: `Proposals with a unit past its deadline now. ${STAFF}`,
      resolve: proposalFigure('overdue'),
    }),
    keyProposals: t.int({ description: PUBLIC, resolve: proposalFigure('keyProposals') }),
    keyProposalsFromConsultation: t.int({
      description: `一体两用: key proposals that grew from a consultation activity or research project. ${PUBLIC}`,
      resolve: proposalFigure('keyProposalsFromConsultation'),
    }),
    excellent: t.int({ description: PUBLIC, resolve: proposalFigure('excellent') }),
    instructions: t.int({
      description: `Leaders' instructions on these proposals. ${STAFF}`,
      resolve: proposalFigure('instructions'),
    }),
  }),
});

builder.queryField('proposalStatistics', (t) =>
  t.field({
    type: ProposalStatsType,
    description:
      'Figures for a district (with includeBelow, and the districts below it: `byDistrict` breaks them down), period, unit, sector or member. Public figures (each says so) are answered for anyone. The rest are for those working for the district (staff, leaders, operators; a district above it too), a member for their own (filter.member), a unit for its own (filter.unit); anyone else asking for one is refused with FORBIDDEN naming every such figure (`extensions.figures`), never answered with zeros or narrowed figures.',
    args: {
      filter: t.arg({
        description: 'Narrows the list (`ProposalStatisticsFilter`).',
        type: StatisticsFilter,
        required: false,
      }),
    },
    resolve: async (_r, { filter }, ctx, info) => {
      const f = filter ?? {};
      checkPeriod(f);
      const districts = await districtsOf(ctx, f);
      refuseHidden(ctx, info, f, districts, PUBLIC_PROPOSAL_FIGURES);
      return sourceOf(ctx, f, districts, proposalStats);
    },
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
async function opinionStats(
  ctx: RequestContext,
  f: Filter,
  districts: string[] | null,
): Promise<OpinionStats> {
  const where: FilterQuery<OpinionItem>[] = [];
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
  description:
    "按采用层级统计 Opinion items adopted at one level: how many, singly or combined, and how many leaders' instructions they drew.",
  fields: (t) => ({
    level: t.field({
      description: '采用层级 The level of the body that adopted an opinion item.',
      type: LevelType,
      resolve: (l) => l.level,
    }),
    items: t.exposeInt('items', { description: 'Items adopted at this level.' }),
    single: t.exposeInt('single', { description: '单独采用 Items adopted on their own.' }),
    combined: t.exposeInt('combined', {
      description: '综合采用 Items adopted combined with others.',
    }),
    instructions: t.exposeInt('instructions', {
      description: 'Instructions by leaders of this level.',
    }),
  }),
});

const OpinionStatsType = builder.objectRef<Source<OpinionStats>>('OpinionStatistics');

/** A figure read from the computed statistics. */
const opinionFigure =
  <K extends keyof OpinionStats>(key: K) =>
  async (s: Source<OpinionStats>) =>
    (await s.figures())[key];

/** Opinion items, bulletin issues, adoptions and instructions are internal: no figure is public. */
const OPINION_NOT_PUBLIC =
  'Not public: for those working for the district, a member for their own.';

OpinionStatsType.implement({
  description:
    'Public-opinion figures computed from the rows. None is public: the items and bulletins they count are internal.',
  fields: (t) => ({
    districts: t.idList({
      description:
        'The districts counted: the named one, and with includeBelow every district below it; empty when no district is named.',
      resolve: (s) => s.districts ?? [],
    }),
    byDistrict: t.field({
      type: [OpinionStatsType],
      description:
        'The same figures for each district counted, alone (in `districts` order): the counts above are their sums.',
      resolve: (s) => byDistrict(s, opinionStats),
    }),
    submitted: t.int({ description: OPINION_NOT_PUBLIC, resolve: opinionFigure('submitted') }),
    issued: t.int({
      description: `Items carried by bulletin issues published in the period. ${OPINION_NOT_PUBLIC}`,
      resolve: opinionFigure('issued'),
    }),
    issues: t.int({
      description: `Bulletin issues (期) published in the period. ${OPINION_NOT_PUBLIC}`,
      resolve: opinionFigure('issues'),
    }),
    adopted: t.int({
      description: `Items adopted at any level. ${OPINION_NOT_PUBLIC}`,
      resolve: opinionFigure('adopted'),
    }),
    byLevel: t.field({
      type: [LevelCountType],
      description: OPINION_NOT_PUBLIC,
      resolve: opinionFigure('byLevel'),
    }),
    instructions: t.int({
      description: OPINION_NOT_PUBLIC,
      resolve: opinionFigure('instructions'),
    }),
  }),
});

const OpinionStatisticsFilter = builder.inputType('OpinionStatisticsFilter', {
  description:
    '筛选 Narrows `opinionStatistics`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    includeBelow: t.boolean({
      required: false,
      description:
        'With district: also the districts below it that the caller works for (a city with its districts).',
    }),
    from: t.field({
      description: 'Only items submitted on or after this day (inclusive).',
      type: 'Date',
      required: false,
    }),
    to: t.field({
      description: 'Only items submitted on or before this day (inclusive).',
      type: 'Date',
      required: false,
    }),
    sector: t.id({ description: 'Only items by members of this sector.', required: false }),
    member: t.id({ description: 'Only items by this member.', required: false }),
  }),
});

builder.queryField('opinionStatistics', (t) =>
  t.field({
    type: OpinionStatsType,
    description:
      'Items, bulletin issues, adoption by level and instructions for a district (with includeBelow, and the districts below it: `byDistrict` breaks them down), period, sector or member. No figure is public: for those working for the district (a district above it too), or a member for their own (filter.member); anyone else asking for a figure is refused with FORBIDDEN naming every figure asked for (`extensions.figures`), never answered with zeros.',
    args: {
      filter: t.arg({
        description: 'Narrows the list (`OpinionStatisticsFilter`).',
        type: OpinionStatisticsFilter,
        required: false,
      }),
    },
    resolve: async (_r, { filter }, ctx, info) => {
      const f = filter ?? {};
      checkPeriod(f);
      const districts = await districtsOf(ctx, f);
      refuseHidden(ctx, info, f, districts, []);
      return sourceOf(ctx, f, districts, opinionStats);
    },
  }),
);
