import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  describedValues,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import { assignCommitteeSeat, endCommitteeSeat } from '../commands/committee-memberships.js';
import {
  COMMITTEE_ROLES,
  CommitteeMembershipSchema,
  MEMBERSHIP_STATUSES,
  type CommitteeMembership,
} from '../entities/committee-membership.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { MemberRef } from './member.js';
import { SpecialCommitteeType } from './special-committee.js';

export const CommitteeRoleType = builder.enumType('CommitteeRole', {
  description: "专委会职务 A member's role on a special committee.",
  values: describedValues(COMMITTEE_ROLES, {
    CHAIR: '主任 Chair of the special committee.',
    VICE_CHAIR: '副主任 A vice-chair.',
    MEMBER: '委员 A member of it.',
  }),
});
export const MembershipStatusType = builder.enumType('MembershipStatus', {
  description: "入委状态 Whether a member's seat on a special committee is current.",
  values: describedValues(MEMBERSHIP_STATUSES, {
    ACTIVE: '在委 Seated on the committee now.',
    ENDED: '已结束 The seat ended.',
  }),
});

export const CommitteeMembershipType = builder
  .objectRef<CommitteeMembership>('CommitteeMembership')
  .implement({
    description:
      "A member's seat on a special committee, from the day they joined to the day they left. Public.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The CommitteeMembership's id." }),
      role: t.field({
        description: "专委会职务 A member's role on a special committee.",
        type: CommitteeRoleType,
        resolve: (m) => m.role,
      }),
      since: t.field({
        description: '入委日期 The day the seat began (old name of joinedOn).',
        type: 'Date',
        deprecationReason: 'Use joinedOn.',
        resolve: (m) => m.joinedOn,
      }),
      joinedOn: t.expose('joinedOn', {
        description: '入委日期 The day the seat began.',
        type: 'Date',
      }),
      leftOn: t.expose('leftOn', {
        description: '离委日期 The day the seat ended; null while it is current.',
        type: 'Date',
        nullable: true,
      }),
      status: t.field({
        description: "入委状态 Whether a member's seat on a special committee is current.",
        type: MembershipStatusType,
        resolve: (m) => m.status,
      }),
      committee: t.field({
        description: '专委会 The committee.',
        type: SpecialCommitteeType,
        nullable: true,
        resolve: (m, _a, ctx) => ctx.loaders.one(SpecialCommitteeSchema).load(m.committeeId),
      }),
      member: t.field({
        description: '委员 The member holding the seat.',
        type: MemberRef,
        nullable: true,
        resolve: (m) => ({ id: String(m.memberId) }),
      }),
    }),
  });

const INCLUDE_ENDED = {
  required: false,
  defaultValue: false,
  description: 'Also seats that have ended (the history).',
} as const;
const statusWhere = (includeEnded: boolean | null | undefined) =>
  includeEnded ? {} : { status: 'ACTIVE' as const };

builder.objectField(MemberRef, 'committees', (t) =>
  t.field({
    type: [CommitteeMembershipType],
    nullable: true,
    description: 'Special committees the member sits on (organization).',
    args: { includeEnded: t.arg.boolean(INCLUDE_ENDED) },
    resolve: (m, { includeEnded }, ctx) =>
      ctx.loaders
        .many(CommitteeMembershipSchema, 'memberId', statusWhere(includeEnded))
        .load(Number(m.id)),
  }),
);

builder.objectField(SpecialCommitteeType, 'memberships', (t) =>
  t.field({
    description: '委员 The seats on the committee (current ones unless includeEnded).',
    type: [CommitteeMembershipType],
    args: { includeEnded: t.arg.boolean(INCLUDE_ENDED) },
    resolve: (c, { includeEnded }, ctx) =>
      ctx.loaders
        .many(CommitteeMembershipSchema, 'committeeId', statusWhere(includeEnded))
        .load(c.id),
  }),
);

const CommitteeMembershipConnection = connectionType<CommitteeMembership>(
  builder,
  'CommitteeMembership',
  CommitteeMembershipType,
);

const CommitteeMembershipFilter = builder.inputType('CommitteeMembershipFilter', {
  description:
    '筛选 Narrows `committeeMemberships`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only records of this district (its code).', required: false }),
    committee: t.id({ description: 'Only seats on this committee.', required: false }),
    member: t.id({ description: 'Only seats of this member.', required: false }),
    status: t.field({
      description: 'Only records in this state.',
      type: MembershipStatusType,
      required: false,
    }),
  }),
});

builder.queryField('committeeMemberships', (t) =>
  t.field({
    description:
      "入委 Members' seats on special committees, as `filter` narrows them. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: CommitteeMembershipConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`CommitteeMembershipFilter`).',
        type: CommitteeMembershipFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { filter, first, after, last, before },
      ctx,
    ): Promise<Page<CommitteeMembership>> => {
      const where: FilterQuery<CommitteeMembership> = {};
      if (filter?.district) where.district = String(filter.district);
      if (filter?.committee) where.committeeId = parseId(filter.committee, 'filter.committee');
      if (filter?.member) where.memberId = parseId(filter.member, 'filter.member');
      if (filter?.status) where.status = filter.status;
      return findPage(ctx.em, CommitteeMembershipSchema, where, { first, after, last, before });
    },
  }),
);

const AssignCommitteeSeatInput = builder.inputType('AssignCommitteeSeatInput', {
  description: 'What `assignCommitteeSeat` takes.',
  fields: (t) => ({
    committee: t.id({ description: "The committee's id; it must be active.", required: true }),
    member: t.id({ description: "The member's id.", required: true }),
    role: t.field({
      description: "专委会职务 A member's role on a special committee.",
      type: CommitteeRoleType,
      required: true,
    }),
    joinedOn: t.field({ description: 'The day the seat begins.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('assignCommitteeSeat', (t) =>
  t.field({
    type: CommitteeMembershipType,
    description:
      'Staff seat a member of their district on one of its special committees (全员入委).',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `assignCommitteeSeat` takes (`AssignCommitteeSeatInput`).',
        type: AssignCommitteeSeatInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      assignCommitteeSeat(ctx, {
        committee: String(input.committee),
        member: String(input.member),
        role: input.role,
        joinedOn: input.joinedOn,
        note: input.note,
      }),
  }),
);

const EndCommitteeSeatInput = builder.inputType('EndCommitteeSeatInput', {
  description: 'What `endCommitteeSeat` takes.',
  fields: (t) => ({
    id: t.id({ description: "The CommitteeMembership's id.", required: true }),
    leftOn: t.field({ description: "The seat's last day.", type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('endCommitteeSeat', (t) =>
  t.field({
    type: CommitteeMembershipType,
    description: 'Staff record that a member left a committee; the seat is kept as history.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `endCommitteeSeat` takes (`EndCommitteeSeatInput`).',
        type: EndCommitteeSeatInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      endCommitteeSeat(ctx, parseId(input.id, 'input.id'), input.leftOn, input.note ?? null),
  }),
);
