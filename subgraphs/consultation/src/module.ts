import { defineModule } from '@cppcc/kit';
import { consultationAttended } from '@cppcc/events';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
import { ParticipantSchema } from './entities/participant.entity.js';
import { initial } from './migrations/0001-initial.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/** Consultation: activities of every form and who took part; adds Member.consultations. */
export const consultation = defineModule({
  name: 'consultation',
  port: 4104,
  schema,
  entities: [ConsultationActivitySchema, ParticipantSchema],
  migrations: [initial],
  emits: [consultationAttended],
  seed,
  isSeeded,
});
