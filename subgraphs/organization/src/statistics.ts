import type { EntityManager } from '@cppcc/kit';
import { BodyMeetingSchema, BODIES, type Body } from './entities/body-meeting.entity.js';
import { CommitteeChangeSchema } from './entities/committee-change.entity.js';
import { CommitteeMembershipSchema } from './entities/committee-membership.entity.js';
import { MemberRefSchema } from './entities/member-ref.entity.js';

/**
 * The figures section 1 of the work report quotes, computed from rows on every call. System
 * reads (no district filter): every figure here is an aggregate of a district the caller
 * named, and the report publishes them.
 */
export interface Period {
  district: string;
  from: string;
  to: string;
}

/** Seats held on `day`: joined by then and not yet left. */
export function seatsHeldOn(em: EntityManager, district: string, day: string) {
  return em.find(CommitteeMembershipSchema, { district, joinedOn: { $lte: day }, $or: [{ leftOn: null }, { leftOn: { $gt: day } }] }, { filters: false });
}

export interface CommitteeCoverage {
  on: string;
  activeMembers: number;
  assigned: number;
  share: number | null;
  unassignedIds: number[];
}

/** 全员入委: the share of the district's active members who sit on at least one committee on `on`. */
export async function committeeCoverage(em: EntityManager, district: string, on: string): Promise<CommitteeCoverage> {
  const [members, seats] = await Promise.all([em.find(MemberRefSchema, { district, status: 'ACTIVE' }, { orderBy: { memberId: 'asc' } }), seatsHeldOn(em, district, on)]);
  const seated = new Set(seats.map((s) => s.memberId));
  const unassignedIds = members.filter((m) => !seated.has(m.memberId)).map((m) => m.memberId);
  const assigned = members.length - unassignedIds.length;
  return { on, activeMembers: members.length, assigned, share: members.length ? assigned / members.length : null, unassignedIds };
}

export interface CommitteeChangeCounts {
  created: number;
  functionsAdjusted: number;
  merged: number;
  dissolved: number;
}

/** "Added one committee, adjusted three": distinct committees per kind of change in the period. */
export async function committeeChangeCounts(em: EntityManager, p: Period): Promise<CommitteeChangeCounts> {
  const rows = await em.find(CommitteeChangeSchema, { district: p.district, changedOn: { $gte: p.from, $lte: p.to } }, { filters: false });
  const count = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.committeeId)).size;
  return { created: count('CREATED'), functionsAdjusted: count('FUNCTIONS_ADJUSTED'), merged: count('MERGED'), dissolved: count('DISSOLVED') };
}

export async function bodyMeetingsHeld(em: EntityManager, p: Period): Promise<{ body: Body; count: number }[]> {
  const rows = await em.find(BodyMeetingSchema, { district: p.district, status: 'HELD', heldOn: { $gte: p.from, $lte: p.to } }, { filters: false, fields: ['body'] });
  return BODIES.map((body) => ({ body, count: rows.filter((r) => r.body === body).length }));
}
