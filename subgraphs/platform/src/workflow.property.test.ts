import { neverLies } from '@cppcc/testing';
import { it } from 'vitest';
import { SWITCH_STATES } from './entities/plugin-switch.entity.js';
import { switchWorkflow } from './workflow.js';

/** The table never lies: random switches and callers, availableActions iff check (fixed seed). */
it.each([['plugin switch', switchWorkflow, SWITCH_STATES]] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 500, seed: 182 }),
);
