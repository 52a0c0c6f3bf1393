import { definePlugin } from '@cppcc/plugin-sdk';
import { builder } from './builder.js';
import { consumes } from './consumers.js';
import { CompensationRoundSchema } from './entities/compensation-round.entity.js';
import { CooperationTaskSchema } from './entities/cooperation-task.entity.js';
import { EscalationSchema } from './entities/escalation.entity.js';
import { FundContributionSchema } from './entities/fund-contribution.entity.js';
import { LinkTargetSchema } from './entities/link-target.entity.js';
import { MonitoringSectionSchema } from './entities/monitoring-section.entity.js';
import { TopicLinkSchema } from './entities/topic-link.entity.js';
import { WaterQualitySampleSchema } from './entities/water-quality-sample.entity.js';
import { YearlyAssessmentSchema } from './entities/yearly-assessment.entity.js';
import { initial } from './migrations/0001-initial.js';
import { linkTargets } from './migrations/0002-link-targets.js';
import { camelCaseActions } from './migrations/0003-camel-case-actions.js';
import './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { settings } from './settings.js';

export const ecoCompensation = definePlugin({
  id: 'eco-compensation',
  title: { zh: '生态补偿跟踪调研', en: 'Eco-compensation research tracking' },
  version: '0.1.0',
  description:
    "Tracks a basin's ecological-compensation mechanism (新安江–千岛湖): rounds with their agreements, funds and payment rule, joint water-quality samples at the assessment section, yearly assessments whose compensation index P and transfer are computed from the samples, cooperation tasks, and the topic's research, consultation, proposals and escalation.",
  port: 4202,
  extends: ['ConsultationActivity', 'Proposal', 'ResearchProject'],
  builder,
  entities: [
    MonitoringSectionSchema,
    CompensationRoundSchema,
    FundContributionSchema,
    WaterQualitySampleSchema,
    YearlyAssessmentSchema,
    CooperationTaskSchema,
    TopicLinkSchema,
    EscalationSchema,
    LinkTargetSchema,
  ],
  migrations: [initial, linkTargets, camelCaseActions],
  consumes,
  seed,
  isSeeded,
  permissions: {
    // Staff only: operators switch the plugin on, they do not keep its records.
    'round.manage': {
      description: 'manage rounds, sections, funds, cooperation tasks, links and escalations',
      roles: ['staff'],
    },
    'sample.record': { description: 'record and correct water-quality samples', roles: ['staff'] },
    'assessment.compute': { description: 'compute yearly assessments', roles: ['staff'] },
  },
  settings,
  demo: { enabledIn: ['341000', '341021'], disabledIn: ['341002'] },
});

export default ecoCompensation;
