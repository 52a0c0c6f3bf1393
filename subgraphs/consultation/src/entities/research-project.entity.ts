import type { Attendance } from '@cppcc/events';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The phases of research under process control, in order; each has its own deadline. */
export const RESEARCH_PHASES = [
  'TOPIC_SELECTED',
  'PLAN_APPROVED',
  'FIELDWORK',
  'DRAFTING',
  'REVIEWED',
  'SUBMITTED',
  'CONVERTED',
  'CLOSED',
] as const;
export type ResearchPhase = (typeof RESEARCH_PHASES)[number];

/** 调研课题: a research project, from the topic chosen to its report converted into advice. */
export const ResearchProjectSchema = defineEntity({
  name: 'ResearchProject',
  tableName: 'research_project',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'research_project_status_id_index', properties: ['status', 'id'] },
    { name: 'research_project_topic_id_index', properties: ['topic', 'id'] },
    { name: 'research_project_joint_id_index', properties: ['joint', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    topic: p.string(),
    planTopicId: p.integer().nullable(),
    leadCommitteeId: p.integer().nullable(),
    /** Joint research (联动调研) with other cities' committees, named in `partnerCommittees`. */
    joint: p.boolean().default(false),
    partnerCommittees: p.json<string[]>(),
    /** 调研方案: the approved plan — sites, methods, schedule. */
    plan: p.text().nullable(),
    reportTitle: p.string().nullable(),
    reportText: p.text().nullable(),
    reportSubmittedOn: p.string().length(10).nullable(),
    status: p.string().$type<ResearchPhase>(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type ResearchProject = InferEntity<typeof ResearchProjectSchema>;

/** A phase of one project: when it is due, and when it started and ended. */
export const ResearchPhaseSchema = defineEntity({
  name: 'ResearchPhaseRow',
  tableName: 'research_phase',
  uniques: [{ properties: ['projectId', 'phase'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    projectId: p.integer().index(),
    phase: p.string().$type<ResearchPhase>(),
    dueOn: p.string().length(10).nullable(),
    startedOn: p.string().length(10).nullable(),
    completedOn: p.string().length(10).nullable(),
    public: p.boolean().default(false),
  },
});
export type ResearchPhaseRow = InferEntity<typeof ResearchPhaseSchema>;

export const TEAM_ROLES = ['LEAD', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const ResearchTeamMemberSchema = defineEntity({
  name: 'ResearchTeamMember',
  tableName: 'research_team_member',
  uniques: [{ properties: ['projectId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    projectId: p.integer().index(),
    memberId: p.integer().index(),
    role: p.string().$type<TeamRole>(),
    joinedOn: p.string().length(10),
    public: p.boolean().default(false),
  },
});
export type ResearchTeamMember = InferEntity<typeof ResearchTeamMemberSchema>;

/** 实地调研/视察: a visit the team made, and who of the team went. */
export const FieldVisitSchema = defineEntity({
  name: 'FieldVisit',
  tableName: 'field_visit',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    projectId: p.integer().index(),
    visitedOn: p.string().length(10),
    place: p.string(),
    purpose: p.string().nullable(),
    public: p.boolean().default(false),
  },
});
export type FieldVisit = InferEntity<typeof FieldVisitSchema>;

/** 出席情况 at a field visit: the platform's one attendance list (`Attendance`). */
export { ATTENDANCES as VISIT_ATTENDANCES } from '@cppcc/events';
export type VisitAttendance = Attendance;

export const FieldVisitAttendanceSchema = defineEntity({
  name: 'FieldVisitAttendance',
  tableName: 'field_visit_attendance',
  uniques: [{ properties: ['visitId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    visitId: p.integer().index(),
    memberId: p.integer(),
    attendance: p.string().$type<VisitAttendance>(),
    public: p.boolean().default(false),
  },
});
export type FieldVisitAttendance = InferEntity<typeof FieldVisitAttendanceSchema>;
