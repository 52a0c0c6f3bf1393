import { defineWorkflow } from '@cppcc/kit';
import type { ActivityStatus, ConsultationActivity } from './entities/consultation-activity.entity.js';

export type ActivityAction = 'prepare' | 'hold' | 'submitOutcome' | 'close' | 'cancel';

/**
 * A consultation activity, whatever its form: planned → preparing → held → outcome submitted →
 * closed. Committee staff organise every step; an activity without an outcome (a plenary
 * session's group discussion, say) closes straight after it is held.
 */
export const activityWorkflow = defineWorkflow<ActivityStatus, ActivityAction, ConsultationActivity>('consultation_activity', [
  { from: 'PLANNED', action: 'prepare', who: ['staff'], to: 'PREPARING' },
  { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
  { from: 'PREPARING', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
  { from: 'PREPARING', action: 'hold', who: ['staff'], to: 'HELD' },
  { from: 'HELD', action: 'submitOutcome', who: ['staff'], to: 'OUTCOME_SUBMITTED' },
  { from: 'HELD', action: 'close', who: ['staff'], to: 'CLOSED' },
  { from: 'OUTCOME_SUBMITTED', action: 'close', who: ['staff'], to: 'CLOSED' },
]);

