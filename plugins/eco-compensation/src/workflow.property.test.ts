import { neverLies } from '@cppcc/testing';
import { it } from 'vitest';
import { ROUND_STATES } from './entities/compensation-round.entity.js';
import { TASK_STATES } from './entities/cooperation-task.entity.js';
import { roundWorkflow, taskWorkflow } from './workflow.js';

/** The tables never lie: random records and callers, availableActions iff check (fixed seed). */
it.each([
  ['CompensationRound', roundWorkflow, ROUND_STATES],
  ['CooperationTask', taskWorkflow, TASK_STATES],
] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 500, seed: 182 }),
);
