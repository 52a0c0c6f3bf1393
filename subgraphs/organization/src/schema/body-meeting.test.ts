import type { EntitySchema } from '@mikro-orm/core';
import {
  bodyMeetingAttendance,
  bodyMeetings,
  CITY,
  currentTerm,
  governmentUnits,
  members as demoMembers,
  sessions,
  terms,
} from '@cppcc/demo';
import { AuditEntrySchema, OutboxEventSchema, systemEm, type Caller } from '@cppcc/kit';
import {
  databases,
  operation,
  outbox,
  startTestModule,
  testCaller,
  type TestModule,
} from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttendanceSchema } from '../entities/attendance.entity.js';
import { BodyMeetingSchema } from '../entities/body-meeting.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

const plan = operation<{ planBodyMeeting: { id: string } }>(
  `mutation($input: PlanBodyMeetingInput!) { planBodyMeeting(input: $input) { id status availableActions } }`,
);
const hold = `mutation($input: HoldBodyMeetingInput!) { holdBodyMeeting(input: $input) { id status heldOn attendanceSummary { expected present onLeave absent } } }`;

describe.each(databases())('terms, sessions and body meetings on $name', ({ url }) => {
  let org: TestModule;
  const cityStaff = testCaller(['staff'], CITY);
  const tunxiStaff = testCaller(['staff'], '341002');
  const cityMembers = demoMembers().filter((m) => m.district === CITY);
  const term = currentTerm(CITY);

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());
  const count = (entity: EntitySchema, where = {}) => systemEm(org.orm).count(entity, where);

  it('holds the demo terms, sessions, meetings and their announced attendance', async () => {
    const r = await org.execute<{ district: { terms: unknown } }>(
      `{ district(code: "${CITY}") { terms { ordinal endsOn sessions { name } } } }`,
    );
    expect(r.data!.district.terms).toEqual(
      terms
        .filter((t) => t.district === CITY)
        .map((t) => ({
          ordinal: t.ordinal,
          endsOn: t.endsOn,
          sessions: sessions.filter((s) => s.termId === t.id).map((s) => ({ name: s.name })),
        })),
    );
    const plenary = bodyMeetings.find(
      (m) => m.district === CITY && m.body === 'PLENARY' && m.heldOn!.startsWith('2026'),
    )!;
    const lines = bodyMeetingAttendance().filter((l) => l.meetingId === plenary.id);
    const q = await org.execute<{
      bodyMeetings: { nodes: { id: string; attendanceSummary: unknown; attendance: unknown[] }[] };
    }>(
      `{ bodyMeetings(filter: { district: "${CITY}", body: PLENARY, from: "2026-01-01" }) { nodes { id attendanceSummary { expected present } attendance { member { id } } } } }`,
    );
    const node = q.data!.bodyMeetings.nodes[0];
    expect(node.id).toBe(String(plenary.id));
    expect(node.attendanceSummary).toEqual({
      expected: cityMembers.length,
      present: lines.filter((l) => l.attendance === 'PRESENT').length,
    });
    expect(node.attendance).toEqual([]);
    const events = await count(OutboxEventSchema, { type: 'body_meeting.attended' });
    expect(events).toBe(bodyMeetingAttendance().length);
    expect(await count(OutboxEventSchema, { type: 'term.registered' })).toBe(terms.length);
    expect(await count(OutboxEventSchema, { type: 'government_unit.registered' })).toBe(
      governmentUnits.length,
    );
  });

  it('plans and holds a standing-committee meeting, writing attendance, events and audit rows together', async () => {
    const planned = await org.execute(
      plan,
      {
        input: {
          term: String(term.id),
          body: 'STANDING_COMMITTEE',
          title: '十届常委会临时会议',
          plannedOn: '2026-11-20',
          agenda: ['学习传达全会精神'],
        },
      },
      cityStaff,
    );
    expect(planned.errors).toBeUndefined();
    const meeting = planned.data!.planBodyMeeting;
    expect(meeting).toMatchObject({ status: 'PLANNED', availableActions: ['hold', 'cancel'] });
    const [a, b, c] = cityMembers;
    const held = await org.execute(
      hold,
      {
        input: {
          id: meeting.id,
          heldOn: '2026-11-21',
          note: '改期一天',
          attendance: [
            { member: String(a.id), attendance: 'PRESENT' },
            { member: String(b.id), attendance: 'ON_LEAVE' },
            { member: String(c.id), attendance: 'ABSENT' },
          ],
        },
      },
      cityStaff,
    );
    expect(held.errors).toBeUndefined();
    expect(held.data!.holdBodyMeeting).toMatchObject({
      status: 'HELD',
      heldOn: '2026-11-21',
      attendanceSummary: { expected: 3, present: 1, onLeave: 1, absent: 1 },
    });

    const events = await systemEm(org.orm).find(
      OutboxEventSchema,
      { type: 'body_meeting.attended' },
      { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: 3 },
    );
    expect(
      events
        .map((e) => e.payload)
        .filter((p) => p.meetingId === meeting.id)
        .map((p) => [p.memberId, p.attendance])
        .sort(),
    ).toEqual(
      [
        [String(a.id), 'PRESENT'],
        [String(b.id), 'ON_LEAVE'],
        [String(c.id), 'ABSENT'],
      ].sort(),
    );
    const trail = await systemEm(org.orm).find(
      AuditEntrySchema,
      { entity: 'body_meeting', entityId: meeting.id },
      { orderBy: { id: 'asc' } },
    );
    expect(trail.map((t) => [t.fromState, t.toState, t.note])).toEqual([
      [null, 'PLANNED', null],
      ['PLANNED', 'HELD', '改期一天'],
    ]);

    const again = await org.execute(
      hold,
      { input: { id: meeting.id, heldOn: '2026-11-22', attendance: [] } },
      cityStaff,
    );
    expect(again.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');

    // Names: staff see them all, a member their own line, the public the counts only.
    const names = operation<{ bodyMeetings: { nodes: { attendance: unknown[] }[] } }>(
      `{ bodyMeetings(filter: { district: "${CITY}", from: "2026-11-20", to: "2026-11-20" }) { nodes { attendanceSummary { expected } attendance { member { id } attendance } } } }`,
    );
    const staffView = (await org.execute(names, {}, cityStaff)).data!.bodyMeetings.nodes[0];
    expect(staffView.attendance).toHaveLength(3);
    const own = (await org.execute(names, {}, testCaller(['member'], CITY, String(b.id)))).data!
      .bodyMeetings.nodes[0];
    expect(own.attendance).toEqual([{ member: { id: String(b.id) }, attendance: 'ON_LEAVE' }]);
    const anon = (await org.execute(names)).data!.bodyMeetings.nodes[0];
    expect(anon).toEqual({ attendanceSummary: { expected: 3 }, attendance: [] });

    const mine = operation<{ _entities: { attendance: unknown[] }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { attendance(kind: BODY_MEETING) { subjectId attendance } } } }`,
    );
    const self = await org.execute(
      mine,
      { reps: [{ __typename: 'Member', id: String(c.id) }] },
      testCaller(['member'], CITY, String(c.id)),
    );
    expect(self.data!._entities[0].attendance).toContainEqual({
      subjectId: meeting.id,
      attendance: 'ABSENT',
    });
    const stranger = await org.execute(
      mine,
      { reps: [{ __typename: 'Member', id: String(c.id) }] },
      testCaller(['member'], CITY, String(a.id)),
    );
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The connection that replaces the list: the same lines a page at a time, the same rule.
    const paged = operation<{
      _entities: {
        attendanceConnection: {
          totalCount: number;
          nodes: { subjectId: string; attendance: string }[];
        };
      }[];
    }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { attendanceConnection(kind: BODY_MEETING, last: 1000) { totalCount nodes { subjectId attendance } } } } }`,
    );
    const reps = { reps: [{ __typename: 'Member', id: String(c.id) }] };
    const ownPage = await org.execute(paged, reps, testCaller(['member'], CITY, String(c.id)));
    const page = ownPage.data!._entities[0].attendanceConnection;
    expect(page.nodes).toEqual(self.data!._entities[0].attendance);
    expect(page.totalCount).toBe(page.nodes.length);
    const other = await org.execute(paged, reps, testCaller(['member'], CITY, String(a.id)));
    expect(other.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'attendanceConnection',
    });
  });

  it('refuses a bad attendance list, writing nothing', async () => {
    const planned = await org.execute(
      plan,
      {
        input: {
          term: String(term.id),
          body: 'CHAIR_MEETING',
          title: '十届主席会议（11月）',
          plannedOn: '2026-11-25',
          agenda: ['研究工作'],
        },
      },
      cityStaff,
    );
    const id = planned.data!.planBodyMeeting.id;
    const tunxi = demoMembers().find((m) => m.district === '341002')!;
    const [a] = cityMembers;
    const before = await count(AttendanceSchema);
    const cases: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [
        { attendance: [{ member: '888888', attendance: 'PRESENT' }] },
        cityStaff,
        { code: 'NOT_FOUND', field: 'input.attendance.0.member' },
      ],
      [
        {
          attendance: [
            { member: String(a.id), attendance: 'PRESENT' },
            { member: String(a.id), attendance: 'ABSENT' },
          ],
        },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.attendance.1.member', rule: 'duplicate' },
      ],
      [
        { attendance: [{ member: String(tunxi.id), attendance: 'PRESENT' }] },
        cityStaff,
        { code: 'BAD_USER_INPUT', rule: 'district' },
      ],
      [
        { heldOn: '2020-01-01', attendance: [] },
        cityStaff,
        { code: 'BAD_USER_INPUT', field: 'input.heldOn', rule: 'range' },
      ],
      [{ attendance: [] }, tunxiStaff, { code: 'CROSS_DISTRICT' }],
      [{ attendance: [] }, testCaller(['member'], CITY, String(a.id)), { code: 'FORBIDDEN' }],
    ];
    for (const [input, caller, error] of cases) {
      const r = await org.execute(hold, { input: { id, heldOn: '2026-11-25', ...input } }, caller);
      expect(r.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(error);
    }
    expect(await count(AttendanceSchema)).toBe(before);
    expect(
      (await systemEm(org.orm).findOneOrFail(BodyMeetingSchema, { id: Number(id) })).status,
    ).toBe('PLANNED');
    const cancelled = await org.execute(
      `mutation { cancelBodyMeeting(input: { id: "${id}", note: "改期" }) { status availableActions } }`,
      {},
      cityStaff,
    );
    expect(cancelled.data!.cancelBodyMeeting).toEqual({
      status: 'CANCELLED',
      availableActions: [],
    });
  });

  it('refuses meetings outside their term, plenaries without a session, and unknown terms', async () => {
    const base = {
      term: String(term.id),
      body: 'STANDING_COMMITTEE',
      title: '十届常委会议（5月）',
      plannedOn: '2026-05-01',
      agenda: ['议题'],
    };
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { plannedOn: '2021-01-01' },
        { code: 'BAD_USER_INPUT', field: 'input.plannedOn', rule: 'range' },
      ],
      [{ body: 'PLENARY' }, { code: 'BAD_USER_INPUT', field: 'input.session', rule: 'required' }],
      [
        { body: 'PLENARY', session: '99999' },
        { code: 'NOT_FOUND', field: 'input.session' },
      ],
      [{ term: '99999' }, { code: 'NOT_FOUND', field: 'input.term' }],
      [{ agenda: [] }, { code: 'BAD_USER_INPUT' }],
    ];
    const before = await count(BodyMeetingSchema);
    for (const [input, error] of cases) {
      const r = await org.execute(plan, { input: { ...base, ...input } }, cityStaff);
      expect(r.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(error);
    }
    expect(await count(BodyMeetingSchema)).toBe(before);
  });

  it('opens terms and sessions without overlaps and announces them', async () => {
    const open = operation<{ openTerm: { id: string } }>(
      `mutation($input: OpenTermInput!) { openTerm(input: $input) { id name } }`,
    );
    const bad = [
      [
        {
          district: '341002',
          ordinal: 11,
          name: '第十一届',
          startsOn: '2026-12-20',
          endsOn: '2026-01-01',
        },
        { code: 'BAD_USER_INPUT', field: 'input.endsOn', rule: 'order' },
      ],
      [
        { district: '341002', ordinal: 10, name: '第十届', startsOn: '2031-12-20' },
        { code: 'CONFLICT', field: 'input.ordinal' },
      ],
      [
        { district: '341002', ordinal: 11, name: '第十一届', startsOn: '2026-12-20' },
        { code: 'BAD_USER_INPUT', field: 'input.startsOn', rule: 'overlap' },
      ],
      [
        { district: '341021', ordinal: 11, name: '第十一届', startsOn: '2031-12-20' },
        { code: 'CROSS_DISTRICT' },
      ],
    ] as const;
    for (const [input, error] of bad)
      expect(
        (await org.execute(open, { input }, tunxiStaff)).errors?.[0].extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    const tunxiTerm = currentTerm('341002');
    const closed = await org.execute(
      `mutation { closeTerm(input: { id: "${tunxiTerm.id}", endsOn: "2026-12-19" }) { endsOn } }`,
      {},
      tunxiStaff,
    );
    expect(closed.errors).toBeUndefined();
    const ok = await org.execute(
      open,
      {
        input: {
          district: '341002',
          ordinal: 11,
          name: '屯溪区政协第十一届委员会',
          startsOn: '2026-12-20',
        },
      },
      tunxiStaff,
    );
    expect(ok.errors).toBeUndefined();
    const announced = await outbox(org.orm, { type: 'term.registered', district: '341002' });
    expect(announced.map((e) => [e.payload.ordinal, e.payload.endsOn])).toEqual([
      [10, null],
      [10, '2026-12-19'],
      [11, null],
    ]);
    const session = await org.execute(
      `mutation($input: OpenSessionInput!) { openSession(input: $input) { name } }`,
      {
        input: {
          term: ok.data!.openTerm.id,
          ordinal: 1,
          name: '十一届一次会议',
          startsOn: '2026-12-01',
          endsOn: '2026-12-22',
        },
      },
      tunxiStaff,
    );
    expect(session.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.startsOn',
      rule: 'range',
    });
  });

  it('registers government units once per name and announces every change', async () => {
    const register = operation<{ registerGovernmentUnit: { id: string } }>(
      `mutation($input: RegisterGovernmentUnitInput!) { registerGovernmentUnit(input: $input) { id short active } }`,
    );
    const ok = await org.execute(
      register,
      { input: { district: '341002', name: '屯溪区商务局', short: '商务局' } },
      tunxiStaff,
    );
    expect(ok.errors).toBeUndefined();
    const dup = await org.execute(
      register,
      { input: { district: '341002', name: '屯溪区商务局', short: '商务' } },
      tunxiStaff,
    );
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const id = ok.data!.registerGovernmentUnit.id;
    const off = await org.execute(
      `mutation { updateGovernmentUnit(input: { id: "${id}", active: false }) { active } }`,
      {},
      tunxiStaff,
    );
    expect(off.data!.updateGovernmentUnit).toEqual({ active: false });
    const denied = await org.execute(
      `mutation { updateGovernmentUnit(input: { id: "${id}", active: true }) { active } }`,
      {},
      testCaller(['staff'], '341021'),
    );
    expect(denied.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const events = await outbox(org.orm, {
      type: 'government_unit.registered',
      district: '341002',
    });
    expect(events.filter((e) => e.payload.unitId === id).map((e) => e.payload.active)).toEqual([
      true,
      false,
    ]);
    const listed = await org.execute<{ governmentUnits: { totalCount: number } }>(
      `{ governmentUnits(district: "${CITY}", first: 100) { totalCount } }`,
    );
    expect(listed.data!.governmentUnits.totalCount).toBe(
      governmentUnits.filter((u) => u.district === CITY).length,
    );
  });
});
