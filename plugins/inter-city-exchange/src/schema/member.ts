import { foundRows } from '@cppcc/plugin-sdk';
import { ExchangeVisitSchema, VisitDelegateSchema } from '../entities/exchange-visit.entity.js';
import { builder } from '../builder.js';
import { ExchangeVisitType } from './exchange-visit.js';
import { MemberRef } from './refs.js';

builder.objectField(MemberRef, 'exchangeVisits', (t) =>
  t.field({
    type: [ExchangeVisitType],
    // Resolved by this plugin: when it is down the member still answers, with this field null.
    nullable: true,
    description:
      'Visits the member was in the delegation of: all of them for the member, the visible ones for others.',
    resolve: async (member, _args, ctx) => {
      const own = ctx.caller.memberId === String(member.id);
      // A member's own non-public visits are theirs to see; the district filter would hide them.
      const seats = await ctx.loaders
        .many(VisitDelegateSchema, 'memberId', {}, own)
        .load(String(member.id));
      const ids = seats.map((s) => s.visitId);
      if (own)
        return ids.length
          ? ctx.em.find(
              ExchangeVisitSchema,
              { id: { $in: ids } },
              { filters: false, orderBy: { id: 'asc' } },
            )
          : [];
      const found = await ctx.loaders.one(ExchangeVisitSchema).loadMany(ids);
      return foundRows(found);
    },
  }),
);
