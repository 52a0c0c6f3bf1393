import { defineWorkflow } from '@cppcc/plugin-sdk';
import type {
  CooperationMechanism,
  MechanismState,
} from './entities/cooperation-mechanism.entity.js';
import type {
  JointChairsMeeting,
  MeetingResolution,
  MeetingState,
  ResolutionState,
} from './entities/joint-chairs-meeting.entity.js';
import type { ExchangeVisit, VisitState } from './entities/exchange-visit.entity.js';

export type MechanismAction = 'suspend' | 'resume' | 'end';
/** A mechanism runs, may pause (e.g. a term change) and resume, and ends for good. */
export const mechanismWorkflow = defineWorkflow<
  MechanismState,
  MechanismAction,
  CooperationMechanism
>('CooperationMechanism', [
  { from: 'ACTIVE', action: 'suspend', who: ['staff', 'operator'], to: 'SUSPENDED' },
  { from: 'SUSPENDED', action: 'resume', who: ['staff', 'operator'], to: 'ACTIVE' },
  { from: 'ACTIVE', action: 'end', who: ['staff', 'operator'], to: 'ENDED' },
  { from: 'SUSPENDED', action: 'end', who: ['staff', 'operator'], to: 'ENDED' },
]);

export type MeetingAction = 'hold' | 'publishMinutes' | 'cancel';
/** Planned → held → minutes published; a planned meeting may be called off. */
export const meetingWorkflow = defineWorkflow<MeetingState, MeetingAction, JointChairsMeeting>(
  'JointChairsMeeting',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'HELD', action: 'publishMinutes', who: ['staff'], to: 'MINUTES_PUBLISHED' },
  ],
);

export type ResolutionAction = 'start' | 'complete';
/** A resolution's follow-up (落实情况). */
export const resolutionWorkflow = defineWorkflow<
  ResolutionState,
  ResolutionAction,
  MeetingResolution
>('MeetingResolution', [
  { from: 'OPEN', action: 'start', who: ['staff'], to: 'IN_PROGRESS' },
  { from: 'OPEN', action: 'complete', who: ['staff'], to: 'DONE' },
  { from: 'IN_PROGRESS', action: 'complete', who: ['staff'], to: 'DONE' },
]);

export type VisitAction = 'hold' | 'report' | 'cancel';
/** Planned → held (each local delegate's duty record hears of it) → outcomes reported. */
export const visitWorkflow = defineWorkflow<VisitState, VisitAction, ExchangeVisit>(
  'ExchangeVisit',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'HELD', action: 'report', who: ['staff'], to: 'REPORTED' },
  ],
);
