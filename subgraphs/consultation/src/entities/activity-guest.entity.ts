import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Who besides members takes part: leaders invited to hear the advice, officials who answer, experts. */
export const GUEST_KINDS = ['INVITED_LEADER', 'OFFICIAL', 'EXPERT'] as const;
export type GuestKind = (typeof GUEST_KINDS)[number];

export const ActivityGuestSchema = defineEntity({
  name: 'ActivityGuest',
  tableName: 'activity_guest',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    activityId: p.integer().index(),
    kind: p.string().$type<GuestKind>(),
    name: p.string(),
    position: p.string().nullable(),
    /** The government unit an official comes from. */
    unitId: p.integer().nullable(),
    public: p.boolean().default(true),
  },
});
export type ActivityGuest = InferEntity<typeof ActivityGuestSchema>;
