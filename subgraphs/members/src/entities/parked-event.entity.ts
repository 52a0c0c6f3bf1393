import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ParkedEntry } from '../consumers.js';

/**
 * An event the duty record could not take (it names a member this subgraph does not know).
 * Kept, reported to staff, and applied by `retryParkedEvents` once the member exists.
 */
export const ParkedEventSchema = defineEntity({
  name: 'ParkedEvent',
  tableName: 'parked_event',
  // The filters its list offers (migration filter-indexes).
  indexes: [{ name: 'parked_event_resolved_at_id_index', properties: ['resolvedAt', 'id'] }],
  uniques: [{ properties: ['eventId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    eventId: p.string().length(36),
    memberId: p.integer(),
    type: p.string(),
    source: p.string(),
    district: p.string().length(12).nullable(),
    entry: p.json<ParkedEntry>(),
    reason: p.string(),
    /** The event itself is wrong (breaks its contract, forges a kind): no retry will apply it. */
    refused: p.boolean().default(false),
    parkedAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
    public: p.boolean().default(false),
  },
});
export type ParkedEvent = InferEntity<typeof ParkedEventSchema>;
