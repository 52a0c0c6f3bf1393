import { neverLies, POOL, type Rng } from '@cppcc/testing';
import { it } from 'vitest';
import { REVIEW_STATES } from './entities/plugin-settings-review.entity.js';
import { SWITCH_STATES } from './entities/plugin-switch.entity.js';
import { reviewWorkflow, switchWorkflow } from './workflow.js';

/** A review's guards read its district and whether the plugin is on there now (a fact). */
const review = (rng: Rng, status: string) => ({
  id: 1 + rng.int(1000),
  status,
  district: rng.pick(POOL.districts),
  plugin: 'river-chief',
  pluginVersion: '0.2.0',
  reviewedVersion: rng.pick([null, '0.1.0']),
  switchedOn: rng.int(2) === 0,
});

/** The tables never lie: random records and callers, availableActions iff check (fixed seed). */
it.each([
  ['plugin switch', switchWorkflow, SWITCH_STATES],
  ['plugin settings review', reviewWorkflow, REVIEW_STATES, review],
] as const)(
  'the %s table offers a step exactly when its check lets it through',
  neverLies({ cases: 500, seed: 182 }),
);
