import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation, testCaller, type PluginTest } from '@cppcc/plugin-sdk/testing';
import { toGlobalId } from '@cppcc/plugin-sdk';
import { as, count, setups, start } from '../test-support.js';

const CITY = '341000';
const TUNXI = '341002';
const staff = as(['staff'], CITY);

interface Mechanism {
  id: string;
  status: string;
  committees: { id: string; position: number; name: string; local: boolean }[];
  nextMeeting: { session: number; host: { id: string } } | null;
}
interface Meeting {
  id: string;
  session: number;
  status: string;
  outOfTurnReason: string | null;
  host: { id: string; name: string };
}
interface HeldMeeting {
  id: string;
  status: string;
  heldOn: string;
  attendees: { id: string }[];
  resolutions: { id: string; text: string; status: string }[];
}
interface NextMeeting {
  status: string;
  nextMeeting: { session: number; host: { id: string } } | null;
  meetings: { session: number; status: string }[];
}
interface JointActivity {
  id: string;
  kind: string;
  researchProjectId: string | null;
  participants: { id: string }[];
}
/** What the duty archive hears of a meeting (the outbox payload the test reads). */
interface DutyPayload {
  sourceId: string;
  memberId: string;
  kind: string;
  occurredOn: string;
}

const registerPartner = operation<{ registerPartnerCommittee: { id: string; name: string } }>(
  `mutation ($i: RegisterPartnerCommitteeInput!) { registerPartnerCommittee(input: $i) { id name } }`,
);
const createMechanism = operation<{ createCooperationMechanism: Mechanism }>(
  `mutation ($i: CreateCooperationMechanismInput!) { createCooperationMechanism(input: $i) { id status committees { id position name local } nextMeeting { session host { id } } } }`,
);
const plan = operation<{ planJointChairsMeeting: Meeting }>(
  `mutation ($i: PlanJointChairsMeetingInput!) { planJointChairsMeeting(input: $i) { id session status outOfTurnReason host { id name } } }`,
);
const hold = operation<{ holdJointChairsMeeting: HeldMeeting }>(
  `mutation ($i: HoldJointChairsMeetingInput!) { holdJointChairsMeeting(input: $i) { id status heldOn attendees { id } resolutions { id text status } } }`,
);
const publish = operation<{
  publishJointChairsMeetingMinutes: { status: string; minutes: string };
}>(
  `mutation ($id: ID!, $m: String!) { publishJointChairsMeetingMinutes(meetingId: $id, minutes: $m) { status minutes availableActions } }`,
);
const cancel = operation<{ cancelJointChairsMeeting: { status: string } }>(
  `mutation ($id: ID!, $r: String!) { cancelJointChairsMeeting(meetingId: $id, reason: $r) { status } }`,
);
const followUp = operation<{ followUpResolution: { status: string; followUp: string } }>(
  `mutation ($id: ID!, $a: ResolutionFollowUpAction!, $f: String!) { followUpResolution(resolutionId: $id, action: $a, followUp: $f) { status followUp } }`,
);
const next = operation<{ cooperationMechanism: NextMeeting }>(
  `query ($id: ID!) { cooperationMechanism(id: $id) { status nextMeeting { session host { id } } meetings { session status } } }`,
);
const move = operation<{ moveCooperationMechanism: { status: string } }>(
  `mutation ($id: ID!, $a: CooperationMechanismAction!) { moveCooperationMechanism(id: $id, action: $a) { status } }`,
);
const recordActivity = operation<{ recordJointActivity: JointActivity }>(
  `mutation ($i: RecordJointActivityInput!) { recordJointActivity(input: $i) { id kind researchProjectId participants { id } } }`,
);

