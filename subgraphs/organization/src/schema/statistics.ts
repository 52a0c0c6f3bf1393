import {
  districtFields,
  assertKnownDistrict,
  canSeeDistrict,
  hasRole,
  type RequestContext,
  today,
  statisticsPeriodArgs,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { DistrictType } from './district.js';
import type { Body } from '../entities/body-meeting.entity.js';
import { assertOrder } from '../dates.js';
import {
  withDistrictsBelow,
  bodyMeetingsHeld,
  committeeChangeCounts,
  committeeCoverage,
  outreachCounts,
  partyCoverage,
  relayedDecisionCount,
  collectiveVisitCount,
  studyCadence,
  type OutreachCounts,
  type CommitteeChangeCounts,
  type CommitteeCoverage,
  type MonthCount,
  type PartyCoverage,
  type Period,
  type StudyCadence,
} from '../statistics.js';
import { PartyBranchType } from './party-branch.js';
import { CommitteeBodyType } from './body-meeting.js';
import { MemberRef } from './member.js';

const CommitteeCoverageType = builder.objectRef<CommitteeCoverage>('CommitteeCoverage').implement({
  description:
    '全员入委: active members of the district sitting on at least one special committee on a day.',
  fields: (t) => ({
    on: t.expose('on', { description: '日期 The day counted.', type: 'Date' }),
    activeMembers: t.exposeInt('activeMembers', {
      description: '在任委员 Active members on that day.',
    }),
    assigned: t.exposeInt('assigned', {
      description: '已入委 Of them, those with a current seat on a special committee.',
    }),
    share: t.exposeFloat('share', {
      nullable: true,
      description: 'assigned / activeMembers; null without active members.',
    }),
    unassigned: t.field({
      type: [MemberRef],
      description: 'Members not yet on any committee.',
      resolve: (c) => c.unassignedIds.map((id) => ({ id: String(id) })),
    }),
  }),
});

const CommitteeChangeCountsType = builder
  .objectRef<CommitteeChangeCounts>('CommitteeChangeCounts')
  .implement({
    description: 'Distinct committees created, adjusted, merged or dissolved in the period.',
    fields: (t) => ({
      created: t.exposeInt('created', {
        description: '新设 Committees established in the period.',
      }),
      functionsAdjusted: t.exposeInt('functionsAdjusted', {
        description: '职能调整 Committees whose functions were adjusted in the period.',
      }),
      merged: t.exposeInt('merged', {
        description: '合并 Committees merged into another in the period.',
      }),
      dissolved: t.exposeInt('dissolved', {
        description: '撤销 Committees dissolved in the period.',
      }),
    }),
  });

const BodyMeetingCountType = builder
  .objectRef<{ body: Body; count: number }>('BodyMeetingCount')
  .implement({
    description: '按会议统计 How many meetings of one body were held.',
    fields: (t) => ({
      body: t.field({
        description: '全体会议, 常委会议, 主席会议, 秘书长会议.',
        type: CommitteeBodyType,
        resolve: (c) => c.body,
      }),
      count: t.exposeInt('count', {
        description: '次数 How many meetings of the body were held in the period.',
      }),
    }),
  });

const MonthCountType = builder.objectRef<MonthCount>('StudyMonth').implement({
  description: '按月统计 How many monthly and special study sessions were held in a month.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    monthly: t.exposeInt('monthly', { description: '月度学习 Monthly sessions held that month.' }),
    special: t.exposeInt('special', { description: '专题学习 Special sessions held that month.' }),
  }),
});

const StudyCadenceType = builder.objectRef<StudyCadence>('StudyCadence').implement({
  description:
    '每月召开1次: theory study sessions held per month; months of the period (up to today) without a monthly session.',
  fields: (t) => ({
    held: t.exposeInt('held', { description: '已召开 Sessions held in the period.' }),
    months: t.field({
      description: '按月 Sessions held month by month.',
      type: [MonthCountType],
      resolve: (c) => c.months,
    }),
    missedMonths: t.exposeStringList('missedMonths', {
      description:
        '缺月 Months (YYYY-MM) of the period, up to today, in which a district counted held no monthly session.',
    }),
  }),
});

