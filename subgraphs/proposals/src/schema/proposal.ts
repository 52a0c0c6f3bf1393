import { canSeeDistrict, connectionType, findPage, notFound, pageArgs, parseId } from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { moveProposal } from '../commands/move-proposal.js';
import { submitProposal } from '../commands/submit-proposal.js';
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES, ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { proposalWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';

export const ProposalStatusType = builder.enumType('ProposalStatus', { values: PROPOSAL_STATUSES });

export const ProposalType = builder.objectRef<Proposal>('Proposal');

ProposalType.implement({
  description: '提案: a proposal by a member, from submission to handling.',
  fields: (t) => ({
    id: t.exposeID('id'),
    caseNumber: t.exposeString('caseNumber', { nullable: true, description: 'Given when the proposal is filed (立案).' }),
    title: t.exposeString('title'),
    category: t.exposeString('category'),
    year: t.exposeInt('year'),
    situation: t.exposeString('situation'),
    analysis: t.exposeString('analysis'),
    suggestions: t.exposeString('suggestions'),
    status: t.field({ type: ProposalStatusType, resolve: (p) => p.status }),
    version: t.exposeInt('version', { description: 'Send it back with a workflow step; a stale one is refused.' }),
    author: t.field({ type: MemberRef, nullable: true, resolve: (p) => ({ id: String(p.authorId) }) }),
    district: t.field({ type: DistrictRef, nullable: true, resolve: (p) => ({ code: p.district }) }),
    submittedAt: t.field({ type: 'DateTime', resolve: (p) => p.submittedAt }),
    filedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.filedAt ?? null }),
    availableActions: t.stringList({
      description: 'Workflow steps the caller may take now.',
      resolve: (p, _args, ctx) => proposalWorkflow.available(ctx, p),
    }),
  }),
});

builder.asEntity(ProposalType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.one(ProposalSchema).load(Number(id)),
});

export const ProposalConnection = connectionType<Proposal>(builder, 'Proposal', ProposalType);

const ProposalFilter = builder.inputType('ProposalFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    status: t.field({ type: ProposalStatusType, required: false }),
    category: t.string({ required: false }),
    year: t.int({ required: false }),
    author: t.id({ required: false }),
  }),
});

builder.queryField('proposals', (t) =>
  t.field({
    type: ProposalConnection,
    args: { filter: t.arg({ type: ProposalFilter, required: false }), ...pageArgs(t) },
    resolve: (_root, { filter, first, after }, ctx) => {
      const where: FilterQuery<Proposal>[] = [];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.category) where.push({ category: filter.category });
      if (filter?.year) where.push({ year: filter.year });
      if (filter?.author) where.push({ authorId: parseId(filter.author, 'filter.author') });
      return findPage(ctx.em, ProposalSchema, { $and: where }, { first, after });
    },
  }),
);

builder.queryField('proposal', (t) =>
  t.field({
    type: ProposalType,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const proposal = await ctx.em.findOne(ProposalSchema, { id: parseId(id) }, { filters: false });
      const own = proposal && ctx.caller.memberId === String(proposal.authorId);
      if (!proposal || !(proposal.public || own || canSeeDistrict(ctx.caller, proposal.district))) throw notFound('proposal', id);
      return proposal;
    },
  }),
);

const text = (min: number, max: number) => z.string().trim().min(min, `must not be empty`).max(max, `must be at most ${max} characters`);

const SubmitProposalInput = builder.inputType('SubmitProposalInput', {
  fields: (t) => ({
    title: t.string({ required: true, validate: z.string().trim().min(5, 'must have at least 5 characters').max(100, 'must be at most 100 characters') }),
    category: t.string({ required: true, validate: z.enum(PROPOSAL_CATEGORIES, `must be one of ${PROPOSAL_CATEGORIES.join(', ')}`) }),
    situation: t.string({ required: true, validate: text(1, 5000) }),
    analysis: t.string({ required: true, validate: text(1, 5000) }),
    suggestions: t.string({ required: true, validate: text(1, 5000) }),
  }),
});

builder.mutationType({});

builder.mutationField('submitProposal', (t) =>
  t.field({
    type: ProposalType,
    authScopes: { member: true },
    args: { input: t.arg({ type: SubmitProposalInput, required: true }) },
    resolve: (_root, { input }, ctx) => submitProposal(ctx, input),
  }),
);

for (const [field, action, description] of [
  ['fileProposal', 'file', 'Staff accept a submitted proposal for handling (立案); it gets a case number and becomes public.'],
  ['rejectProposal', 'reject', 'Staff decide not to file a proposal; the note tells the proposer why.'],
  ['withdrawProposal', 'withdraw', 'The author withdraws a proposal not yet filed.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: ProposalType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ required: true }),
        version: t.arg.int({ required: true }),
        note: t.arg.string({ required: action === 'reject', validate: action === 'reject' ? text(1, 2000) : undefined }),
      },
      resolve: (_root, { id, version, note }, ctx) => moveProposal(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}
