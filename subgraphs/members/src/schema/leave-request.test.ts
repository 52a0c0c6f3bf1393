import { meetingRegistered } from '@cppcc/events';
import { CITY } from '@cppcc/demo';
import { addDays, AuditEntrySchema, systemEm, today } from '@cppcc/kit';
import {
  coreEvent,
  databases,
  operation,
  startTestModule,
  testCaller,
  type TestModule,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaveRequestSchema } from '../entities/leave-request.entity.js';
import { members } from '../module.js';

const member = testCaller(['member'], CITY, '8');
const staff = testCaller(['staff'], CITY);
const leader = testCaller(['leader'], CITY);
interface Leave {
  id: string;
  version: number;
  status: string;
  availableActions: string[];
}

const ask = operation<{ requestLeave: Leave }>(
  `mutation($b: ID, $s: ID) { requestLeave(bodyMeetingId: $b, studySessionId: $s, reason: "出差在外") { id version status availableActions meetingKind meetingLevel meetingOn bodyMeeting { id } studySession { id } } }`,
);

/** Meetings organization announces (`meeting.registered`): ids from 9001 so none is a demo one. */
type Meeting = {
  kind: 'BODY_MEETING' | 'STUDY_SESSION';
  id: number;
  title: string;
  level: 'PLENARY' | 'STANDING_COMMITTEE' | 'OTHER';
  status?: 'PLANNED' | 'HELD' | 'ARCHIVED' | 'CANCELLED';
  plannedOn?: string;
  district?: string;
  changedAt?: string;
};
const soon = addDays(today(), 10);
const announced = (m: Meeting) =>
  coreEvent(
    meetingRegistered,
    {
      kind: m.kind,
      meetingId: String(m.id),
      district: m.district ?? CITY,
      title: m.title,
      level: m.level,
      plannedOn: m.plannedOn ?? soon,
      heldOn: m.status === 'HELD' || m.status === 'ARCHIVED' ? (m.plannedOn ?? soon) : null,
      status: m.status ?? 'PLANNED',
      changedAt: m.changedAt ?? new Date().toISOString(),
    },
    'organization',
    m.district ?? CITY,
  );

