import { builder } from '../builder.js';
import { InboxFilter, InboxRef } from './inbox-item.js';

/** Member is the members subgraph's entity; the platform adds the member's own inbox (`me { inbox }`). */
export const MemberRef = builder
  .externalRef('Member', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

builder.objectField(MemberRef, 'inbox', (t) =>
  t.field({
    type: InboxRef,
    // Resolved by the platform subgraph: when it is down the member still answers, with this null.
    nullable: true,
    description:
      '我的待办 The member’s inbox, for the member themselves (`me { inbox }`); null for anyone else. Staff, units and leaders read theirs at `Query.inbox`.',
    args: {
      filter: t.arg({
        type: InboxFilter,
        required: false,
        description: '筛选 Which work to list.',
      }),
    },
    resolve: (member, { filter }, ctx) =>
      ctx.caller.memberId !== null && String(member.id) === ctx.caller.memberId ? { filter } : null,
  }),
);
