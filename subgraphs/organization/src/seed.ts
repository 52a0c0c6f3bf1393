import {
  districtRegistered,
  emit,
  syncSequence,
  writeInBatches,
  type EntityManager,
  type SeedOptions,
} from '@cppcc/kit';
import {
  campaignEntries,
  communications,
  pressReports,
  consensusCampaigns,
  implementationReviews,
  policyDocuments,
  staffRecords,
  branchActivities,
  branchActivityParticipants,
  branchPlacements,
  demoStudySessions,
  partyBranches,
  partyGroupMemberships,
  partyGroups,
  studySessionAttendance,
  bodyMeetingAttendance,
  bodyMeetings,
  leadershipPosts,
  relayedDecisions,
  committeeChanges,
  committees,
  liaisonActivities,
  liaisonPairs,
  REFORM_DAY,
  TERM_START,
  districts,
  governmentUnits,
  members,
  sectors,
  sessions,
  terms,
} from '@cppcc/demo';
import { bodyMeetingAttended, branchActivityAttended, studySessionAttended } from '@cppcc/events';
import { PartyGroupMembershipSchema, PartyGroupSchema } from './entities/party-group.entity.js';
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
import { StudySessionSchema } from './entities/study-session.entity.js';
import {
  BranchActivitySchema,
  BranchPlacementSchema,
  PartyBranchSchema,
} from './entities/party-branch.entity.js';
import { announceUnit } from './commands/government-units.js';
import { announceTerm } from './commands/terms.js';
import { announceCommittee } from './commands/special-committees.js';
import { AttendanceSchema } from './entities/attendance.entity.js';
import { CommitteeChangeSchema } from './entities/committee-change.entity.js';
import { LiaisonActivitySchema, LiaisonPairSchema } from './entities/liaison.entity.js';
import { LeadershipPostSchema } from './entities/leadership-post.entity.js';
import { RelayedDecisionSchema } from './entities/relayed-decision.entity.js';
import { BodyMeetingSchema } from './entities/body-meeting.entity.js';
import { announceMeetings } from './commands/meetings.js';
import { GovernmentUnitSchema } from './entities/government-unit.entity.js';
import { SessionSchema, TermSchema } from './entities/term.entity.js';
import { CommitteeMembershipSchema } from './entities/committee-membership.entity.js';
import { DistrictSchema } from './entities/district.entity.js';
import { SectorSchema } from './entities/sector.entity.js';
import { SpecialCommitteeSchema } from './entities/special-committee.entity.js';

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  for (const d of districts) {
    em.create(DistrictSchema, { code: d.code, name: d.name, level: d.level, parentCode: d.parent });
    emit(
      em,
      'organization',
      districtRegistered,
      { code: d.code, name: d.name, parentCode: d.parent },
      d.code,
    );
  }
  for (const c of committees) {
    const establishedOn = c.establishedInReform ? REFORM_DAY : TERM_START;
    const committee = em.create(SpecialCommitteeSchema, {
      id: c.id,
      district: c.district,
      name: c.name,
      functions: c.functions,
      status: 'ACTIVE',
      establishedOn,
      public: true,
    });
    announceCommittee(em, 'organization', committee, establishedOn);
  }
  for (const s of sectors) em.create(SectorSchema, { id: s.id, name: s.name, group: s.group });
  await em.flush();
  await syncSequence(em, 'special_committee');
  await syncSequence(em, 'sector');

  // Seats of the demo members (全员入委); the reform's committee took its members on its first day.
  await writeInBatches(
    em,
    members(scale),
    (m) => {
      for (const seat of m.committees) {
        const committee = committees.find((c) => c.id === seat.committeeId)!;
        const joinedOn = committee.establishedInReform ? REFORM_DAY : TERM_START;
        em.create(CommitteeMembershipSchema, {
          district: m.district,
          memberId: m.id,
          committeeId: seat.committeeId,
          role: seat.role,
          joinedOn,
          leftOn: null,
          status: 'ACTIVE',
          public: true,
        });
      }
    },
    progress,
  );

  await seedBodies(em, scale);
  await seedCommitteeHistory(em);
  await seedPartyBuilding(em, scale);
  await seedOutreach(em, scale);
  await seedLeadership(em);
  // Meetings members may ask leave from, as live ones are announced.
  await announceMeetings(em, 'organization');
}

