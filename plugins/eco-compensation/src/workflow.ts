import { defineWorkflow } from '@cppcc/plugin-sdk';
import type { CompensationRound, RoundState } from './entities/compensation-round.entity.js';
import type { CooperationTask, TaskState } from './entities/cooperation-task.entity.js';

/** A round's life: negotiated, signed, in force for its years, concluded. */
export const roundWorkflow = defineWorkflow<
  RoundState,
  'sign' | 'bringIntoForce' | 'conclude',
  CompensationRound
>('CompensationRound', [
  { from: 'negotiating', action: 'sign', who: ['staff'], to: 'signed' },
  { from: 'signed', action: 'bringIntoForce', who: ['staff'], to: 'in_force' },
  { from: 'in_force', action: 'conclude', who: ['staff'], to: 'concluded' },
]);

/** Progress is reported only on a started task; the self-step keeps that rule in the table. */
export const taskWorkflow = defineWorkflow<
  TaskState,
  'start' | 'reportProgress' | 'complete' | 'cancel',
  CooperationTask
>('CooperationTask', [
  { from: 'planned', action: 'start', who: ['staff'], to: 'in_progress' },
  { from: 'in_progress', action: 'reportProgress', who: ['staff'], to: 'in_progress' },
  { from: 'in_progress', action: 'complete', who: ['staff'], to: 'done' },
  { from: 'planned', action: 'cancel', who: ['staff'], to: 'cancelled' },
  { from: 'in_progress', action: 'cancel', who: ['staff'], to: 'cancelled' },
]);
