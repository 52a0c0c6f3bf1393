import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ParticipantSchema = defineEntity({
  name: 'Participant',
  tableName: 'participant',
  uniques: [{ properties: ['activityId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    activityId: p.integer().index(),
    memberId: p.integer().index(),
    public: p.boolean().default(true),
  },
});
export type Participant = InferEntity<typeof ParticipantSchema>;
