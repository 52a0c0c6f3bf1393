import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The forms of consultation the work report and real CPPCC systems name. */
export const CONSULTATION_FORMS = [
  'PLENARY', 'STANDING_COMMITTEE', 'THEMATIC', 'COUNTERPART', 'SECTOR',
  'PROPOSAL_HANDLING', 'BIWEEKLY_FORUM', 'EXPERT', 'ADVISORY',
] as const;
export type ConsultationForm = (typeof CONSULTATION_FORMS)[number];

export const ACTIVITY_STATUSES = ['PLANNED', 'PREPARING', 'HELD', 'OUTCOME_SUBMITTED', 'CLOSED'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ConsultationActivitySchema = defineEntity({
  name: 'ConsultationActivity',
  tableName: 'consultation_activity',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    form: p.string().$type<ConsultationForm>(),
    topic: p.string(),
    heldOn: p.string().length(10),
    counterpart: p.string().nullable(),
    status: p.string().$type<ActivityStatus>(),
    public: p.boolean().default(true),
  },
});
export type ConsultationActivity = InferEntity<typeof ConsultationActivitySchema>;
