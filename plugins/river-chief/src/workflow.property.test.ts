import { neverLies } from '@cppcc/plugin-sdk/testing';
import { it } from 'vitest';
import { INSPECTION_STATES } from './entities/inspection.entity.js';
import { inspectionWorkflow } from './workflow.js';

/** The table never lies: random records and callers, availableActions iff check (fixed seed). */
it.each([['RiverChiefInspection', inspectionWorkflow, INSPECTION_STATES]] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 500, seed: 182 }),
);
