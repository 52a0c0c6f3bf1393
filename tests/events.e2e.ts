import { activities, bodyMeetingAttendance, branchActivityParticipants, CITY, consultationDemoEvents, demoMerits, donations, interCityVisits, proposalDemoEvents, studioShifts, studySessionAttendance } from '@cppcc/demo';
import { databases, transports } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/** The members a proposals demo event puts an entry in the record of. */
function named(e: { type: string; payload: Record<string, unknown> }): string[] {
  const p = e.payload as Record<string, string & string[]>;
  switch (e.type) {
    case 'proposal.submitted':
      return [p.authorId];
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
    interCityVisits().filter((v) => v.status !== 'PLANNED' && v.delegation.includes(memberId)).length
  );
}

const cases = transports().flatMap((t) => databases().map((d) => ({ transport: t.name, make: t.make, db: d.name, url: d.url })));

describe.each(cases)('duty record over the $transport bus on $db', ({ make, url }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url, transport: await make() });
  });
  afterAll(() => stack?.stop());

  const dutyEvents = async (memberId: number, token: string) =>
    (await stack.post({ query: `{ member(id: "${memberId}") { dutyEvents { kind sourceModule sourceId } } }` }, { token })).body.data?.member?.dutyEvents as
      | { kind: string; sourceModule: string; sourceId: string }[]
      | undefined;

  it('builds each member\'s record from the demo activity the other subgraphs announced', async () => {
    const memberId = 5;
    const token = await stack.token({ roles: ['member'], district: CITY, memberId: String(memberId) });
    const expected = demoEntries(memberId);
    const events = await stack.settle(async () => {
      const list = await dutyEvents(memberId, token);
      return list && list.length >= expected ? list : undefined;
    });
    expect(events).toHaveLength(expected);
    expect(events.filter((e) => e.kind === 'consultation.attended').every((e) => e.sourceModule === 'consultation')).toBe(true);
  });

  it('adds a submitted proposal and an attended activity to the record', async () => {
    const memberId = 7;
    const member = await stack.token({ roles: ['member'], district: CITY, memberId: String(memberId) });
    const staff = await stack.token({ roles: ['staff'], district: CITY });
    const before = demoEntries(memberId);
    await stack.settle(async () => ((await dutyEvents(memberId, member))?.length ?? 0) >= before);

    const submitted = await stack.post(
      {
        query: 'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id } }',
        variables: { i: { title: '关于建设新安江百里大画廊的建议', category: '文化旅游', situation: '现状', analysis: '分析', suggestions: '建议' } },
      },
      { token: member },
    );
    expect(submitted.body.errors).toBeUndefined();
    // Consultation checks participants against its replica of the members subgraph's members,
    // which the bus fills as it goes: until it has them the record is refused, writing nothing.
    const recorded = await stack.settle(async () => {
      const r = await stack.post(
        {
          query: 'mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id participants { name } } }',
          variables: { i: { district: CITY, title: '新安江流域生态补偿专题协商', form: 'THEMATIC', topic: '生态补偿', heldOn: '2026-06-18', participantIds: [String(memberId), '8'] } },
        },
        { token: staff },
      );
      return r.body.errors?.[0]?.extensions?.rule === 'member' ? undefined : r;
    });
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data.recordConsultationActivity.participants).toHaveLength(2);

    const after = await stack.settle(async () => {
      const list = await dutyEvents(memberId, member);
      return list && list.length >= before + 2 ? list : undefined;
    });
    expect(after.map((e) => [e.kind, e.sourceId])).toEqual(
      expect.arrayContaining([
        ['proposal.submitted', submitted.body.data.submitProposal.id],
        ['consultation.attended', recorded.body.data.recordConsultationActivity.id],
      ]),
    );
    expect(after).toHaveLength(before + 2);
  });

  it('agrees with what the other subgraphs show of the same member', async () => {
    const memberId = 5;
    const token = await stack.token({ roles: ['member'], district: CITY, memberId: String(memberId) });
    const expected = demoEntries(memberId);
    await stack.settle(async () => ((await dutyEvents(memberId, token))?.length ?? 0) >= expected);
    const r = await stack.post(
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
    const m = r.body.data.member;
    const entries = (m.dutyEvents as { kind: string; sourceType: string; sourceId: string }[]).map((e) => `${e.sourceType}:${e.sourceId}:${e.kind}`).sort();
    // Every meeting, study session and branch activity organization holds the member was expected
    // at is one archive line, saying the same about their presence.
    const SOURCE = { BODY_MEETING: ['BodyMeeting', 'meeting'], STUDY_SESSION: ['StudySession', 'study'], BRANCH_ACTIVITY: ['BranchActivity', 'branch'] } as const;
    const PRESENCE = { PRESENT: 'attended', ON_LEAVE: 'on_leave', ABSENT: 'absent' } as const;
    const attendance = (m.attendance as { kind: keyof typeof SOURCE; subjectId: string; attendance: keyof typeof PRESENCE }[])
      .map((a) => `${SOURCE[a.kind][0]}:${a.subjectId}:${SOURCE[a.kind][1]}.${PRESENCE[a.attendance]}`)
      .sort();
    expect(attendance.length).toBeGreaterThan(0);
    expect(entries.filter((e) => /^(BodyMeeting|StudySession|BranchActivity):/.test(e))).toEqual(attendance);
    const count = (kind: string) => entries.filter((e) => e.endsWith(`:${kind}`)).length;
    expect(count('research.joined')).toBe(m.researchProjects.totalCount);
    expect(count('plugin.inter-city-exchange.visit')).toBe(m.exchangeVisits.filter((v: { status: string }) => v.status !== 'PLANNED').length);
    expect(count('donation.made')).toBe(m.donations.length);
    expect(count('award.received') + count('penalty.received')).toBe(m.merits.length);
  });

  it('keeps one member\'s record from another member', async () => {
    const other = await stack.token({ roles: ['member'], district: CITY, memberId: '9' });
    const r = await stack.post({ query: '{ member(id: "7") { dutyEvents { kind } } }' }, { token: other });
    expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
