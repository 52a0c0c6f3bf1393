import { definePlugin, dutyReported } from '@cppcc/plugin-sdk';
import { builder } from './builder.js';
import { consumes } from './consumers.js';
import {
  RiverChiefInspectionSchema,
  RiverChiefProposalSchema,
} from './entities/inspection.entity.js';
import { RiverChiefRiverSchema } from './entities/river.entity.js';
import { initial } from './migrations/0001-initial.js';
import './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { settings } from './settings.js';

/** Written through the public SDK alone (it imports nothing else): the acceptance test of the SDK. */
export const riverChief = definePlugin({
  id: 'river-chief',
  sdk: '^1.0.0',
  title: { zh: '河长制民主监督', en: 'River-chief supervision' },
  version: '0.1.0',
  description:
    "Members' democratic supervision of the river-chief system (河长制): each district's river sections and their chiefs, inspections planned, held and reported by the district office with the members who went (recorded in their duty archives), findings published and linked to the district's filed proposals on the river.",
  port: 4203,
  extends: ['District'],
  builder,
  entities: [RiverChiefRiverSchema, RiverChiefInspectionSchema, RiverChiefProposalSchema],
  migrations: [initial],
  consumes,
  emits: [dutyReported],
  seed,
  isSeeded,
  permissions: {
    // Staff only: operators switch the plugin on, the committee office keeps its records.
    'inspection.manage': {
      description: 'register river sections and plan, hold, report or cancel inspections',
      roles: ['staff'],
    },
  },
  settings,
  demo: { enabledIn: ['341000', '341021'], disabledIn: ['341004'] },
});

export default riverChief;