describe.each(databases())('leave requests on $name', ({ url }) => {
  let module: TestModule;
  const meetings: Record<string, Meeting> = {
    plenary: { kind: 'BODY_MEETING', id: 9001, title: '市政协十届五次会议', level: 'PLENARY' },
    standing: {
      kind: 'BODY_MEETING',
      id: 9002,
      title: '十届常委会第二十次会议',
      level: 'STANDING_COMMITTEE',
    },
    chair: { kind: 'BODY_MEETING', id: 9003, title: '主席会议', level: 'OTHER' },
    study: { kind: 'STUDY_SESSION', id: 9004, title: '学习党的创新理论', level: 'OTHER' },
    cancelled: {
      kind: 'BODY_MEETING',
      id: 9005,
      title: '秘书长会议',
      level: 'OTHER',
      status: 'CANCELLED',
    },
    held: {
      kind: 'BODY_MEETING',
      id: 9006,
      title: '十届常委会第十八次会议',
      level: 'STANDING_COMMITTEE',
      status: 'HELD',
      plannedOn: '2026-06-20',
    },
    past: {
      kind: 'BODY_MEETING',
      id: 9007,
      title: '主席会议（逾期）',
      level: 'OTHER',
      plannedOn: '2020-01-08',
    },
    elsewhere: {
      kind: 'BODY_MEETING',
      id: 9008,
      title: '屯溪区政协常委会议',
      level: 'STANDING_COMMITTEE',
      district: '341002',
    },
    later: { kind: 'BODY_MEETING', id: 9009, title: '主席会议（后取消）', level: 'OTHER' },
  };
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
    await module.transport.publish(Object.values(meetings).map(announced));
    await module.relay.kick();
  });
  afterAll(() => module?.stop());

  const step = (name: string, r: { id: string; version: number }, caller: typeof staff) =>
    module.execute<Record<string, Leave>>(
      `mutation { ${name}(id: "${r.id}", version: ${r.version}) { id status version availableActions } }`,
      {},
      caller,
    );
  const body = (m: Meeting) => ({ b: String(m.id) });
  const refusal = async (vars: Record<string, string>) =>
    (await module.execute(ask, vars, member)).errors?.[0];

  it("has a plenary leave approved by a leader, not by staff, and records the approval in the member's archive", async () => {
    const r = (await module.execute(ask, body(meetings.plenary), member)).data!.requestLeave;
    expect(r).toMatchObject({
      status: 'REQUESTED',
      availableActions: ['withdraw'],
      meetingKind: 'BODY_MEETING',
      meetingLevel: 'PLENARY',
      meetingOn: soon,
      bodyMeeting: { id: '9001' },
      studySession: null,
    });
    const byStaff = await step('approveLeave', r, staff);
    expect(byStaff.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'approve' });
    const approved = await step('approveLeave', r, leader);
    expect(approved.data!.approveLeave.status).toBe('APPROVED');
    await module.relay.kick();
    const record = await module.execute<{ member: { dutyEvents: unknown[] } }>(
      `{ member(id: "8") { dutyEvents { kind summary } leaveRequests { status } } }`,
      {},
      member,
    );
    expect(record.data!.member.dutyEvents).toContainEqual({
      kind: 'leave.approved',
      summary: '市政协十届五次会议（请假获准）',
    });
    // The connection that replaces the list: the request just approved is the last one.
    const paged = await module.execute<{
      member: {
        leaveRequests: { id: string }[];
        leaveRequestsConnection: { totalCount: number; nodes: { id: string; status: string }[] };
      };
    }>(
      `{ member(id: "8") { leaveRequests { id } leaveRequestsConnection(last: 1) { totalCount nodes { id status } } } }`,
      {},
      member,
    );
    const { leaveRequests, leaveRequestsConnection } = paged.data!.member;
    expect(leaveRequestsConnection).toEqual({
      totalCount: leaveRequests.length,
      nodes: [{ id: leaveRequests.at(-1)!.id, status: 'APPROVED' }],
    });
    const again = await step('rejectLeave', approved.data!.approveLeave, leader);
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'APPROVED',
    });
    const trail = await systemEm(module.orm).find(
      AuditEntrySchema,
      { entity: 'leave_request', entityId: r.id },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ['request', null, 'REQUESTED'],
      ['approve', 'REQUESTED', 'APPROVED'],
    ]);
  });

  it('lets staff decide leave from other meetings, and the member withdraw a request', async () => {
    const other = (await module.execute(ask, body(meetings.chair), member)).data!.requestLeave;
    expect((await step('rejectLeave', other, staff)).data!.rejectLeave).toMatchObject({
      status: 'REJECTED',
    });
    const study = (await module.execute(ask, { s: String(meetings.study.id) }, member)).data!
      .requestLeave;
    expect(study).toMatchObject({ meetingKind: 'STUDY_SESSION', studySession: { id: '9004' } });
    const mine = (await module.execute(ask, body(meetings.standing), member)).data!.requestLeave;
    const notMine = await step('withdrawLeave', mine, testCaller(['member'], CITY, '9'));
    expect(notMine.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await step('withdrawLeave', mine, member)).data!.withdrawLeave).toMatchObject({
      status: 'WITHDRAWN',
    });
  });

  it('refuses a meeting not on record, of another district, cancelled or ended, naming the field and rule, writing nothing', async () => {
    const before = await systemEm(module.orm).count(LeaveRequestSchema, {});
    expect((await refusal({}))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'bodyMeetingId',
      rule: 'one-of',
    });
    expect((await refusal({ b: '9001', s: '9004' }))?.extensions).toMatchObject({
      field: 'bodyMeetingId',
      rule: 'one-of',
    });
    expect((await refusal({ b: '404' }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'bodyMeetingId',
      rule: 'exists',
    });
    // A body meeting's id is not a study session's.
    expect((await refusal({ s: '9001' }))?.extensions).toMatchObject({
      field: 'studySessionId',
      rule: 'exists',
    });
    expect((await refusal(body(meetings.elsewhere)))?.extensions).toMatchObject({
      rule: 'exists',
    });
    expect((await refusal(body(meetings.cancelled)))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'bodyMeetingId',
      rule: 'not-cancelled',
    });
    expect((await refusal(body(meetings.held)))?.extensions).toMatchObject({
      field: 'bodyMeetingId',
      rule: 'not-ended',
    });
    expect((await refusal(body(meetings.past)))?.extensions).toMatchObject({
      rule: 'not-ended',
    });
    // One open request per meeting: the plenary's was approved above.
    expect((await refusal(body(meetings.plenary)))?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'bodyMeetingId',
      rule: 'once',
    });
    expect(await systemEm(module.orm).count(LeaveRequestSchema, {})).toBe(before);
  });

  it('does not offer or take approval once the meeting was cancelled', async () => {
    const r = (await module.execute(ask, body(meetings.later), member)).data!.requestLeave;
    expect(
      (
        await module.execute<{ member: { leaveRequests: Leave[] } }>(
          `{ member(id: "8") { leaveRequests { id availableActions } } }`,
          {},
          staff,
        )
      ).data!.member.leaveRequests.find((l) => l.id === r.id)?.availableActions,
    ).toEqual(['approve', 'reject']);
    await module.transport.publish([announced({ ...meetings.later, status: 'CANCELLED' })]);
    await module.relay.kick();
    const offered = await module.execute<{ member: { leaveRequests: Leave[] } }>(
      `{ member(id: "8") { leaveRequests { id availableActions } } }`,
      {},
      staff,
    );
    expect(offered.data!.member.leaveRequests.find((l) => l.id === r.id)?.availableActions).toEqual(
      ['reject'],
    );
    const refused = await step('approveLeave', r, staff);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'REQUESTED',
      action: 'approve',
      rule: 'meeting-cancelled',
    });
    expect((await step('rejectLeave', r, staff)).data!.rejectLeave.status).toBe('REJECTED');
  });

  it('links a request asked for by free text to the meeting it names once organization announces it', async () => {
    const em = systemEm(module.orm);
    const legacy = em.create(LeaveRequestSchema, {
      district: CITY,
      memberId: 8,
      meeting: '十届常委会第二十一次会议',
      meetingLevel: 'STANDING_COMMITTEE',
      meetingOn: '2026-03-20',
      reason: '出差',
      status: 'REQUESTED',
      decidedBy: null,
      public: false,
    });
    const unmatched = em.create(LeaveRequestSchema, {
      district: CITY,
      memberId: 8,
      meeting: '一个从未建档的会议',
      meetingLevel: 'STANDING_COMMITTEE',
      meetingOn: '2026-03-20',
      reason: '出差',
      status: 'APPROVED',
      decidedBy: null,
      public: false,
    });
    await em.flush();
    await module.transport.publish([
      announced({
        kind: 'BODY_MEETING',
        id: 9010,
        title: '十届常委会第二十一次会议',
        level: 'STANDING_COMMITTEE',
        status: 'HELD',
        plannedOn: '2026-03-20',
      }),
    ]);
    await module.relay.kick();
    const rows = await systemEm(module.orm).find(
      LeaveRequestSchema,
      { id: [legacy.id, unmatched.id] },
      { orderBy: { id: 'asc' } },
    );
    expect(rows.map((l) => [l.meetingKind ?? null, l.meetingId ?? null])).toEqual([
      ['BODY_MEETING', 9010],
      [null, null],
    ]);
  });
});
