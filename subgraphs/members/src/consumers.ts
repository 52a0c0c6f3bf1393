import type { BusEvent, EntityManager, EventDefinition, EventHandler, PayloadOf } from '@cppcc/kit';
import {
  awardRecorded,
  bodyMeetingAttended,
  branchActivityAttended,
  consultationAttended,
  consultationSpoke,
  donationMade,
  dutyReported,
  instructionReceived,
  instructionTakenOver,
  leaveApproved,
  meetingRegistered,
  opinionItemAdopted,
  opinionItemSubmitted,
  penaltyRecorded,
  proposalFiled,
  proposalHonoured,
  proposalSubmitted,
  researchJoined,
  standingReportFiled,
  studioShiftServed,
  studySessionAttended,
  termRegistered,
} from '@cppcc/events';
import { CORE_NAMESPACES } from './assessment/rules.js';
import { DutyEventSchema } from './entities/duty-event.entity.js';
import { MemberSchema } from './entities/member.entity.js';
import { ParkedEventSchema } from './entities/parked-event.entity.js';
import { TermRefSchema } from './entities/term-ref.entity.js';
import { MeetingRefSchema } from './entities/meeting-ref.entity.js';
import { linkFreeTextLeaves } from './leave-links.js';

/** What a parked row holds: the entry to apply later, or (refused) the payload that broke the contract. */
export type ParkedEntry = DutyEntry | { payload: unknown };

export interface DutyEntry {
  memberId: string;
  kind: string;
  role?: 'LEAD' | 'CO';
  /** How many members share the work, where the source names its authors. */
  authors?: number;
  qualifier?: string;
  source: string;
  sourceType?: string;
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
    authors: entry.authors ?? null,
    qualifier: entry.qualifier ?? null,
    sourceModule: entry.source,
    sourceType: entry.sourceType ?? null,
    sourceId: entry.sourceId,
    summary: entry.summary,
    eventId: entry.eventId,
    district: entry.district,
    occurredAt: new Date(entry.at),
    public: false,
  });
}

function park(
  em: EntityManager,
  event: BusEvent,
  memberId: number,
  entry: ParkedEntry,
  reason: string,
  refused: boolean,
): void {
  em.create(ParkedEventSchema, {
    eventId: event.id,
    memberId,
    type: 'kind' in entry ? entry.kind : event.type,
    source: event.source,
    district: event.district,
    entry,
    reason,
    refused,
    parkedAt: new Date(),
    resolvedAt: null,
    public: false,
  });
}

/** Whether event `b` was sent after event `a`: outbox ids are UUIDv7, ordered by when they were made. */
function sentAfter(a: string, b: string): boolean {
  const v7 = (id: string) => id[14] === '7';
  return v7(a) && v7(b) ? b > a : true;
}

/** Sources whose line about a member the sender may correct: attendance at a meeting or study session. */
const CORRECTABLE = new Set(['BodyMeeting', 'StudySession']);

/**
 * Writes an entry into the archive. Attendance is a fact about one member at one meeting that
 * the taker may correct (an approved leave turns an absence into 请假): the line sent later
 * replaces the earlier, in whichever order they arrive — live or replayed from the parked —
 * so a meeting counts once.
 */
export async function applyDutyEntry(em: EntityManager, entry: DutyEntry): Promise<void> {
  if (!entry.sourceType || !CORRECTABLE.has(entry.sourceType)) return writeDutyEvent(em, entry);
  const prior = await em.findOne(
    DutyEventSchema,
    {
      memberId: Number(entry.memberId),
      sourceType: entry.sourceType,
      sourceId: entry.sourceId,
      kind: { $like: `${entry.kind.split('.')[0]}.%` },
    },
    { filters: false },
  );
  if (!prior) return writeDutyEvent(em, entry);
  if (sentAfter(prior.eventId, entry.eventId))
    em.assign(prior, {
      kind: entry.kind,
      summary: entry.summary,
      eventId: entry.eventId,
      occurredAt: new Date(entry.at),
    });
}

/** Records the entry, or parks it when the member is unknown here (yet): never dropped. */
async function record(em: EntityManager, event: BusEvent, entry: DutyEntry): Promise<void> {
  const member = await em.findOne(MemberSchema, { id: Number(entry.memberId) }, { filters: false });
  if (member) return applyDutyEntry(em, entry);
  park(
    em,
    event,
    Number(entry.memberId),
    { ...entry },
    `member ${entry.memberId} is not known to the members subgraph`,
    false,
  );
}

