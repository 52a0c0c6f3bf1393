import { builder } from '../builder.js';
import { RiverChiefInspectionSchema } from '../entities/inspection.entity.js';
import { RiverChiefRiverSchema } from '../entities/river.entity.js';
import { RiverChiefInspectionRef } from './inspection.js';
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
builder.objectField(DistrictRef, 'riverChiefInspections', (t) =>
  t.field({
    type: [RiverChiefInspectionRef],
    nullable: true,
    description: 'Reported inspections for everyone; planned ones for the district office.',
    resolve: (d, _a, ctx) =>
      ctx.em.find(RiverChiefInspectionSchema, { district: d.code }, { orderBy: { id: 'asc' } }),
  }),
);
