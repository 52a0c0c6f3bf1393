import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Read-only copy of organization's government units, fed by `government_unit.registered`, so
 * that a department named as counterpart or given a task can be checked without a call.
 */
export const UnitRefSchema = defineEntity({
  name: 'UnitRef',
  tableName: 'unit_ref',
  properties: {
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12),
    name: p.string(),
    short: p.string(),
    active: p.boolean(),
  },
});
export type UnitRef = InferEntity<typeof UnitRefSchema>;
