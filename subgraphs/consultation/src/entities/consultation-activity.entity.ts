import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The forms of consultation the work report and real CPPCC systems name. */
export const CONSULTATION_FORMS = [
  'PLENARY',
  'STANDING_COMMITTEE',
  'THEMATIC',
  'COUNTERPART',
  'SECTOR',
  'PROPOSAL_HANDLING',
  'BIWEEKLY_FORUM',
  'EXPERT',
  'ADVISORY',
] as const;
export type ConsultationForm = (typeof CONSULTATION_FORMS)[number];

export const ACTIVITY_STATUSES = [
  'PLANNED',
  'PREPARING',
  'HELD',
  'OUTCOME_SUBMITTED',
  'CLOSED',
  'CANCELLED',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ConsultationActivitySchema = defineEntity({
  name: 'ConsultationActivity',
  tableName: 'consultation_activity',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'consultation_activity_form_id_index', properties: ['form', 'id'] },
    { name: 'consultation_activity_topic_id_index', properties: ['topic', 'id'] },
    { name: 'consultation_activity_status_id_index', properties: ['status', 'id'] },
    { name: 'consultation_activity_held_on_id_index', properties: ['heldOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    form: p.string().$type<ConsultationForm>(),
    topic: p.string(),
    /** The day it is planned for and, once held, the day it was held. */
    heldOn: p.string().length(10),
    /** Name of the government department of a counterpart consultation. */
    counterpart: p.string().nullable(),
    /** The same department as a government unit, when it is one organization knows. */
    counterpartUnitId: p.integer().nullable(),
    location: p.string().nullable(),
    /** The annual plan's topic this activity carries out, if it was planned. */
    planTopicId: p.integer().nullable().index(),
    minutes: p.text().nullable(),
    status: p.string().$type<ActivityStatus>(),
    public: p.boolean().default(true),
    version: p.integer().version(),
  },
});
export type ConsultationActivity = InferEntity<typeof ConsultationActivitySchema>;
