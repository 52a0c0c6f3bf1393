import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const MEETING_STATES = ['PLANNED', 'HELD', 'MINUTES_PUBLISHED', 'CANCELLED'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** 主席联席会议: a session of a mechanism's chairs, hosted in turn by its committees. */
export const JointChairsMeetingSchema = defineEntity({
  name: 'JointChairsMeeting',
  tableName: 'intercity_meeting',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    mechanismId: p.integer().index(),
    session: p.integer(),
    hostMemberId: p.integer(),
    /** Why the host is not the one the rotation names; null when it is. */
    outOfTurnReason: p.text().nullable(),
    plannedOn: p.string().length(10),
    heldOn: p.string().length(10).nullable(),
    place: p.string(),
    agenda: p.json<string[]>(),
    attendeeIds: p.json<string[]>(),
    minutes: p.text().nullable(),
    status: p.string().$type<MeetingState>(),
    public: p.boolean().default(true),
  },
});
export type JointChairsMeeting = InferEntity<typeof JointChairsMeetingSchema>;

export const RESOLUTION_STATES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const;
export type ResolutionState = (typeof RESOLUTION_STATES)[number];

/** A resolution (议定事项) of a meeting, followed up until done. */
export const MeetingResolutionSchema = defineEntity({
  name: 'MeetingResolution',
  tableName: 'intercity_resolution',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    meetingId: p.integer().index(),
    text: p.text(),
    status: p.string().$type<ResolutionState>(),
    followUp: p.text().nullable(),
    public: p.boolean().default(true),
  },
});
export type MeetingResolution = InferEntity<typeof MeetingResolutionSchema>;