type Entry = Omit<DutyEntry, 'eventId' | 'district' | 'source'>;

/**
 * A handler that turns one event into duty entries. An event whose payload breaks its contract
 * is not thrown back at the bus (it would be redelivered for ever and, in process, hold back
 * every event behind it): it is kept aside as refused, with the reason, for staff to see.
 */
function duty<E extends EventDefinition>(
  definition: E,
  entries: (payload: PayloadOf<E>, event: BusEvent) => Entry[],
): EventHandler {
  return async (em, event) => {
    const parsed = definition.payload.safeParse(event.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const memberId = Number((event.payload as Record<string, unknown>)?.memberId);
      park(
        em,
        event,
        Number.isSafeInteger(memberId) ? memberId : 0,
        { payload: event.payload },
        `payload breaks the ${event.type} contract: ${issue.path.join('.') || 'payload'}: ${issue.message}`,
        true,
      );
      return;
    }
    for (const entry of entries(parsed.data as PayloadOf<E>, event)) {
      await record(em, event, {
        ...entry,
        eventId: event.id,
        district: event.district,
        source: event.source,
      });
    }
  };
}

const ATTENDANCE = { PRESENT: 'attended', ON_LEAVE: 'on_leave', ABSENT: 'absent' } as const;
const ATTENDANCE_WORD = { PRESENT: '出席', ON_LEAVE: '请假', ABSENT: '缺席' } as const;
const BODY = {
  PLENARY: '全体会议',
  STANDING_COMMITTEE: '常委会议',
  CHAIR_MEETING: '主席会议',
  SECRETARY_GENERAL_MEETING: '秘书长会议',
} as const;
const LEVEL = { NATIONAL: '全国', PROVINCIAL: '省级', CITY: '市级', DISTRICT: '县区级' } as const;

/** Authors in order: the first leads, the others co-author. */
const authors = (lead: string, co: string[]): [string, 'LEAD' | 'CO'][] => [
  [lead, 'LEAD'],
  ...co.map((id): [string, 'CO'] => [id, 'CO']),
];
const byList = (ids: string[]) => (ids.length === 0 ? [] : authors(ids[0], ids.slice(1)));

/**
 * The duty record is built from what the other modules report, never typed in by hand. One
 * entry per member an event names; the (event, member) pair is unique, so a redelivered event
 * that slipped past the ledger still cannot count twice.
 */
