import { foundRows, pagedList, pageOfList } from '@cppcc/plugin-sdk';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
} from '../entities/cooperation-mechanism.entity.js';
import { ExchangeVisitSchema } from '../entities/exchange-visit.entity.js';
import {
  CooperationMechanismConnection,
  CooperationMechanismType,
} from './cooperation-mechanism.js';
import { ExchangeVisitConnection, ExchangeVisitType } from './exchange-visit.js';
import { builder } from '../builder.js';
import { DistrictRef } from './refs.js';

pagedList(builder, DistrictRef, {
  name: 'cooperationMechanisms',
  node: CooperationMechanismType,
  connection: CooperationMechanismConnection,
  what: 'mechanisms',
  // Resolved by this plugin: when it is down the district still answers, with this field null.
  nullable: true,
  listDescription: 'Mechanisms the district’s committee is one of the committees of.',
  description:
    '交流合作机制 Mechanisms the district’s committee is one of the committees of, in the order founded, a page at a time; those the caller may see.',
  page: async (district, args, ctx) => {
    const seats = await ctx.loaders
      .many(MechanismMemberSchema, 'localDistrict')
      .load(district.code);
    const found = await ctx.loaders
      .one(CooperationMechanismSchema)
      .loadMany(seats.map((s) => s.mechanismId));
    // A committee has a seat in a handful of mechanisms: paged from the visible ones in memory.
    return pageOfList(
      foundRows(found).sort((a, b) => a.id - b.id),
      args,
    );
  },
});

pagedList(builder, DistrictRef, {
  name: 'exchangeVisits',
  node: ExchangeVisitType,
  connection: ExchangeVisitConnection,
  what: 'visits',
  nullable: true,
  listDescription: 'Visits the district’s committee made or received.',
  description:
    '考察交流 Visits the district’s committee made or received, in the order recorded, a page at a time; those the caller may see.',
  page: (district, args, ctx) =>
    ctx.loaders.page(ExchangeVisitSchema, 'district', args).load(district.code),
});
