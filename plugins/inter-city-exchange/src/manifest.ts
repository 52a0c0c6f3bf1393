import { definePlugin, dutyReported } from '@cppcc/plugin-sdk';
import { builder } from './builder.js';
import { consumes } from './consumers.js';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
} from './entities/cooperation-mechanism.entity.js';
import { ExchangeVisitSchema, VisitDelegateSchema } from './entities/exchange-visit.entity.js';
import { JointActivitySchema } from './entities/joint-activity.entity.js';
import {
  JointChairsMeetingSchema,
  MeetingResolutionSchema,
} from './entities/joint-chairs-meeting.entity.js';
import { PartnerCommitteeSchema } from './entities/partner-committee.entity.js';
import { ResearchProjectRefSchema } from './entities/research-project-ref.entity.js';
import { initial } from './migrations/0001-initial.js';
import { researchProjectRefs } from './migrations/0002-research-project-refs.js';
import { periodIndexes } from './migrations/0003-period-indexes.js';
import { mechanismPeriodIndex } from './migrations/0004-mechanism-period-index.js';
import './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { settings } from './settings.js';

export const interCityExchange = definePlugin({
  id: 'inter-city-exchange',
  title: { zh: '区域交流合作', en: 'Inter-city exchange' },
  version: '0.1.0',
  description:
    'Cooperation mechanisms between committees of several cities (e.g. 长三角“三市一区”): partner committees, founding agreement, joint chairs’ meetings hosted in rotation with agenda and resolutions, joint research and joint democratic supervision, and exchange visits whose delegates get a duty record entry.',
  port: 4201,
  extends: ['District', 'Member', 'ResearchProject', 'WorkReport'],
  builder,
  entities: [
    PartnerCommitteeSchema,
    CooperationMechanismSchema,
    MechanismMemberSchema,
    JointChairsMeetingSchema,
    MeetingResolutionSchema,
    JointActivitySchema,
    ExchangeVisitSchema,
    VisitDelegateSchema,
    ResearchProjectRefSchema,
  ],
  migrations: [initial, researchProjectRefs, periodIndexes, mechanismPeriodIndex],
  consumes,
  seed,
  isSeeded,
  emits: [dutyReported],
  permissions: {
    'mechanism.manage': {
      description:
        'record partner committees and cooperation mechanisms, and suspend, resume or end them',
      roles: ['staff', 'operator'],
    },
    'meeting.record': {
      description:
        'plan and record joint chairs’ meetings, follow up their resolutions and record joint activities',
      roles: ['staff'],
    },
    'visit.record': { description: 'plan and record exchange visits', roles: ['staff'] },
  },
  settings,
  demo: { enabledIn: ['341000', '341002'], disabledIn: ['341024'] },
});

export default interCityExchange;
