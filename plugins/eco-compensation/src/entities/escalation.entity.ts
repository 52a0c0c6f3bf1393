import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const ESCALATION_LEVELS = [
  'provincial_key_consultation',
  'national_biweekly_consultation',
] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** The topic placed on a higher body's consultation agenda, as this plugin records it. */
export const EscalationSchema = defineEntity({
  name: 'EcoEscalation',
  tableName: 'eco_escalation',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    roundId: p.integer().index(),
    level: p.string().$type<EscalationLevel>(),
    agenda: p.string(),
    listedOn: p.string().length(10),
    heldOn: p.string().length(10).nullable(),
    note: p.text().nullable(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
  },
});
export type Escalation = InferEntity<typeof EscalationSchema>;
