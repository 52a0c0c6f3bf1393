import {
  activities,
  ADVISORY_MEETING,
  cityActivity,
  CITY,
  plannedActivities,
  unitByShort,
} from '@cppcc/demo';
import { AuditEntrySchema, OutboxEventSchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

/** A ConsultationActivity as these tests select it. */
type ConsultationActivityView = {
  id: string;
  status: string;
  version: number;
  availableActions: string[];
  heldOn: string;
  participations: { member: { id: string } | null; attendance: string }[];
  guests: { name: string; kind: string; unit: { id: string } | null }[];
  speeches: { title: string; mode: string; member: { id: string } | null }[];
  minutes: string | null;
};

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const record = `mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id form status participants { id } } }`;
const input = {
  district: CITY,
  title: '民营经济高质量发展对口协商',
  form: 'COUNTERPART',
  topic: '民营经济',
  heldOn: '2026-09-10',
  counterpart: '市发展和改革委员会',
  participantIds: ['1', '2', '3'],
};
const staff = testCaller(['staff'], CITY);
const fields =
  'id status version availableActions heldOn participations { member { id } attendance } guests { name kind unit { id } } speeches { title mode member { id } } minutes';

/** An activity as the steps answer it, as far as the tests read it. */
interface Activity {
  id: string;
  version: number;
  status: string;
  heldOn: string | null;
  availableActions: string[];
  participations: { attendance: string }[];
  history?: { fromState: string | null; toState: string; note: string | null }[];
}

describe.each(databases())('consultation activities on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  const outbox = (type: string) => systemEm(module.orm).count(OutboxEventSchema, { type });

  it("counts the report's activities by form and topic, and the planned ones", async () => {
    const demo = [...activities().filter((a) => a.district === CITY), ...plannedActivities];
    for (const [form, topic] of [
      ['COUNTERPART', null],
      [null, '乡村振兴'],
      ['SECTOR', '茶业振兴'],
      ['BIWEEKLY_FORUM', null],
    ] as const) {
      const r = await module.execute<{ consultationActivities: { totalCount: number } }>(
        `query($f: ConsultationActivityFilter) { consultationActivities(filter: $f) { totalCount } }`,
        {
          f: { district: CITY, ...(form ? { form } : {}), ...(topic ? { topic } : {}) },
        },
      );
      expect(r.data!.consultationActivities.totalCount, `${form} ${topic}`).toBe(
        demo.filter((a) => (!form || a.form === form) && (!topic || a.topic === topic)).length,
      );
    }
    const dated = await module.execute<{ consultationActivities: { totalCount: number } }>(
      `{ consultationActivities(filter: { heldFrom: "2026-01-01", heldTo: "2026-12-31" }, first: 1000) { totalCount } }`,
    );
    expect(dated.data!.consultationActivities.totalCount).toBe(
      activities().filter((a) => a.heldOn >= '2026-01-01').length,
    );
    const planned = await module.execute<{ consultationActivities: { totalCount: number } }>(
      `{ consultationActivities(filter: { status: PLANNED }) { totalCount } }`,
    );
    expect(planned.data!.consultationActivities.totalCount).toBe(
      plannedActivities.filter((p) => p.status === 'PLANNED').length,
    );
  });

  it('shows the advisory meeting with its invited leaders, speeches and minutes', async () => {
    const a = cityActivity(ADVISORY_MEETING);
    const data = await ok<{
      consultationActivity: {
        guests: { kind: string }[];
        speeches: { mode: string; member: { id: string } }[];
        minutes: string;
      };
    }>(
      module,
      `query($id: ID!) { consultationActivity(id: $id) { form status ${fields} } }`,
      { id: String(a.id) },
      undefined,
    );
    const activity = data.consultationActivity;
    expect(activity).toMatchObject({ form: 'ADVISORY', status: 'CLOSED' });
    expect(activity.guests.filter((g) => g.kind === 'INVITED_LEADER')).toHaveLength(2);
    expect(activity.guests).toContainEqual({
      name: '市农业农村局负责同志',
      kind: 'OFFICIAL',
      unit: { id: String(unitByShort(CITY, '农业农村局').id) },
    });
    expect(activity.speeches.map((s) => s.mode)).toEqual([
      'ORAL',
      'ORAL',
      'ORAL',
      'WRITTEN',
      'WRITTEN',
    ]);
    expect(activity.speeches[0].member.id).toBe(String(a.participantIds[0]));
    expect(activity.minutes).toMatch(/乡村振兴/);
  });

  it('records an activity with its participants and one event per participant', async () => {
    const before = await outbox('consultation.attended');
    const r = await module.execute(record, { i: input }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordConsultationActivity).toMatchObject({
      form: 'COUNTERPART',
      status: 'HELD',
      participants: [{ id: '1' }, { id: '2' }, { id: '3' }],
    });
    expect(await outbox('consultation.attended')).toBe(before + 3);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const count = async () =>
      (
        await module.execute<{ consultationActivities: { totalCount: number } }>(
          `{ consultationActivities(first: 1000) { totalCount } }`,
          {},
          staff,
        )
      ).data!.consultationActivities.totalCount;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ counterpart: null }, 'input.counterpart'],
      [{ participantIds: ['1', '1'] }, 'input.participantIds'],
      [{ heldOn: '10/09/2026' }, 'input.heldOn'],
      [{ heldOn: '2026-02-30' }, 'input.heldOn'],
      [{ title: '协商' }, 'input.title'],
      // The one title rule: 5 to 200 characters (a 4-character title was once let through).
      [{ title: '专题协商' }, 'input.title'],
      [{ title: '长'.repeat(201) }, 'input.title'],
      [{ district: '999999' }, 'input.district'],
      [{ counterpartUnitId: '9999' }, 'input.counterpartUnitId'],
      [{ counterpartUnitId: String(unitByShort(CITY, '城管局').id) }, 'input.counterpartUnitId'],
      [
        { counterpartUnitId: String(unitByShort('341002', '文旅局').id) },
        'input.counterpartUnitId',
      ],
      [{ guests: [{ kind: 'OFFICIAL', name: '某局长', unitId: '9999' }] }, 'input.guests.0.unitId'],
    ];
    for (const [change, field] of cases) {
      const r = await module.execute(record, { i: { ...input, ...change } }, staff);
      expect(r.errors?.[0].extensions?.field, field).toBe(field);
    }
    expect(
      (await module.execute(record, { i: { ...input, title: '专题协商' } }, staff)).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title', rule: 'title-length' });
    const member = await module.execute(record, { i: input }, testCaller(['member'], CITY, '1'));
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await module.execute(record, { i: input }, testCaller(['staff'], '341002'));
    expect(other.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    expect(await count()).toBe(before);
  });

  it('plans, prepares, holds (with absences), keeps minutes, submits the outcome and closes, each step audited', async () => {
    const unit = unitByShort(CITY, '商务局');
    const planned = await ok<{
      planConsultationActivity: ConsultationActivityView & {
        counterpart: string | null;
      };
    }>(
      module,
      `mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { ${fields} counterpart } }`,
      {
        i: {
          district: CITY,
          title: '促进民营企业出口对口协商',
          form: 'COUNTERPART',
          topic: '民营经济',
          heldOn: '2026-10-20',
          counterpartUnitId: String(unit.id),
          memberIds: ['11', '12'],
          guests: [
            {
              kind: 'OFFICIAL',
              name: '市商务局负责同志',
              position: '局长',
              unitId: String(unit.id),
            },
          ],
        },
      },
      staff,
    );
    let a: Activity = planned.planConsultationActivity;
    expect(a).toMatchObject({
      status: 'PLANNED',
      counterpart: unit.name,
      availableActions: ['prepare', 'cancel', 'invite'],
    });
    expect(a.participations).toEqual([
      { member: { id: '11' }, attendance: 'INVITED' },
      { member: { id: '12' }, attendance: 'INVITED' },
    ]);

    const invited = await ok<{
      inviteToConsultationActivity: { participations: { attendance: string }[] };
    }>(
      module,
      `mutation { inviteToConsultationActivity(id: "${a.id}", memberIds: ["13", "14"]) { participations { attendance } } }`,
      {},
      staff,
    );
    expect(invited.inviteToConsultationActivity.participations).toHaveLength(4);
    const twice = await module.execute(
      `mutation { inviteToConsultationActivity(id: "${a.id}", memberIds: ["13"]) { id } }`,
      {},
      staff,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'memberIds' });

    const early = await module.execute(
      `mutation { closeConsultationActivity(id: "${a.id}", version: ${a.version}) { id } }`,
      {},
      staff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'PLANNED',
      action: 'close',
    });
    const byMember = await module.execute(
      `mutation { prepareConsultationActivity(id: "${a.id}", version: ${a.version}) { id } }`,
      {},
      testCaller(['member'], CITY, '11'),
    );
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byOtherDistrict = await module.execute(
      `mutation { prepareConsultationActivity(id: "${a.id}", version: ${a.version}) { id } }`,
      {},
      testCaller(['staff'], '341002'),
    );
    expect(byOtherDistrict.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');

    a = (
      await ok<{
        prepareConsultationActivity: ConsultationActivityView;
      }>(
        module,
        `mutation { prepareConsultationActivity(id: "${a.id}", version: ${a.version}) { ${fields} } }`,
        {},
        staff,
      )
    ).prepareConsultationActivity;
    const stale = await module.execute(
      `mutation { holdConsultationActivity(id: "${a.id}", version: ${a.version - 1}) { id } }`,
      {},
      staff,
    );
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');

    // A written speech may come in beforehand, from the member themself.
    const written = await ok<{
      recordConsultationSpeech: { title: string; mode: string; member: { id: string } | null };
    }>(
      module,
      `mutation($i: RecordConsultationSpeechInput!) { recordConsultationSpeech(activityId: "${a.id}", input: $i) { title mode member { id } } }`,
      {
        i: {
          memberId: '12',
          title: '拓展外贸新业态的建议',
          mode: 'WRITTEN',
          text: '建议加快跨境电商综合试验区建设。',
        },
      },
      testCaller(['member'], CITY, '12'),
    );
    expect(written.recordConsultationSpeech).toMatchObject({
      mode: 'WRITTEN',
      member: { id: '12' },
    });

    const attendedBefore = await outbox('consultation.attended');
    const badAbsence = await module.execute(
      `mutation { holdConsultationActivity(id: "${a.id}", version: ${a.version}, absences: [{ memberId: "99", attendance: ABSENT }]) { id } }`,
      {},
      staff,
    );
    expect(badAbsence.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'absences',
    });
    a = (
      await ok<{
        holdConsultationActivity: ConsultationActivityView;
      }>(
        module,
        `mutation { holdConsultationActivity(id: "${a.id}", version: ${a.version}, heldOn: "2026-10-21", absences: [{ memberId: "14", attendance: ON_LEAVE }]) { ${fields} } }`,
        {},
        staff,
      )
    ).holdConsultationActivity;
    expect(a.status).toBe('HELD');
    expect(a.heldOn).toBe('2026-10-21');
    expect(a.participations.map((p) => p.attendance)).toEqual([
      'PRESENT',
      'PRESENT',
      'PRESENT',
      'ON_LEAVE',
    ]);
    expect(await outbox('consultation.attended')).toBe(attendedBefore + 3);

    const spokeBefore = await outbox('consultation.spoke');
    const speak = (i: Record<string, unknown>, caller = staff) =>
      module.execute(
        `mutation($i: RecordConsultationSpeechInput!) { recordConsultationSpeech(activityId: "${a.id}", input: $i) { id } }`,
        { i },
        caller,
      );
    expect(
      (await speak({ memberId: '11', title: '关于优化出口退税服务的发言', mode: 'ORAL' })).errors,
    ).toBeUndefined();
    expect(
      (await speak({ memberId: '14', title: '请假委员不能口头发言', mode: 'ORAL' })).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'input.memberId', rule: 'present' });
    expect(
      (await speak({ memberId: '15', title: '未受邀委员发言', mode: 'ORAL' })).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'input.memberId', rule: 'participant' });
    expect(
      (await speak({ title: '没有发言人', mode: 'ORAL' })).errors?.[0].extensions,
    ).toMatchObject({ field: 'input.memberId', rule: 'speaker' });
    expect(
      (
        await speak(
          { memberId: '11', title: '委员自己登记口头发言', mode: 'ORAL' },
          testCaller(['member'], CITY, '11'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await speak(
          { memberId: '12', title: '替别人交书面发言', mode: 'WRITTEN' },
          testCaller(['member'], CITY, '11'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const guestId = (
      await ok<{ consultationActivity: { guests: { id: string }[] } }>(
        module,
        `{ consultationActivity(id: "${a.id}") { guests { id } } }`,
        {},
        staff,
      )
    ).consultationActivity.guests[0].id;
    expect(
      (await speak({ guestId, title: '市商务局回应委员建议', mode: 'ORAL' })).errors,
    ).toBeUndefined();
    expect(await outbox('consultation.spoke')).toBe(spokeBefore + 1);

    const noMinutes = await module.execute(
      `mutation { submitConsultationOutcome(id: "${a.id}", version: ${a.version}) { id } }`,
      {},
      staff,
    );
    expect(noMinutes.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'minutes',
    });
    a = (
      await ok<{
        recordConsultationMinutes: ConsultationActivityView;
      }>(
        module,
        `mutation { recordConsultationMinutes(id: "${a.id}", version: ${a.version}, minutes: "与会委员就促进民营企业出口提出意见建议，市商务局现场回应。") { ${fields} } }`,
        {},
        staff,
      )
    ).recordConsultationMinutes;
    a = (
      await ok<{
        submitConsultationOutcome: ConsultationActivityView;
      }>(
        module,
        `mutation { submitConsultationOutcome(id: "${a.id}", version: ${a.version}, note: "报送市政府") { ${fields} } }`,
        {},
        staff,
      )
    ).submitConsultationOutcome;
    a = (
      await ok<{
        closeConsultationActivity: ConsultationActivityView & {
          history: {
            action: string;
            fromState: string | null;
            toState: string;
            note: string | null;
          }[];
        };
      }>(
        module,
        `mutation { closeConsultationActivity(id: "${a.id}", version: ${a.version}) { ${fields} history { action fromState toState note } } }`,
        {},
        staff,
      )
    ).closeConsultationActivity;
    expect(a.status).toBe('CLOSED');
    expect(a.availableActions).toEqual([]);
    expect(a.history?.map((h) => `${h.fromState}>${h.toState}`)).toEqual([
      'null>PLANNED',
      'PLANNED>PREPARING',
      'PREPARING>HELD',
      'HELD>OUTCOME_SUBMITTED',
      'OUTCOME_SUBMITTED>CLOSED',
    ]);
    expect(a.history?.[3].note).toBe('报送市政府');
    expect(
      await systemEm(module.orm).count(AuditEntrySchema, {
        entity: 'consultation_activity',
        entityId: a.id,
      }),
    ).toBe(5);
    const hidden = await module.execute(
      `{ consultationActivity(id: "${a.id}") { history { action } } }`,
      {},
      testCaller(['member'], CITY, '11'),
    );
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const mine = await ok<{ _entities: { consultations: { nodes: { id: string }[] } | null }[] }>(
      module,
      `{ _entities(representations: [{ __typename: "Member", id: "14" }]) { ... on Member { consultations { nodes { id } } } } }`,
      {},
      testCaller(['member'], CITY, '14'),
    );
    expect(mine._entities[0].consultations?.nodes).toContainEqual({ id: a.id });
  });

  it('lets a member see their own non-public activity, and no one else', async () => {
    const a = (
      await ok<{ planConsultationActivity: { id: string } }>(
        module,
        `mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { id } }`,
        {
          i: {
            district: CITY,
            title: '内部界别协商：委员履职座谈',
            form: 'SECTOR',
            topic: '委员履职',
            heldOn: '2026-11-02',
            public: false,
            memberIds: ['21'],
          },
        },
        staff,
      )
    ).planConsultationActivity;
    const consultations = (memberId: string, caller: Caller) =>
      module.execute<{ _entities: { consultations: { nodes: unknown[] } }[] }>(
        `{ _entities(representations: [{ __typename: "Member", id: "${memberId}" }]) { ... on Member { consultations { nodes { id } } } } }`,
        {},
        caller,
      );
    expect(
      (await consultations('21', testCaller(['member'], CITY, '21'))).data!._entities[0]
        .consultations.nodes,
    ).toContainEqual({ id: a.id });
    expect(
      (await consultations('21', testCaller(['member'], CITY, '22'))).data!._entities[0]
        .consultations.nodes,
    ).not.toContainEqual({ id: a.id });
    const anonymous = await module.execute(`{ consultationActivity(id: "${a.id}") { id } }`);
    expect(anonymous).toEqual({ data: { consultationActivity: null } });
  });
});
