import {
  districtFields,
  enabledDistricts,
  requirePermissionIn,
  z,
  MUTATION_DESCRIPTION,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { DistrictRef } from './district.js';
import { RiverChiefRiverSchema, type RiverChiefRiver } from '../entities/river.entity.js';

export const RiverChiefRiverRef = builder.objectRef<RiverChiefRiver>('RiverChiefRiver').implement({
  description: 'A river or river section under the river-chief system (河长制), with its chief.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The RiverChiefRiver's id." }),
    ...districtFields(t, DistrictRef),
    name: t.exposeString('name', { description: "名称 The river's name." }),
    chief: t.exposeString('chief', { description: 'The official answerable for it (河长).' }),
    // A double column reads back as a string on PostgreSQL.
    lengthKm: t.float({
      description: '长度 Its length in kilometres.',
      resolve: (r) => Number(r.lengthKm),
    }),
  }),
});

builder.queryFields((t) => ({
  riverChiefRivers: t.field({
    type: [RiverChiefRiverRef],
    nullable: true,
    description: 'Rivers of the districts that have the plugin on.',
    // Public rows of a district that switched the plugin off stay out of sight.
    resolve: async (_root, _args, ctx) =>
      ctx.em.find(
        RiverChiefRiverSchema,
        { district: { $in: await enabledDistricts(ctx) } },
        { orderBy: { id: 'asc' } },
      ),
  }),
}));

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationFields((t) => ({
  addRiverChiefRiver: t.field({
    type: RiverChiefRiverRef,
    description:
      'Registers a river section of a district (needs the permission inspection.manage).',
    args: {
      district: t.arg.id({ description: "The district's code.", required: true }),
      name: t.arg.string({
        description: "The river's name: trimmed, 1 to 100 characters.",
        required: true,
        validate: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
      }),
      chief: t.arg.string({
        description: 'The river chief: trimmed, 1 to 100 characters.',
        required: true,
        validate: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
      }),
      lengthKm: t.arg.float({
        description: 'Its length in kilometres: more than 0.',
        required: true,
        validate: z.number().positive('must be more than 0').max(10_000, 'at most 10000'),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const district = String(args.district);
      await requirePermissionIn(ctx, 'inspection.manage', district);
      return ctx.em.transactional(async (em) =>
        em.create(RiverChiefRiverSchema, {
          district,
          name: args.name.trim(),
          chief: args.chief.trim(),
          lengthKm: args.lengthKm,
          public: true,
        }),
      );
    },
  }),
}));
