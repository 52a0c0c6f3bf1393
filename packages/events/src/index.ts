/**
 * The events modules tell each other. A module emits only what is declared here and a
 * consumer can rely on the payload's shape: these files are the contract between them.
 * One file per sending module; shared.ts holds the contracts more than one module sends.
 */
export * from './organization.js';
export * from './proposals.js';
export * from './consultation.js';
export * from './members.js';
export * from './shared.js';
export {
  districtRegistered,
  snapshotAnswered,
  snapshotRequested,
  workWaiting,
} from '@cppcc/kit';
export * from './platform.js';
export {
  ATTENDANCE_ENUM,
  ATTENDANCES,
  type Attendance,
  MEETING_LEVEL_ENUM,
  MEETING_LEVELS,
  type MeetingLevel,
} from './common.js';
