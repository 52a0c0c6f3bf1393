import type { EntityManager } from '@cppcc/kit';
import {
  ImplementationReviewSchema,
  PolicyDocumentSchema,
} from './entities/policy-document.entity.js';
import { CommunicationSchema } from './entities/communication.entity.js';
import { StaffRecordSchema } from './entities/staff-record.entity.js';
import { PressReportSchema } from './entities/press-report.entity.js';
import { BodyMeetingSchema, BODIES, type Body } from './entities/body-meeting.entity.js';
import { CommitteeChangeSchema } from './entities/committee-change.entity.js';
import { CommitteeMembershipSchema } from './entities/committee-membership.entity.js';
import { MemberFactSchema } from './entities/member-fact.entity.js';
import { AttendanceSchema } from './entities/attendance.entity.js';
import {
  BranchPlacementSchema,
  PartyBranchSchema,
  type PartyBranch,
} from './entities/party-branch.entity.js';
import { StudySessionSchema } from './entities/study-session.entity.js';
import { DistrictSchema } from './entities/district.entity.js';
import { RelayedDecisionSchema } from './entities/relayed-decision.entity.js';
import { LeadershipPostSchema } from './entities/leadership-post.entity.js';
import { VisitAttendanceSchema } from './entities/visit-attendance.entity.js';

/**
 * The figures section 1 of the work report quotes, computed from rows on every call. System
 * reads (no district filter): every figure here is an aggregate of a district the caller
 * named, and the report publishes them.
 */
export interface Period {
  /** The districts counted: one, or a district with every district below it. */
  districts: string[];
  from: string;
  to: string;
}

/** A district and, recursively, the districts below it, in code order. */
export async function withDistrictsBelow(em: EntityManager, code: string): Promise<string[]> {
  const all = await em.find(DistrictSchema, {}, { filters: false });
  const found = [code];
  for (let i = 0; i < found.length; i++)
    found.push(...all.filter((d) => d.parentCode === found[i]).map((d) => d.code));
  return [code, ...found.slice(1).sort()];
}

/** Seats held on `day`: joined by then and not yet left. */
export function seatsHeldOn(em: EntityManager, districts: string[], day: string) {
  return em.find(
    CommitteeMembershipSchema,
    {
      district: { $in: districts },
      joinedOn: { $lte: day },
      $or: [{ leftOn: null }, { leftOn: { $gt: day } }],
    },
    { filters: false },
  );
}

/**
 * The members of `districts` active on `day`, with whether they were Party members then: each
 * member's facts as last changed by the end of that day (a member who left in June counts in a
 * period ending in May; one who joined the Party in July does not count as one in June).
 */
export async function membersOn(
  em: EntityManager,
  districts: string[],
  day: string,
): Promise<{ memberId: number; cpcMember: boolean }[]> {
  const cutoff = `${day}T23:59:59.999Z`;
  const ever = await em.find(
    MemberFactSchema,
    { district: { $in: districts }, changedAt: { $lte: cutoff } },
    { filters: false, fields: ['memberId'] },
  );
  const ids = [...new Set(ever.map((f) => f.memberId))];
  const facts = await em.find(
    MemberFactSchema,
    { memberId: { $in: ids }, changedAt: { $lte: cutoff } },
    { filters: false, orderBy: { memberId: 'asc', changedAt: 'asc' } },
  );
  const latest = new Map(facts.map((f) => [f.memberId, f]));
  return [...latest.values()]
    .filter((f) => f.status === 'ACTIVE' && districts.includes(f.district))
    .map((f) => ({ memberId: f.memberId, cpcMember: f.cpcMember }));
}

export interface CommitteeCoverage {
  on: string;
  activeMembers: number;
  assigned: number;
  share: number | null;
  unassignedIds: number[];
}

/** 全员入委: the share of the districts' active members who sit on at least one committee on `on`. */
export async function committeeCoverage(
  em: EntityManager,
  districts: string[],
  on: string,
): Promise<CommitteeCoverage> {
  const [members, seats] = await Promise.all([
    membersOn(em, districts, on),
    seatsHeldOn(em, districts, on),
  ]);
  const seated = new Set(seats.map((s) => s.memberId));
  const unassignedIds = members.filter((m) => !seated.has(m.memberId)).map((m) => m.memberId);
  const assigned = members.length - unassignedIds.length;
  return {
    on,
    activeMembers: members.length,
    assigned,
    share: members.length ? assigned / members.length : null,
    unassignedIds,
  };
}

export interface CommitteeChangeCounts {
  created: number;
  functionsAdjusted: number;
  merged: number;
  dissolved: number;
}

