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
    /**
     * How many members the source names as its authors (a joint proposal or opinion item); null
     * where the event has no authors or does not say (a submission names only its lead).
     */
    authors: p.integer().nullable(),
    /**
     * What distinguishes events of one kind for scoring: the body of a meeting (PLENARY…), the
     * level that adopted an item or instructed on it (CITY…). Rules may score a qualifier apart.
     */
    qualifier: p.string().nullable(),
    sourceModule: p.string(),
    /** The kind of record it came from (Proposal, BodyMeeting…), so a client can link to it. */
    sourceType: p.string().nullable(),
    sourceId: p.string(),
    summary: p.string(),
    occurredAt: p.datetime(),
    eventId: p.string().length(36),
    public: p.boolean().default(false),
  },
});
export type DutyEvent = InferEntity<typeof DutyEventSchema>;
