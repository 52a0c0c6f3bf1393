import { canSeeDistrict, pageArgs, pagedList, pageOfList } from '@cppcc/kit';
import { builder } from '../builder.js';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import { OpinionAuthorSchema, OpinionItemSchema } from '../entities/opinion-item.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { CosignerConnection, CosignerType } from './cosigner.js';
import { OpinionItemConnection } from './opinion-item.js';
import { ProposalConnection, ProposalStatusType } from './proposal.js';

/** Member is the members subgraph's entity; this subgraph adds the proposals and items they wrote. */
export const MemberRef = builder
  .externalRef('Member', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
    fields: (t) => ({
      proposals: t.field({
        type: ProposalConnection,
        nullable: true,
        description:
          'Proposals this member leads. Others see the public ones; the member sees all of theirs.',
        args: {
          status: t.arg({
            type: ProposalStatusType,
            required: false,
            description: 'Only proposals in this state.',
          }),
          ...pageArgs(t),
        },
        resolve: (m, { status, first, after, last, before }, ctx) => {
          const own = ctx.caller.memberId === String(m.id);
          return ctx.loaders
            .page(
              ProposalSchema,
              'authorId',
              { first, after, last, before },
              status ? { status } : {},
              own,
            )
            .load(Number(m.id));
        },
      }),
      opinionItems: t.field({
        type: OpinionItemConnection,
        nullable: true,
        description:
          "Public-opinion items this member wrote (alone or with others). The member and their district's staff only; others get an empty list.",
        args: pageArgs(t),
        resolve: async (m, { first, after, last, before }, ctx) => {
          const own = ctx.caller.memberId === String(m.id);
          const links = await ctx.loaders.many(OpinionAuthorSchema, 'memberId').load(Number(m.id));
          // Batched over every member in the request; visibility decided here: the author, or staff of the item's district.
          const items = (
            await ctx.loaders
              .many(OpinionItemSchema, 'id', {}, true)
              .loadMany(links.map((l) => l.itemId))
          )
            .flatMap((rows) => (rows instanceof Error ? [] : rows))
            .filter((item) => own || item.public || canSeeDistrict(ctx.caller, item.district))
            .sort((a, b) => a.id - b.id);
          return pageOfList(items, { first, after, last, before });
        },
      }),
    }),
  });

pagedList(builder, MemberRef, {
  name: 'cosignInvitations',
  node: CosignerType,
  connection: CosignerConnection,
  what: 'invitations',
  nullable: true,
  listDescription: "Invitations to co-sign others' proposals, answered or not. The member only.",
  description:
    "附议邀请 Invitations to co-sign others' proposals, answered or not, in the order sent, a page at a time. The member only (null for others).",
  page: (m, args, ctx) =>
    ctx.caller.memberId === String(m.id)
      ? ctx.loaders.page(CosignerSchema, 'memberId', args).load(Number(m.id))
      : null,
});
