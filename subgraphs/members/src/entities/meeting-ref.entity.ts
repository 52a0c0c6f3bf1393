import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { MeetingLevel } from './leave-request.entity.js';

export const MEETING_KINDS = ['BODY_MEETING', 'STUDY_SESSION'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_REF_STATUSES = ['PLANNED', 'HELD', 'ARCHIVED', 'CANCELLED'] as const;
export type MeetingRefStatus = (typeof MEETING_REF_STATUSES)[number];

/**
 * Replica of organization's meetings a member may ask leave from (`meeting.registered`): body
 * meetings (全体会议, 常委会议, 主席会议, 秘书长会议) and study sessions. The latest `changedAt`
 * wins. A leave request names one of these; unknown, cancelled or ended ones are refused.
 */
export const MeetingRefSchema = defineEntity({
  name: 'MeetingRef',
  tableName: 'meeting_ref',
  properties: {
    kind: p.string().$type<MeetingKind>().primary(),
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12).index(),
    title: p.string(),
    level: p.string().$type<MeetingLevel>(),
    plannedOn: p.string().length(10),
    heldOn: p.string().length(10).nullable(),
    status: p.string().$type<MeetingRefStatus>(),
    changedAt: p.string(),
  },
});
export type MeetingRef = InferEntity<typeof MeetingRefSchema>;
