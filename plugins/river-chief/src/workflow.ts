import { defineWorkflow } from '@cppcc/plugin-sdk';
import type { InspectionState, RiverChiefInspection } from './entities/inspection.entity.js';

export type InspectionAction = 'hold' | 'report' | 'cancel';

/** An inspection's life, all of it: the district office plans, holds and reports it. */
export const inspectionWorkflow = defineWorkflow<
  InspectionState,
  InspectionAction,
  RiverChiefInspection
>('river inspection', [
  { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
  { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
  { from: 'HELD', action: 'report', who: ['staff'], to: 'REPORTED' },
]);
