import { defineModule } from '@cppcc/kit';
import { consultationAttended, consultationSpoke } from '@cppcc/events';
import { consumes } from './consumers.js';
import { ActivityGuestSchema } from './entities/activity-guest.entity.js';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
import { ParticipantSchema } from './entities/participant.entity.js';
import { SpeechSchema } from './entities/speech.entity.js';
import { UnitRefSchema } from './entities/unit-ref.entity.js';
import { initial } from './migrations/0001-initial.js';
import { activityLifecycle } from './migrations/0002-activity-lifecycle.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/** Consultation: activities of every form, research under process control, and the outcome chain. */
export const consultation = defineModule({
  name: 'consultation',
  port: 4104,
  schema,
  entities: [ConsultationActivitySchema, ParticipantSchema, ActivityGuestSchema, SpeechSchema, UnitRefSchema],
  migrations: [initial, activityLifecycle],
  emits: [consultationAttended, consultationSpoke],
  consumes,
  seed,
  isSeeded,
});
