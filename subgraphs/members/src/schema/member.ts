import {
  appError,
  canSeeDistrict,
  connectionType,
  ErrorCode,
  findPage,
  hasRole,
  pageArgs,
  pagedList,
  parseId,
  type PageArgs,
  type RequestContext,
  describedValues,
  districtWhere,
  INCLUDE_BELOW_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { EntitySchema, FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { registerMember } from '../commands/register-member.js';
import { builder } from '../builder.js';
import { DutyEventSchema } from '../entities/duty-event.entity.js';
import { GENDERS, MEMBER_STATUSES, MemberSchema, type Member } from '../entities/member.entity.js';
import { DistrictRef } from './district.js';
import { DutyEventConnection, DutyEventType } from './duty-event.js';
import { SectorRef } from './sector.js';

export const GenderType = builder.enumType('Gender', {
  description: "性别 A member's gender.",
  values: describedValues(GENDERS, { MALE: '男 Male.', FEMALE: '女 Female.' }),
});
export const MemberStatusType = builder.enumType('MemberStatus', {
  description: '委员状态 Whether a member is serving.',
  values: describedValues(MEMBER_STATUSES, {
    ACTIVE: '在任 Serving.',
    SUSPENDED: '暂停履职 Suspended from duties.',
    LEFT: '已离任 No longer a member.',
  }),
});

export const MemberType = builder.objectRef<Member>('Member');

/** The member's own record, or staff of a district that may see it. */
export function maySeeRecord(ctx: RequestContext, member: Member): boolean {
  return (
    ctx.caller.memberId === String(member.id) ||
    (hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, member.district))
  );
}

/** Refuses `field` of a member's record (FORBIDDEN) to anyone but the member and their district's staff. */
export function mayReadRecord(ctx: RequestContext, member: Member, field: string): void {
  if (!maySeeRecord(ctx, member))
    throw appError(
      ErrorCode.FORBIDDEN,
      `${field}: only the member and their district staff may see it`,
      { field },
    );
}

/**
 * A page of a member's record rows (`entity` by `memberId`), for the member and their district
 * staff only (FORBIDDEN for others, naming `field`): `pagedList`'s `page` for the record's lists.
 */
export function recordPage<T extends { id: number; memberId: number }>(entity: EntitySchema<T>) {
  return (m: Member, args: PageArgs, ctx: RequestContext, field: string) => {
    mayReadRecord(ctx, m, field);
    // Access was decided above, per member; the district filter would hide a member's own record.
    return ctx.loaders.page(entity, 'memberId' as keyof T & string, args, {}, true).load(m.id);
  };
}

MemberType.implement({
  description:
    '委员: a member of a CPPCC committee. The profile is public; the duty record is not.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The member's id." }),
    name: t.exposeString('name', { description: '姓名 Name.' }),
    gender: t.field({ description: '性别 Gender.', type: GenderType, resolve: (m) => m.gender }),
    ethnicity: t.exposeString('ethnicity', { description: '民族 Ethnicity.' }),
    party: t.exposeString('party', {
      description: 'Party affiliation, e.g. 中共党员, 民盟盟员, 无党派人士.',
    }),
    workUnit: t.exposeString('workUnit', { description: '工作单位 Where the member works.' }),
    title: t.exposeString('title', { description: "职务 The member's post at work." }),
    standingCommittee: t.exposeBoolean('standingCommittee', {
      description: 'Member of the standing committee (常委).',
    }),
    status: t.field({
      description: '委员状态 Whether the member is serving.',
      type: MemberStatusType,
      resolve: (m) => m.status,
    }),
    district: t.field({
      description: 'The district whose committee the member sits on.',
      type: DistrictRef,
      nullable: true,
      resolve: (m) => ({ code: m.district }),
    }),
    sector: t.field({
      description: '界别 The sector the member represents.',
      type: SectorRef,
      nullable: true,
      resolve: (m) => ({ id: String(m.sectorId) }),
    }),
  }),
});

pagedList(builder, MemberType, {
  name: 'dutyEvents',
  node: DutyEventType,
  connection: DutyEventConnection,
  what: 'duty events',
  listDescription:
    'What the member did, as other modules reported it, oldest record first. The member and their district staff only.',
  description:
    '履职记录 What the member did, as other modules reported it, a page at a time in the order recorded. The member and their district staff only (FORBIDDEN for others).',
  page: recordPage(DutyEventSchema),
});

