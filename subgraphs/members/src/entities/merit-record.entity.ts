import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const MERIT_TYPES = ['AWARD', 'PENALTY'] as const;
export type MeritType = (typeof MERIT_TYPES)[number];
export const MERIT_LEVELS = ['NATIONAL', 'PROVINCIAL', 'CITY', 'DISTRICT'] as const;

/** 奖惩: an award a member received, or a penalty (an admonition, a persuasion to resign). */
export const MeritRecordSchema = defineEntity({
  name: 'MeritRecord',
  tableName: 'merit_record',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    memberId: p.integer().index(),
    type: p.string().$type<MeritType>(),
    title: p.string(),
    /** Awards: the level of the body that gave it. */
    level: p.string().$type<(typeof MERIT_LEVELS)[number]>().nullable(),
    /** Penalties: why. */
    reason: p.text().nullable(),
    decidedOn: p.string().length(10),
    recordedBy: p.string().nullable(),
    public: p.boolean().default(false),
  },
});
export type MeritRecord = InferEntity<typeof MeritRecordSchema>;
