import { assertKnownDistrict, type RequestContext } from '@cppcc/kit';
import { builder } from '../builder.js';
import { assertOrder, isoDay } from '../dates.js';
import { bodyMeetingsHeld, committeeChangeCounts, committeeCoverage, type CommitteeChangeCounts, type CommitteeCoverage, type Period } from '../statistics.js';
import { CommitteeBodyType } from './body-meeting.js';
import { MemberRef } from './member.js';

const CommitteeCoverageType = builder.objectRef<CommitteeCoverage>('CommitteeCoverage').implement({
  description: '全员入委: active members of the district sitting on at least one special committee on a day.',
  fields: (t) => ({
    on: t.exposeString('on'),
    activeMembers: t.exposeInt('activeMembers'),
    assigned: t.exposeInt('assigned'),
    share: t.exposeFloat('share', { nullable: true, description: 'assigned / activeMembers; null without active members.' }),
    unassigned: t.field({ type: [MemberRef], description: 'Members not yet on any committee.', resolve: (c) => c.unassignedIds.map((id) => ({ id: String(id) })) }),
  }),
});

const CommitteeChangeCountsType = builder.objectRef<CommitteeChangeCounts>('CommitteeChangeCounts').implement({
  description: 'Distinct committees created, adjusted, merged or dissolved in the period.',
  fields: (t) => ({
    created: t.exposeInt('created'),
    functionsAdjusted: t.exposeInt('functionsAdjusted'),
    merged: t.exposeInt('merged'),
    dissolved: t.exposeInt('dissolved'),
  }),
});

const BodyMeetingCountType = builder.objectRef<{ body: string; count: number }>('BodyMeetingCount').implement({
  fields: (t) => ({ body: t.field({ type: CommitteeBodyType, resolve: (c) => c.body as any }), count: t.exposeInt('count') }),
});

/** Aggregates are read without the district filter: the figures are published, the rows need not be. */
export interface StatisticsSource extends Period {
  ctx: RequestContext;
}

export const OrganizationStatisticsType = builder.objectRef<StatisticsSource>('OrganizationStatistics').implement({
  description: 'The figures of the work report\'s section 1 for one district and period, computed from rows.',
  fields: (t) => ({
    district: t.exposeID('district'),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    committeeCoverage: t.field({ type: CommitteeCoverageType, description: 'As of the last day of the period.', resolve: (s) => committeeCoverage(s.ctx.em, s.district, s.to) }),
    committeesChanged: t.field({ type: CommitteeChangeCountsType, resolve: (s) => committeeChangeCounts(s.ctx.em, s) }),
    bodyMeetingsHeld: t.field({ type: [BodyMeetingCountType], resolve: (s) => bodyMeetingsHeld(s.ctx.em, s) }),
  }),
});

builder.queryField('organizationStatistics', (t) =>
  t.field({
    type: OrganizationStatisticsType,
    description: 'Section 1 figures for a district and period (e.g. a calendar year).',
    args: {
      district: t.arg.id({ required: true }),
      from: t.arg.string({ required: true, validate: isoDay }),
      to: t.arg.string({ required: true, validate: isoDay }),
    },
    resolve: async (_root, { district, from, to }, ctx) => {
      await assertKnownDistrict(ctx, String(district));
      assertOrder(from, to, 'to', 'from');
      return { ctx, district: String(district), from, to };
    },
  }),
);
