import {
  emit,
  syncSequence,
  writeInBatches,
  type EntityManager,
  type SeedOptions,
} from '@cppcc/kit';
import {
  campaigns,
  demoLeaveRequests,
  demoMerits,
  demoScoringPresets,
  demoStudios,
  donations,
  members,
  standingReports,
  studioReceptions,
  studioShifts,
  townshipConvenors,
} from '@cppcc/demo';
import {
  awardRecorded,
  donationMade,
  penaltyRecorded,
  standingReportFiled,
  studioIssueRaised,
  studioShiftServed,
} from '@cppcc/events';
import { PRESETS, type RuleSet } from './assessment/rules.js';
import { MeritRecordSchema } from './entities/merit-record.entity.js';
import { ScoringRuleSetSchema } from './entities/scoring-rule-set.entity.js';
import {
  MemberStudioSchema,
  StudioReceptionSchema,
  StudioResidentSchema,
  StudioShiftSchema,
  TownshipConvenorSchema,
} from './entities/studio.entity.js';
import { DonationCampaignSchema, DonationSchema } from './entities/donation.entity.js';
import { MemberChangeSchema } from './entities/member-change.entity.js';
import { MemberSchema } from './entities/member.entity.js';
import { LeaveRequestSchema } from './entities/leave-request.entity.js';
import { StandingReportSchema } from './entities/standing-report.entity.js';
import { announceMember } from './commands/announce-member.js';

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  // Organization and proposals replicate members from these announcements, as from live ones.
  const appointed = new Date('2021-12-20T00:00:00.000Z');
  await writeInBatches(
    em,
    members(scale),
    (m) => {
      const member = em.create(MemberSchema, {
        id: m.id,
        district: m.district,
        name: m.name,
        gender: m.gender,
        ethnicity: m.ethnicity,
        party: m.party,
        sectorId: m.sectorId,
        workUnit: m.workUnit,
        title: m.title,
        standingCommittee: m.standingCommittee,
        status: 'ACTIVE',
        termId: null,
        public: true,
      });
      // The appointment opens the dated history, as registerMember does for a live one.
      em.create(MemberChangeSchema, {
        district: m.district,
        memberId: m.id,
        field: 'status',
        fromValue: null,
        toValue: 'ACTIVE',
        effectiveOn: '2021-12-20',
        changedBy: null,
        note: '任命为委员',
        public: false,
      });
      announceMember(em, 'members', member, appointed);
    },
    progress,
  );
  await syncSequence(em, 'member');
  await syncSequence(em, 'member_change');

  for (const c of campaigns) em.create(DonationCampaignSchema, { ...c, public: true });
  let id = 0;
  // Members' donations reach their duty records through the bus, as live ones do.
  await writeInBatches(em, donations(scale), (d) => {
    const campaign = campaigns.find((c) => c.id === d.campaignId)!;
    em.create(DonationSchema, { ...d, id: ++id, district: campaign.district, public: true });
    if (d.memberId !== null) {
      const payload = {
        donationId: String(id),
        campaignId: String(campaign.id),
        memberId: String(d.memberId),
        campaign: campaign.title,
        amountFen: d.amountFen,
        donatedOn: d.donatedOn,
      };
      emit(em, 'members', donationMade, payload, campaign.district);
    }
  });
  await syncSequence(em, 'donation_campaign');
  await syncSequence(em, 'donation');

  // Leave asked from the city's planned standing-committee meeting, named by its record.
  for (const l of demoLeaveRequests(scale))
    em.create(LeaveRequestSchema, { ...l, decidedBy: null, public: false });
  await em.flush();
  await syncSequence(em, 'leave_request');

  // Studios: a served shift reaches its member's record through the bus, as a live one does.
  const studios = demoStudios(scale);
  for (const studio of studios) {
    const { residentIds, ...fields } = studio;
    em.create(MemberStudioSchema, { ...fields, public: true });
    for (const memberId of residentIds)
      em.create(StudioResidentSchema, {
        district: studio.district,
        studioId: studio.id,
        memberId,
        joinedOn: studio.openedOn,
        public: true,
      });
  }
  await writeInBatches(em, studioShifts(scale), (shift) => {
    em.create(StudioShiftSchema, { ...shift, public: true });
    if (shift.status !== 'SERVED') return;
    const studio = studios.find((x) => x.id === shift.studioId)!;
    emit(
      em,
      'members',
      studioShiftServed,
      {
        shiftId: String(shift.id),
        studioId: String(studio.id),
        studioName: studio.name,
        memberId: String(shift.memberId),
        servedOn: shift.shiftOn,
      },
      shift.district,
    );
  });
  for (const r of studioReceptions(scale)) {
    em.create(StudioReceptionSchema, { ...r, public: false });
    if (r.status !== 'PASSED_ON') continue;
    // Passed on as a live one is: proposals makes the draft, linked to this reception.
    const studio = studios.find((x) => x.id === r.studioId)!;
    emit(
      em,
      'members',
      studioIssueRaised,
      {
        receptionId: String(r.id),
        studioId: String(studio.id),
        studioName: studio.name,
        memberId: String(r.memberId),
        title: r.title,
        detail: r.detail,
        target: r.target!,
        raisedOn: r.receivedOn,
      },
      r.district,
    );
  }
  for (const c of townshipConvenors)
    em.create(TownshipConvenorSchema, { ...c, memberId: null, public: true });
  let meritId = 0;
  for (const m of demoMerits(scale)) {
    const record = em.create(MeritRecordSchema, {
      ...m,
      id: ++meritId,
      recordedBy: null,
      public: false,
    });
    const ids = { recordId: String(record.id), memberId: String(m.memberId), title: m.title };
    if (m.type === 'AWARD')
      emit(
        em,
        'members',
        awardRecorded,
        { ...ids, level: m.level!, awardedOn: m.decidedOn },
        m.district,
      );
    else
      emit(
        em,
        'members',
        penaltyRecorded,
        { ...ids, reason: m.reason!, decidedOn: m.decidedOn },
        m.district,
      );
  }
  // Standing members' reports: a filed one reaches the archive through the bus, as a live one does.
  for (const r of standingReports(scale)) {
    em.create(StandingReportSchema, {
      ...r,
      submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
      filedAt: r.filedAt ? new Date(r.filedAt) : null,
      public: false,
    });
    if (r.status === 'FILED')
      emit(
        em,
        'members',
        standingReportFiled,
        { reportId: String(r.id), memberId: String(r.memberId), year: r.year, filedAt: r.filedAt! },
        r.district,
      );
  }
  // Each district assesses by a real rule book, so the demo assessments follow from the demo archives.
  for (const [district, preset] of Object.entries(demoScoringPresets)) {
    for (const year of [2025, 2026]) {
      em.create(ScoringRuleSetSchema, {
        district,
        year,
        version: 1,
        rules:
          preset === 'tongcheng' ? demoBands(oneSittingAYear(PRESETS.tongcheng)) : PRESETS[preset],
        createdBy: null,
        createdAt: new Date(`${year}-01-01T00:00:00Z`),
        public: false,
      });
    }
  }
  await em.flush();
  for (const table of [
    'member_studio',
    'studio_resident',
    'studio_shift',
    'studio_reception',
    'township_convenor',
    'merit_record',
    'standing_report',
    'scoring_rule_set',
  ])
    await syncSequence(em, table);
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(MemberSchema, {})) > 0;
}

