import { builder } from '../builder.js';

/** Proposal is the proposals subgraph's entity; this subgraph adds the leaders' instructions on it (instruction.ts). */
export const ProposalRef = builder
  .externalRef('Proposal', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

/** OpinionItem is the proposals subgraph's entity; this subgraph adds the leaders' instructions on it (instruction.ts). */
export const OpinionItemRef = builder
  .externalRef('OpinionItem', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });
