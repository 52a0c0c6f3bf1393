import { emit, syncSequence, writeInBatches, type EntityManager, type SeedOptions } from '@cppcc/kit';
import { consultationAttended } from '@cppcc/events';
import { activities } from '@cppcc/demo';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
import { ParticipantSchema } from './entities/participant.entity.js';

/** The report's key consultation activities; each attendance goes out on the bus. */
export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  await writeInBatches(em, activities(scale), (a) => {
    em.create(ConsultationActivitySchema, {
      id: a.id,
      district: a.district,
      title: a.title,
      form: a.form,
      topic: a.topic,
      heldOn: a.heldOn,
      counterpart: a.counterpart,
      status: 'HELD',
      public: true,
    });
    for (const memberId of a.participantIds) {
      em.create(ParticipantSchema, { district: a.district, activityId: a.id, memberId, public: true });
      const payload = { activityId: String(a.id), memberId: String(memberId), form: a.form, title: a.title, heldOn: a.heldOn };
      emit(em, 'consultation', consultationAttended, payload, a.district);
    }
  }, progress, 50);
  await syncSequence(em, 'consultation_activity');
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(ConsultationActivitySchema, {})) > 0;
}
