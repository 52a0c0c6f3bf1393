import type { EntityManager, EventHandler } from '@cppcc/kit';
import { consultationAttended, donationMade, leaveApproved, proposalFiled, proposalSubmitted, standingReportFiled } from '@cppcc/events';
import { DutyEventSchema } from './entities/duty-event.entity.js';
import { MemberSchema } from './entities/member.entity.js';
import { ParkedEventSchema } from './entities/parked-event.entity.js';

export interface DutyEntry {
  memberId: string;
  kind: string;
  role?: 'LEAD' | 'CO';
  source: string;
  sourceId: string;
  summary: string;
  eventId: string;
  district: string | null;
  at: string;
}

export function writeDutyEvent(em: EntityManager, entry: DutyEntry): void {
  em.create(DutyEventSchema, {
    memberId: Number(entry.memberId),
    kind: entry.kind,
    role: entry.role ?? null,
    sourceModule: entry.source,
    sourceId: entry.sourceId,
    summary: entry.summary,
    eventId: entry.eventId,
    district: entry.district,
    occurredAt: new Date(entry.at),
    public: false,
  });
}

/** Records the entry, or parks it when the member is unknown here: never dropped. */
async function record(em: EntityManager, entry: DutyEntry): Promise<void> {
  const member = await em.findOne(MemberSchema, { id: Number(entry.memberId) }, { filters: false });
  if (member) return writeDutyEvent(em, entry);
  em.create(ParkedEventSchema, {
    eventId: entry.eventId,
    memberId: Number(entry.memberId),
    type: entry.kind,
    source: entry.source,
    district: entry.district,
    entry: { ...entry },
    reason: `member ${entry.memberId} is not known to the members subgraph`,
    parkedAt: new Date(),
    resolvedAt: null,
    public: false,
  });
}

/** The duty record is built from what the other modules report, never typed in by hand. */
export const consumes: Record<string, EventHandler> = {
  [proposalSubmitted.type]: async (em, event) => {
    const p = proposalSubmitted.payload.parse(event.payload);
    await record(em, { memberId: p.authorId, kind: event.type, role: 'LEAD', source: event.source, sourceId: p.proposalId, summary: `提交提案《${p.title}》`, eventId: event.id, district: event.district, at: p.submittedAt });
  },
  [proposalFiled.type]: async (em, event) => {
    const p = proposalFiled.payload.parse(event.payload);
    const authors: [string, 'LEAD' | 'CO'][] = [[p.authorId, 'LEAD'], ...p.coAuthorIds.map((id): [string, 'CO'] => [id, 'CO'])];
    for (const [memberId, role] of authors) {
      await record(em, { memberId, kind: event.type, role, source: event.source, sourceId: p.proposalId, summary: `${role === 'LEAD' ? '领衔' : '联名'}提案 ${p.caseNumber} 立案`, eventId: event.id, district: event.district, at: p.filedAt });
    }
  },
  [standingReportFiled.type]: async (em, event) => {
    const p = standingReportFiled.payload.parse(event.payload);
    await record(em, { memberId: p.memberId, kind: 'report.filed', source: event.source, sourceId: p.reportId, summary: `${p.year}年度常委履职报告归档`, eventId: event.id, district: event.district, at: p.filedAt });
  },
  [donationMade.type]: async (em, event) => {
    const p = donationMade.payload.parse(event.payload);
    await record(em, { memberId: p.memberId, kind: 'donation.made', source: event.source, sourceId: p.donationId, summary: `向“${p.campaign}”捐赠 ${(p.amountFen / 100).toFixed(2)} 元`, eventId: event.id, district: event.district, at: p.donatedOn });
  },
  [leaveApproved.type]: async (em, event) => {
    const p = leaveApproved.payload.parse(event.payload);
    await record(em, { memberId: p.memberId, kind: 'meeting.on_leave', source: event.source, sourceId: p.leaveId, summary: `${p.meeting}（请假）`, eventId: event.id, district: event.district, at: p.meetingOn });
  },
  [consultationAttended.type]: async (em, event) => {
    const p = consultationAttended.payload.parse(event.payload);
    await record(em, { memberId: p.memberId, kind: event.type, source: event.source, sourceId: p.activityId, summary: `参加${p.title}`, eventId: event.id, district: event.district, at: p.heldOn });
  },
};