/** Study sessions, branches, placements and activities; attendance goes to the bus like live records. */
async function seedPartyBuilding(em: EntityManager, scale: number): Promise<void> {
  for (const g of partyGroups) em.create(PartyGroupSchema, { ...g, public: true });
  for (const m of partyGroupMemberships(scale)) {
    const g = partyGroups.find((x) => x.id === m.groupId)!;
    em.create(PartyGroupMembershipSchema, {
      ...m,
      district: g.district,
      status: m.leftOn ? 'ENDED' : 'ACTIVE',
      public: true,
    });
  }
  for (const s of demoStudySessions) em.create(StudySessionSchema, { ...s, public: true });
  const placements = branchPlacements(scale);
  for (const b of partyBranches) {
    const first = placements.find((p) => p.branchId === b.id);
    em.create(PartyBranchSchema, {
      ...b,
      secretaryId: first?.memberId ?? null,
      secretarySince: first?.joinedOn ?? null,
      dissolvedOn: null,
      status: 'ACTIVE',
      public: true,
    });
  }
  for (const a of branchActivities)
    em.create(BranchActivitySchema, {
      ...a,
      district: partyBranches.find((b) => b.id === a.branchId)!.district,
      public: true,
    });
  await em.flush();
  for (const table of ['party_group', 'study_session', 'party_branch', 'branch_activity'])
    await syncSequence(em, table);

  await writeInBatches(em, placements, (p) => {
    const b = partyBranches.find((x) => x.id === p.branchId)!;
    em.create(BranchPlacementSchema, {
      district: b.district,
      branchId: b.id,
      memberId: p.memberId,
      joinedOn: p.joinedOn,
      leftOn: null,
      status: 'ACTIVE',
      public: false,
    });
  });
  await writeInBatches(em, studySessionAttendance(scale), (line) => {
    const s = demoStudySessions.find((x) => x.id === line.sessionId)!;
    em.create(AttendanceSchema, {
      district: s.district,
      kind: 'STUDY_SESSION',
      subjectId: s.id,
      memberId: line.memberId,
      attendance: line.attendance,
      heldOn: s.heldOn!,
      public: false,
    });
    emit(
      em,
      'organization',
      studySessionAttended,
      {
        sessionId: String(s.id),
        memberId: String(line.memberId),
        topic: s.topic,
        heldOn: s.heldOn!,
        attendance: line.attendance,
      },
      s.district,
    );
  });
  await writeInBatches(em, branchActivityParticipants(scale), (line) => {
    const a = branchActivities.find((x) => x.id === line.activityId)!;
    const b = partyBranches.find((x) => x.id === a.branchId)!;
    em.create(AttendanceSchema, {
      district: b.district,
      kind: 'BRANCH_ACTIVITY',
      subjectId: a.id,
      memberId: line.memberId,
      attendance: 'PRESENT',
      heldOn: a.heldOn,
      public: false,
    });
    emit(
      em,
      'organization',
      branchActivityAttended,
      {
        activityId: String(a.id),
        branchId: String(b.id),
        memberId: String(line.memberId),
        title: a.title,
        heldOn: a.heldOn,
      },
      b.district,
    );
  });
}

/** The reform as dated steps, and the committee–department liaison it set up. */
async function seedCommitteeHistory(em: EntityManager): Promise<void> {
  for (const change of committeeChanges) {
    const c = committees.find((x) => x.id === change.committeeId)!;
    em.create(CommitteeChangeSchema, {
      district: c.district,
      committeeId: c.id,
      kind: change.kind,
      changedOn: change.on,
      nameBefore: change.kind === 'CREATED' ? null : c.name,
      nameAfter: c.name,
      functionsBefore: change.functionsBefore,
      functionsAfter: c.functions,
      note: change.note,
      public: true,
    });
  }
  for (const p of liaisonPairs)
    em.create(LiaisonPairSchema, { ...p, until: null, status: 'ACTIVE', public: true });
  for (const a of liaisonActivities)
    em.create(LiaisonActivitySchema, {
      ...a,
      district: liaisonPairs.find((p) => p.id === a.pairId)!.district,
      public: true,
    });
  await em.flush();
  await syncSequence(em, 'liaison_pair');
}

