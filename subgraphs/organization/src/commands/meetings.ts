import { meetingRegistered } from '@cppcc/events';
import { emit, type EntityManager } from '@cppcc/kit';
import { BodyMeetingSchema, type BodyMeeting } from '../entities/body-meeting.entity.js';
import { StudySessionSchema, type StudySession } from '../entities/study-session.entity.js';
import { levelOf } from './leaves.js';

/**
 * Tells the members subgraph how a meeting stands (`meeting.registered`), in the transaction of
 * the change: a leave request names a meeting on record, and is refused for one unknown, ended or
 * cancelled. Sent when a body meeting or study session is planned, held, cancelled or archived.
 */
export function announceBodyMeeting(em: EntityManager, module: string, m: BodyMeeting): void {
  emit(
    em,
    module,
    meetingRegistered,
    {
      kind: 'BODY_MEETING',
      meetingId: String(m.id),
      district: m.district,
      title: m.title,
      level: levelOf(m.body),
      plannedOn: m.plannedOn,
      heldOn: m.heldOn ?? null,
      status: m.status,
      changedAt: new Date().toISOString(),
    },
    m.district,
  );
}

export function announceStudySession(em: EntityManager, module: string, s: StudySession): void {
  emit(
    em,
    module,
    meetingRegistered,
    {
      kind: 'STUDY_SESSION',
      meetingId: String(s.id),
      district: s.district,
      title: s.topic,
      level: levelOf(null),
      plannedOn: s.plannedOn,
      heldOn: s.heldOn ?? null,
      status: s.status,
      changedAt: new Date().toISOString(),
    },
    s.district,
  );
}

/** Every body meeting and study session as it stands (the seed, announce). */
export async function announceMeetings(em: EntityManager, module: string): Promise<number> {
  const all = { filters: false, orderBy: { id: 'asc' } } as const;
  const meetings = await em.find(BodyMeetingSchema, {}, all);
  const sessions = await em.find(StudySessionSchema, {}, all);
  for (const m of meetings) announceBodyMeeting(em, module, m);
  for (const s of sessions) announceStudySession(em, module, s);
  await em.flush();
  return meetings.length + sessions.length;
}
