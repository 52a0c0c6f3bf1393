import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const BODIES = [
  'PLENARY',
  'STANDING_COMMITTEE',
  'CHAIR_MEETING',
  'SECRETARY_GENERAL_MEETING',
] as const;
export type Body = (typeof BODIES)[number];
export const MEETING_STATUSES = ['PLANNED', 'HELD', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** 全体会议 / 常委会议 / 主席会议 / 秘书长会议: a meeting of a committee body, its agenda and who came. */
export const BodyMeetingSchema = defineEntity({
  name: 'BodyMeeting',
  tableName: 'body_meeting',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'body_meeting_body_id_index', properties: ['body', 'id'] },
    { name: 'body_meeting_status_id_index', properties: ['status', 'id'] },
    { name: 'body_meeting_planned_on_id_index', properties: ['plannedOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    termId: p.integer().index(),
    sessionId: p.integer().nullable(),
    body: p.string().$type<Body>(),
    title: p.string(),
    plannedOn: p.string().length(10),
    heldOn: p.string().length(10).nullable(),
    agenda: p.json<string[]>(),
    status: p.string().$type<MeetingStatus>(),
    public: p.boolean().default(true),
  },
});
export type BodyMeeting = InferEntity<typeof BodyMeetingSchema>;
