import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const STUDY_KINDS = ['MONTHLY', 'SPECIAL'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
export const STUDY_STATUSES = ['PLANNED', 'HELD', 'ARCHIVED', 'CANCELLED'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

/**
 * 党组理论学习中心组学习会: a theory study session of the Party Group's central study group.
 * MONTHLY sessions make the cadence; SPECIAL ones follow a major speech.
 */
export const StudySessionSchema = defineEntity({
  name: 'StudySession',
  tableName: 'study_session',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'study_session_status_id_index', properties: ['status', 'id'] },
    { name: 'study_session_kind_id_index', properties: ['kind', 'id'] },
    { name: 'study_session_planned_on_id_index', properties: ['plannedOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    groupId: p.integer().index(),
    kind: p.string().$type<StudyKind>(),
    topic: p.string(),
    plannedOn: p.string().length(10),
    heldOn: p.string().length(10).nullable(),
    materials: p.json<string[]>(),
    speakers: p.json<string[]>(),
    minutes: p.text().nullable(),
    status: p.string().$type<StudyStatus>(),
    public: p.boolean().default(true),
  },
});
export type StudySession = InferEntity<typeof StudySessionSchema>;
