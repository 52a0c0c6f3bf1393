import { assertWritableDistrict, emit, inputError, type RequestContext } from '@cppcc/kit';
import { consultationAttended } from '@cppcc/events';
import { ConsultationActivitySchema, type ConsultationActivity, type ConsultationForm } from '../entities/consultation-activity.entity.js';
import { ParticipantSchema } from '../entities/participant.entity.js';

export interface RecordActivity {
  district: string;
  title: string;
  form: ConsultationForm;
  topic: string;
  heldOn: string;
  counterpart: string | null;
  participantIds: number[];
}

/** Staff record a consultation activity that took place; each participant's record hears of it. */
export async function recordActivity(ctx: RequestContext, input: RecordActivity): Promise<ConsultationActivity> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (input.form === 'COUNTERPART' && !input.counterpart) {
    throw inputError('input.counterpart', 'required', 'a counterpart consultation names the government department');
  }
  if (new Set(input.participantIds).size !== input.participantIds.length) {
    throw inputError('input.participantIds', 'unique', 'lists a member twice');
  }
  return ctx.em.transactional(async (em) => {
    const activity = em.create(ConsultationActivitySchema, { ...input, status: 'HELD', public: true });
    await em.flush();
    for (const memberId of input.participantIds) {
      em.create(ParticipantSchema, { district: input.district, activityId: activity.id, memberId, public: true });
      emit(em, ctx.module, consultationAttended, {
        activityId: String(activity.id),
        memberId: String(memberId),
        form: activity.form,
        title: activity.title,
        heldOn: activity.heldOn,
      }, activity.district);
    }
    await em.flush();
    return activity;
  });
}
