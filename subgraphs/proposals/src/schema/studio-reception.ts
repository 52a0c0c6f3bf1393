import { maySeeProposal } from '../commands/common.js';
import { maySeeItem } from '../commands/opinion.js';
import { builder } from '../builder.js';
import { OpinionItemSchema } from '../entities/opinion-item.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { OpinionItemType } from './opinion-item.js';
import { ProposalType } from './proposal.js';

/**
 * StudioReception (接待) is the members subgraph's entity. A reception's issue passed on becomes a
 * draft here (`studio.issue_raised`), and the draft names the reception (`studio_reception_id`):
 * this subgraph adds the draft to the reception, and points from the draft back at it by key.
 */
export const StudioReceptionRef = builder
  .externalRef('StudioReception', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
    fields: (t) => ({
      proposalDraft: t.field({
        type: ProposalType,
        nullable: true,
        description:
          "由接待形成的提案草稿 — the proposal drafted from this reception's issue (passed on as PROPOSAL_DRAFT), as the proposal query shows it to the caller: the receiving member (its author) and the district's staff. Null until proposals has made the draft (moments after passing on), or for another target.",
        resolve: async (r, _a, ctx) => {
          const [draft] = await ctx.loaders
            .many(ProposalSchema, 'studioReceptionId', {}, true)
            .load(Number(r.id));
          return draft && (await maySeeProposal(ctx, draft)) ? draft : null;
        },
      }),
      opinionItemDraft: t.field({
        type: OpinionItemType,
        nullable: true,
        description:
          "由接待形成的社情民意信息草稿 — the public-opinion item drafted from this reception's issue (passed on as OPINION_ITEM), to its author and the district's staff. Null until made, or for another target.",
        resolve: async (r, _a, ctx) => {
          const [item] = await ctx.loaders
            .many(OpinionItemSchema, 'studioReceptionId', {}, true)
            .load(Number(r.id));
          return item && (await maySeeItem(ctx, item)) ? item : null;
        },
      }),
    }),
  });

builder.objectField(ProposalType, 'studioReception', (t) =>
  t.field({
    type: StudioReceptionRef,
    nullable: true,
    description:
      "来源接待 — the member studio reception (委员工作室接待) this draft was made from, or null for a proposal written otherwise. Its details are shown to whom members shows the reception (the receiving member, the studio's members, the district's office).",
    resolve: (p) => (p.studioReceptionId ? { id: String(p.studioReceptionId) } : null),
  }),
);

builder.objectField(OpinionItemType, 'studioReception', (t) =>
  t.field({
    type: StudioReceptionRef,
    nullable: true,
    description:
      '来源接待 — the member studio reception this draft item was made from, or null for an item written otherwise.',
    resolve: (i) => (i.studioReceptionId ? { id: String(i.studioReceptionId) } : null),
  }),
);