export const consumes: Record<string, EventHandler> = {
  // An event sent before submissions named co-authors has none: the lead's entry alone, as then.
  [proposalSubmitted.type]: duty(proposalSubmitted, (p) =>
    authors(p.authorId, p.coAuthorIds ?? []).map(([memberId, role]) => ({
      memberId,
      kind: 'proposal.submitted',
      role,
      authors: 1 + (p.coAuthorIds ?? []).length,
      sourceType: 'Proposal',
      sourceId: p.proposalId,
      summary: `${role === 'LEAD' ? '提交' : '联名'}提案《${p.title}》`,
      at: p.submittedAt,
    })),
  ),
  [proposalFiled.type]: duty(proposalFiled, (p) =>
    authors(p.authorId, p.coAuthorIds).map(([memberId, role]) => ({
      memberId,
      kind: 'proposal.filed',
      role,
      authors: 1 + p.coAuthorIds.length,
      sourceType: 'Proposal',
      sourceId: p.proposalId,
      summary: `${role === 'LEAD' ? '领衔' : '联名'}提案 ${p.caseNumber} 立案`,
      at: p.filedAt,
    })),
  ),
  [proposalHonoured.type]: duty(proposalHonoured, (p) =>
    authors(p.authorId, p.coAuthorIds).map(([memberId, role]) => ({
      memberId,
      kind: p.honour === 'KEY' ? 'proposal.key' : 'proposal.excellent',
      role,
      authors: 1 + p.coAuthorIds.length,
      sourceType: 'Proposal',
      sourceId: p.proposalId,
      summary: `${role === 'LEAD' ? '领衔' : '联名'}提案 ${p.caseNumber}《${p.title}》${p.honour === 'KEY' ? '列为重点提案' : '获评优秀提案'}`,
      at: p.on,
    })),
  ),
  [opinionItemSubmitted.type]: duty(opinionItemSubmitted, (p) =>
    byList(p.authorIds).map(([memberId, role]) => ({
      memberId,
      kind: 'opinion.submitted',
      role,
      authors: p.authorIds.length,
      sourceType: 'OpinionItem',
      sourceId: p.itemId,
      summary: `报送社情民意《${p.title}》`,
      at: p.submittedOn,
    })),
  ),
  [opinionItemAdopted.type]: duty(opinionItemAdopted, (p) =>
    byList(p.authorIds).map(([memberId, role]) => ({
      memberId,
      kind: 'opinion.adopted',
      role,
      authors: p.authorIds.length,
      qualifier: p.level,
      sourceType: 'OpinionItem',
      sourceId: p.itemId,
      summary: `社情民意《${p.title}》被${LEVEL[p.level]}采用`,
      at: p.adoptedOn,
    })),
  ),
  [instructionReceived.type]: duty(instructionReceived, (p) =>
    p.memberIds.map((memberId) => ({
      memberId,
      kind: 'instruction.received',
      qualifier: p.level,
      sourceType: 'Instruction',
      sourceId: p.instructionId,
      summary: `《${p.title}》获${LEVEL[p.level]}领导${p.leader}批示`,
      at: p.instructedOn,
    })),
  ),
  // Consultation took over an instruction proposals recorded: the entries of it name the one
  // instruction, by consultation's id, so "Instruction" ids are one series whatever the subject.
  [instructionTakenOver.type]: async (em, event) => {
    const t = instructionTakenOver.payload.parse(event.payload);
    await em.nativeUpdate(
      DutyEventSchema,
      { sourceModule: 'proposals', sourceType: 'Instruction', sourceId: t.sourceId },
      { sourceModule: event.source, sourceId: t.instructionId },
      { filters: false },
    );
  },
  [consultationAttended.type]: duty(consultationAttended, (p) => [
    {
      memberId: p.memberId,
      kind: 'consultation.attended',
      qualifier: p.form,
      sourceType: 'ConsultationActivity',
      sourceId: p.activityId,
      summary: `参加${p.title}`,
      at: p.heldOn,
    },
  ]),
  [consultationSpoke.type]: duty(consultationSpoke, (p) => [
    {
      memberId: p.memberId,
      kind: p.mode === 'ORAL' ? 'speech.oral' : 'speech.written',
      sourceType: 'Speech',
      sourceId: p.speechId,
      summary: `${p.mode === 'ORAL' ? '发言' : '书面发言'}：${p.title}`,
      at: p.spokeOn,
    },
  ]),
  [researchJoined.type]: duty(researchJoined, (p) => [
    {
      memberId: p.memberId,
      kind: 'research.joined',
      role: p.role === 'LEAD' ? 'LEAD' : 'CO',
      sourceType: 'ResearchProject',
      sourceId: p.projectId,
      summary: `${p.role === 'LEAD' ? '牵头' : '参加'}调研：${p.title}`,
      at: p.joinedOn,
    },
  ]),
  [bodyMeetingAttended.type]: duty(bodyMeetingAttended, (p) => [
    {
      memberId: p.memberId,
      kind: `meeting.${ATTENDANCE[p.attendance]}`,
      qualifier: p.body,
      sourceType: 'BodyMeeting',
      sourceId: p.meetingId,
      summary: `${p.title}（${BODY[p.body]}，${ATTENDANCE_WORD[p.attendance]}）`,
      at: p.heldOn,
    },
  ]),
  [studySessionAttended.type]: duty(studySessionAttended, (p) => [
    {
      memberId: p.memberId,
      kind: `study.${ATTENDANCE[p.attendance]}`,
      sourceType: 'StudySession',
      sourceId: p.sessionId,
      summary: `理论学习：${p.topic}（${ATTENDANCE_WORD[p.attendance]}）`,
      at: p.heldOn,
    },
  ]),
  [branchActivityAttended.type]: duty(branchActivityAttended, (p) => [
    {
      memberId: p.memberId,
      kind: 'branch.attended',
      qualifier: p.branchId,
      sourceType: 'BranchActivity',
      sourceId: p.activityId,
      summary: `参加功能型党支部活动：${p.title}`,
      at: p.heldOn,
    },
  ]),
  [dutyReported.type]: async (em, event) => {
    // A plugin names kinds of its own namespace; one borrowing a core namespace would forge a core entry.
    const kind = (event.payload as { kind?: unknown })?.kind;
    if (typeof kind === 'string' && CORE_NAMESPACES.has(kind.split('.')[0])) {
      const memberId = Number((event.payload as Record<string, unknown>).memberId);
      park(
        em,
        event,
        Number.isSafeInteger(memberId) ? memberId : 0,
        { payload: event.payload },
        `kind: "${kind}" is reserved to the members subgraph; a plugin reports kinds of its own namespace`,
        true,
      );
      return;
    }
    await duty(dutyReported, (p) => [
      {
        memberId: p.memberId,
        kind: p.kind,
        sourceType: p.kind.split('.').slice(0, -1).join('.'),
        sourceId: p.sourceId,
        summary: p.summary,
        at: p.occurredOn,
      },
    ])(em, event);
  },
  [standingReportFiled.type]: duty(standingReportFiled, (p) => [
    {
      memberId: p.memberId,
      kind: 'report.filed',
      sourceType: 'StandingReport',
      sourceId: p.reportId,
      summary: `${p.year}年度常委履职报告归档`,
      at: p.filedAt,
    },
  ]),
  [donationMade.type]: duty(donationMade, (p) => [
    {
      memberId: p.memberId,
      kind: 'donation.made',
      sourceType: 'Donation',
      sourceId: p.donationId,
      summary: `向“${p.campaign}”捐赠 ${(p.amountFen / 100).toFixed(2)} 元`,
      at: p.donatedOn,
    },
  ]),
  // Attendance itself comes from whoever took it (body_meeting.attended, ON_LEAVE); the approval is its own entry.
  [leaveApproved.type]: duty(leaveApproved, (p) => [
    {
      memberId: p.memberId,
      kind: 'leave.approved',
      qualifier: p.meetingLevel,
      sourceType: 'LeaveRequest',
      sourceId: p.leaveId,
      summary: `${p.meeting}（请假获准）`,
      at: p.meetingOn,
    },
  ]),
  [studioShiftServed.type]: duty(studioShiftServed, (p) => [
    {
      memberId: p.memberId,
      kind: 'studio.duty',
      sourceType: 'StudioShift',
      sourceId: p.shiftId,
      summary: `${p.studioName}值班接待`,
      at: p.servedOn,
    },
  ]),
  [awardRecorded.type]: duty(awardRecorded, (p) => [
    {
      memberId: p.memberId,
      kind: 'award.received',
      qualifier: p.level,
      sourceType: 'MeritRecord',
      sourceId: p.recordId,
      summary: `获${LEVEL[p.level]}表彰：${p.title}`,
      at: p.awardedOn,
    },
  ]),
  [penaltyRecorded.type]: duty(penaltyRecorded, (p) => [
    {
      memberId: p.memberId,
      kind: 'penalty.received',
      sourceType: 'MeritRecord',
      sourceId: p.recordId,
      summary: `${p.title}（${p.reason}）`,
      at: p.decidedOn,
    },
  ]),
  [termRegistered.type]: async (em, event) => {
    const p = termRegistered.payload.parse(event.payload);
    await em.upsert(TermRefSchema, {
      id: Number(p.termId),
      district: p.district,
      ordinal: p.ordinal,
      name: p.name,
      startsOn: p.startsOn.slice(0, 10),
      endsOn: p.endsOn?.slice(0, 10) ?? null,
    });
  },
  // Meetings a leave request may name (organization); the latest change wins. Requests asked for
  // by free text before leaves were linked are linked to the meeting they match.
  [meetingRegistered.type]: async (em, event) => {
    const p = meetingRegistered.payload.parse(event.payload);
    const key = { kind: p.kind, id: Number(p.meetingId) };
    const known = await em.findOne(MeetingRefSchema, key);
    if (known && known.changedAt > p.changedAt) return;
    const facts = {
      district: p.district,
      title: p.title,
      level: p.level,
      plannedOn: p.plannedOn,
      heldOn: p.heldOn,
      status: p.status,
      changedAt: p.changedAt,
    };
    if (known) em.assign(known, facts);
    else em.create(MeetingRefSchema, { ...key, ...facts });
    await linkFreeTextLeaves(em, { ...key, ...facts });
  },
};