describe.each(setups())('cooperation mechanisms and joint chairs meetings on $name', (setup) => {
  let t: PluginTest;
  let mechanismId: string;
  let seats: string[];
  const partners: string[] = [];

  beforeAll(async () => {
    t = await start(setup);
    await t.enable(CITY);
    await t.enable(TUNXI, { enforceRotation: false });
    for (const [name, city, province] of [
      ['上海市普陀区政协', '上海市', '上海市'],
      ['台州市政协', '台州市', '浙江省'],
      ['盐城市政协', '盐城市', '江苏省'],
    ]) {
      const r = await t.post(
        registerPartner,
        { i: { district: CITY, name, city, province } },
        staff,
      );
      expect(r.errors).toBeUndefined();
      partners.push(r.data!.registerPartnerCommittee.id);
    }
  }, 120_000);
  afterAll(() => t?.stop());

  const mechanismInput = (
    committees: Record<string, unknown>[],
    extra: Record<string, unknown> = {},
  ) => ({
    i: {
      district: CITY,
      name: '长三角“三市一区”政协交流合作机制',
      agreementTitle: '合作交流备忘录',
      agreementSignedOn: '2019-05-16',
      agreementText: '每年召开主席联席会议，轮流承办。',
      committees,
      ...extra,
    },
  });

  it('records a mechanism with its rotation; the first committee hosts first', async () => {
    const r = await t.post(
      createMechanism,
      mechanismInput([
        { partnerId: partners[0] },
        { partnerId: partners[1] },
        { district: CITY },
        { partnerId: partners[2] },
      ]),
      staff,
    );
    expect(r.errors).toBeUndefined();
    const m = r.data!.createCooperationMechanism;
    mechanismId = m.id;
    seats = m.committees.map((c) => c.id);
    expect(m.status).toBe('ACTIVE');
    expect(m.committees.map((c) => [c.position, c.name, c.local])).toEqual([
      [0, '上海市普陀区政协', false],
      [1, '台州市政协', false],
      [2, '黄山市政协', true],
      [3, '盐城市政协', false],
    ]);
    expect(m.nextMeeting).toEqual({ session: 1, host: { id: seats[0] } });
    const districtView = await t.post<{
      district: {
        cooperationMechanisms: { id: string }[];
        cooperationMechanismsConnection: unknown;
      };
    }>(
      `{ district(code: "${CITY}") { cooperationMechanisms { id } cooperationMechanismsConnection(first: 1) { totalCount pageInfo { hasNextPage } nodes { id } } } }`,
      {},
      staff,
    );
    expect(districtView.data!.district.cooperationMechanisms).toEqual([{ id: mechanismId }]);
    expect(districtView.data!.district.cooperationMechanismsConnection).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      nodes: [{ id: mechanismId }],
    });
  });

  it('refuses bad mechanisms naming the field, writing nothing', async () => {
    const before = await count(t, 'select count(*) from intercity_mechanism');
    const cases: [Record<string, unknown>, string][] = [
      [mechanismInput([{ district: CITY }]), 'input.committees'],
      [
        mechanismInput([{ district: CITY }, { partnerId: partners[0], district: TUNXI }]),
        'input.committees.1',
      ],
      [mechanismInput([{ district: CITY }, { partnerId: '9999' }]), 'input.committees.1.partnerId'],
      [mechanismInput([{ district: CITY }, { district: CITY }]), 'input.committees.1'],
      [
        mechanismInput([{ partnerId: partners[0] }, { partnerId: partners[1] }]),
        'input.committees',
      ],
      [
        mechanismInput([{ district: CITY }, { partnerId: partners[0] }], {
          agreementSignedOn: '16.05.2019',
        }),
        'input.agreementSignedOn',
      ],
      [
        mechanismInput([{ district: CITY }, { partnerId: partners[0] }], { name: '  ' }),
        'input.name',
      ],
    ];
    for (const [input, field] of cases) {
      const r = await t.post(createMechanism, input, staff);
      expect(r.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count(t, 'select count(*) from intercity_mechanism')).toBe(before);
    expect(await count(t, 'select count(*) from intercity_mechanism_member')).toBe(4);
  });

  it('refuses a host out of turn unless a reason is given', async () => {
    const out = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: seats[1],
          plannedOn: '2019-05-16',
          place: '台州',
          agenda: ['签订备忘录'],
        },
      },
      staff,
    );
    expect(out.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.hostId',
      rule: 'rotation',
      expectedHostId: toGlobalId('MechanismCommittee', seats[0]!),
    });
    const notMember = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: '9999',
          plannedOn: '2019-05-16',
          place: '台州',
          agenda: ['签订备忘录'],
        },
      },
      staff,
    );
    expect(notMember.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.hostId',
    });
    const unknown = await t.post(
      plan,
      {
        i: {
          mechanismId: '9999',
          hostId: seats[0],
          plannedOn: '2019-05-16',
          place: '普陀',
          agenda: ['签订备忘录'],
        },
      },
      staff,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.mechanismId',
    });
    const noAgenda = await t.post(
      plan,
      { i: { mechanismId, hostId: seats[0], plannedOn: '2019-05-16', place: '普陀', agenda: [] } },
      staff,
    );
    expect(noAgenda.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.agenda',
    });
    expect(await count(t, 'select count(*) from intercity_meeting')).toBe(0);
  });

  it('walks a meeting planned → held → minutes published, refusing steps out of order', async () => {
    const planned = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: seats[0],
          plannedOn: '2019-05-16',
          place: '上海市普陀区',
          agenda: ['签订备忘录', '交流经验'],
        },
      },
      staff,
    );
    expect(planned.errors).toBeUndefined();
    const meeting = planned.data!.planJointChairsMeeting;
    expect(meeting).toMatchObject({
      session: 1,
      status: 'PLANNED',
      outOfTurnReason: null,
      host: { id: seats[0], name: '上海市普陀区政协' },
    });

    const second = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: seats[1],
          plannedOn: '2020-09-07',
          place: '台州',
          agenda: ['议程'],
        },
      },
      staff,
    );
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'one-planned' });
    const early = await t.post(publish, { id: meeting.id, m: '纪要' }, staff);
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'PLANNED',
    });
    const before = await t.post(
      hold,
      {
        i: {
          meetingId: meeting.id,
          heldOn: '2019-05-15',
          attendeeIds: ['1'],
          resolutions: ['建立联席会议制度'],
        },
      },
      staff,
    );
    expect(before.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.heldOn',
    });
    expect(await count(t, 'select count(*) from intercity_resolution')).toBe(0);

    const member = await t.post(
      hold,
      { i: { meetingId: meeting.id, heldOn: '2019-05-16', attendeeIds: ['1'], resolutions: [] } },
      as(['member'], CITY, '1'),
    );
    expect(member.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'meeting.record',
    });
    const operator = await t.post(
      hold,
      { i: { meetingId: meeting.id, heldOn: '2019-05-16', attendeeIds: ['1'], resolutions: [] } },
      as(['operator'], CITY),
    );
    expect(operator.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'meeting.record',
    });
    const otherDistrict = await t.post(
      hold,
      { i: { meetingId: meeting.id, heldOn: '2019-05-16', attendeeIds: ['1'], resolutions: [] } },
      as(['staff'], TUNXI),
    );
    expect(otherDistrict.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const stranger = await t.post(
      hold,
      {
        i: {
          meetingId: meeting.id,
          heldOn: '2019-05-16',
          attendeeIds: ['1', '999999'],
          resolutions: ['x'],
        },
      },
      staff,
    );
    expect(stranger.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.attendeeIds.1',
      rule: 'known-member',
    });
    expect(await count(t, 'select count(*) from intercity_resolution')).toBe(0);

    const held = await t.post(
      hold,
      {
        i: {
          meetingId: meeting.id,
          heldOn: '2019-05-16',
          attendeeIds: ['1', '2'],
          resolutions: ['建立主席联席会议制度', '开展联合调研'],
        },
      },
      staff,
    );
    expect(held.errors).toBeUndefined();
    expect(held.data!.holdJointChairsMeeting).toMatchObject({
      status: 'HELD',
      heldOn: '2019-05-16',
      attendees: [{ id: '1' }, { id: '2' }],
    });
    const resolutions = held.data!.holdJointChairsMeeting.resolutions;
    expect(resolutions.map((r) => r.status)).toEqual(['OPEN', 'OPEN']);
    // Each attendee's duty archive hears of the meeting.
    const duty = (
      await t.plugin.orm.em
        .fork()
        .getConnection()
        .execute(`select payload from outbox_event where type = 'duty.reported'`)
    )
      .map((r: { payload: unknown }) =>
        typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
      )
      .filter((p: DutyPayload) => p.sourceId === `joint-chairs-meeting:${meeting.id}`);
    expect(duty.map((p: DutyPayload) => [p.memberId, p.kind, p.occurredOn]).sort()).toEqual([
      ['1', 'plugin.inter-city-exchange.chairs-meeting', '2019-05-16'],
      ['2', 'plugin.inter-city-exchange.chairs-meeting', '2019-05-16'],
    ]);

    const published = await t.post(
      publish,
      { id: meeting.id, m: '会议签订合作交流备忘录。' },
      staff,
    );
    expect(published.data!.publishJointChairsMeetingMinutes).toEqual({
      status: 'MINUTES_PUBLISHED',
      minutes: '会议签订合作交流备忘录。',
      availableActions: [],
    });
    const again = await t.post(
      hold,
      { i: { meetingId: meeting.id, heldOn: '2019-05-16', attendeeIds: [], resolutions: [] } },
      staff,
    );
    expect(again.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');

    expect(
      (await t.post(followUp, { id: resolutions[0].id, a: 'START', f: '已商定轮值顺序' }, staff))
        .data!.followUpResolution,
    ).toEqual({ status: 'IN_PROGRESS', followUp: '已商定轮值顺序' });
    expect(
      (
        await t.post(
          followUp,
          { id: resolutions[0].id, a: 'COMPLETE', f: '第二次会议已召开' },
          staff,
        )
      ).data!.followUpResolution.status,
    ).toBe('DONE');
    const done = await t.post(followUp, { id: resolutions[0].id, a: 'START', f: 'x' }, staff);
    expect(done.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'DONE',
    });

    // Every state change is one audit row: planned, held, minutes published.
    expect(
      await count(
        t,
        `select count(*) from audit_entry where entity = 'JointChairsMeeting' and entity_id = ?`,
        [meeting.id],
      ),
    ).toBe(3);
  });

  it('passes the turn to the next committee; a cancelled meeting hosted nothing; an out-of-turn host needs a reason', async () => {
    const after = await t.post(next, { id: mechanismId }, staff);
    expect(after.data!.cooperationMechanism.nextMeeting).toEqual({
      session: 2,
      host: { id: seats[1] },
    });
    const withReason = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: seats[2],
          outOfTurnReason: '台州市政协换届，请黄山代为承办',
          plannedOn: '2020-09-07',
          place: '黄山',
          agenda: ['交流经验'],
        },
      },
      staff,
    );
    expect(withReason.errors).toBeUndefined();
    expect(withReason.data!.planJointChairsMeeting).toMatchObject({
      session: 2,
      outOfTurnReason: '台州市政协换届，请黄山代为承办',
      host: { id: seats[2] },
    });
    const cancelled = await t.post(
      cancel,
      { id: withReason.data!.planJointChairsMeeting.id, r: '台州换届结束，恢复轮值' },
      staff,
    );
    expect(cancelled.data!.cancelJointChairsMeeting.status).toBe('CANCELLED');
    const still = await t.post(next, { id: mechanismId }, staff);
    expect(still.data!.cooperationMechanism.nextMeeting).toEqual({
      session: 2,
      host: { id: seats[1] },
    });
    const inTurn = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: seats[1],
          plannedOn: '2020-09-07',
          place: '台州',
          agenda: ['交流经验'],
        },
      },
      staff,
    );
    expect(inTurn.data!.planJointChairsMeeting).toMatchObject({
      session: 2,
      host: { id: seats[1] },
      outOfTurnReason: null,
    });
  });

  it('lets only an active mechanism meet; operators manage mechanisms but do not record meetings', async () => {
    const byMember = await t.post(
      move,
      { id: mechanismId, a: 'SUSPEND' },
      as(['member'], CITY, '1'),
    );
    expect(byMember.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'mechanism.manage',
    });
    expect(
      (await t.post(move, { id: mechanismId, a: 'SUSPEND' }, as(['operator'], CITY))).data!
        .moveCooperationMechanism.status,
    ).toBe('SUSPENDED');
    const meetingId = (await t.post(next, { id: mechanismId }, staff)).data!.cooperationMechanism;
    expect(meetingId.status).toBe('SUSPENDED');
    const { data } = await t.post<{
      cooperationMechanism: { meetings: { id: string; status: string }[] };
    }>(`{ cooperationMechanism(id: "${mechanismId}") { meetings { id status } } }`, {}, staff);
    const pending = data!.cooperationMechanism.meetings.find((m) => m.status === 'PLANNED');
    await t.post(cancel, { id: pending!.id, r: '机制暂停' }, staff);
    const refused = await t.post(
      plan,
      {
        i: {
          mechanismId,
          hostId: seats[1],
          plannedOn: '2020-09-07',
          place: '台州',
          agenda: ['交流经验'],
        },
      },
      staff,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'active' });
    const resumeWrong = await t.post(move, { id: mechanismId, a: 'SUSPEND' }, staff);
    expect(resumeWrong.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(
      (await t.post(move, { id: mechanismId, a: 'RESUME' }, staff)).data!.moveCooperationMechanism
        .status,
    ).toBe('ACTIVE');
  });

  it('with rotation enforcement off (the district’s setting) any committee may host without a reason', async () => {
    const tunxi = as(['staff'], TUNXI);
    const partner = await t.post(
      registerPartner,
      { i: { district: TUNXI, name: '上海市普陀区政协', city: '上海市', province: '上海市' } },
      tunxi,
    );
    const m = await t.post(
      createMechanism,
      {
        i: {
          ...mechanismInput([]).i,
          district: TUNXI,
          name: '屯溪—普陀结对',
          committees: [
            { district: TUNXI },
            { partnerId: partner.data!.registerPartnerCommittee.id },
          ],
        },
      },
      tunxi,
    );
    expect(m.errors).toBeUndefined();
    const mech = m.data!.createCooperationMechanism;
    const r = await t.post(
      plan,
      {
        i: {
          mechanismId: mech.id,
          hostId: mech.committees[1].id,
          plannedOn: '2021-06-10',
          place: '普陀',
          agenda: ['结对交流'],
        },
      },
      tunxi,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.planJointChairsMeeting).toMatchObject({
      session: 1,
      outOfTurnReason: null,
      host: { id: mech.committees[1].id },
    });
  });

  it('records joint research linked to a research project, refusing bad input and writing nothing', async () => {
    const started = await t.post<{ startResearchProject: { id: string } }>(
      'mutation ($i: StartResearchProjectInput!) { startResearchProject(input: $i) { id } }',
      { i: { district: CITY, title: '融杭接沪交通互联互通', topic: '交通互联互通' } },
      staff,
    );
    expect(started.errors).toBeUndefined();
    const project = started.data!.startResearchProject.id;
    const base = {
      mechanismId,
      kind: 'JOINT_RESEARCH',
      topic: '融杭接沪交通互联互通联合调研',
      researchProjectId: project,
      participantIds: [seats[0], seats[2]],
      startsOn: '2026-06-20',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ researchProjectId: '9999' }, 'input.researchProjectId'],
      [{ endsOn: '2026-06-01' }, 'input.endsOn'],
      [{ mechanismId: '9999' }, 'input.mechanismId'],
      [{ participantIds: ['9999', seats[0]] }, 'input.participantIds.0'],
      [{ participantIds: [seats[0]] }, 'input.participantIds'],
      [{ startsOn: '2026/06/20' }, 'input.startsOn'],
    ];
    for (const [change, field] of cases) {
      const r = await t.post(recordActivity, { i: { ...base, ...change } }, staff);
      expect(r.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count(t, 'select count(*) from intercity_activity')).toBe(0);
    // The project reaches the plugin's replica over the bus: until it has, the project is unknown.
    let ok = await t.post(recordActivity, { i: base }, staff);
    for (
      const deadline = Date.now() + 30_000;
      ok.errors?.[0].extensions?.field === 'input.researchProjectId' && Date.now() < deadline;
    ) {
      await new Promise((r) => setTimeout(r, 50));
      ok = await t.post(recordActivity, { i: base }, staff);
    }
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordJointActivity).toMatchObject({
      kind: 'JOINT_RESEARCH',
      researchProjectId: project,
      participants: [{ id: seats[0] }, { id: seats[2] }],
    });
    const listed = await t.post<{ cooperationMechanism: { jointActivities: { topic: string }[] } }>(
      `{ cooperationMechanism(id: "${mechanismId}") { jointActivities { topic } } }`,
      {},
      staff,
    );
    expect(listed.data!.cooperationMechanism.jointActivities).toEqual([
      { topic: '融杭接沪交通互联互通联合调研' },
    ]);
    // The research project (consultation's) shows its inter-city side, through the gateway.
    const onProject = await t.execute<{ _entities: { jointActivities: unknown }[] }>(
      `{ _entities(representations: [{ __typename: "ResearchProject", id: "${project}" }]) { ... on ResearchProject { jointActivities { topic researchProject { id } } } } }`,
      {},
      testCaller(['staff'], CITY),
    );
    expect(onProject.errors).toBeUndefined();
    expect(onProject.data!._entities[0].jointActivities).toEqual([
      { topic: '融杭接沪交通互联互通联合调研', researchProject: { id: project } },
    ]);
  });

  it('lists mechanisms by the day their agreement was signed: bounds inclusive, to before from refused', async () => {
    for (const signedOn of ['2025-03-01', '2026-06-30'])
      expect(
        (
          await t.post(
            createMechanism,
            mechanismInput([{ partnerId: partners[0] }, { district: CITY }], {
              name: `交流合作机制（${signedOn}）`,
              agreementSignedOn: signedOn,
            }),
            staff,
          )
        ).errors,
      ).toBeUndefined();
    const list = async (period: string) => {
      const r = await t.post<{
        cooperationMechanisms: { nodes: { id: string; agreement: { signedOn: string } }[] };
      }>(
        `{ cooperationMechanisms(district: "${CITY}", ${period} first: 100) { nodes { id agreement { signedOn } } } }`,
        {},
        staff,
      );
      expect(r.errors, period).toBeUndefined();
      return r.data!.cooperationMechanisms.nodes.map((m) => ({
        id: m.id,
        signedOn: m.agreement.signedOn,
      }));
    };
    const all = await list('');
    const within = (from: string, to: string) =>
      all
        .filter((m) => m.signedOn >= from && m.signedOn <= to)
        .map((m) => m.id)
        .sort();
    for (const [period, from, to] of [
      ['from: "2025-03-01", to: "2025-03-01",', '2025-03-01', '2025-03-01'],
      ['from: "2025-03-01",', '2025-03-01', '9999-12-31'],
      ['to: "2025-03-01",', '0000-01-01', '2025-03-01'],
      ['from: "2025-01-01", to: "2026-06-29",', '2025-01-01', '2026-06-29'],
    ]) {
      const expected = within(from, to);
      expect(expected.length, period).toBeGreaterThan(0);
      expect(expected.length, period).toBeLessThan(all.length);
      expect((await list(period)).map((m) => m.id).sort(), period).toEqual(expected);
    }
    const refused = await t.post(
      `{ cooperationMechanisms(from: "2026-02-01", to: "2026-01-31") { totalCount } }`,
      {},
      staff,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      rule: 'order',
    });
  });
});
