import { defineWorkflow } from '@cppcc/plugin-sdk';
import {
  type InspectionState,
  type RiverChiefInspection,
  RiverChiefInspectionSchema,
} from './entities/inspection.entity.js';
import { RiverChiefRiverSchema } from './entities/river.entity.js';

export type InspectionAction = 'hold' | 'report' | 'cancel';

/** An inspection with its river's name looked up (the inbox's title). */
export type InspectionRecord = RiverChiefInspection & { riverName?: string };

/**
 * An inspection's life, all of it: the district office plans, holds and reports it. A planned
 * inspection waits on the office to record it held (by its day) or call it off; a held one waits
 * for its report: the plugin's own inbox kinds.
 */
export const inspectionWorkflow = defineWorkflow<
  InspectionState,
  InspectionAction,
  InspectionRecord
>(
  'river inspection',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'HELD', action: 'report', who: ['staff'], to: 'REPORTED' },
  ],
  {},
  {
    schema: RiverChiefInspectionSchema,
    type: 'RiverChiefInspection',
    states: {
      PLANNED: {
        kind: 'plugin.river-chief.inspection.hold',
        why: '河长制民主监督待开展 An inspection to hold on its day',
      },
      HELD: {
        kind: 'plugin.river-chief.inspection.report',
        why: '监督已开展待报告 A held inspection to report',
      },
    },
    title: (r) => `河长制民主监督 ${r.riverName ?? `river ${r.riverId}`} ${r.plannedOn}`,
    district: (r) => r.district,
    // A planned inspection is due on its day; a held one's report has no set day.
    dueOn: (r) => (r.status === 'PLANNED' ? r.plannedOn : null),
    facts: async (em, r) => {
      r.riverName = (await em.findOne(RiverChiefRiverSchema, { id: r.riverId }))?.name;
    },
  },
);
