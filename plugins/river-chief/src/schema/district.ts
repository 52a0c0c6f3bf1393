import { pagedList } from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { RiverChiefInspectionSchema } from '../entities/inspection.entity.js';
import { RiverChiefRiverSchema } from '../entities/river.entity.js';
import { RiverChiefInspectionConnection, RiverChiefInspectionRef } from './inspection.js';
import { RiverChiefRiverRef } from './river.js';

/** District belongs to the organization subgraph; this plugin adds its rivers and inspections. */
export const DistrictRef = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
  });

builder.objectField(DistrictRef, 'riverChiefRivers', (t) =>
  t.field({
    description: '河段 River sections registered for democratic supervision (plugin river-chief).',
    type: [RiverChiefRiverRef],
    nullable: true,
    resolve: (d, _a, ctx) =>
      ctx.em.find(RiverChiefRiverSchema, { district: d.code }, { orderBy: { id: 'asc' } }),
  }),
);
pagedList(builder, DistrictRef, {
  name: 'riverChiefInspections',
  node: RiverChiefInspectionRef,
  connection: RiverChiefInspectionConnection,
  what: 'inspections',
  nullable: true,
  listDescription: 'Reported inspections for everyone; planned ones for the district office.',
  description:
    '巡河 The district’s inspections in the order recorded, a page at a time: reported ones for everyone, planned ones for the district office (plugin river-chief).',
  page: (d, args, ctx) =>
    ctx.loaders.page(RiverChiefInspectionSchema, 'district', args).load(d.code),
});
