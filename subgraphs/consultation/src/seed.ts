import { emit, syncSequence, writeInBatches, type EntityManager, type SeedOptions } from '@cppcc/kit';
import { consultationAttended, consultationSpoke } from '@cppcc/events';
import { activities, activityStatus, cityActivity, CITY, counterpartUnitId, guests, minutes, plannedActivities, speeches, unitByShort } from '@cppcc/demo';
import { ActivityGuestSchema } from './entities/activity-guest.entity.js';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
import { ParticipantSchema } from './entities/participant.entity.js';
import { SpeechSchema } from './entities/speech.entity.js';

/** The report's key consultation activities; each attendance and speech goes out on the bus. */
async function seedActivities(em: EntityManager, scale: number, progress: SeedOptions['progress']): Promise<void> {
  const held = activities(scale);
  await writeInBatches(em, held, (a) => {
    em.create(ConsultationActivitySchema, {
      id: a.id,
      district: a.district,
      title: a.title,
      form: a.form,
      topic: a.topic,
      heldOn: a.heldOn,
      counterpart: a.counterpart,
      counterpartUnitId: counterpartUnitId(a),
      location: null,
      planTopicId: null,
      minutes: minutes[a.title] && activityStatus(a) === 'CLOSED' ? minutes[a.title] : null,
      status: activityStatus(a),
      public: true,
    });
    for (const memberId of a.participantIds) {
      em.create(ParticipantSchema, { district: a.district, activityId: a.id, memberId, attendance: 'PRESENT', public: true });
      const payload = { activityId: String(a.id), memberId: String(memberId), form: a.form, title: a.title, heldOn: a.heldOn };
      emit(em, 'consultation', consultationAttended, payload, a.district);
    }
  }, progress, 50);

  let nextId = held.length;
  for (const p of plannedActivities) {
    em.create(ConsultationActivitySchema, {
      id: ++nextId,
      district: CITY,
      title: p.title,
      form: p.form,
      topic: p.topic,
      heldOn: p.heldOn,
      counterpart: p.counterpartShort ? unitByShort(CITY, p.counterpartShort).name : null,
      counterpartUnitId: p.counterpartShort ? unitByShort(CITY, p.counterpartShort).id : null,
      location: p.location,
      planTopicId: null,
      minutes: null,
      status: p.status,
      public: true,
    });
  }
  await em.flush();
  await syncSequence(em, 'consultation_activity');

  for (const g of guests) {
    const a = cityActivity(g.activityTitle);
    em.create(ActivityGuestSchema, { district: a.district, activityId: a.id, kind: g.kind, name: g.name, position: g.position, unitId: g.unitShort ? unitByShort(a.district, g.unitShort).id : null, public: true });
  }
  await em.flush();
  for (const s of speeches) {
    const a = cityActivity(s.activityTitle);
    const memberId = a.participantIds[s.participant];
    const speech = em.create(SpeechSchema, { district: a.district, activityId: a.id, memberId, guestId: null, title: s.title, mode: s.mode, spokeOn: a.heldOn, text: null, public: true });
    await em.flush();
    emit(em, 'consultation', consultationSpoke, { activityId: String(a.id), speechId: String(speech.id), memberId: String(memberId), title: s.title, mode: s.mode, spokeOn: a.heldOn }, a.district);
  }
  await em.flush();
}

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  await seedActivities(em, scale, progress);
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(ConsultationActivitySchema, {})) > 0;
}
