import { defineModule, districtRegistered } from '@cppcc/kit';
import { announceOrganization } from './commands/announce.js';
import { consumes } from './consumers.js';
import { CommitteeMembershipSchema } from './entities/committee-membership.entity.js';
import { DistrictSchema } from './entities/district.entity.js';
import { MemberRefSchema } from './entities/member-ref.entity.js';
import { SectorSchema } from './entities/sector.entity.js';
import { SpecialCommitteeSchema } from './entities/special-committee.entity.js';
import { initial } from './migrations/0001-initial.js';
import { memberships } from './migrations/0002-memberships.js';
import { bodies } from './migrations/0003-bodies.js';
import { committeeHistory } from './migrations/0004-committee-history.js';
import { partyBuilding } from './migrations/0005-party-building.js';
import { outreach } from './migrations/0006-outreach.js';
import { partyGroup } from './migrations/0007-party-group.js';
import { branchDissolution } from './migrations/0008-branch-dissolution.js';
import { memberFacts } from './migrations/0009-member-facts.js';
import { approvedLeaves } from './migrations/0010-approved-leaves.js';
import { pressReports } from './migrations/0011-press-reports.js';
import { camelCaseActions } from './migrations/0012-camel-case-actions.js';
import { leaveMeetings } from './migrations/0013-leave-meetings.js';
import { filterIndexes, leaveMeetingIndex } from './migrations/0014-filter-indexes.js';
import { leadershipAndRelays } from './migrations/0015-leadership-and-relays.js';
import { LeadershipPostSchema } from './entities/leadership-post.entity.js';
import { RelayedDecisionSchema } from './entities/relayed-decision.entity.js';
import { periodIndexes } from './migrations/0016-period-indexes.js';
import { branchPeriodIndex } from './migrations/0017-branch-period-index.js';
import { visitAttendance } from './migrations/0018-visit-attendance.js';
import { VisitAttendanceSchema } from './entities/visit-attendance.entity.js';
import { ApprovedLeaveSchema } from './entities/approved-leave.entity.js';
import { MemberFactSchema } from './entities/member-fact.entity.js';
import {
  ImplementationReviewSchema,
  PolicyDocumentSchema,
} from './entities/policy-document.entity.js';
import {
  CampaignEntrySchema,
  CommunicationSchema,
  ConsensusCampaignSchema,
} from './entities/communication.entity.js';
import { StaffRecordSchema } from './entities/staff-record.entity.js';
import { PressReportSchema } from './entities/press-report.entity.js';
import { PartyGroupMembershipSchema, PartyGroupSchema } from './entities/party-group.entity.js';
import { StudySessionSchema } from './entities/study-session.entity.js';
import {
  BranchActivitySchema,
  BranchPlacementSchema,
  PartyBranchSchema,
} from './entities/party-branch.entity.js';
import { CommitteeChangeSchema } from './entities/committee-change.entity.js';
import { LiaisonActivitySchema, LiaisonPairSchema } from './entities/liaison.entity.js';
import { AttendanceSchema } from './entities/attendance.entity.js';
import { BodyMeetingSchema } from './entities/body-meeting.entity.js';
import { GovernmentUnitSchema } from './entities/government-unit.entity.js';
import { SessionSchema, TermSchema } from './entities/term.entity.js';
import {
  bodyMeetingAttended,
  branchActivityAttended,
  governmentUnitRegistered,
  meetingRegistered,
  specialCommitteeRegistered,
  studySessionAttended,
  termRegistered,
} from '@cppcc/events';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/** Organization & party building: the committee structure behind the work report and its section 1. */
export const organization = defineModule({
  name: 'organization',
  port: 4101,
  schema,
  entities: [
    DistrictSchema,
    SpecialCommitteeSchema,
    SectorSchema,
    CommitteeMembershipSchema,
    MemberRefSchema,
    MemberFactSchema,
    ApprovedLeaveSchema,
    GovernmentUnitSchema,
    TermSchema,
    SessionSchema,
    BodyMeetingSchema,
    AttendanceSchema,
    CommitteeChangeSchema,
    LiaisonPairSchema,
    LiaisonActivitySchema,
    PartyGroupSchema,
    PartyGroupMembershipSchema,
    StudySessionSchema,
    PartyBranchSchema,
    BranchPlacementSchema,
    BranchActivitySchema,
    PolicyDocumentSchema,
    ImplementationReviewSchema,
    CommunicationSchema,
    ConsensusCampaignSchema,
    CampaignEntrySchema,
    StaffRecordSchema,
    PressReportSchema,
    LeadershipPostSchema,
    RelayedDecisionSchema,
    VisitAttendanceSchema,
  ],
  migrations: [
    initial,
    memberships,
    bodies,
    committeeHistory,
    partyBuilding,
    outreach,
    partyGroup,
    branchDissolution,
    memberFacts,
    approvedLeaves,
    pressReports,
    camelCaseActions,
    leaveMeetings,
    filterIndexes,
    leaveMeetingIndex,
    leadershipAndRelays,
    periodIndexes,
    branchPeriodIndex,
    visitAttendance,
  ],
  emits: [
    districtRegistered,
    governmentUnitRegistered,
    termRegistered,
    specialCommitteeRegistered,
    bodyMeetingAttended,
    studySessionAttended,
    branchActivityAttended,
    meetingRegistered,
  ],
  consumes,
  seed,
  isSeeded,
  announce: announceOrganization,
  // 2: meetings (`meeting.registered`), which the members subgraph keeps to link leave requests.
  announceVersion: 2,
});
