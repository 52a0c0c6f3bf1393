import { builder } from '../builder.js';

/** Member is the members subgraph's entity; this subgraph adds committee seats and Party-branch places to it. */
export const MemberRef = builder
  .externalRef('Member', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });
