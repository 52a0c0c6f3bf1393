import { defineWorkflow } from '@cppcc/plugin-sdk';
import {
  type CompensationRound,
  CompensationRoundSchema,
  type RoundState,
} from './entities/compensation-round.entity.js';
import type { CooperationTask, TaskState } from './entities/cooperation-task.entity.js';

/**
 * A round's life: negotiated, signed, in force for its years, concluded. A round under
 * negotiation or signed waits on the district's staff: the plugin's own inbox kinds, through the
 * SDK's `defineWorkflow` like any module's (no core change).
 */
export const roundWorkflow = defineWorkflow<
  RoundState,
  'sign' | 'bringIntoForce' | 'conclude',
  CompensationRound
>(
  'CompensationRound',
  [
    { from: 'negotiating', action: 'sign', who: ['staff'], to: 'signed' },
    { from: 'signed', action: 'bringIntoForce', who: ['staff'], to: 'in_force' },
    { from: 'in_force', action: 'conclude', who: ['staff'], to: 'concluded' },
  ],
  {},
  {
    schema: CompensationRoundSchema,
    type: 'CompensationRound',
    states: {
      negotiating: {
        kind: 'plugin.eco-compensation.round.sign',
        why: '补偿协议待签订 A compensation round to sign',
      },
      signed: {
        kind: 'plugin.eco-compensation.round.bringIntoForce',
        why: '已签订待生效 A signed round to bring into force',
      },
    },
    title: (r) => r.agreementTitle,
    district: (r) => r.district,
  },
);

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