/**
 * 桐城's book gives the year's plenary 50 points (30 on leave) and the preset spreads them over
 * the two sittings a year it expects. The demo committees hold one plenary sitting a session,
 * so their book gives that sitting the year's points; scoring it as half a year's would grade
 * most demo members 不称职.
 */
/**
 * The demo committees grade in the four grades most committees' 考核办法 use (优秀, 称职, 基本称职,
 * 不称职) rather than 安庆's (优秀, 良好, 称职, 不称职 at 60): with 桐城's points the demo
 * archives then grade as a committee's year does — about one in six 优秀, most 称职, a few
 * 基本称职 and at most one in fifty 不称职 (tests/report-figures.e2e.ts) — where 安庆's bands
 * graded one in four demo members 不称职.
 */
function demoBands(rules: RuleSet): RuleSet {
  return {
    ...rules,
    grades: [
      { name: '优秀', min: 90 },
      { name: '称职', min: 50 },
      { name: '基本称职', min: 20 },
      { name: '不称职', min: 0 },
    ],
  };
}

function oneSittingAYear(rules: RuleSet): RuleSet {
  return {
    ...rules,
    items: rules.items.map((item) =>
      item.qualifier === 'PLENARY' &&
      (item.kind === 'meeting.attended' || item.kind === 'meeting.on_leave')
        ? { ...item, points: item.points * 2 }
        : item,
    ),
  };
}