/** "Added one committee, adjusted three": distinct committees per kind of change in the period. */
export async function committeeChangeCounts(
  em: EntityManager,
  p: Period,
): Promise<CommitteeChangeCounts> {
  const rows = await em.find(
    CommitteeChangeSchema,
    { district: { $in: p.districts }, changedOn: { $gte: p.from, $lte: p.to } },
    { filters: false },
  );
  const count = (kind: string) =>
    new Set(rows.filter((r) => r.kind === kind).map((r) => r.committeeId)).size;
  return {
    created: count('CREATED'),
    functionsAdjusted: count('FUNCTIONS_ADJUSTED'),
    merged: count('MERGED'),
    dissolved: count('DISSOLVED'),
  };
}

export async function bodyMeetingsHeld(
  em: EntityManager,
  p: Period,
): Promise<{ body: Body; count: number }[]> {
  const rows = await em.find(
    BodyMeetingSchema,
    { district: { $in: p.districts }, status: 'HELD', heldOn: { $gte: p.from, $lte: p.to } },
    { filters: false, fields: ['body'] },
  );
  return BODIES.map((body) => ({ body, count: rows.filter((r) => r.body === body).length }));
}

export interface MonthCount {
  month: string;
  monthly: number;
  special: number;
}

export interface StudyCadence {
  months: MonthCount[];
  /** Months of the period (up to today) in which a district counted held no monthly session. */
  missedMonths: string[];
  held: number;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** 每月召开1次: study sessions held per month, and the months that had none. */
export async function studyCadence(
  em: EntityManager,
  p: Period,
  today: string,
): Promise<StudyCadence> {
  const rows = await em.find(
    StudySessionSchema,
    {
      district: { $in: p.districts },
      status: { $in: ['HELD', 'ARCHIVED'] },
      heldOn: { $gte: p.from, $lte: p.to },
    },
    { filters: false },
  );
  const months = monthsBetween(p.from, p.to).map((month) => ({
    month,
    monthly: rows.filter((r) => r.kind === 'MONTHLY' && r.heldOn!.startsWith(month)).length,
    special: rows.filter((r) => r.kind === 'SPECIAL' && r.heldOn!.startsWith(month)).length,
  }));
  // A month is missed when any district counted held no monthly session in it (byDistrict says which).
  const missedMonths = months
    .filter(
      (m) =>
        m.month <= today.slice(0, 7) &&
        p.districts.some(
          (d) =>
            !rows.some(
              (r) => r.district === d && r.kind === 'MONTHLY' && r.heldOn!.startsWith(m.month),
            ),
        ),
    )
    .map((m) => m.month);
  return { months, missedMonths, held: rows.length };
}

export interface PartyCoverage {
  partyMembers: number;
  placed: number;
  /** 党的组织对党员委员全覆盖: placed / partyMembers. */
  partyMemberCoverage: number | null;
  members: number;
  reached: number;
  /** 党的工作对政协委员全覆盖: reached / members. */
  workCoverage: number | null;
  branches: PartyBranch[];
  branchesWithoutPartyMembers: PartyBranch[];
  unplacedIds: number[];
}

/**
 * 两个全覆盖 for a district and period. Members, their Party membership and placement are
 * taken as they stood on the period's last day; a member
 * is reached when placed in a branch then, or present at a branch activity in the period. The
 * branches are those established by the last day and not dissolved on or before it.
 */
export async function partyCoverage(em: EntityManager, p: Period): Promise<PartyCoverage> {
  const [members, placements, present, branches] = await Promise.all([
    membersOn(em, p.districts, p.to),
    em.find(
      BranchPlacementSchema,
      {
        district: { $in: p.districts },
        joinedOn: { $lte: p.to },
        $or: [{ leftOn: null }, { leftOn: { $gt: p.to } }],
      },
      { filters: false },
    ),
    em.find(
      AttendanceSchema,
      {
        district: { $in: p.districts },
        kind: 'BRANCH_ACTIVITY',
        attendance: 'PRESENT',
        heldOn: { $gte: p.from, $lte: p.to },
      },
      { filters: false, fields: ['memberId'] },
    ),
    em.find(
      PartyBranchSchema,
      {
        district: { $in: p.districts },
        establishedOn: { $lte: p.to },
        $or: [{ dissolvedOn: null }, { dissolvedOn: { $gt: p.to } }],
      },
      { filters: false, orderBy: { id: 'asc' } },
    ),
  ]);
  const placedIds = new Set(placements.map((x) => x.memberId));
  const reachedIds = new Set([...placedIds, ...present.map((x) => x.memberId)]);
  const cpc = members.filter((m) => m.cpcMember);
  const placed = cpc.filter((m) => placedIds.has(m.memberId)).length;
  const reached = members.filter((m) => reachedIds.has(m.memberId)).length;
  const occupied = new Set(placements.map((x) => x.branchId));
  return {
    partyMembers: cpc.length,
    placed,
    partyMemberCoverage: cpc.length ? placed / cpc.length : null,
    members: members.length,
    reached,
    workCoverage: members.length ? reached / members.length : null,
    branches,
    branchesWithoutPartyMembers: branches.filter((b) => !occupied.has(b.id)),
    unplacedIds: cpc.filter((m) => !placedIds.has(m.memberId)).map((m) => m.memberId),
  };
}

export interface OutreachCounts {
  policyDocuments: number;
  reviews: number;
  districtsVisited: number;
  openLetters: number;
  notices: number;
  initiativeLetters: number;
  secondments: number;
  promotions: { grade: string; count: number }[];
  pressReports: number;
  frontPageReports: number;
}

/**
 * Documents issued, inspections and research reported, letters issued and staff moves in the
 * period: the counts the report quotes ("X名干部到一线挂职，提拔任用正县级干部X名").
 */
export async function outreachCounts(em: EntityManager, p: Period): Promise<OutreachCounts> {
  const inPeriod = { $gte: p.from, $lte: p.to };
  const [documents, reviews, letters, staff, press] = await Promise.all([
    em.count(
      PolicyDocumentSchema,
      { district: { $in: p.districts }, issuedOn: inPeriod },
      { filters: false },
    ),
    em.find(
      ImplementationReviewSchema,
      { district: { $in: p.districts }, reportedOn: inPeriod },
      { filters: false },
    ),
    em.find(
      CommunicationSchema,
      { district: { $in: p.districts }, status: 'ISSUED', issuedOn: inPeriod },
      { filters: false },
    ),
    em.find(
      StaffRecordSchema,
      { district: { $in: p.districts }, startsOn: inPeriod },
      { filters: false },
    ),
    em.find(
      PressReportSchema,
      { district: { $in: p.districts }, publishedOn: inPeriod },
      { filters: false },
    ),
  ]);
  const grades = [
    ...new Set(staff.filter((s) => s.kind !== 'SECONDMENT').map((s) => s.grade!)),
  ].sort();
  return {
    policyDocuments: documents,
    reviews: reviews.length,
    districtsVisited: new Set(reviews.flatMap((r) => r.districtsVisited)).size,
    openLetters: letters.filter((l) => l.kind === 'OPEN_LETTER').length,
    notices: letters.filter((l) => l.kind === 'NOTICE').length,
    initiativeLetters: letters.filter((l) => l.kind === 'INITIATIVE_LETTER').length,
    secondments: staff.filter((s) => s.kind === 'SECONDMENT').length,
    promotions: grades.map((grade) => ({
      grade,
      count: staff.filter((s) => s.kind !== 'SECONDMENT' && s.grade === grade).length,
    })),
    pressReports: press.length,
    frontPageReports: press.filter((r) => r.frontPage).length,
  };
}

/** 传达学习: agenda items of the period's meetings recorded as relaying a decision (by the meeting's day). */
export function relayedDecisionCount(em: EntityManager, p: Period): Promise<number> {
  return em.count(
    RelayedDecisionSchema,
    { district: { $in: p.districts }, relayedOn: { $gte: p.from, $lte: p.to } },
    { filters: false },
  );
}

/**
 * 班子成员集体走访: visits of the period (by their first day) on which the district's leadership
 * went together — the chair and most of the posts held that day (of the chair, vice-chairs and
 * secretary-general in office) among those who went.
 */
export async function collectiveVisitCount(em: EntityManager, p: Period): Promise<number> {
  const [went, posts] = await Promise.all([
    em.find(
      VisitAttendanceSchema,
      { district: { $in: p.districts }, occurredOn: { $gte: p.from, $lte: p.to } },
      { filters: false },
    ),
    em.find(LeadershipPostSchema, { district: { $in: p.districts } }, { filters: false }),
  ]);
  const visits = new Map<string, { district: string; day: string; members: Set<number> }>();
  for (const w of went) {
    const visit = visits.get(w.sourceId) ?? {
      district: w.district,
      day: w.occurredOn,
      members: new Set<number>(),
    };
    visit.members.add(w.memberId);
    visits.set(w.sourceId, visit);
  }
  let collective = 0;
  for (const v of visits.values()) {
    const held = posts.filter(
      (x) =>
        x.district === v.district && x.startsOn <= v.day && (x.endsOn == null || v.day <= x.endsOn),
    );
    const present = held.filter((x) => v.members.has(x.memberId));
    if (present.some((x) => x.role === 'CHAIR') && present.length * 2 > held.length) collective++;
  }
  return collective;
}
