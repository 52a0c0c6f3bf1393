import type { EventHandler } from '@cppcc/kit';
import { governmentUnitRegistered } from '@cppcc/events';
import { UnitRefSchema } from './entities/unit-ref.entity.js';

/** Replicas this module keeps of other modules' reference data. */
export const consumes: Record<string, EventHandler> = {
  [governmentUnitRegistered.type]: async (em, event) => {
    const u = governmentUnitRegistered.payload.parse(event.payload);
    await em.upsert(UnitRefSchema, { id: Number(u.unitId), district: u.district, name: u.name, short: u.short, active: u.active });
  },
};
