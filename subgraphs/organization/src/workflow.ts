import { defineWorkflow } from '@cppcc/kit';
import type { ImplementationReview, ReviewStatus } from './entities/policy-document.entity.js';
import type {
  CampaignStatus,
  Communication,
  CommunicationStatus,
  ConsensusCampaign,
} from './entities/communication.entity.js';
import type {
  CommitteeMembership,
  MembershipStatus,
} from './entities/committee-membership.entity.js';
import type { BodyMeeting, MeetingStatus } from './entities/body-meeting.entity.js';
import type { CommitteeStatus, SpecialCommittee } from './entities/special-committee.entity.js';
import type { LiaisonPair, LiaisonStatus } from './entities/liaison.entity.js';
import type { StudySession, StudyStatus } from './entities/study-session.entity.js';
import type {
  BranchPlacement,
  BranchStatus,
  PartyBranch,
  PlacementStatus,
} from './entities/party-branch.entity.js';
import type {
  PartyGroupMembership,
  PartyGroupMembershipStatus,
} from './entities/party-group.entity.js';

/**
 * Every state change in this subgraph is a row of one of these tables; defineWorkflow refuses
 * anything else and writes the audit row. District checks (which staff) happen before.
 */
export type MembershipAction = 'end';
export const membershipWorkflow = defineWorkflow<
  MembershipStatus,
  MembershipAction,
  CommitteeMembership
>('committee_membership', [{ from: 'ACTIVE', action: 'end', who: ['staff'], to: 'ENDED' }]);

export type BodyMeetingAction = 'hold' | 'cancel';
/** A meeting is planned, then held (with its attendance) or cancelled. */
export const bodyMeetingWorkflow = defineWorkflow<MeetingStatus, BodyMeetingAction, BodyMeeting>(
  'body_meeting',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
  ],
);

export type CommitteeAction = 'adjustFunctions' | 'merge' | 'dissolve';
/** A committee's functions may change while it is active; merging or dissolving ends it. */
export const committeeWorkflow = defineWorkflow<CommitteeStatus, CommitteeAction, SpecialCommittee>(
  'special_committee',
  [
    { from: 'ACTIVE', action: 'adjustFunctions', who: ['staff'], to: 'ACTIVE' },
    { from: 'ACTIVE', action: 'merge', who: ['staff'], to: 'MERGED' },
    { from: 'ACTIVE', action: 'dissolve', who: ['staff'], to: 'DISSOLVED' },
  ],
);

export type LiaisonAction = 'end';
export const liaisonWorkflow = defineWorkflow<LiaisonStatus, LiaisonAction, LiaisonPair>(
  'liaison_pair',
  [{ from: 'ACTIVE', action: 'end', who: ['staff'], to: 'ENDED' }],
);

export type StudyAction = 'hold' | 'archive' | 'cancel';
/** planned → held (with attendance) → archived (with minutes); a planned session may be cancelled. */
export const studySessionWorkflow = defineWorkflow<StudyStatus, StudyAction, StudySession>(
  'study_session',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'HELD', action: 'archive', who: ['staff'], to: 'ARCHIVED' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
  ],
);

export type BranchAction = 'changeSecretary' | 'dissolve';
/** A branch changes its secretary while active; dissolving it ends its placements that day. */
export const branchWorkflow = defineWorkflow<BranchStatus, BranchAction, PartyBranch>(
  'party_branch',
  [
    { from: 'ACTIVE', action: 'changeSecretary', who: ['staff'], to: 'ACTIVE' },
    { from: 'ACTIVE', action: 'dissolve', who: ['staff'], to: 'DISSOLVED' },
  ],
);

export type PlacementAction = 'end';
export const placementWorkflow = defineWorkflow<PlacementStatus, PlacementAction, BranchPlacement>(
  'branch_placement',
  [{ from: 'ACTIVE', action: 'end', who: ['staff'], to: 'ENDED' }],
);

export type PartyGroupMembershipAction = 'end';
/** A role in the Party Group ends on a day; a new role is a new row (see commands/party-group.ts). */
export const partyGroupMembershipWorkflow = defineWorkflow<
  PartyGroupMembershipStatus,
  PartyGroupMembershipAction,
  PartyGroupMembership
>('party_group_membership', [{ from: 'ACTIVE', action: 'end', who: ['staff'], to: 'ENDED' }]);

export type ReviewAction = 'start' | 'report' | 'close';
/** An inspection or research: planned → in progress → reported (findings) → closed (follow-up recorded). */
export const reviewWorkflow = defineWorkflow<ReviewStatus, ReviewAction, ImplementationReview>(
  'implementation_review',
  [
    { from: 'PLANNED', action: 'start', who: ['staff'], to: 'IN_PROGRESS' },
    { from: 'IN_PROGRESS', action: 'report', who: ['staff'], to: 'REPORTED' },
    { from: 'REPORTED', action: 'close', who: ['staff'], to: 'CLOSED' },
  ],
);

export type CommunicationAction = 'issue' | 'withdraw';
/** A letter or notice is drafted, then issued (and becomes public); a draft may be withdrawn. */
export const communicationWorkflow = defineWorkflow<
  CommunicationStatus,
  CommunicationAction,
  Communication
>('communication', [
  { from: 'DRAFT', action: 'issue', who: ['staff'], to: 'ISSUED' },
  { from: 'DRAFT', action: 'withdraw', who: ['staff'], to: 'WITHDRAWN' },
]);

export type CampaignAction = 'close' | 'addEntry';
/** A campaign takes entries while open (not audited: each entry is a row of its own). */
export const campaignWorkflow = defineWorkflow<CampaignStatus, CampaignAction, ConsensusCampaign>(
  'consensus_campaign',
  [
    { from: 'OPEN', action: 'close', who: ['staff'], to: 'CLOSED' },
    { from: 'OPEN', action: 'addEntry', who: ['staff'], to: 'OPEN' },
  ],
  {
    addEntry: {
      rule: 'closed',
      message: (c) => `input.campaign: ${c.title} is closed`,
      extensions: { field: 'input.campaign' },
    },
  },
);
