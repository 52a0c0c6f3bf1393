import {
  parseId,
  today,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  connectionType,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { answerInvitation, inviteCosigners, revokeInvitation } from '../commands/proposals.js';
import { COSIGNER_STATUSES, CosignerSchema, type Cosigner } from '../entities/cosigner.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { cosignerWorkflow } from '../workflow.js';
import { MemberRef } from './member.js';
import { ProposalType, visibleProposal } from './proposal.js';

export const CosignerStatusType = builder.enumType('CosignerStatus', {
  description: '联名状态 Where a co-signing invitation stands.',
  values: describedValues(COSIGNER_STATUSES, {
    INVITED: '已邀请 Invited; the member accepts or declines, the author may revoke.',
    ACCEPTED: '已同意 Accepted: co-signs the proposal.',
    DECLINED: '已拒绝 Declined; may be invited again.',
    REVOKED: '已撤销 Revoked by the author; may be invited again.',
  }),
});

export const CosignerType = builder.objectRef<Cosigner>('ProposalCosigner');

CosignerType.implement({
  description: '联名: a member invited to co-sign a joint proposal.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ProposalCosigner's id." }),
    member: t.field({
      description: '委员 The member invited to co-sign.',
      type: MemberRef,
      nullable: true,
      resolve: (c) => ({ id: String(c.memberId) }),
    }),
    status: t.field({
      description: '联名状态 Where a co-signing invitation stands.',
      type: CosignerStatusType,
      resolve: (c) => c.status,
    }),
    respondBy: t.expose('respondBy', {
      type: 'Date',
      description: 'Last day to answer (YYYY-MM-DD).',
    }),
    lapsed: t.boolean({
      description: 'Invited, not answered, and the deadline has passed: does not co-sign.',
      resolve: (c) => c.status === 'INVITED' && c.respondBy < today(),
    }),
    respondedAt: t.field({
      description: '答复时间 When they accepted or declined; null while pending.',
      type: 'DateTime',
      nullable: true,
      resolve: (c) => c.respondedAt ?? null,
    }),
    joinedByMerge: t.boolean({
      description: 'Joined when their own proposal was merged into this one (并案).',
      resolve: (c) => c.source === 'MERGE',
    }),
    proposal: t.field({
      type: ProposalType,
      nullable: true,
      description: 'The invitee sees the draft they are invited to.',
      resolve: (c, _a, ctx) => visibleProposal(ctx, c.proposalId),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (c, _a, ctx) => {
        // The invitee may no longer read a draft whose invitation was revoked: read past the filters.
        const [proposal] = await ctx.loaders
          .many(ProposalSchema, 'id', {}, true)
          .load(c.proposalId);
        return cosignerWorkflow.available(ctx, {
          ...c,
          proposalAuthorId: proposal?.authorId,
          proposalStatus: proposal?.status,
        });
      },
    }),
  }),
});

export const CosignerConnection = connectionType<Cosigner>(
  builder,
  'ProposalCosigner',
  CosignerType,
);

builder.objectField(ProposalType, 'cosigners', (t) =>
  t.field({
    type: [CosignerType],
    description:
      'Co-signers of a joint proposal (or those who joined by a merge), with their answers.',
    resolve: (p, _a, ctx) => ctx.loaders.many(CosignerSchema, 'proposalId').load(p.id),
  }),
);

builder.mutationField('inviteProposalCosigners', (t) =>
  t.field({
    type: ProposalType,
    description:
      'The author of a joint draft invites members of the same district to co-sign by a deadline.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      memberIds: t.arg.idList({ description: 'The ids of the members to invite.', required: true }),
      respondBy: t.arg({
        type: 'Date',
        required: true,
        description: 'YYYY-MM-DD, within 30 days.',
      }),
    },
    resolve: (_r, { id, version, memberIds, respondBy }, ctx) =>
      inviteCosigners(
        ctx,
        parseId(id),
        version,
        memberIds.map((m, i) => parseId(m, `memberIds.${i}`)),
        respondBy,
      ),
  }),
);

for (const [field, action, description] of [
  [
    'acceptCosignInvitation',
    'accept',
    'The invited member co-signs, before the deadline and while the proposal is a draft.',
  ],
  ['declineCosignInvitation', 'decline', 'The invited member declines.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: CosignerType,
      description,
      authScopes: { member: true },
      args: {
        id: t.arg.id({ required: true, description: 'The invitation (ProposalCosigner) id.' }),
      },
      resolve: (_r, { id }, ctx) => answerInvitation(ctx, parseId(id), action),
    }),
  );
}

builder.mutationField('revokeCosignInvitation', (t) =>
  t.field({
    type: CosignerType,
    description:
      'The lead author takes back an invitation not yet answered, while the proposal is a draft (audited); the member no longer sees the draft.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ required: true, description: 'The invitation (ProposalCosigner) id.' }),
      version: t.arg.int({ required: true, description: "The proposal's version." }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_r, { id, version, note }, ctx) =>
      revokeInvitation(ctx, parseId(id), version, note ?? null),
  }),
);