nodeType(builder, MemberType, (ctx, id) => ctx.loaders.one(MemberSchema).load(id));

export const MemberConnection = connectionType<Member>(builder, 'Member', MemberType);

const MemberFilter = builder.inputType('MemberFilter', {
  description:
    '筛选 Narrows `members`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only members of this district.', required: false }),
    includeBelow: t.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
    sector: t.id({ description: 'Only members of this sector.', required: false }),
    standingCommittee: t.boolean({
      description: 'Only standing-committee members (true) or only the others (false).',
      required: false,
    }),
    nameContains: t.string({
      description: 'Only members whose name contains this text.',
      required: false,
    }),
  }),
});

builder.queryField('members', (t) =>
  t.field({
    description:
      "委员 Members of the committee, filtered as `filter` says (district, sector, standing committee …). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: MemberConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`MemberFilter`).',
        type: MemberFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (_root, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<Member>[] = [
        await districtWhere(ctx, filter?.district, filter?.includeBelow, 'filter.includeBelow'),
      ];
      if (filter?.sector) where.push({ sectorId: parseId(filter.sector, 'filter.sector') });
      if (filter?.standingCommittee != null)
        where.push({ standingCommittee: filter.standingCommittee });
      if (filter?.nameContains)
        where.push({ name: { $like: `%${filter.nameContains.replace(/[%_]/g, '')}%` } });
      return findPage(ctx.em, MemberSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('member', (t) =>
  t.field({
    description:
      '委员 One member by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: MemberType,
    nullable: true,
    args: { id: t.arg.id({ description: "The Member's id.", required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const member = await ctx.loaders.one(MemberSchema).load(parseId(id, 'id', 'Member'));
      return member ?? null;
    },
  }),
);

builder.queryField('me', (t) =>
  t.field({
    type: MemberType,
    nullable: true,
    description: 'The signed-in member, if the caller is one.',
    resolve: (_root, _args, ctx) =>
      ctx.caller.memberId ? ctx.loaders.one(MemberSchema).load(Number(ctx.caller.memberId)) : null,
  }),
);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const RegisterMemberInput = builder.inputType('RegisterMemberInput', {
  description: 'What `registerMember` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district whose committee the member joins.',
      required: true,
    }),
    name: t.string({
      description: '姓名 Trimmed, 2 to 40 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(40),
    }),
    gender: t.field({ description: '性别.', type: GenderType, required: true }),
    ethnicity: t.string({
      description: '民族 At most 20 characters.',
      required: true,
      validate: text(20),
    }),
    party: t.string({
      required: true,
      validate: text(40),
      description: 'e.g. 中共党员, 民盟盟员, 无党派人士, 群众.',
    }),
    sector: t.id({ description: '界别 The sector the member represents.', required: true }),
    workUnit: t.string({
      description: '工作单位 At most 100 characters.',
      required: true,
      validate: text(100),
    }),
    title: t.string({
      description: '职务 At most 60 characters.',
      required: true,
      validate: text(60),
    }),
    standingCommittee: t.boolean({
      description: '常委 A standing-committee member (default false).',
      required: false,
      defaultValue: false,
    }),
    term: t.id({
      required: false,
      description: "The term (届) appointed for; default: the district's current term.",
    }),
    appointedOn: t.field({
      description: 'The day the member was appointed.',
      type: 'Date',
      required: true,
    }),
  }),
});

builder.mutationField('registerMember', (t) =>
  t.field({
    type: MemberType,
    description:
      'Staff register a member appointed to their committee; other modules learn of them through the bus.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `registerMember` takes (`RegisterMemberInput`).',
        type: RegisterMemberInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      registerMember(ctx, {
        district: String(input.district),
        name: input.name.trim(),
        gender: input.gender,
        ethnicity: input.ethnicity.trim(),
        party: input.party.trim(),
        sectorId: parseId(input.sector, 'input.sector'),
        workUnit: input.workUnit.trim(),
        title: input.title.trim(),
        standingCommittee: input.standingCommittee ?? false,
        termId: input.term ? parseId(input.term, 'input.term') : null,
        appointedOn: input.appointedOn,
      }),
  }),
);
