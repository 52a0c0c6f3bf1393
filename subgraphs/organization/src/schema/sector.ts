import { nodeType } from '@cppcc/kit';
import { builder } from '../builder.js';
import { SectorSchema, type Sector } from '../entities/sector.entity.js';

export const SectorType = builder.objectRef<Sector>('Sector').implement({
  description:
    "界别: the group a member represents (a party, a people's organisation or a field). Public.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Sector's id." }),
    name: t.exposeString('name', { description: "名称 The sector's name." }),
    group: t.exposeString('group', { description: '党派, 人民团体 or 界别.' }),
  }),
});

nodeType(builder, SectorType, (ctx, id) => ctx.loaders.one(SectorSchema).load(id));

builder.queryField('sectors', (t) =>
  t.field({
    description: '界别 The sectors members are drawn from, optionally of one sector group.',
    type: [SectorType],
    args: {
      group: t.arg.string({
        required: false,
        description: 'Only sectors of this group: 党派, 人民团体 or 界别.',
      }),
    },
    resolve: (_root, { group }, ctx) =>
      ctx.em.find(SectorSchema, group ? { group } : {}, { orderBy: { id: 'asc' } }),
  }),
);

export const SectorGroupType = builder
  .objectRef<{ name: string; sectors: Sector[] }>('SectorGroup')
  .implement({
    description: '界别组: sectors grouped as 党派, 人民团体 or 界别. Public.',
    fields: (t) => ({
      name: t.exposeString('name', {
        description: "类别 The group's name (党派, 人民团体 or 界别).",
      }),
      sectors: t.field({
        description: '界别 The sectors in the group.',
        type: [SectorType],
        resolve: (g) => g.sectors,
      }),
    }),
  });

builder.queryField('sectorGroups', (t) =>
  t.field({
    description: '界别组 The groups sectors are gathered in.',
    type: [SectorGroupType],
    resolve: async (_root, _args, ctx) => {
      const all = await ctx.em.find(SectorSchema, {}, { orderBy: { id: 'asc' } });
      const names = [...new Set(all.map((s) => s.group))];
      return names.map((name) => ({ name, sectors: all.filter((s) => s.group === name) }));
    },
  }),
);