const PartyCoverageType = builder.objectRef<PartyCoverage>('PartyCoverage').implement({
  description:
    '两个全覆盖: Party-member members placed in a branch (on the last day), and members reached by branch work (placed, or present at a branch activity in the period).',
  fields: (t) => ({
    partyMembers: t.exposeInt('partyMembers', {
      description: "党员委员 Members who are Party members (on the period's last day).",
    }),
    placed: t.exposeInt('placed', { description: '已编入 Of them, those placed in a branch.' }),
    partyMemberCoverage: t.exposeFloat('partyMemberCoverage', {
      description: '党员覆盖率 placed / partyMembers, between 0 and 1; null without Party members.',
      nullable: true,
    }),
    members: t.exposeInt('members', {
      description: "委员 All members (on the period's last day).",
    }),
    reached: t.exposeInt('reached', {
      description:
        '已覆盖 Members placed in a branch, or present at a branch activity in the period.',
    }),
    workCoverage: t.exposeFloat('workCoverage', {
      description: '工作覆盖率 reached / members, between 0 and 1; null without members.',
      nullable: true,
    }),
    branches: t.field({
      description: '支部 The branches counted.',
      type: [PartyBranchType],
      resolve: (c) => c.branches,
    }),
    branchesWithoutPartyMembers: t.field({
      description: '无党员支部 Branches that have no Party member placed.',
      type: [PartyBranchType],
      resolve: (c) => c.branchesWithoutPartyMembers,
    }),
    unplaced: t.field({
      type: [MemberRef],
      description:
        'Party-member members not yet in a branch: all of them for staff of every district counted, otherwise the caller alone if unplaced (placements are not public).',
      resolve: (c) => c.unplacedIds.map((id) => ({ id: String(id) })),
    }),
  }),
});

const GradeCountType = builder.objectRef<{ grade: string; count: number }>('GradeCount').implement({
  description: '按等次统计 How many were given one grade.',
  fields: (t) => ({
    grade: t.exposeString('grade', { description: '等次 The grade.' }),
    count: t.exposeInt('count', { description: '数量 How many were given it.' }),
  }),
});

const OutreachCountsType = builder.objectRef<OutreachCounts>('OutreachCounts').implement({
  description:
    'Policy documents issued, implementation reviews reported (and districts they visited), letters issued, staff seconded and promoted, press reports published in the period.',
  fields: (t) => ({
    policyDocuments: t.exposeInt('policyDocuments', {
      description: '政策文件 Policy documents recorded in the period.',
    }),
    reviews: t.exposeInt('reviews', {
      description: '督查 Implementation reviews held in the period.',
    }),
    districtsVisited: t.exposeInt('districtsVisited', {
      description: '走访地区 Districts those reviews visited (each counted once).',
    }),
    openLetters: t.exposeInt('openLetters', {
      description: '公开信 Open letters issued in the period.',
    }),
    notices: t.exposeInt('notices', { description: '通知 Notices issued in the period.' }),
    initiativeLetters: t.exposeInt('initiativeLetters', {
      description: '倡议书 Initiative letters issued in the period.',
    }),
    secondments: t.exposeInt('secondments', {
      description: '挂职 Staff secondments begun in the period.',
    }),
    promotions: t.field({
      type: [GradeCountType],
      description: 'Promotions and rank promotions by grade.',
      resolve: (c) => c.promotions,
    }),
    pressReports: t.exposeInt('pressReports', {
      description: 'Press reports on the work published in the period.',
    }),
    frontPageReports: t.exposeInt('frontPageReports', {
      description: 'Of them, on the front page (头版).',
    }),
  }),
});

export const STATISTICS_SCOPES = ['DISTRICT_ONLY', 'WITH_DISTRICTS_BELOW'] as const;
export type StatisticsScope = (typeof STATISTICS_SCOPES)[number];

export const StatisticsScopeType = builder.enumType('StatisticsScope', {
  description: '统计范围 Which districts a statistics query counts.',
  values: {
    DISTRICT_ONLY: { description: "The named district's own records only (the default)." },
    WITH_DISTRICTS_BELOW: {
      description:
        'The named district and every district below it, recursively: counts are summed, shares recomputed from the sums.',
    },
  },
});

/** Aggregates are read without the district filter: the figures are published, the rows need not be. */
export interface StatisticsSource extends Period {
  ctx: RequestContext;
  district: string;
  scope: StatisticsScope;
}

/**
 * The counts are published; who is not yet placed is not: placements are the member's and their
 * district staff's (like attendance names), so others find at most themselves in the list.
 */
function visibleUnplaced(s: StatisticsSource, c: PartyCoverage): PartyCoverage {
  const { caller } = s.ctx;
  if (hasRole(caller, 'staff') && s.districts.every((d) => canSeeDistrict(caller, d))) return c;
  return { ...c, unplacedIds: c.unplacedIds.filter((id) => caller.memberId === String(id)) };
}

export const OrganizationStatisticsType =
  builder.objectRef<StatisticsSource>('OrganizationStatistics');

