import { foundRows } from '@cppcc/plugin-sdk';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
} from '../entities/cooperation-mechanism.entity.js';
import { ExchangeVisitSchema } from '../entities/exchange-visit.entity.js';
import { CooperationMechanismType } from './cooperation-mechanism.js';
import { ExchangeVisitType } from './exchange-visit.js';
import { builder } from '../builder.js';
import { DistrictRef } from './refs.js';

builder.objectField(DistrictRef, 'cooperationMechanisms', (t) =>
  t.field({
    type: [CooperationMechanismType],
    // Resolved by this plugin: when it is down the district still answers, with this field null.
    nullable: true,
    description: 'Mechanisms the district’s committee is one of the committees of.',
    resolve: async (district, _args, ctx) => {
      const seats = await ctx.loaders
        .many(MechanismMemberSchema, 'localDistrict')
        .load(district.code);
      const found = await ctx.loaders
        .one(CooperationMechanismSchema)
        .loadMany(seats.map((s) => s.mechanismId));
      return foundRows(found);
    },
  }),
);

builder.objectField(DistrictRef, 'exchangeVisits', (t) =>
  t.field({
    type: [ExchangeVisitType],
    nullable: true,
    description: 'Visits the district’s committee made or received.',
    resolve: (district, _args, ctx) =>
      ctx.loaders.many(ExchangeVisitSchema, 'district').load(district.code),
  }),
);
