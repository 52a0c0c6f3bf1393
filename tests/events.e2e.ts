import {
  activities,
  bodyMeetingAttendance,
  branchActivityParticipants,
  CITY,
  consultationDemoEvents,
  demoMerits,
  donations,
  interCityVisits,
  proposalDemoEvents,
  studioShifts,
  studySessionAttendance,
} from '@cppcc/demo';
import { databases, transports } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/** The members a proposals demo event puts an entry in the record of. */
function named(e: { type: string; payload: Record<string, unknown> }): string[] {
  const p = e.payload as Record<string, string & string[]>;
  switch (e.type) {
    case 'proposal.submitted':
    case 'proposal.filed':
    case 'proposal.honoured':
      return [p.authorId, ...p.coAuthorIds];
    case 'opinion_item.submitted':
    case 'opinion_item.adopted':
      return p.authorIds;
    case 'instruction.received':
      return p.memberIds;
    default:
      return [];
  }
}

/**
 * Entries the demo data gives a member: each proposal submitted, filed or honoured (led or
 * co-signed), each opinion item submitted or adopted, each instruction, each activity attended,
 * each donation, each body meeting and study session expected at, each branch activity taken part
 * in, each speech, research team seat and instruction on a consultation outcome, each studio shift
 * served, each award or penalty, each exchange visit held in a delegation (the
 * inter-city-exchange plugin's duty.reported).
 */
function demoEntries(memberId: number): number {
  const id = String(memberId);
  return (
    proposalDemoEvents().filter((e) => named(e).includes(id)).length +
    activities().filter((a) => a.participantIds.includes(memberId)).length +
    donations().filter((d) => d.memberId === memberId).length +
    bodyMeetingAttendance().filter((a) => a.memberId === memberId).length +
    studySessionAttendance().filter((a) => a.memberId === memberId).length +
    branchActivityParticipants().filter((a) => a.memberId === memberId).length +
    consultationDemoEvents().filter((e) => e.memberIds.includes(memberId)).length +
    studioShifts().filter((x) => x.memberId === memberId && x.status === 'SERVED').length +
    demoMerits().filter((x) => x.memberId === memberId).length +
    interCityVisits().filter((v) => v.status !== 'PLANNED' && v.delegation.includes(memberId))
      .length
  );
}

const cases = transports().flatMap((t) =>
  databases().map((d) => ({ transport: t.name, make: t.make, db: d.name, url: d.url })),
);

