import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One entry of a member's duty record, derived from an event another module emitted.
 * One event makes at most one entry per member.
 */
export const DutyEventSchema = defineEntity({
  name: 'DutyEvent',
  tableName: 'duty_event',
  uniques: [{ properties: ['eventId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).nullable(),
    memberId: p.integer().index(),
    kind: p.string(),
    /** LEAD or CO where the event has authors (scoring rules weigh them differently). */
    role: p.string().nullable(),
    sourceModule: p.string(),
    sourceId: p.string(),
    summary: p.string(),
    occurredAt: p.datetime(),
    eventId: p.string().length(36),
    public: p.boolean().default(false),
  },
});
export type DutyEvent = InferEntity<typeof DutyEventSchema>;
