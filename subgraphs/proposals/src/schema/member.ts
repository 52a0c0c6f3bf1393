import { pageArgs } from '@cppcc/kit';
import { builder } from '../builder.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { ProposalConnection, ProposalStatusType } from './proposal.js';

/** Member is the members subgraph's entity; this subgraph adds the proposals they lead. */
export const MemberRef = builder.externalRef('Member', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    proposals: t.field({
      type: ProposalConnection,
      nullable: true,
      description: 'Proposals this member leads. Others see the public ones; the member sees all of theirs.',
      args: { status: t.arg({ type: ProposalStatusType, required: false }), ...pageArgs(t) },
      resolve: (m, { status, first, after }, ctx) => {
        const own = ctx.caller.memberId === String(m.id);
        return ctx.loaders.page(ProposalSchema, 'authorId', { first, after }, status ? { status } : {}, own).load(Number(m.id));
      },
    }),
  }),
});
