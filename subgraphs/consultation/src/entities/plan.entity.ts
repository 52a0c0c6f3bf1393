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
    /** The day an approved amendment dropped it from the published plan; it stays for the record. */
    droppedOn: p.string().length(10).nullable(),
    public: p.boolean().default(false),
  },
});
export type PlanTopic = InferEntity<typeof PlanTopicSchema>;

/** A topic as an amendment proposes it (ADD_TOPIC, CHANGE_TOPIC), or as it read before (CHANGE_TOPIC). */
export interface TopicFields {
  title: string;
  source: TopicSource;
  proposedBy: string | null;
  form: ConsultationForm;
  leadCommitteeId: number | null;
  quarter: number | null;
}

/** What an amendment of a published plan does: add a topic, drop one, or change one. */
export const AMENDMENT_KINDS = ['ADD_TOPIC', 'DROP_TOPIC', 'CHANGE_TOPIC'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** PROPOSED → APPROVED (it takes effect) | REJECTED | WITHDRAWN. */
export const AMENDMENT_STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/**
 * 年度协商计划调整: a change to a published plan's topics, proposed by the committee's staff with
 * its reason and taking effect only once the Party committee (or the body the plan names) has
 * approved it; the plan keeps every amendment as its history.
 */
export const PlanAmendmentSchema = defineEntity({
  name: 'PlanAmendment',
  tableName: 'plan_amendment',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    planId: p.integer().index(),
    kind: p.string().$type<AmendmentKind>(),
    /** The topic dropped or changed; for ADD_TOPIC, the topic added once approved. */
    topicId: p.integer().nullable().index(),
    /** The topic as proposed (ADD_TOPIC, CHANGE_TOPIC). */
    proposed: p.json<TopicFields>().nullable(),
    /** The topic as it read before the change took effect (CHANGE_TOPIC, DROP_TOPIC). */
    before: p.json<TopicFields>().nullable(),
    reason: p.text(),
    proposedOn: p.string().length(10),
    proposedBy: p.string().nullable(),
    /** The body that approved it (e.g. 中共黄山市委). */
    approvedBy: p.string().nullable(),
    decidedOn: p.string().length(10).nullable(),
    decidedBy: p.string().nullable(),
    decisionNote: p.text().nullable(),
    status: p.string().$type<AmendmentStatus>(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type PlanAmendment = InferEntity<typeof PlanAmendmentSchema>;

/**
 * Who takes a topic up: the provincial committee's key agenda (省政协年度重点协商议题), the national
 * biweekly forum (全国政协双周协商议题), or — for a district (county) committee — the city
 * committee above it (市政协), which accepts or declines what the district escalates.
 */
export const ESCALATION_BODIES = [
  'PROVINCIAL_KEY_AGENDA',
  'NATIONAL_BIWEEKLY',
  'CITY_COMMITTEE',
] as const;
export type EscalationBody = (typeof ESCALATION_BODIES)[number];

/**
 * TAKEN_UP: recorded as already taken up by a provincial or national body (no steps left).
 * A district's escalation to the city: SUBMITTED (提请市政协) → ACCEPTED (采纳) | DECLINED (不予采纳,
 * with the reason) by the city's staff, or WITHDRAWN by the district before the city answers.
 */
export const ESCALATION_STATUSES = [
  'TAKEN_UP',
  'SUBMITTED',
  'ACCEPTED',
  'DECLINED',
  'WITHDRAWN',
] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/**
 * A topic taken up higher: the provincial committee's key consultation agenda, the national
 * biweekly forum, or the city committee a district escalated its outcome to. `district` is the
 * committee that escalated it; `toDistrict` the city committee it went to (CITY_COMMITTEE only).
 */
export const EscalationSchema = defineEntity({
  name: 'Escalation',
  tableName: 'escalation',
  // The period its list offers (migration period-indexes).
  indexes: [
    { name: 'escalation_escalated_on_id_index', properties: ['escalatedOn', 'id'] },
    { name: 'escalation_taken_up_on_id_index', properties: ['takenUpOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    body: p.string().$type<EscalationBody>(),
    /** The city committee a district escalated to (CITY_COMMITTEE); null for higher bodies. */
    toDistrict: p.string().length(12).nullable().index(),
    title: p.string(),
    researchProjectId: p.integer().nullable().index(),
    activityId: p.integer().nullable().index(),
    recommendationId: p.integer().nullable().index(),
    /** The day the district sent it up (CITY_COMMITTEE). */
    escalatedOn: p.string().length(10).nullable(),
    /** The day the body took it up; null while the city has not accepted it. */
    takenUpOn: p.string().length(10).nullable(),
    heldOn: p.string().length(10).nullable(),
    /** Why it is escalated (the district's reason), or how the higher body took it up. */
    note: p.text().nullable(),
    /** The city's answer (答复): how it takes it up, or why not. */
    answer: p.text().nullable(),
    answeredOn: p.string().length(10).nullable(),
    status: p.string().$type<EscalationStatus>(),
    public: p.boolean().default(true),
    version: p.integer().version(),
  },
});
export type Escalation = InferEntity<typeof EscalationSchema>;
