import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * 传达学习: a meeting's agenda item that relays a decision (a speech's spirit, a work conference's
 * decisions) to the body, linked to the policy document that carries it out. The agenda keeps
 * its words; this row makes "the standing committee relayed and studied it" countable. Public
 * when the meeting is.
 */
export const RelayedDecisionSchema = defineEntity({
  name: 'RelayedDecision',
  tableName: 'relayed_decision',
  // One agenda item relays one decision: the same item recorded twice is a conflict.
  uniques: [{ properties: ['meetingId', 'agendaItem'] }],
  // The filters its list offers: the period (migration 0015).
  indexes: [{ name: 'relayed_decision_relayed_on_id_index', properties: ['relayedOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    meetingId: p.integer().index(),
    documentId: p.integer().index(),
    agendaItem: p.string(),
    decision: p.string(),
    relayedOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type RelayedDecision = InferEntity<typeof RelayedDecisionSchema>;
