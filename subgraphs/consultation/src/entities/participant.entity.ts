import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** INVITED until the activity is held; then whether the member came. */
export const ATTENDANCES = ['INVITED', 'PRESENT', 'ON_LEAVE', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/** A member taking part in a consultation activity. */
export const ParticipantSchema = defineEntity({
  name: 'Participant',
  tableName: 'participant',
  uniques: [{ properties: ['activityId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    activityId: p.integer().index(),
    memberId: p.integer().index(),
    attendance: p.string().$type<Attendance>().default('PRESENT'),
    public: p.boolean().default(true),
  },
});
export type Participant = InferEntity<typeof ParticipantSchema>;
