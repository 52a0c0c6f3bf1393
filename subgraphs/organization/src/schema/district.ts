import { describedValues } from '@cppcc/kit';
import { builder } from '../builder.js';
import { DISTRICT_LEVELS, DistrictSchema, type District } from '../entities/district.entity.js';

export const DistrictLevelType = builder.enumType('DistrictLevel', {
  description: "行政层级 The level of a district's committee.",
  values: describedValues(DISTRICT_LEVELS, {
    CITY: '市 A city committee.',
    DISTRICT: '区 A district committee.',
    COUNTY: '县 A county committee.',
  }),
});

export const DistrictType = builder.objectRef<District>('District');

DistrictType.implement({
  description:
    'A committee body: the city CPPCC committee or a district (county) committee below it. Public.',
  fields: (t) => ({
    code: t.exposeID('code', { description: 'Administrative division code, e.g. 341000.' }),
    name: t.exposeString('name', { description: "名称 The committee's district name." }),
    level: t.field({
      description: '行政层级 City, district or county.',
      type: DistrictLevelType,
      resolve: (d) => d.level,
    }),
    parent: t.field({
      description: 'The district above (null for the city).',
      type: DistrictType,
      nullable: true,
      resolve: (d, _args, ctx) =>
        d.parentCode ? ctx.loaders.one(DistrictSchema, 'code').load(d.parentCode) : null,
    }),
    children: t.field({
      description: 'The districts directly below.',
      type: [DistrictType],
      resolve: (d, _args, ctx) => ctx.loaders.many(DistrictSchema, 'parentCode').load(d.code),
    }),
  }),
});

builder.asEntity(DistrictType, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: ({ code }, ctx) => ctx.loaders.one(DistrictSchema, 'code').load(code),
});

builder.queryField('districts', (t) =>
  t.field({
    type: [DistrictType],
    description: 'The city committee and every district (county) committee, or those of one level.',
    args: {
      level: t.arg({
        type: DistrictLevelType,
        required: false,
        description: 'Only districts of this level; all when left out.',
      }),
    },
    resolve: (_root, { level }, ctx) =>
      ctx.em.find(DistrictSchema, level ? { level } : {}, { orderBy: { code: 'asc' } }),
  }),
);

builder.queryField('district', (t) =>
  t.field({
    description:
      "区县 One district (a committee's area) by its code. Null when no district has the code.",
    type: DistrictType,
    nullable: true,
    args: {
      code: t.arg.id({
        required: true,
        description: "区县代码 The district's code (e.g. 341002).",
      }),
    },
    resolve: async (_root, { code }, ctx) =>
      (await ctx.loaders.one(DistrictSchema, 'code').load(String(code))) ?? null,
  }),
);
