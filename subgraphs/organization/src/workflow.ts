import { defineWorkflow } from '@cppcc/kit';
import type { CommitteeMembership, MembershipStatus } from './entities/committee-membership.entity.js';
import type { BodyMeeting, MeetingStatus } from './entities/body-meeting.entity.js';

/**
 * Every state change in this subgraph is a row of one of these tables; defineWorkflow refuses
 * anything else and writes the audit row. District checks (which staff) happen before.
 */
export type MembershipAction = 'end';
export const membershipWorkflow = defineWorkflow<MembershipStatus, MembershipAction, CommitteeMembership>('committee_membership', [
  { from: 'ACTIVE', action: 'end', who: ['staff'], to: 'ENDED' },
]);

export type BodyMeetingAction = 'hold' | 'cancel';
/** A meeting is planned, then held (with its attendance) or cancelled. */
export const bodyMeetingWorkflow = defineWorkflow<MeetingStatus, BodyMeetingAction, BodyMeeting>('body_meeting', [
  { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
  { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
]);
