import { foundRows, pagedList, pageOfList } from '@cppcc/plugin-sdk';
import { ExchangeVisitSchema, VisitDelegateSchema } from '../entities/exchange-visit.entity.js';
import { builder } from '../builder.js';
import { ExchangeVisitConnection, ExchangeVisitType } from './exchange-visit.js';
import { MemberRef } from './refs.js';

pagedList(builder, MemberRef, {
  name: 'exchangeVisits',
  node: ExchangeVisitType,
  connection: ExchangeVisitConnection,
  what: 'visits',
  // Resolved by this plugin: when it is down the member still answers, with this field null.
  nullable: true,
  listDescription:
    'Visits the member was in the delegation of: all of them for the member, the visible ones for others.',
  description:
    '考察交流 Visits the member was in the delegation of, in the order recorded, a page at a time: all of them for the member, the visible ones for others.',
  page: async (member, args, ctx) => {
    const own = ctx.caller.memberId === String(member.id);
    // A member's own non-public visits are theirs to see; the district filter would hide them.
    const seats = await ctx.loaders
      .many(VisitDelegateSchema, 'memberId', {}, own)
      .load(String(member.id));
    const ids = seats.map((s) => s.visitId);
    // One seat per visit the member went on: paged in memory from the visits they may see.
    const visits = !ids.length
      ? []
      : own
        ? await ctx.em.find(
            ExchangeVisitSchema,
            { id: { $in: ids } },
            { filters: false, orderBy: { id: 'asc' } },
          )
        : foundRows(await ctx.loaders.one(ExchangeVisitSchema).loadMany(ids)).sort(
            (a, b) => a.id - b.id,
          );
    return pageOfList(visits, args);
  },
});
