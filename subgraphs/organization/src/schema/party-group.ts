import { parseId, describedValues, AVAILABLE_ACTIONS_DESCRIPTION } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  appointToPartyGroup,
  changePartyGroupRole,
  endPartyGroupMembership,
  formPartyGroup,
  renamePartyGroup,
} from '../commands/party-group.js';
import {
  PARTY_GROUP_MEMBERSHIP_STATUSES,
  PARTY_GROUP_ROLES,
  PartyGroupMembershipSchema,
  PartyGroupSchema,
  type PartyGroup,
  type PartyGroupMembership,
} from '../entities/party-group.entity.js';
import { StudySessionSchema } from '../entities/study-session.entity.js';
import { TermSchema } from '../entities/term.entity.js';
import { partyGroupMembershipWorkflow } from '../workflow.js';
import { DistrictType } from './district.js';
import { MemberRef } from './member.js';
import { StudySessionType } from './study-session.js';
import { TermType } from './term.js';

export const PartyGroupRoleType = builder.enumType('PartyGroupRole', {
  values: describedValues(PARTY_GROUP_ROLES, {
    SECRETARY: '党组书记 Secretary of the Party Group.',
    DEPUTY_SECRETARY: '党组副书记 Deputy secretary.',
    MEMBER: '党组成员 A member of the Party Group.',
  }),
  description: '党组书记, 党组副书记, 党组成员.',
});
export const PartyGroupMembershipStatusType = builder.enumType('PartyGroupMembershipStatus', {
  description: "党组职务状态 Whether a member's role in the Party Group is current.",
  values: describedValues(PARTY_GROUP_MEMBERSHIP_STATUSES, {
    ACTIVE: '在任 Holds the role now.',
    ENDED: '已结束 The role ended.',
  }),
});

export const PartyGroupMembershipType = builder
  .objectRef<PartyGroupMembership>('PartyGroupMembership')
  .implement({
    description:
      "A member's role in the Party Group, from joinedOn until (not including) leftOn. Public.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The PartyGroupMembership's id." }),
      role: t.field({
        description: '党组书记, 党组副书记, 党组成员.',
        type: PartyGroupRoleType,
        resolve: (m) => m.role,
      }),
      joinedOn: t.expose('joinedOn', {
        description: '任职日期 The first day in the role.',
        type: 'Date',
      }),
      leftOn: t.expose('leftOn', {
        description: '离任日期 The last day in the role; null while current.',
        type: 'Date',
        nullable: true,
      }),
      status: t.field({
        description: "党组职务状态 Whether a member's role in the Party Group is current.",
        type: PartyGroupMembershipStatusType,
        resolve: (m) => m.status,
      }),
      member: t.field({
        description: '委员 The member in the role.',
        type: MemberRef,
        nullable: true,
        resolve: (m) => ({ id: String(m.memberId) }),
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (m, _a, ctx) => partyGroupMembershipWorkflow.available(ctx, m),
      }),
    }),
  });

/** Rows holding on `day`: joined by then and not yet left. */
const holdsOn = (day: string) => (m: PartyGroupMembership) =>
  m.joinedOn <= day && (!m.leftOn || m.leftOn > day);

export const PartyGroupType = builder.objectRef<PartyGroup>('PartyGroup').implement({
  description: '政协党组: the Party Group of a district committee for one term. Public.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The PartyGroup's id." }),
    name: t.exposeString('name', { description: "名称 The Party Group's name." }),
    secretary: t.exposeString('secretary', {
      description: 'Name of the secretary last appointed; `members(on:)` gives the group on a day.',
    }),
    term: t.field({
      description: '届 The term it leads.',
      type: TermType,
      nullable: true,
      resolve: (g, _a, ctx) => (g.termId ? ctx.loaders.one(TermSchema).load(g.termId) : null),
    }),
    members: t.field({
      type: [PartyGroupMembershipType],
      description:
        'Secretary, deputy secretaries and members: every dated role, or with `on` those holding that day.',
      args: {
        on: t.arg({
          type: 'Date',
          required: false,
          description: 'Only those holding a role on this day; every dated role when left out.',
        }),
      },
      resolve: async (g, { on }, ctx) => {
        const rows = await ctx.loaders.many(PartyGroupMembershipSchema, 'groupId').load(g.id);
        return (on ? rows.filter(holdsOn(on)) : rows).sort(
          (a, b) => a.joinedOn.localeCompare(b.joinedOn) || a.id - b.id,
        );
      },
    }),
    studySessions: t.field({
      description: '理论学习 Its study sessions.',
      type: [StudySessionType],
      resolve: (g, _a, ctx) => ctx.loaders.many(StudySessionSchema, 'groupId').load(g.id),
    }),
  }),
});

const latestFirst = (a: PartyGroup, b: PartyGroup) =>
  (b.termId ?? 0) - (a.termId ?? 0) || b.id - a.id;

builder.objectField(DistrictType, 'partyGroup', (t) =>
  t.field({
    type: PartyGroupType,
    nullable: true,
    description: "The Party Group of the district's latest term on record.",
    resolve: async (d, _a, ctx) =>
      [...(await ctx.loaders.many(PartyGroupSchema, 'district').load(d.code))].sort(
        latestFirst,
      )[0] ?? null,
  }),
);

