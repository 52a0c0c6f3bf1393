import { randomUUID } from 'node:crypto';
import { CITY } from '@cppcc/demo';
import { bodyMeetingAttended, consultationAttended } from '@cppcc/events';
import { eventId, ProcessedEventSchema, systemEm } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutyEventSchema } from '../entities/duty-event.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);

describe.each(databases())('events for unknown members on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  it('keeps them aside, reports them to staff, and applies them once the member exists', async () => {
    const event = {
      id: randomUUID(),
      type: consultationAttended.type,
      source: 'consultation',
      district: CITY,
      occurredAt: new Date().toISOString(),
      payload: {
        activityId: '12',
        memberId: '5000',
        form: 'SECTOR',
        title: '茶业振兴界别协商',
        heldOn: '2026-04-02',
      },
    };
    await module.transport.publish([event]);
    await module.transport.publish([event]);

    const report = await module.execute<{ parkedEvents: { nodes: unknown[] } }>(
      `{ parkedEvents { totalCount nodes { memberId type reason resolvedAt } } }`,
      {},
      staff,
    );
    expect(report.data!.parkedEvents.nodes).toEqual([
      {
        memberId: '5000',
        type: 'consultation.attended',
        reason: 'member 5000 is not known to the members subgraph',
        resolvedAt: null,
      },
    ]);
    const otherDistrict = await module.execute<{ parkedEvents: { totalCount: number } }>(
      `{ parkedEvents { totalCount } }`,
      {},
      testCaller(['staff'], '341002'),
    );
    expect(otherDistrict.data!.parkedEvents.totalCount).toBe(0);
    const member = await module.execute(
      `{ parkedEvents { totalCount } }`,
      {},
      testCaller(['member'], CITY, '1'),
    );
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Nothing to apply while the member is still unknown.
    expect(
      (await module.execute(`mutation { retryParkedEvents }`, {}, staff)).data!.retryParkedEvents,
    ).toBe(0);

    const em = systemEm(module.orm);
    em.create(MemberSchema, {
      id: 5000,
      district: CITY,
      name: '新委员',
      gender: 'FEMALE',
      ethnicity: '汉族',
      party: '无党派人士',
      sectorId: 1,
      workUnit: '黄山学院',
      title: '讲师',
      standingCommittee: false,
      status: 'ACTIVE',
      public: true,
    });
    await em.flush();

    expect(
      (await module.execute(`mutation { retryParkedEvents }`, {}, staff)).data!.retryParkedEvents,
    ).toBe(1);
    expect(
      (await module.execute(`mutation { retryParkedEvents }`, {}, staff)).data!.retryParkedEvents,
    ).toBe(0);
    const rows = await systemEm(module.orm).find(DutyEventSchema, { memberId: 5000 });
    expect(rows.map((r) => [r.kind, r.sourceId, r.eventId])).toEqual([
      ['consultation.attended', '12', event.id],
    ]);
    const after = await module.execute<{ parkedEvents: { totalCount: number } }>(
      `{ parkedEvents { totalCount } }`,
      {},
      staff,
    );
    expect(after.data!.parkedEvents.totalCount).toBe(0);
  });

  it('replays a parked attendance line and its correction as one line, the correction winning', async () => {
    const line = (attendance: string) => ({
      id: eventId(),
      type: bodyMeetingAttended.type,
      source: 'organization',
      district: CITY,
      occurredAt: new Date().toISOString(),
      payload: {
        meetingId: '31',
        memberId: '5001',
        body: 'STANDING_COMMITTEE',
        title: '十届常委会第七次会议',
        heldOn: '2026-09-10',
        attendance,
      },
    });
    const [absent, leave] = [line('ABSENT'), line('ON_LEAVE')];
    await module.transport.publish([leave, absent]);
    const em = systemEm(module.orm);
    for (
      let tries = 0;
      (await em.count(ProcessedEventSchema, { eventId: { $in: [absent.id, leave.id] } })) < 2;
      tries++
    ) {
      if (tries > 400) throw new Error('the bus did not deliver in time');
      await new Promise((r) => setTimeout(r, 25));
    }
    em.create(MemberSchema, {
      id: 5001,
      district: CITY,
      name: '又一新委员',
      gender: 'MALE',
      ethnicity: '汉族',
      party: '无党派人士',
      sectorId: 1,
      workUnit: '黄山学院',
      title: '讲师',
      standingCommittee: false,
      status: 'ACTIVE',
      public: true,
    });
    await em.flush();
    expect(
      (await module.execute(`mutation { retryParkedEvents }`, {}, staff)).data!.retryParkedEvents,
    ).toBe(2);
    const rows = await systemEm(module.orm).find(DutyEventSchema, { memberId: 5001 });
    expect(rows.map((r) => [r.kind, r.sourceId, r.eventId])).toEqual([
      ['meeting.on_leave', '31', leave.id],
    ]);
  });
});
