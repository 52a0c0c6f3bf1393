import { CITY } from '@cppcc/demo';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const member = testCaller(['member'], CITY, '8');
const staff = testCaller(['staff'], CITY);
const leader = testCaller(['leader'], CITY);
interface Leave {
  id: string;
  version: number;
  status: string;
}

const ask = operation<{ requestLeave: Leave }>(
  `mutation($level: MeetingLevel!) { requestLeave(meeting: "市政协十届五次会议", meetingLevel: $level, meetingOn: "2026-01-12", reason: "出差在外") { id version status availableActions } }`,
);

describe.each(databases())('leave requests on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  const step = (name: string, r: { id: string; version: number }, caller: typeof staff) =>
    module.execute<Record<string, Leave>>(
      `mutation { ${name}(id: "${r.id}", version: ${r.version}) { id status version } }`,
      {},
      caller,
    );

  it("has a plenary leave approved by a leader, not by staff, and records the approval in the member's archive", async () => {
    const r = (await module.execute(ask, { level: 'PLENARY' }, member)).data!.requestLeave;
    expect(r).toMatchObject({ status: 'REQUESTED', availableActions: ['withdraw'] });
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
    const again = await step('rejectLeave', approved.data!.approveLeave, leader);
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'APPROVED',
    });
  });

  it('lets staff decide leave from other meetings, and the member withdraw a request', async () => {
    const other = (await module.execute(ask, { level: 'OTHER' }, member)).data!.requestLeave;
    expect((await step('rejectLeave', other, staff)).data!.rejectLeave).toMatchObject({
      status: 'REJECTED',
    });
    const mine = (await module.execute(ask, { level: 'STANDING_COMMITTEE' }, member)).data!
      .requestLeave;
    const notMine = await step('withdrawLeave', mine, testCaller(['member'], CITY, '9'));
    expect(notMine.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await step('withdrawLeave', mine, member)).data!.withdrawLeave).toMatchObject({
      status: 'WITHDRAWN',
    });
    const blank = await module.execute(
      `mutation { requestLeave(meeting: "常委会议", meetingLevel: OTHER, meetingOn: "2026-02-30x", reason: "x") { id } }`,
      {},
      member,
    );
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
