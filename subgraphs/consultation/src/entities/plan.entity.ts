import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ConsultationForm } from './consultation-activity.entity.js';

export const PLAN_STATUSES = ['DRAFT', 'APPROVED', 'PUBLISHED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** 年度协商计划: drafted by the committee, approved by the Party committee, then published. */
export const ConsultationPlanSchema = defineEntity({
  name: 'ConsultationPlan',
  tableName: 'consultation_plan',
  uniques: [{ properties: ['district', 'year'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    year: p.integer(),
    title: p.string(),
    /** The Party committee that approved it (e.g. 中共黄山市委). */
    approvedBy: p.string().nullable(),
    approvedOn: p.string().length(10).nullable(),
    publishedOn: p.string().length(10).nullable(),
    status: p.string().$type<PlanStatus>(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type ConsultationPlan = InferEntity<typeof ConsultationPlanSchema>;

/** Where a topic came from: 党委出题, the government, a special committee, a sector, the public. */
export const TOPIC_SOURCES = [
  'PARTY_COMMITTEE',
  'GOVERNMENT',
  'COMMITTEE',
  'SECTOR',
  'PUBLIC',
] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

export const PlanTopicSchema = defineEntity({
  name: 'PlanTopic',
  tableName: 'plan_topic',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    planId: p.integer().index(),
    title: p.string(),
    source: p.string().$type<TopicSource>(),
    /** Who proposed it, in words (a committee, a sector, a citizen's suggestion). */
    proposedBy: p.string().nullable(),
    form: p.string().$type<ConsultationForm>(),
    leadCommitteeId: p.integer().nullable(),
    quarter: p.integer().nullable(),
    public: p.boolean().default(false),
  },
});
export type PlanTopic = InferEntity<typeof PlanTopicSchema>;

export const ESCALATION_BODIES = ['PROVINCIAL_KEY_AGENDA', 'NATIONAL_BIWEEKLY'] as const;
export type EscalationBody = (typeof ESCALATION_BODIES)[number];

/** A topic taken up higher: the provincial committee's key consultation agenda, the national biweekly forum. */
export const EscalationSchema = defineEntity({
  name: 'Escalation',
  tableName: 'escalation',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    body: p.string().$type<EscalationBody>(),
    title: p.string(),
    researchProjectId: p.integer().nullable().index(),
    activityId: p.integer().nullable().index(),
    takenUpOn: p.string().length(10),
    heldOn: p.string().length(10).nullable(),
    note: p.text().nullable(),
    public: p.boolean().default(true),
  },
});
export type Escalation = InferEntity<typeof EscalationSchema>;
