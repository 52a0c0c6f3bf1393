import { neverLies } from '@cppcc/testing';
import { it } from 'vitest';
import { MECHANISM_STATES } from './entities/cooperation-mechanism.entity.js';
import { VISIT_STATES } from './entities/exchange-visit.entity.js';
import { MEETING_STATES, RESOLUTION_STATES } from './entities/joint-chairs-meeting.entity.js';
import {
  mechanismWorkflow,
  meetingWorkflow,
  resolutionWorkflow,
  visitWorkflow,
} from './workflow.js';

/** The tables never lie: random records and callers, availableActions iff check (fixed seed). */
it.each([
  ['CooperationMechanism', mechanismWorkflow, MECHANISM_STATES],
  ['JointChairsMeeting', meetingWorkflow, MEETING_STATES],
  ['MeetingResolution', resolutionWorkflow, RESOLUTION_STATES],
  ['ExchangeVisit', visitWorkflow, VISIT_STATES],
] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 500, seed: 182 }),
);
