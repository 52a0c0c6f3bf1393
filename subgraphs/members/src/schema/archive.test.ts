import { randomUUID } from 'node:crypto';
import { CITY } from '@cppcc/demo';
import {
  bodyMeetingAttended,
  branchActivityAttended,
  consultationSpoke,
  dutyReported,
  instructionReceived,
  instructionTakenOver,
  opinionItemAdopted,
  opinionItemSubmitted,
  proposalHonoured,
  researchJoined,
  studySessionAttended,
  termRegistered,
} from '@cppcc/events';
import { eventId, ProcessedEventSchema, systemEm, type BusEvent } from '@cppcc/kit';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutyEventSchema } from '../entities/duty-event.entity.js';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const self = testCaller(['member'], CITY, '3');

function event(type: string, payload: Record<string, unknown>, source = 'test'): BusEvent {
  return {
    id: randomUUID(),
    type,
    source,
    district: CITY,
    occurredAt: new Date().toISOString(),
    payload,
  };
}

const term = (termId: string, ordinal: number, startsOn: string, endsOn: string | null) =>
  event(
    termRegistered.type,
    { termId, district: CITY, ordinal, name: `第${ordinal}届`, startsOn, endsOn },
    'organization',
  );

interface ArchiveEvent {
  kind: string;
  role: string | null;
  qualifier: string | null;
  sourceModule: string;
  sourceType: string;
  sourceId: string;
  authors: number | null;
  occurredAt: string;
}
interface Archive {
  term: { id: string; ordinal: number };
  counts: unknown[];
  events: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    nodes: ArchiveEvent[];
  };
}

const archive = operation<{
  member: { archive: Archive };
}>(`query($id: ID!, $term: ID, $first: Int, $after: String, $last: Int, $before: String, $kinds: [String!]) {
  member(id: $id) {
    archive(term: $term, kinds: $kinds) {
      term { id ordinal }
      counts { kind count }
      events(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { kind role authors qualifier sourceModule sourceType sourceId summary occurredAt proposal { id } recordedBy { code } }
      }
    }
  }
}`);

