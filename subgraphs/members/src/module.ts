import { defineModule } from '@cppcc/kit';
import { consumes } from './consumers.js';
import { DutyEventSchema } from './entities/duty-event.entity.js';
import { MemberSchema } from './entities/member.entity.js';
import { initial } from './migrations/0001-initial.js';
import { assessment } from './migrations/0002-assessment.js';
import { ScoringRuleSetSchema } from './entities/scoring-rule-set.entity.js';
import { ParkedEventSchema } from './entities/parked-event.entity.js';
import { parkedEvents } from './migrations/0003-parked-events.js';
import { standingReports } from './migrations/0004-standing-reports.js';
import { StandingReportSchema } from './entities/standing-report.entity.js';
import {
  awardRecorded,
  donationMade,
  leaveApproved,
  memberRegistered,
  penaltyRecorded,
  standingReportFiled,
  studioIssueRaised,
  studioShiftServed,
} from '@cppcc/events';
import { LeaveRequestSchema } from './entities/leave-request.entity.js';
import { leaveRequests } from './migrations/0007-leave-requests.js';
import { dropCommitteeMemberships } from './migrations/0008-drop-committee-memberships.js';
import { DonationCampaignSchema, DonationSchema } from './entities/donation.entity.js';
import { donations } from './migrations/0005-donations.js';
import { MemberChangeSchema } from './entities/member-change.entity.js';
import { memberChanges } from './migrations/0006-member-changes.js';
import { TermRefSchema } from './entities/term-ref.entity.js';
import { archive } from './migrations/0009-archive.js';
import { MeritRecordSchema } from './entities/merit-record.entity.js';
import {
  MemberStudioSchema,
  StudioReceptionSchema,
  StudioResidentSchema,
  StudioShiftSchema,
  TownshipConvenorSchema,
} from './entities/studio.entity.js';
import { studiosAndMerits } from './migrations/0010-studios-merits.js';
import { dutyEventAuthors } from './migrations/0011-duty-event-authors.js';
import { camelCaseActions } from './migrations/0012-camel-case-actions.js';
import { leaveMeetings } from './migrations/0013-leave-meetings.js';
import { MeetingRefSchema } from './entities/meeting-ref.entity.js';
import { filterIndexes, nameSearchIndex } from './migrations/0014-filter-indexes.js';
import { periodIndexes } from './migrations/0015-period-indexes.js';
import { studioPeriodIndex } from './migrations/0016-studio-period-index.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { announceAllMembers } from './commands/announce-member.js';

/** Member affairs: members and the duty record built from bus events (committee seats live in organization). */
export const members = defineModule({
  name: 'members',
  port: 4102,
  schema,
  entities: [
    MemberSchema,
    DutyEventSchema,
    ScoringRuleSetSchema,
    ParkedEventSchema,
    StandingReportSchema,
    DonationCampaignSchema,
    DonationSchema,
    MemberChangeSchema,
    LeaveRequestSchema,
    TermRefSchema,
    MeetingRefSchema,
    MemberStudioSchema,
    StudioResidentSchema,
    StudioShiftSchema,
    StudioReceptionSchema,
    TownshipConvenorSchema,
    MeritRecordSchema,
  ],
  migrations: [
    initial,
    assessment,
    parkedEvents,
    standingReports,
    donations,
    memberChanges,
    leaveRequests,
    dropCommitteeMemberships,
    archive,
    studiosAndMerits,
    dutyEventAuthors,
    camelCaseActions,
    leaveMeetings,
    filterIndexes,
    nameSearchIndex,
    periodIndexes,
    studioPeriodIndex,
  ],
  emits: [
    standingReportFiled,
    donationMade,
    leaveApproved,
    memberRegistered,
    studioShiftServed,
    studioIssueRaised,
    awardRecorded,
    penaltyRecorded,
  ],
  consumes,
  seed,
  isSeeded,
  announce: announceAllMembers,
});
