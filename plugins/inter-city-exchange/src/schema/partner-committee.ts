import {
  z,
  connectionType,
  findPage,
  pageArgs,
  requirePermission,
  settingsOf,
  MUTATION_DESCRIPTION,
  districtWhere,
  includeBelowArg,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { registerPartnerCommittee } from '../commands/mechanisms.js';
import {
  PartnerCommitteeSchema,
  type PartnerCommittee,
} from '../entities/partner-committee.entity.js';
import type { InterCitySettings } from '../settings.js';
import { DistrictRef } from './refs.js';

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const PartnerCommitteeType = builder
  .objectRef<PartnerCommittee>('PartnerCommittee')
  .implement({
    description: 'A CPPCC committee of another city the district works with (e.g. 台州市政协).',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The PartnerCommittee's id." }),
      name: t.exposeString('name', { description: "名称 The committee's name." }),
      city: t.exposeString('city', { description: '城市 Its city.' }),
      province: t.exposeString('province', { description: '省份 Its province.' }),
      district: t.field({
        type: DistrictRef,
        description: 'The district that works with it.',
        resolve: (p) => ({ code: p.district }),
      }),
    }),
  });

const PartnerCommitteeConnection = connectionType<PartnerCommittee>(
  builder,
  'PartnerCommittee',
  PartnerCommitteeType,
);

builder.queryField('partnerCommittees', (t) =>
  t.field({
    type: PartnerCommitteeConnection,
    nullable: true,
    description:
      "Partner committees, limited to the cities the district's settings show (shownPartnerCities).",
    args: {
      district: t.arg.id({
        required: false,
        description: 'Only partner committees of this district (its code).',
      }),
      ...includeBelowArg(t),
      ...pageArgs(t),
    },
    resolve: async (_root, { district, includeBelow, first, after, last, before }, ctx) => {
      const { shownPartnerCities } = await settingsOf<InterCitySettings>(ctx);
      return findPage(
        ctx.em,
        PartnerCommitteeSchema,
        {
          ...(await districtWhere(ctx, district, includeBelow)),
          ...(shownPartnerCities.length ? { city: { $in: shownPartnerCities } } : {}),
        },
        { first, after, last, before },
      );
    },
  }),
);

const PartnerInput = builder.inputType('RegisterPartnerCommitteeInput', {
  description: 'What `registerPartnerCommittee` takes.',
  fields: (t) => ({
    district: t.id({ required: true, description: 'The district that works with the partner.' }),
    name: t.string({
      description: 'The name: trimmed, 1 to 100 characters.',
      required: true,
      validate: text(100),
    }),
    city: t.string({
      description: 'Its city: trimmed, 1 to 50 characters.',
      required: true,
      validate: text(50),
    }),
    province: t.string({
      description: 'Its province: trimmed, 1 to 50 characters.',
      required: true,
      validate: text(50),
    }),
  }),
});

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationField('registerPartnerCommittee', (t) =>
  t.field({
    type: PartnerCommitteeType,
    description:
      'Lists another city’s committee as a partner of the district (needs mechanism.manage).',
    args: {
      input: t.arg({
        description: 'What `registerPartnerCommittee` takes (`RegisterPartnerCommitteeInput`).',
        type: PartnerInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      requirePermission(ctx, 'mechanism.manage');
      return registerPartnerCommittee(ctx, {
        district: String(input.district),
        name: input.name.trim(),
        city: input.city.trim(),
        province: input.province.trim(),
      });
    },
  }),
);