describe.each(databases())('duty archive on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
    // Out of order on purpose: the events arrive before organization announces the terms.
    await module.transport.publish([
      event(
        bodyMeetingAttended.type,
        {
          meetingId: '1',
          memberId: '3',
          body: 'PLENARY',
          title: '市政协九届五次会议',
          heldOn: '2021-01-10',
          attendance: 'PRESENT',
        },
        'organization',
      ),
      event(
        bodyMeetingAttended.type,
        {
          meetingId: '2',
          memberId: '3',
          body: 'PLENARY',
          title: '市政协十届一次会议',
          heldOn: '2022-01-08',
          attendance: 'PRESENT',
        },
        'organization',
      ),
      event(
        bodyMeetingAttended.type,
        {
          meetingId: '3',
          memberId: '3',
          body: 'STANDING_COMMITTEE',
          title: '十届常委会第五次会议',
          heldOn: '2026-03-20',
          attendance: 'ABSENT',
        },
        'organization',
      ),
      event(
        studySessionAttended.type,
        {
          sessionId: '4',
          memberId: '3',
          topic: '学习贯彻全国两会精神',
          heldOn: '2026-03-15',
          attendance: 'ON_LEAVE',
        },
        'organization',
      ),
      event(
        branchActivityAttended.type,
        { activityId: '5', branchId: '2', memberId: '3', title: '主题党日', heldOn: '2026-04-01' },
        'organization',
      ),
      event(
        consultationSpoke.type,
        {
          activityId: '6',
          speechId: '61',
          memberId: '3',
          title: '推进茶产业品牌建设',
          mode: 'WRITTEN',
          spokeOn: '2026-04-03',
        },
        'consultation',
      ),
      event(
        researchJoined.type,
        {
          projectId: '7',
          memberId: '3',
          title: '新安江流域生态补偿调研',
          role: 'LEAD',
          joinedOn: '2026-04-10',
        },
        'consultation',
      ),
      event(
        proposalHonoured.type,
        {
          proposalId: '8',
          authorId: '4',
          coAuthorIds: ['3'],
          caseNumber: '2026-0008',
          title: '关于加快茶产业转型升级的建议',
          honour: 'KEY',
          on: '2026-04-15',
        },
        'proposals',
      ),
      event(
        opinionItemSubmitted.type,
        {
          itemId: '9',
          authorIds: ['3', '4'],
          title: '关于乡村民宿规范经营的建议',
          submittedOn: '2026-05-01',
        },
        'proposals',
      ),
      event(
        opinionItemAdopted.type,
        {
          itemId: '9',
          authorIds: ['3', '4'],
          title: '关于乡村民宿规范经营的建议',
          level: 'PROVINCIAL',
          adoptedOn: '2026-05-20',
        },
        'proposals',
      ),
      event(
        instructionReceived.type,
        {
          instructionId: '10',
          subjectType: 'OPINION_ITEM',
          subjectId: '9',
          title: '关于乡村民宿规范经营的建议',
          leader: '副省长',
          level: 'PROVINCIAL',
          memberIds: ['3'],
          instructedOn: '2026-06-01',
        },
        'proposals',
      ),
      event(
        dutyReported.type,
        {
          memberId: '3',
          kind: 'plugin.inter-city-exchange.visit',
          sourceId: 'visit-11',
          summary: '赴杭州市政协交流考察',
          occurredOn: '2026-06-10',
        },
        'inter-city-exchange',
      ),
    ]);
    await module.transport.publish([
      term('1', 9, '2017-01-01', '2021-12-31'),
      term('2', 10, '2022-01-01', null),
    ]);
  });
  afterAll(() => module?.stop());

  it("records every contract's event with its kind, role, qualifier and source", async () => {
    const r = await module.execute(archive, { id: '3' }, self);
    expect(r.errors).toBeUndefined();
    const a = r.data!.member.archive;
    expect(a.term).toEqual({ id: '2', ordinal: 10 });
    expect(
      a.events.nodes.map((e) => [
        e.kind,
        e.role,
        e.qualifier,
        e.sourceModule,
        e.sourceType,
        e.sourceId,
      ]),
    ).toEqual([
      ['meeting.attended', null, 'PLENARY', 'organization', 'BodyMeeting', '2'],
      ['study.on_leave', null, null, 'organization', 'StudySession', '4'],
      ['meeting.absent', null, 'STANDING_COMMITTEE', 'organization', 'BodyMeeting', '3'],
      ['branch.attended', null, '2', 'organization', 'BranchActivity', '5'],
      ['speech.written', null, null, 'consultation', 'Speech', '61'],
      ['research.joined', 'LEAD', null, 'consultation', 'ResearchProject', '7'],
      ['proposal.key', 'CO', null, 'proposals', 'Proposal', '8'],
      ['opinion.submitted', 'LEAD', null, 'proposals', 'OpinionItem', '9'],
      ['opinion.adopted', 'LEAD', 'PROVINCIAL', 'proposals', 'OpinionItem', '9'],
      ['instruction.received', null, 'PROVINCIAL', 'proposals', 'Instruction', '10'],
      [
        'plugin.inter-city-exchange.visit',
        null,
        null,
        'inter-city-exchange',
        'plugin.inter-city-exchange',
        'visit-11',
      ],
    ]);
    const key = a.events.nodes.find((e) => e.kind === 'proposal.key');
    // The joint work says how many share it; a meeting has no authors.
    expect(
      a.events.nodes.filter((e) => e.authors !== null).map((e) => [e.kind, e.authors]),
    ).toEqual([
      ['proposal.key', 2],
      ['opinion.submitted', 2],
      ['opinion.adopted', 2],
    ]);
    expect(key).toMatchObject({
      proposal: { id: '8' },
      recordedBy: { code: CITY },
      summary: '联名提案 2026-0008《关于加快茶产业转型升级的建议》列为重点提案',
    });
    expect(a.counts).toContainEqual({ kind: 'meeting.attended', count: 1 });
    const four = (await module.execute(archive, { id: '4' }, staff)).data!.member.archive.events
      .nodes;
    expect(four.map((e) => [e.kind, e.role])).toEqual([
      ['proposal.key', 'LEAD'],
      ['opinion.submitted', 'CO'],
      ['opinion.adopted', 'CO'],
    ]);
  });

  it('cuts the archive per term, even for terms announced after the events', async () => {
    const earlier = await module.execute(archive, { id: '3', term: '1' }, self);
    const a = earlier.data!.member.archive;
    expect(a.term.ordinal).toBe(9);
    expect(a.events.nodes.map((e) => e.sourceId)).toEqual(['1']);
    const all = await module.execute(
      `{ member(id: "3") { term { ordinal } archives { term { ordinal } events { totalCount } } } }`,
      {},
      self,
    );
    expect(all.data!.member).toEqual({
      term: { ordinal: 10 },
      archives: [
        { term: { ordinal: 9 }, events: { totalCount: 1 } },
        { term: { ordinal: 10 }, events: { totalCount: 11 } },
      ],
    });
    const bad = await module.execute(archive, { id: '3', term: '99' }, self);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'term' });
  });

  it('pages the timeline in the order things happened, and filters by kind', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const events: Archive['events'] = (
        await module.execute(archive, { id: '3', first: 4, after }, staff)
      ).data!.member.archive.events;
      seen.push(...events.nodes.map((e) => e.occurredAt));
      if (!events.pageInfo.hasNextPage) break;
      after = events.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(11);
    expect([...seen].sort()).toEqual(seen);
    // Backward from the end with last/before reaches the same events, the first page knowing none come before.
    const back: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page++) {
      const events: Archive['events'] = (
        await module.execute(archive, { id: '3', last: 4, before }, staff)
      ).data!.member.archive.events;
      back.unshift(...events.nodes.map((e) => e.occurredAt));
      expect(events.pageInfo.hasNextPage).toBe(before !== null);
      if (!events.pageInfo.hasPreviousPage) break;
      before = events.pageInfo.startCursor;
    }
    expect(back).toEqual(seen);
    const both = await module.execute(archive, { id: '3', first: 2, last: 2 }, staff);
    expect(both.errors?.[0].extensions).toMatchObject({ field: 'last', rule: 'one-of' });
    const opinions = (
      await module.execute(
        archive,
        { id: '3', kinds: ['opinion.submitted', 'opinion.adopted'] },
        staff,
      )
    ).data!.member.archive;
    expect(opinions.events.totalCount).toBe(2);
    const cursor = await module.execute(archive, { id: '3', after: 'bm90LWEtY3Vyc29y' }, staff);
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('keeps one attendance line per meeting: a correction replaces the first, in whichever order they arrive', async () => {
    const line = (meetingId: string, attendance: string) => ({
      ...event(
        bodyMeetingAttended.type,
        {
          meetingId,
          memberId: '3',
          body: 'STANDING_COMMITTEE',
          title: '十届常委会第六次会议',
          heldOn: '2026-06-20',
          attendance,
        },
        'organization',
      ),
      id: eventId(),
    });
    const [absentA, leaveA] = [line('20', 'ABSENT'), line('20', 'ON_LEAVE')];
    const [absentB, leaveB] = [line('21', 'ABSENT'), line('21', 'ON_LEAVE')];
    await module.transport.publish([absentA, leaveA, leaveB, absentB]);
    const lines = async (meetingId: string) =>
      (
        await systemEm(module.orm).find(DutyEventSchema, {
          memberId: 3,
          sourceType: 'BodyMeeting',
          sourceId: meetingId,
        })
      ).map((e) => [e.kind, e.eventId]);
    // Wait until the last one sent has been applied (the ledger holds it), so every line is in.
    for (
      let tries = 0;
      (await systemEm(module.orm).count(ProcessedEventSchema, { eventId: absentB.id })) === 0;
      tries++
    ) {
      if (tries > 400) throw new Error('the bus did not deliver in time');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await lines('20')).toEqual([['meeting.on_leave', leaveA.id]]);
    expect(await lines('21')).toEqual([['meeting.on_leave', leaveB.id]]);
  });

  it('shows the archive to the member and their district staff only', async () => {
    for (const caller of [
      testCaller(['member'], CITY, '4'),
      testCaller(['staff'], '341002'),
      undefined,
    ]) {
      const r = await module.execute(archive, { id: '3' }, caller);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('names an instruction proposals handed over by its id in consultation, once consultation took it over', async () => {
    const rekeyed = event(
      instructionTakenOver.type,
      { sourceId: '10', instructionId: '77' },
      'consultation',
    );
    await module.transport.publish([rekeyed]);
    const em = systemEm(module.orm);
    for (
      let i = 0;
      i < 100 && (await em.count(ProcessedEventSchema, { eventId: rekeyed.id })) < 1;
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    const r = await module.execute(archive, { id: '3', kinds: ['instruction.received'] }, self);
    expect(
      r.data!.member.archive.events.nodes.map((e) => [e.sourceModule, e.sourceType, e.sourceId]),
    ).toEqual([['consultation', 'Instruction', '77']]);
  });

  it('keeps aside, as refused, an event that breaks its contract or borrows a core kind', async () => {
    const broken = event(bodyMeetingAttended.type, {
      meetingId: '12',
      memberId: '3',
      body: 'PLENARY',
      title: '',
      heldOn: '2026-07-01',
      attendance: 'LATE',
    });
    const forged = event(
      dutyReported.type,
      {
        memberId: '3',
        kind: 'proposal.filed',
        sourceId: 'x',
        summary: '伪造的立案',
        occurredOn: '2026-07-02',
      },
      'some-plugin',
    );
    const later = event(
      dutyReported.type,
      {
        memberId: '3',
        kind: 'plugin.eco-compensation.inspection',
        sourceId: 'i-1',
        summary: '生态补偿现场视察',
        occurredOn: '2026-07-03',
      },
      'eco-compensation',
    );
    await module.transport.publish([broken, forged, later]);
    const parked = await module.execute<{ parkedEvents: { nodes: { eventId: string }[] } }>(
      `{ parkedEvents { nodes { eventId memberId refused reason } } }`,
      {},
      staff,
    );
    const byId = new Map(parked.data!.parkedEvents.nodes.map((p) => [p.eventId, p]));
    expect(byId.get(broken.id)).toMatchObject({
      memberId: '3',
      refused: true,
      reason: expect.stringContaining('payload breaks the body_meeting.attended contract'),
    });
    expect(byId.get(forged.id)).toMatchObject({
      refused: true,
      reason:
        'kind: "proposal.filed" is reserved to the members subgraph; a plugin reports kinds of its own namespace',
    });
    // The bad events held nothing back, and a retry does not apply them.
    expect(
      (await module.execute(`mutation { retryParkedEvents }`, {}, staff)).data!.retryParkedEvents,
    ).toBe(0);
    const kinds = (
      await module.execute(archive, { id: '3' }, self)
    ).data!.member.archive.events.nodes.map((e) => e.kind);
    expect(kinds.at(-1)).toBe('plugin.eco-compensation.inspection');
    expect(kinds.filter((k) => k === 'proposal.filed')).toEqual([]);
  });
});
