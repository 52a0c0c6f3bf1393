import { connectionType, findPage, pageArgs, type Page } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { createSpecialCommittee } from '../commands/create-special-committee.js';
import { COMMITTEE_STATUSES, SpecialCommitteeSchema, type SpecialCommittee } from '../entities/special-committee.entity.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { DistrictType } from './district.js';

export const CommitteeStatusType = builder.enumType('CommitteeStatus', { values: COMMITTEE_STATUSES });

export const SpecialCommitteeType = builder.objectRef<SpecialCommittee>('SpecialCommittee').implement({
  description: '专门委员会: a special committee of a district\'s CPPCC.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    functions: t.exposeString('functions'),
    status: t.field({ type: CommitteeStatusType, resolve: (c) => c.status }),
    establishedOn: t.string({ nullable: true, resolve: (c) => (c.establishedOn ? String(c.establishedOn).slice(0, 10) : null) }),
    district: t.field({
      type: DistrictType,
      resolve: async (c, _args, ctx) => (await ctx.loaders.one(DistrictSchema, 'code').load(c.district))!,
    }),
  }),
});

builder.asEntity(SpecialCommitteeType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.one(SpecialCommitteeSchema).load(Number(id)),
});

const SpecialCommitteeConnection = connectionType<SpecialCommittee>(builder, 'SpecialCommittee', SpecialCommitteeType);

const SpecialCommitteeFilter = builder.inputType('SpecialCommitteeFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    status: t.field({ type: CommitteeStatusType, required: false }),
  }),
});

builder.queryField('specialCommittees', (t) =>
  t.field({
    type: SpecialCommitteeConnection,
    args: { filter: t.arg({ type: SpecialCommitteeFilter, required: false }), ...pageArgs(t) },
    resolve: (_root, { filter, first, after }, ctx): Promise<Page<SpecialCommittee>> =>
      findPage(
        ctx.em,
        SpecialCommitteeSchema,
        {
          ...(filter?.district ? { district: String(filter.district) } : {}),
          ...(filter?.status ? { status: filter.status } : {}),
        },
        { first, after },
      ),
  }),
);

builder.objectField(DistrictType, 'specialCommittees', (t) =>
  t.field({
    type: [SpecialCommitteeType],
    resolve: (d, _args, ctx) => ctx.loaders.many(SpecialCommitteeSchema, 'district').load(d.code),
  }),
);

const CreateSpecialCommitteeInput = builder.inputType('CreateSpecialCommitteeInput', {
  fields: (t) => ({
    district: t.id({ required: true }),
    name: t.string({ required: true, validate: z.string().trim().min(2, 'must have at least 2 characters').max(60) }),
    functions: t.string({ required: true, validate: z.string().trim().min(1, 'must not be empty') }),
    establishedOn: t.string({ required: false, validate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') }),
  }),
});

builder.mutationType({});

builder.mutationField('createSpecialCommittee', (t) =>
  t.field({
    type: SpecialCommitteeType,
    description: 'Staff add a special committee to their district (or, for city staff, to a district below).',
    authScopes: { staff: true },
    args: { input: t.arg({ type: CreateSpecialCommitteeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createSpecialCommittee(ctx, {
        district: String(input.district),
        name: input.name,
        functions: input.functions,
        establishedOn: input.establishedOn ?? null,
      }),
  }),
);
