import { defineWorkflow } from '@cppcc/plugin-sdk';
import type {
  CooperationMechanism,
  MechanismState,
} from './entities/cooperation-mechanism.entity.js';
import {
  type JointChairsMeeting,
  JointChairsMeetingSchema,
  type MeetingResolution,
  MeetingResolutionSchema,
  type MeetingState,
  type ResolutionState,
} from './entities/joint-chairs-meeting.entity.js';
import {
  type ExchangeVisit,
  ExchangeVisitSchema,
  type VisitState,
} from './entities/exchange-visit.entity.js';

export type MechanismAction = 'suspend' | 'resume' | 'end';
/** A mechanism runs, may pause (e.g. a term change) and resume, and ends for good. */
export const mechanismWorkflow = defineWorkflow<
  MechanismState,
  MechanismAction,
  CooperationMechanism
>('CooperationMechanism', [
  { from: 'ACTIVE', action: 'suspend', who: ['staff', 'operator'], to: 'SUSPENDED' },
  { from: 'SUSPENDED', action: 'resume', who: ['staff', 'operator'], to: 'ACTIVE' },
  { from: 'ACTIVE', action: 'end', who: ['staff', 'operator'], to: 'ENDED' },
  { from: 'SUSPENDED', action: 'end', who: ['staff', 'operator'], to: 'ENDED' },
]);

export type MeetingAction = 'hold' | 'publishMinutes' | 'cancel';
/** Planned → held → minutes published; a planned meeting may be called off. */
export const meetingWorkflow = defineWorkflow<MeetingState, MeetingAction, JointChairsMeeting>(
  'JointChairsMeeting',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'HELD', action: 'publishMinutes', who: ['staff'], to: 'MINUTES_PUBLISHED' },
  ],
  {},
  {
    schema: JointChairsMeetingSchema,
    type: 'JointChairsMeeting',
    // A planned meeting waits for the district's staff to record it held on its day (calling it
    // off is not the work waiting); a held one, for its minutes.
    states: {
      PLANNED: {
        kind: 'plugin.inter-city-exchange.meeting.hold',
        why: '主席联席会议待召开 A joint chairs’ meeting to hold on its day',
      },
      HELD: {
        kind: 'plugin.inter-city-exchange.meeting.minutes',
        why: '会议纪要待印发 A held meeting’s minutes to publish',
      },
    },
    title: (m) => `第${m.session}次主席联席会议（${m.place}）`,
    district: (m) => m.district,
    dueOn: (m) => (m.status === 'PLANNED' ? m.plannedOn : null),
    ignore: ['cancel'],
  },
);

export type ResolutionAction = 'start' | 'complete';
/** A resolution's follow-up (落实情况). */
export const resolutionWorkflow = defineWorkflow<
  ResolutionState,
  ResolutionAction,
  MeetingResolution
>(
  'MeetingResolution',
  [
    { from: 'OPEN', action: 'start', who: ['staff'], to: 'IN_PROGRESS' },
    { from: 'OPEN', action: 'complete', who: ['staff'], to: 'DONE' },
    { from: 'IN_PROGRESS', action: 'complete', who: ['staff'], to: 'DONE' },
  ],
  {},
  {
    schema: MeetingResolutionSchema,
    type: 'MeetingResolution',
    // A resolution is read on its meeting.
    about: (r) => ({ type: 'JointChairsMeeting', id: r.meetingId }),
    states: {
      OPEN: {
        kind: 'plugin.inter-city-exchange.resolution.followUp',
        why: '议定事项待落实 A meeting’s resolution to follow up',
      },
      IN_PROGRESS: {
        kind: 'plugin.inter-city-exchange.resolution.followUp',
        why: '议定事项落实中 A resolution being followed up, to complete',
      },
    },
    title: (r) => r.text,
    district: (r) => r.district,
  },
);

export type VisitAction = 'hold' | 'report' | 'cancel';
/** Planned → held (each local delegate's duty record hears of it) → outcomes reported. */
export const visitWorkflow = defineWorkflow<VisitState, VisitAction, ExchangeVisit>(
  'ExchangeVisit',
  [
    { from: 'PLANNED', action: 'hold', who: ['staff'], to: 'HELD' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'HELD', action: 'report', who: ['staff'], to: 'REPORTED' },
  ],
  {},
  {
    schema: ExchangeVisitSchema,
    type: 'ExchangeVisit',
    // A planned visit waits to be recorded held once it is over; a held one, for its outcomes.
    states: {
      PLANNED: {
        kind: 'plugin.inter-city-exchange.visit.hold',
        why: '考察交流待记录开展 A visit to record held once it is over',
      },
      HELD: {
        kind: 'plugin.inter-city-exchange.visit.report',
        why: '考察交流成果待报告 A held visit’s outcomes to report',
      },
    },
    title: (v) =>
      `${v.direction === 'OUTGOING' ? '外出考察' : '来访接待'}：${v.topics.join('、') || v.startsOn}`,
    district: (v) => v.district,
    dueOn: (v) => (v.status === 'PLANNED' ? v.endsOn : null),
    ignore: ['cancel'],
  },
);