describe.each(cases)('duty record over the $transport bus on $db', ({ make, url }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url, transport: await make() });
  });
  afterAll(() => stack?.stop());

  const dutyEvents = async (memberId: number, token: string) =>
    (
      await stack.post<{
        member: { dutyEvents: { kind: string; sourceModule: string; sourceId: string }[] } | null;
      }>(
        { query: `{ member(id: "${memberId}") { dutyEvents { kind sourceModule sourceId } } }` },
        { token },
      )
    ).body.data?.member?.dutyEvents;

  it("builds each member's record from the demo activity the other subgraphs announced", async () => {
    const memberId = 5;
    const token = await stack.token({
      roles: ['member'],
      district: CITY,
      memberId: String(memberId),
    });
    const expected = demoEntries(memberId);
    const events = await stack.settle(async () => {
      const list = await dutyEvents(memberId, token);
      return list && list.length >= expected ? list : undefined;
    });
    expect(events).toHaveLength(expected);
    expect(
      events
        .filter((e) => e.kind === 'consultation.attended')
        .every((e) => e.sourceModule === 'consultation'),
    ).toBe(true);
  });

  it('adds a submitted proposal and an attended activity to the record', async () => {
    const memberId = 7;
    const member = await stack.token({
      roles: ['member'],
      district: CITY,
      memberId: String(memberId),
    });
    const staff = await stack.token({ roles: ['staff'], district: CITY });
    const before = demoEntries(memberId);
    await stack.settle(async () => ((await dutyEvents(memberId, member))?.length ?? 0) >= before);

    const submitted = await stack.post<{ submitProposal: { id: string } }>(
      {
        query: 'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id } }',
        variables: {
          i: {
            title: '关于建设新安江百里大画廊的建议',
            category: 'CULTURE_TOURISM',
            situation: '现状',
            analysis: '分析',
            suggestions: '建议',
          },
        },
      },
      { token: member },
    );
    expect(submitted.body.errors).toBeUndefined();
    // Consultation checks participants against its replica of the members subgraph's members,
    // which the bus fills as it goes: until it has them the record is refused, writing nothing.
    const recorded = await stack.settle(async () => {
      const r = await stack.post<{
        recordConsultationActivity: { id: string; participants: { name: string }[] };
      }>(
        {
          query:
            'mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id participants { name } } }',
          variables: {
            i: {
              district: CITY,
              title: '新安江流域生态补偿专题协商',
              form: 'THEMATIC',
              topic: '生态补偿',
              heldOn: '2026-06-18',
              participantIds: [String(memberId), '8'],
            },
          },
        },
        { token: staff },
      );
      return r.body.errors?.[0]?.extensions?.rule === 'member' ? undefined : r;
    });
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data!.recordConsultationActivity.participants).toHaveLength(2);

    const after = await stack.settle(async () => {
      const list = await dutyEvents(memberId, member);
      return list && list.length >= before + 2 ? list : undefined;
    });
    expect(after.map((e) => [e.kind, e.sourceId])).toEqual(
      expect.arrayContaining([
        ['proposal.submitted', submitted.body.data!.submitProposal.id],
        ['consultation.attended', recorded.body.data!.recordConsultationActivity.id],
      ]),
    );
    expect(after).toHaveLength(before + 2);
  });

  it("puts a joint proposal into both authors' records, lead and co-author, and splits the 桐城 points", async () => {
    const [lead, co] = [11, 12];
    const leadToken = await stack.token({
      roles: ['member'],
      district: CITY,
      memberId: String(lead),
    });
    const coToken = await stack.token({ roles: ['member'], district: CITY, memberId: String(co) });
    const staff = await stack.token({ roles: ['staff'], district: CITY });
    /** Runs an operation of one root field and answers that field's value, of the shape `T`. */
    const call = async <T = unknown>(
      token: string,
      query: string,
      variables: Record<string, unknown> = {},
    ): Promise<T> => {
      const r = await stack.post<Record<string, T>>({ query, variables }, { token });
      expect(r.body.errors, query.slice(0, 60)).toBeUndefined();
      return Object.values(r.body.data ?? {})[0];
    };
    const respondBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const draft = await call<{ id: string; version: number }>(
      leadToken,
      'mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { id version } }',
      {
        i: {
          title: '关于联合推进徽州古村落保护利用的建议',
          category: 'CULTURE_TOURISM',
          situation: '现状',
          analysis: '分析',
          suggestions: '建议',
          kind: 'JOINT',
        },
      },
    );
    // Proposals checks co-signers against its replica of members, which the bus fills as it goes.
    const invited = await stack.settle(async () => {
      const r = await stack.post<{ inviteProposalCosigners: { cosigners: { id: string }[] } }>(
        {
          query: `mutation { inviteProposalCosigners(id: "${draft.id}", version: ${draft.version}, memberIds: ["${co}"], respondBy: "${respondBy}") { cosigners { id } } }`,
        },
        { token: leadToken },
      );
      return r.body.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : r;
    });
    expect(invited.body.errors).toBeUndefined();
    await call(
      coToken,
      `mutation { acceptCosignInvitation(id: "${invited.body.data!.inviteProposalCosigners.cosigners[0].id}") { status } }`,
    );
    const version = async () =>
      (await call<{ version: number }>(staff, `{ proposal(id: "${draft.id}") { version } }`))
        .version;
    await call(
      leadToken,
      `mutation { submitProposalDraft(id: "${draft.id}", version: ${await version()}) { status } }`,
    );
    await call(
      staff,
      `mutation { fileProposal(id: "${draft.id}", version: ${await version()}) { status } }`,
    );
    const year = new Date().getUTCFullYear();
    await call(
      staff,
      'mutation($i: SetScoringRulesInput!) { setScoringRules(input: $i) { year } }',
      { i: { district: CITY, year, preset: 'TONGCHENG' } },
    );

    const record = async (memberId: number, token: string) => {
      const entries = await stack.settle(async () => {
        const list = (
          await call<{
            dutyEvents: {
              id: string;
              kind: string;
              role: string;
              authors: number;
              sourceId: string;
            }[];
          }>(
            token,
            `{ member(id: "${memberId}") { dutyEvents { id kind role authors sourceId } } }`,
          )
        ).dutyEvents;
        const mine = list.filter((e) => e.sourceId === draft.id);
        return mine.length >= 2 ? mine : undefined;
      });
      const { lines } = (
        await call<{
          assessment: { lines: { event: { id: string } | null; points: number }[] };
        }>(
          token,
          `{ member(id: "${memberId}") { assessment(year: ${year}) { lines { event { id } points } } } }`,
        )
      ).assessment;
      return entries
        .map((e) => [e.kind, e.role, e.authors, lines.find((l) => l.event?.id === e.id)?.points])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    };
    // "提案每件10分，立案加15分；联名提案第一提案人得一半，其余平分": 5 + 7.5 for each of two authors.
    expect(await record(lead, leadToken)).toEqual([
      ['proposal.filed', 'LEAD', 2, 7.5],
      ['proposal.submitted', 'LEAD', 2, 5],
    ]);
    expect(await record(co, coToken)).toEqual([
      ['proposal.filed', 'CO', 2, 7.5],
      ['proposal.submitted', 'CO', 2, 5],
    ]);
  });

  it('agrees with what the other subgraphs show of the same member', async () => {
    // Every meeting, study session and branch activity organization holds the member was expected
    // at is one archive line, saying the same about their presence.
    const SOURCE = {
      BODY_MEETING: ['BodyMeeting', 'meeting'],
      STUDY_SESSION: ['StudySession', 'study'],
      BRANCH_ACTIVITY: ['BranchActivity', 'branch'],
    } as const;
    const PRESENCE = { PRESENT: 'attended', ON_LEAVE: 'on_leave', ABSENT: 'absent' } as const;
    const memberId = 5;
    const token = await stack.token({
      roles: ['member'],
      district: CITY,
      memberId: String(memberId),
    });
    const expected = demoEntries(memberId);
    await stack.settle(async () => ((await dutyEvents(memberId, token))?.length ?? 0) >= expected);
    const r = await stack.post<{
      member: {
        dutyEvents: { kind: string; sourceType: string; sourceId: string }[];
        attendance: {
          kind: keyof typeof SOURCE;
          subjectId: string;
          attendance: keyof typeof PRESENCE;
        }[];
        researchProjects: { totalCount: number };
        exchangeVisits: { id: string; status: string }[];
        donations: { id: string }[];
        merits: { id: string }[];
      };
    }>(
      {
        query: `{ member(id: "${memberId}") {
          dutyEvents { kind sourceType sourceId }
          attendance { kind subjectId attendance }
          researchProjects(first: 1000) { totalCount }
          exchangeVisits { id status }
          donations { id }
          merits { id }
        } }`,
      },
      { token },
    );
    expect(r.body.errors).toBeUndefined();
    const m = r.body.data!.member;
    const entries = m.dutyEvents.map((e) => `${e.sourceType}:${e.sourceId}:${e.kind}`).sort();
    const attendance = m.attendance
      .map(
        (a) => `${SOURCE[a.kind][0]}:${a.subjectId}:${SOURCE[a.kind][1]}.${PRESENCE[a.attendance]}`,
      )
      .sort();
    expect(attendance.length).toBeGreaterThan(0);
    expect(entries.filter((e) => /^(BodyMeeting|StudySession|BranchActivity):/.test(e))).toEqual(
      attendance,
    );
    const count = (kind: string) => entries.filter((e) => e.endsWith(`:${kind}`)).length;
    expect(count('research.joined')).toBe(m.researchProjects.totalCount);
    expect(count('plugin.inter-city-exchange.visit')).toBe(
      m.exchangeVisits.filter((v) => v.status !== 'PLANNED').length,
    );
    expect(count('donation.made')).toBe(m.donations.length);
    expect(count('award.received') + count('penalty.received')).toBe(m.merits.length);
  });

  it("keeps one member's record from another member", async () => {
    const other = await stack.token({ roles: ['member'], district: CITY, memberId: '9' });
    const r = await stack.post(
      { query: '{ member(id: "7") { dutyEvents { kind } } }' },
      { token: other },
    );
    expect(r.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
