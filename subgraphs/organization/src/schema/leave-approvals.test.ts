import { randomUUID } from 'node:crypto';
import { CITY, currentTerm, members as demoMembers } from '@cppcc/demo';
import { leaveApproved, meetingRegistered } from '@cppcc/events';
import { AuditEntrySchema, ProcessedEventSchema, systemEm, type Caller } from '@cppcc/kit';
import {
  databases,
  operation,
  outbox,
  startTestModule,
  testCaller,
  type GraphResponse,
  type TestModule,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovedLeaveSchema } from '../entities/approved-leave.entity.js';
import { AttendanceSchema } from '../entities/attendance.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

/** Leaves approved in the members subgraph reach attendance through the bus, before or after the meeting. */
/** A member's line on a meeting (attendance, or an approved leave). */
interface Line {
  member: { id: string };
  attendance?: string;
}

describe.each(databases())('approved leaves and attendance on $name', ({ url }) => {
  let org: TestModule;
  const staff = testCaller(['staff'], CITY);
  const [a, b, c, d, e] = demoMembers().filter((m) => m.district === CITY);
  let leaveIds = 500;

  const approve = (
    memberId: number,
    meetingLevel: 'PLENARY' | 'STANDING_COMMITTEE' | 'OTHER',
    meetingOn: string,
    eventId = randomUUID(),
    leaveId = ++leaveIds,
  ) => ({
    id: eventId,
    type: leaveApproved.type,
    source: 'members',
    district: CITY,
    occurredAt: new Date().toISOString(),
    payload: {
      leaveId: String(leaveId),
      memberId: String(memberId),
      meeting: '市政协常委会议',
      meetingLevel,
      meetingOn,
    } as Record<string, string>,
  });

  /** Publishes and waits until the consumer's ledger holds every event sent, so each has been applied. */
  const deliver = async (events: ReturnType<typeof approve>[]) => {
    await org.transport.publish(events);
    for (const id of new Set(events.map((x) => x.id))) {
      for (
        let tries = 0;
        (await systemEm(org.orm).count(ProcessedEventSchema, { eventId: id })) === 0;
        tries++
      ) {
        if (tries > 400) throw new Error('the bus did not deliver in time');
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  };
  const stored = async (...events: ReturnType<typeof approve>[]) =>
    (
      await systemEm(org.orm).find(ApprovedLeaveSchema, {
        leaveId: { $in: events.map((x) => Number(x.payload.leaveId)) },
      })
    ).map((l) => l.leaveId);

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());

  it('shows the approved leaves on the meeting and records those members ON_LEAVE when it is held', async () => {
    const planned = await org.execute<{ planBodyMeeting: { id: string } }>(
      `mutation { planBodyMeeting(input: { term: "${currentTerm(CITY).id}", body: STANDING_COMMITTEE, title: "十届常委会议（11月）", plannedOn: "2026-11-20", agenda: ["议题"] }) { id } }`,
      {},
      staff,
    );
    const id = planned.data!.planBodyMeeting.id;
    const sent = [
      approve(b.id, 'STANDING_COMMITTEE', '2026-11-20'),
      approve(c.id, 'STANDING_COMMITTEE', '2026-11-20'),
      approve(d.id, 'PLENARY', '2026-11-20'),
      approve(e.id, 'STANDING_COMMITTEE', '2026-11-21'),
    ];
    await deliver(sent);
    expect(await stored(...sent)).toHaveLength(4);
    const leaves = `{ bodyMeetings(filter: { district: "${CITY}", from: "2026-11-20", to: "2026-11-20" }) { nodes { approvedLeaves { member { id } meetingLevel } } } }`;
    const seen = async (caller?: Caller) =>
      (
        await org.execute<{ bodyMeetings: { nodes: { approvedLeaves: Line[] }[] } }>(
          leaves,
          {},
          caller,
        )
      ).data!.bodyMeetings.nodes[0].approvedLeaves.map((l) => l.member.id);
    expect(await seen(staff)).toEqual([String(b.id), String(c.id)]);
    expect(await seen(testCaller(['member'], CITY, String(b.id)))).toEqual([String(b.id)]);
    expect(await seen()).toEqual([]);

    const hold = operation<{ holdBodyMeeting: { attendanceSummary: unknown; attendance: Line[] } }>(
      `mutation($input: HoldBodyMeetingInput!) { holdBodyMeeting(input: $input) { attendanceSummary { expected present onLeave absent } attendance { member { id } attendance } } }`,
    );
    const held = await org.execute(
      hold,
      {
        input: {
          id,
          heldOn: '2026-11-20',
          attendance: [
            { member: String(a.id), attendance: 'PRESENT' },
            { member: String(b.id), attendance: 'ABSENT' },
            { member: String(d.id), attendance: 'ABSENT' },
          ],
        },
      },
      staff,
    );
    expect(held.errors).toBeUndefined();
    const result = held.data!.holdBodyMeeting;
    expect(result.attendanceSummary).toEqual({ expected: 4, present: 1, onLeave: 2, absent: 1 });
    const marks = Object.fromEntries(result.attendance.map((l) => [l.member.id, l.attendance]));
    expect(marks).toEqual({
      [a.id]: 'PRESENT',
      [b.id]: 'ON_LEAVE',
      [c.id]: 'ON_LEAVE',
      [d.id]: 'ABSENT',
    });
    const events = (await outbox(org.orm, { type: 'body_meeting.attended' })).filter(
      (x) => x.payload.meetingId === id,
    );
    expect(
      Object.fromEntries(events.map((x) => [x.payload.memberId, x.payload.attendance])),
    ).toEqual(marks);
  });

  it('corrects a recorded absence when the leave arrives after the meeting, once, with an audit row and a new announcement', async () => {
    const id = String(
      (
        await systemEm(org.orm).findOneOrFail(AttendanceSchema, {
          kind: 'BODY_MEETING',
          memberId: d.id,
          heldOn: '2026-11-20',
        })
      ).subjectId,
    );
    const late = approve(d.id, 'STANDING_COMMITTEE', '2026-11-20');
    await deliver([late, late]);
    expect(await stored(late)).toEqual([Number(late.payload.leaveId)]);
    await deliver([
      approve(d.id, 'STANDING_COMMITTEE', '2026-11-20', randomUUID(), Number(late.payload.leaveId)),
    ]);
    await deliver([approve(a.id, 'STANDING_COMMITTEE', '2026-11-20')]);
    const rows = await systemEm(org.orm).find(AttendanceSchema, {
      kind: 'BODY_MEETING',
      subjectId: Number(id),
    });
    expect(Object.fromEntries(rows.map((r) => [r.memberId, r.attendance]))).toMatchObject({
      [a.id]: 'PRESENT',
      [d.id]: 'ON_LEAVE',
    });
    const row = rows.find((r) => r.memberId === d.id)!;
    const trail = await systemEm(org.orm).find(AuditEntrySchema, {
      entity: 'attendance',
      entityId: String(row.id),
    });
    expect(trail.map((t) => [t.action, t.fromState, t.toState, t.actor])).toEqual([
      ['leaveApproved', 'ABSENT', 'ON_LEAVE', null],
    ]);
    const events = (await outbox(org.orm, { type: 'body_meeting.attended' })).filter(
      (x) => x.payload.meetingId === id && x.payload.memberId === String(d.id),
    );
    expect(events.map((x) => x.payload.attendance)).toEqual(['ABSENT', 'ON_LEAVE']);
    // A present member's later leave changes nothing.
    expect(
      (await outbox(org.orm, { type: 'body_meeting.attended' })).filter(
        (x) => x.payload.meetingId === id && x.payload.memberId === String(a.id),
      ),
    ).toHaveLength(1);
  });

  it('applies OTHER-level leaves to a study session held that day', async () => {
    const plan = await org.execute<{ planStudySession: { id: string } }>(
      `mutation { planStudySession(input: { district: "${CITY}", kind: SPECIAL, topic: "专题学习研讨", plannedOn: "2026-12-04", materials: ["材料"] }) { id } }`,
      {},
      staff,
    );
    const id = plan.data!.planStudySession.id;
    const leave = approve(c.id, 'OTHER', '2026-12-04');
    await deliver([leave]);
    expect(await stored(leave)).toEqual([Number(leave.payload.leaveId)]);
    const held = await org.execute(
      `mutation { holdStudySession(input: { id: "${id}", heldOn: "2026-12-04", attendance: [{ member: "${a.id}", attendance: PRESENT }, { member: "${c.id}", attendance: ABSENT }] }) { attendanceSummary { present onLeave absent } approvedLeaves { member { id } } } }`,
      {},
      staff,
    );
    expect(held.data!.holdStudySession).toEqual({
      attendanceSummary: { present: 1, onLeave: 1, absent: 0 },
      approvedLeaves: [{ member: { id: String(c.id) } }],
    });
  });

  it('lets an OTHER leave excuse a recorded absence at a chair or secretary-general meeting but never adds a member to one', async () => {
    const term = currentTerm(CITY).id;
    const hold = operation<{ holdBodyMeeting: { attendance: Line[] } }>(
      `mutation($input: HoldBodyMeetingInput!) { holdBodyMeeting(input: $input) { attendance { member { id } attendance } } }`,
    );
    const marks = (r: GraphResponse<{ holdBodyMeeting: { attendance: Line[] } }>) =>
      Object.fromEntries(
        r.data!.holdBodyMeeting.attendance.map((l) => [l.member.id, l.attendance]),
      );

    // Leaves approved before the meeting is held.
    const chair = (
      await org.execute<{ planBodyMeeting: { id: string } }>(
        `mutation { planBodyMeeting(input: { term: "${term}", body: CHAIR_MEETING, title: "十届主席会议（12月）", plannedOn: "2026-12-10", agenda: ["议题"] }) { id } }`,
        {},
        staff,
      )
    ).data!.planBodyMeeting;
    await deliver([approve(c.id, 'OTHER', '2026-12-10'), approve(e.id, 'OTHER', '2026-12-10')]);
    const held = await org.execute(
      hold,
      {
        input: {
          id: chair.id,
          heldOn: '2026-12-10',
          attendance: [
            { member: String(a.id), attendance: 'PRESENT' },
            { member: String(c.id), attendance: 'ABSENT' },
          ],
        },
      },
      staff,
    );
    expect(held.errors).toBeUndefined();
    expect(marks(held)).toEqual({ [a.id]: 'PRESENT', [c.id]: 'ON_LEAVE' });

    // Leaves approved after the meeting was recorded.
    const sg = (
      await org.execute<{ planBodyMeeting: { id: string } }>(
        `mutation { planBodyMeeting(input: { term: "${term}", body: SECRETARY_GENERAL_MEETING, title: "秘书长会议", plannedOn: "2026-12-11", agenda: ["议题"] }) { id } }`,
        {},
        staff,
      )
    ).data!.planBodyMeeting;
    const held2 = await org.execute(
      hold,
      {
        input: {
          id: sg.id,
          heldOn: '2026-12-11',
          attendance: [
            { member: String(a.id), attendance: 'PRESENT' },
            { member: String(b.id), attendance: 'ABSENT' },
          ],
        },
      },
      staff,
    );
    expect(marks(held2)).toEqual({ [a.id]: 'PRESENT', [b.id]: 'ABSENT' });
    await deliver([approve(b.id, 'OTHER', '2026-12-11'), approve(d.id, 'OTHER', '2026-12-11')]);
    const rows = await systemEm(org.orm).find(AttendanceSchema, {
      kind: 'BODY_MEETING',
      subjectId: Number(sg.id),
    });
    expect(Object.fromEntries(rows.map((r) => [r.memberId, r.attendance]))).toEqual({
      [a.id]: 'PRESENT',
      [b.id]: 'ON_LEAVE',
    });
    const events = (await outbox(org.orm, { type: 'body_meeting.attended' })).filter(
      (x) => x.payload.meetingId === sg.id,
    );
    expect(events.map((x) => [x.payload.memberId, x.payload.attendance])).toEqual([
      [String(a.id), 'PRESENT'],
      [String(b.id), 'ABSENT'],
      [String(b.id), 'ON_LEAVE'],
    ]);
  });

  it('never adds a member to a study session for an OTHER leave, held before or after the leave', async () => {
    const plan = async (day: string) =>
      (
        await org.execute<{ planStudySession: { id: string } }>(
          `mutation { planStudySession(input: { district: "${CITY}", kind: SPECIAL, topic: "学习", plannedOn: "${day}", materials: ["材料"] }) { id } }`,
          {},
          staff,
        )
      ).data!.planStudySession.id;
    const hold = async (id: string, day: string) =>
      org.execute(
        `mutation { holdStudySession(input: { id: "${id}", heldOn: "${day}", attendance: [{ member: "${a.id}", attendance: PRESENT }] }) { attendanceSummary { present onLeave absent } } }`,
        {},
        staff,
      );
    const before = await plan('2026-12-15');
    await deliver([approve(e.id, 'OTHER', '2026-12-15')]);
    expect((await hold(before, '2026-12-15')).data!.holdStudySession).toEqual({
      attendanceSummary: { present: 1, onLeave: 0, absent: 0 },
    });
    const after = await plan('2026-12-16');
    await hold(after, '2026-12-16');
    await deliver([approve(e.id, 'OTHER', '2026-12-16')]);
    const rows = await systemEm(org.orm).find(AttendanceSchema, {
      kind: 'STUDY_SESSION',
      subjectId: { $in: [Number(before), Number(after)] },
    });
    expect(rows.map((r) => r.memberId)).toEqual([a.id, a.id]);
  });

  it('a leave naming its meeting excuses the member there only, on whatever day it is held, and meetings are announced', async () => {
    const plan = async (title: string) =>
      (
        await org.execute<{ planBodyMeeting: { id: string } }>(
          `mutation { planBodyMeeting(input: { term: "${currentTerm(CITY).id}", body: CHAIR_MEETING, title: "${title}", plannedOn: "2026-12-22", agenda: ["议题"] }) { id } }`,
          {},
          staff,
        )
      ).data!.planBodyMeeting.id;
    const named = await plan('主席会议（甲）');
    const other = await plan('主席会议（乙）');
    const sent = outbox(org.orm, { type: meetingRegistered.type });
    expect(
      (await sent)
        .map((x) => x.payload)
        .filter((p) => [named, other].includes(String(p.meetingId))),
    ).toEqual([
      expect.objectContaining({
        kind: 'BODY_MEETING',
        meetingId: named,
        level: 'OTHER',
        status: 'PLANNED',
        plannedOn: '2026-12-22',
      }),
      expect.objectContaining({ meetingId: other, status: 'PLANNED' }),
    ]);
    const leave = approve(c.id, 'OTHER', '2026-12-22');
    await deliver([
      { ...leave, payload: { ...leave.payload, meetingKind: 'BODY_MEETING', meetingId: named } },
    ]);
    const hold = (id: string, day: string) =>
      org.execute<{ holdBodyMeeting: { attendance: Line[] } }>(
        `mutation { holdBodyMeeting(input: { id: "${id}", heldOn: "${day}", attendance: [{ member: "${c.id}", attendance: ABSENT }] }) { attendance { member { id } attendance } } }`,
        {},
        staff,
      );
    // The other chair meeting that day is not the one the leave names: the absence stands.
    expect((await hold(other, '2026-12-22')).data!.holdBodyMeeting.attendance).toEqual([
      { member: { id: String(c.id) }, attendance: 'ABSENT' },
    ]);
    // The named one, held a day late: on leave.
    expect((await hold(named, '2026-12-23')).data!.holdBodyMeeting.attendance).toEqual([
      { member: { id: String(c.id) }, attendance: 'ON_LEAVE' },
    ]);
    const heldNews = (await outbox(org.orm, { type: meetingRegistered.type }))
      .map((x) => x.payload)
      .filter((p) => p.meetingId === named);
    expect(heldNews.at(-1)).toMatchObject({ status: 'HELD', heldOn: '2026-12-23' });
  });
});
