import { builder } from '../builder.js';
import { CommitteeMembershipSchema } from '../entities/committee-membership.entity.js';
import { CommitteeMembershipType } from './committee-membership.js';

/** SpecialCommittee is organization's entity; this subgraph adds who sits on it. */
export const SpecialCommitteeRef = builder.externalRef('SpecialCommittee', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    memberships: t.field({
      type: [CommitteeMembershipType],
      nullable: true,
      resolve: (c, _args, ctx) => ctx.loaders.many(CommitteeMembershipSchema, 'committeeId').load(Number(c.id)),
    }),
  }),
});
