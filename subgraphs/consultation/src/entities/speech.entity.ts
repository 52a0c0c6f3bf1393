import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SPEECH_MODES = ['ORAL', 'WRITTEN'] as const;
export type SpeechMode = (typeof SPEECH_MODES)[number];

/** 发言: a member's (or a guest's) contribution to an activity, spoken or written. */
export const SpeechSchema = defineEntity({
  name: 'Speech',
  tableName: 'speech',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    activityId: p.integer().index(),
    memberId: p.integer().nullable().index(),
    /** Set when the speaker is a guest, not a member. */
    guestId: p.integer().nullable(),
    title: p.string(),
    mode: p.string().$type<SpeechMode>(),
    spokeOn: p.string().length(10),
    text: p.text().nullable(),
    public: p.boolean().default(true),
  },
});
export type Speech = InferEntity<typeof SpeechSchema>;
