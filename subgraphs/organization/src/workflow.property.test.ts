import { neverLies } from '@cppcc/testing';
import { it } from 'vitest';
import { MEETING_STATUSES } from './entities/body-meeting.entity.js';
import { MEMBERSHIP_STATUSES } from './entities/committee-membership.entity.js';
import { CAMPAIGN_STATUSES, COMMUNICATION_STATUSES } from './entities/communication.entity.js';
import { LIAISON_STATUSES } from './entities/liaison.entity.js';
import { BRANCH_STATUSES, PLACEMENT_STATUSES } from './entities/party-branch.entity.js';
import { PARTY_GROUP_MEMBERSHIP_STATUSES } from './entities/party-group.entity.js';
import { REVIEW_STATUSES } from './entities/policy-document.entity.js';
import { COMMITTEE_STATUSES } from './entities/special-committee.entity.js';
import { STUDY_STATUSES } from './entities/study-session.entity.js';
import {
  bodyMeetingWorkflow,
  branchWorkflow,
  campaignWorkflow,
  committeeWorkflow,
  communicationWorkflow,
  liaisonWorkflow,
  membershipWorkflow,
  partyGroupMembershipWorkflow,
  placementWorkflow,
  reviewWorkflow,
  studySessionWorkflow,
} from './workflow.js';

/** The tables never lie: random records and callers, availableActions iff check (fixed seed). */
it.each([
  ['committee_membership', membershipWorkflow, MEMBERSHIP_STATUSES],
  ['body_meeting', bodyMeetingWorkflow, MEETING_STATUSES],
  ['special_committee', committeeWorkflow, COMMITTEE_STATUSES],
  ['liaison_pair', liaisonWorkflow, LIAISON_STATUSES],
  ['study_session', studySessionWorkflow, STUDY_STATUSES],
  ['party_branch', branchWorkflow, BRANCH_STATUSES],
  ['branch_placement', placementWorkflow, PLACEMENT_STATUSES],
  ['party_group_membership', partyGroupMembershipWorkflow, PARTY_GROUP_MEMBERSHIP_STATUSES],
  ['implementation_review', reviewWorkflow, REVIEW_STATUSES],
  ['communication', communicationWorkflow, COMMUNICATION_STATUSES],
  ['consensus_campaign', campaignWorkflow, CAMPAIGN_STATUSES],
] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 500, seed: 182 }),
);