/** Units, terms, sessions and meetings, announced on the bus as live ones are. */
async function seedBodies(em: EntityManager, scale: number): Promise<void> {
  for (const u of governmentUnits)
    announceUnit(
      em,
      'organization',
      em.create(GovernmentUnitSchema, { ...u, active: true, public: true }),
    );
  for (const t of terms)
    announceTerm(em, 'organization', em.create(TermSchema, { ...t, public: true }));
  for (const s of sessions) em.create(SessionSchema, { ...s, public: true });
  for (const m of bodyMeetings) em.create(BodyMeetingSchema, m);
  await em.flush();
  for (const table of ['government_unit', 'term', 'term_session', 'body_meeting'])
    await syncSequence(em, table);
  const byId = new Map(bodyMeetings.map((m) => [m.id, m]));
  await writeInBatches(em, bodyMeetingAttendance(scale), (line) => {
    const m = byId.get(line.meetingId)!;
    em.create(AttendanceSchema, {
      district: m.district,
      kind: 'BODY_MEETING',
      subjectId: m.id,
      memberId: line.memberId,
      attendance: line.attendance,
      heldOn: m.heldOn!,
      public: false,
    });
    const payload = {
      meetingId: String(m.id),
      memberId: String(line.memberId),
      body: m.body,
      title: m.title,
      heldOn: m.heldOn!,
      attendance: line.attendance,
    };
    emit(em, 'organization', bodyMeetingAttended, payload, m.district);
  });
}

/** The leadership with its terms, and the decisions the standing committee relayed (传达学习). */
async function seedLeadership(em: EntityManager): Promise<void> {
  for (const p of leadershipPosts) em.create(LeadershipPostSchema, { ...p, public: true });
  for (const r of relayedDecisions) {
    const meeting = bodyMeetings.find((m) => m.id === r.meetingId)!;
    em.create(RelayedDecisionSchema, {
      ...r,
      district: meeting.district,
      relayedOn: meeting.heldOn!,
      public: meeting.public,
    });
  }
  await em.flush();
  for (const table of ['leadership_post', 'relayed_decision']) await syncSequence(em, table);
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(DistrictSchema, {})) > 0;
}

/** Documents and reviews, letters, consensus campaigns, staff records and press reports from the report. */
async function seedOutreach(em: EntityManager, scale: number): Promise<void> {
  for (const d of policyDocuments) em.create(PolicyDocumentSchema, { ...d, public: true });
  for (const r of implementationReviews)
    em.create(ImplementationReviewSchema, {
      ...r,
      district: policyDocuments.find((d) => d.id === r.documentId)!.district,
      public: true,
    });
  for (const c of communications)
    em.create(CommunicationSchema, { ...c, status: 'ISSUED', public: true });
  for (const c of consensusCampaigns) em.create(ConsensusCampaignSchema, { ...c, public: true });
  for (const s of staffRecords) em.create(StaffRecordSchema, { ...s, note: null, public: false });
  for (const r of pressReports) em.create(PressReportSchema, { ...r, url: null, public: true });
  await em.flush();
  for (const table of [
    'policy_document',
    'implementation_review',
    'communication',
    'consensus_campaign',
    'staff_record',
    'press_report',
  ])
    await syncSequence(em, table);
  await writeInBatches(em, campaignEntries(scale), (e) => {
    em.create(CampaignEntrySchema, {
      ...e,
      district: consensusCampaigns.find((c) => c.id === e.campaignId)!.district,
      public: true,
    });
  });
}