builder.objectField(DistrictType, 'partyGroups', (t) =>
  t.field({
    type: [PartyGroupType],
    description: 'The Party Group of each term, latest first.',
    resolve: async (d, _a, ctx) =>
      [...(await ctx.loaders.many(PartyGroupSchema, 'district').load(d.code))].sort(latestFirst),
  }),
);

const name = z.string().trim().min(2, 'must have at least 2 characters').max(120);

const FormPartyGroupInput = builder.inputType('FormPartyGroupInput', {
  description: 'What `formPartyGroup` takes.',
  fields: (t) => ({
    term: t.id({
      required: true,
      description: "The term (届) the group leads; its district is the group's.",
    }),
    name: t.string({
      description: 'The name: trimmed, 2 to 120 characters.',
      required: true,
      validate: name,
    }),
    secretary: t.id({ required: true, description: 'A Party-member member of the district.' }),
    formedOn: t.field({ description: 'The day it is formed.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('formPartyGroup', (t) =>
  t.field({
    type: PartyGroupType,
    description:
      "District staff record their district's Party Group for a term, with its secretary.",
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `formPartyGroup` takes (`FormPartyGroupInput`).',
        type: FormPartyGroupInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      formPartyGroup(ctx, {
        term: parseId(input.term, 'input.term'),
        name: input.name.trim(),
        secretary: parseId(input.secretary, 'input.secretary'),
        formedOn: input.formedOn,
        note: input.note ?? null,
      }),
  }),
);

const RenamePartyGroupInput = builder.inputType('RenamePartyGroupInput', {
  description: 'What `renamePartyGroup` takes.',
  fields: (t) => ({
    id: t.id({ description: "The PartyGroup's id.", required: true }),
    name: t.string({
      description: 'The new name: trimmed, 2 to 120 characters.',
      required: true,
      validate: name,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('renamePartyGroup', (t) =>
  t.field({
    description:
      '党组 Staff rename the Party Group; the current name again is refused (rule `unchanged`).',
    type: PartyGroupType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `renamePartyGroup` takes (`RenamePartyGroupInput`).',
        type: RenamePartyGroupInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      renamePartyGroup(ctx, parseId(input.id, 'input.id'), input.name.trim(), input.note ?? null),
  }),
);

const AppointToPartyGroupInput = builder.inputType('AppointToPartyGroupInput', {
  description: 'What `appointToPartyGroup` takes.',
  fields: (t) => ({
    group: t.id({ description: "The Party Group's id.", required: true }),
    member: t.id({ description: "The member's id.", required: true }),
    role: t.field({
      description: '党组书记, 党组副书记, 党组成员.',
      type: PartyGroupRoleType,
      required: true,
    }),
    joinedOn: t.field({ description: 'The first day in the role.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('appointToPartyGroup', (t) =>
  t.field({
    type: PartyGroupMembershipType,
    description:
      'A Party-member member of the district takes a role in the group from a day within its term; one role per member and one secretary at a time.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `appointToPartyGroup` takes (`AppointToPartyGroupInput`).',
        type: AppointToPartyGroupInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      appointToPartyGroup(ctx, {
        group: parseId(input.group, 'input.group'),
        member: parseId(input.member, 'input.member'),
        role: input.role,
        joinedOn: input.joinedOn,
        note: input.note ?? null,
      }),
  }),
);

const EndPartyGroupMembershipInput = builder.inputType('EndPartyGroupMembershipInput', {
  description: 'What `endPartyGroupMembership` takes.',
  fields: (t) => ({
    id: t.id({ description: "The PartyGroupMembership's id.", required: true }),
    leftOn: t.field({ description: 'The last day in the role.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('endPartyGroupMembership', (t) =>
  t.field({
    description: "Staff end a member's ACTIVE role in the Party Group (→ ENDED) on a day.",
    type: PartyGroupMembershipType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `endPartyGroupMembership` takes (`EndPartyGroupMembershipInput`).',
        type: EndPartyGroupMembershipInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      endPartyGroupMembership(ctx, parseId(input.id, 'input.id'), input.leftOn, input.note ?? null),
  }),
);

const ChangePartyGroupRoleInput = builder.inputType('ChangePartyGroupRoleInput', {
  description: 'What `changePartyGroupRole` takes.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The role the member holds now.' }),
    role: t.field({
      description: '党组书记, 党组副书记, 党组成员.',
      type: PartyGroupRoleType,
      required: true,
    }),
    on: t.field({
      description: 'The day the new role takes effect.',
      type: 'Date',
      required: true,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('changePartyGroupRole', (t) =>
  t.field({
    type: PartyGroupMembershipType,
    description:
      'Ends the current role on `on` and starts the new one that day; returns the new role.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `changePartyGroupRole` takes (`ChangePartyGroupRoleInput`).',
        type: ChangePartyGroupRoleInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      changePartyGroupRole(
        ctx,
        parseId(input.id, 'input.id'),
        input.role,
        input.on,
        input.note ?? null,
      ),
  }),
);