OrganizationStatisticsType.implement({
  description:
    "The figures of the work report's section 1 for one district and period, computed from rows. Every figure is public, as the report publishes it; only the names in `partyCoverage.unplaced` are narrowed (to the member themself) for anyone but the staff of every district counted.",
  fields: (t) => ({
    ...districtFields(t, DistrictType, (code, ctx) =>
      ctx.loaders.one(DistrictSchema, 'code').load(code),
    ),
    scope: t.field({
      description: '统计范围 Which districts a statistics query counts.',
      type: StatisticsScopeType,
      resolve: (s) => s.scope,
    }),
    districts: t.exposeIDList('districts', {
      description:
        'The districts counted: the named one, and with WITH_DISTRICTS_BELOW those below it.',
    }),
    byDistrict: t.field({
      type: [OrganizationStatisticsType],
      description:
        'The same figures for each district counted, DISTRICT_ONLY: the additive counts above are their sums.',
      resolve: (s) =>
        s.districts.map((d) => ({
          ctx: s.ctx,
          district: d,
          scope: 'DISTRICT_ONLY' as const,
          districts: [d],
          from: s.from,
          to: s.to,
        })),
    }),
    from: t.expose('from', {
      description: '起始日 The first day of the period (inclusive).',
      type: 'Date',
    }),
    to: t.expose('to', {
      description: '截止日 The last day of the period (inclusive).',
      type: 'Date',
    }),
    committeeCoverage: t.field({
      type: CommitteeCoverageType,
      description: 'As of the last day of the period.',
      resolve: (s) => committeeCoverage(s.ctx.em, s.districts, s.to),
    }),
    committeesChanged: t.field({
      description:
        '专委会变动 Committees established, adjusted, merged and dissolved in the period.',
      type: CommitteeChangeCountsType,
      resolve: (s) => committeeChangeCounts(s.ctx.em, s),
    }),
    bodyMeetingsHeld: t.field({
      description: '会议召开 Meetings held in the period, by body.',
      type: [BodyMeetingCountType],
      resolve: (s) => bodyMeetingsHeld(s.ctx.em, s),
    }),
    studySessions: t.field({
      description: "理论学习 The Party Group's study sessions in the period, month by month.",
      type: StudyCadenceType,
      resolve: (s) => studyCadence(s.ctx.em, s, today()),
    }),
    partyCoverage: t.field({
      description:
        '两个全覆盖 Party-member members placed in a branch and members reached by branch work.',
      type: PartyCoverageType,
      resolve: async (s) => visibleUnplaced(s, await partyCoverage(s.ctx.em, s)),
    }),
    outreach: t.field({
      description: '对外工作 Documents, reviews, letters and staff changes in the period.',
      type: OutreachCountsType,
      resolve: (s) => outreachCounts(s.ctx.em, s),
    }),
    relayedDecisions: t.int({
      description:
        "传达学习 Decisions relayed at meetings held in the period: the typed agenda items (`relayedDecisions`), not the agendas' words.",
      resolve: (s) => relayedDecisionCount(s.ctx.em, s),
    }),
    collectiveVisits: t.int({
      description:
        '班子成员集体走访 Visits in the period (by their first day) the leadership made together: the chair and most of the posts held that day (`leadership`) in the delegation, whichever module records the visit (its members reported as a duty whose kind ends in `visit`).',
      resolve: (s) => collectiveVisitCount(s.ctx.em, s),
    }),
  }),
});

builder.queryField('organizationStatistics', (t) =>
  t.field({
    type: OrganizationStatisticsType,
    description:
      'Section 1 figures for a district and period (e.g. a calendar year): of the district alone, or (`scope: WITH_DISTRICTS_BELOW`) of the district and every district below it, with `byDistrict` breaking them down. Public: answered for anyone (docs/architecture.md, "Statistics and periods").',
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      scope: t.arg({
        type: StatisticsScopeType,
        required: false,
        defaultValue: 'DISTRICT_ONLY',
        description:
          "DISTRICT_ONLY (default): the named district's records. WITH_DISTRICTS_BELOW: the named district and all districts below it; counts are sums of `byDistrict`, shares are recomputed from those sums, lists are concatenated, `districtsVisited` counts distinct districts and `missedMonths` lists months any of them missed.",
      }),
      ...statisticsPeriodArgs(t),
    },
    resolve: async (_root, { district, scope, from, to }, ctx) => {
      await assertKnownDistrict(ctx, String(district));
      assertOrder(from, to, 'to', 'from');
      const code = String(district);
      const counted =
        scope === 'WITH_DISTRICTS_BELOW' ? await withDistrictsBelow(ctx.em, code) : [code];
      return { ctx, district: code, scope: scope ?? 'DISTRICT_ONLY', districts: counted, from, to };
    },
  }),
);
