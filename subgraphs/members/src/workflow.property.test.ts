import { neverLies, POOL, type Rng } from '@cppcc/testing';
import { it } from 'vitest';
import { LEAVE_STATUSES, MEETING_LEVELS } from './entities/leave-request.entity.js';
import { REPORT_STATUSES } from './entities/standing-report.entity.js';
import { MEETING_REF_STATUSES } from './entities/meeting-ref.entity.js';
import { RECEPTION_STATUSES, SHIFT_STATUSES } from './entities/studio.entity.js';
import {
  leaveWorkflow,
  receptionWorkflow,
  shiftWorkflow,
  standingReportWorkflow,
} from './workflow.js';

/** The tables never lie: random records and callers, availableActions iff check (fixed seed). */
const record = (rng: Rng, status: string) => ({
  id: 1 + rng.int(1000),
  status,
  memberId: rng.pick(POOL.members),
  meetingLevel: rng.pick(MEETING_LEVELS),
  meeting: 'meeting',
  // The leave table's guard reads the named meeting's status (null: free text, not replicated).
  meetingStatus: rng.pick([null, ...MEETING_REF_STATUSES]),
});

it.each([
  ['standing_report', standingReportWorkflow, REPORT_STATUSES],
  ['leave_request', leaveWorkflow, LEAVE_STATUSES],
  ['studio_shift', shiftWorkflow, SHIFT_STATUSES],
  ['studio_reception', receptionWorkflow, RECEPTION_STATUSES],
] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 1000, seed: 182, record }),
);
