import { currentTerm, demoStudios, members as demoMembers } from '@cppcc/demo';
import { addDays, today } from '@cppcc/kit';
import type { GraphError } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/**
 * Records linked across subgraphs, driven through the gateway as the client apps drive them
 * (issue 18, item 3): a studio reception and the draft it produced; a leave and its meeting.
 */
const DISTRICT = '341002';
const studio = demoStudios().find((s) => s.district === DISTRICT)!;

describe('links between records through the gateway', () => {
  let stack: Stack;
  let lead: string;
  let staff: string;
  let otherStaff: string;
  let leader: string;
  beforeAll(async () => {
    stack = await startStack({ databaseUrl: process.env.DATABASE_URL });
    lead = await stack.token({
      roles: ['member'],
      district: DISTRICT,
      memberId: String(studio.leadMemberId),
    });
    staff = await stack.token({ roles: ['staff'], district: DISTRICT });
    otherStaff = await stack.token({ roles: ['staff'], district: '341021' });
    leader = await stack.token({ roles: ['leader'], district: DISTRICT });
  }, 300_000);
  afterAll(() => stack?.stop());

  /** Asks as `token`; the caller names the shape of the data it selected. */
  const gql = async <TData>(
    query: string,
    token: string,
    variables: Record<string, unknown> = {},
  ) => (await stack.post<TData>({ query, variables }, { token })).body;
  /** The first error's extensions; a test that expects a refusal fails here if none came. */
  const refusalOf = (body: { errors?: readonly GraphError[] }) => {
    const error = body.errors?.[0];
    if (!error) throw new Error('expected a refusal, got data');
    return error;
  };

  describe('studio reception → proposal draft (接待 → 提案草稿)', () => {
    const record = async (title: string) => {
      const body = await gql<{
        recordStudioReception: { id: string; version: number; availableActions: string[] };
      }>(
        `mutation R($input: RecordStudioReceptionInput!) { recordStudioReception(input: $input) { id version availableActions } }`,
        lead,
        {
          input: {
            studioId: String(studio.id),
            receivedOn: '2026-11-04',
            visitors: 3,
            title,
            detail: '商户反映老街夜间照明不足，游客夜游体验差，希望增设景观照明。',
          },
        },
      );
      expect(body.errors).toBeUndefined();
      return body.data!.recordStudioReception;
    };
    const passOn = (id: string, version: number, target: string) =>
      gql<{ passOnStudioIssue: { id: string; status: string; target: string } }>(
        `mutation P($id: ID!, $version: Int!, $target: StudioIssueTarget!) { passOnStudioIssue(id: $id, version: $version, target: $target) { id status target } }`,
        lead,
        { id, version, target },
      );
    const READ = `query Q($id: ID!) { member(id: $id) { studio { receptions { id title status
      proposalDraft { id title status author { id } studioReception { id title receivedOn } }
      opinionItemDraft { id title status studioReception { id title } } } } } }`;
    interface ReceptionView {
      id: string;
      proposalDraft: {
        id: string;
        title: string;
        status: string;
        author: { id: string };
        studioReception: { id: string; title: string; receivedOn: string } | null;
      } | null;
      opinionItemDraft: { id: string; studioReception: { id: string } | null } | null;
    }
    const reception = async (id: string, token: string) =>
      (
        await gql<{ member: { studio: { receptions: ReceptionView[] } } }>(READ, token, {
          id: String(studio.leadMemberId),
        })
      ).data!.member.studio.receptions.find((r) => r.id === id);

    it('the member finds the draft from the reception, and the draft names its reception', async () => {
      const r = await record('老街夜间照明不足影响夜游');
      expect(r.availableActions).toEqual(['passOn', 'close']);
      const passed = await passOn(r.id, r.version, 'PROPOSAL_DRAFT');
      expect(passed.errors).toBeUndefined();
      expect(passed.data!.passOnStudioIssue).toMatchObject({
        status: 'PASSED_ON',
        target: 'PROPOSAL_DRAFT',
      });
      const seen = await stack.settle(
        async () => (await reception(r.id, lead))?.proposalDraft ?? undefined,
      );
      expect(seen).toMatchObject({
        title: '老街夜间照明不足影响夜游',
        status: 'DRAFT',
        author: { id: String(studio.leadMemberId) },
        studioReception: { id: r.id, title: '老街夜间照明不足影响夜游', receivedOn: '2026-11-04' },
      });
      // From the member's drafts, as the member app lists them.
      const drafts = await gql<{
        member: { proposals: { nodes: { id: string; studioReception: { id: string } | null }[] } };
      }>(
        `query D($id: ID!) { member(id: $id) { proposals(status: DRAFT, first: 50) { nodes { id studioReception { id } } } } }`,
        lead,
        { id: String(studio.leadMemberId) },
      );
      expect(drafts.data!.member.proposals.nodes).toContainEqual({
        id: seen.id,
        studioReception: { id: r.id },
      });
      // The district's staff see both sides; another district's staff neither.
      expect((await reception(r.id, staff))?.proposalDraft?.id).toBe(seen.id);
      const other = await gql<{ proposal: { id: string } | null }>(
        `query P($id: ID!) { proposal(id: $id) { id } }`,
        otherStaff,
        {
          id: seen.id,
        },
      );
      expect(other.data?.proposal ?? null).toBeNull();
    });

    it('an opinion item drafted from a reception names it too; a closed reception is not passed on', async () => {
      const r = await record('老街公厕数量不足');
      expect((await passOn(r.id, r.version, 'OPINION_ITEM')).errors).toBeUndefined();
      const seen = await stack.settle(
        async () => (await reception(r.id, lead))?.opinionItemDraft ?? undefined,
      );
      expect(seen.studioReception).toEqual({ id: r.id, title: '老街公厕数量不足' });
      expect((await reception(r.id, lead))?.proposalDraft).toBeNull();

      const closed = await record('老街商户咨询社保政策');
      const close = await gql<{
        closeStudioReception: { status: string; version: number; availableActions: string[] };
      }>(
        `mutation C($id: ID!, $version: Int!) { closeStudioReception(id: $id, version: $version) { status version availableActions } }`,
        lead,
        { id: closed.id, version: closed.version },
      );
      expect(close.data!.closeStudioReception).toMatchObject({
        status: 'CLOSED',
        availableActions: [],
      });
      const refused = await passOn(
        closed.id,
        close.data!.closeStudioReception.version,
        'PROPOSAL_DRAFT',
      );
      expect(refusalOf(refused).extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'CLOSED',
        action: 'passOn',
      });
    });
  });

  describe('leave linked to a meeting on record (请假 → 会议)', () => {
    const [asker] = demoMembers().filter(
      (m) => m.district === DISTRICT && m.id !== studio.leadMemberId,
    );
    let member: string;
    beforeAll(async () => {
      member = await stack.token({
        roles: ['member'],
        district: DISTRICT,
        memberId: String(asker.id),
      });
    });
    const plan = async (body: string, title: string, plannedOn: string) => {
      const r = await gql<{ planBodyMeeting: { id: string } }>(
        `mutation P($input: PlanBodyMeetingInput!) { planBodyMeeting(input: $input) { id } }`,
        staff,
        {
          input: {
            term: String(currentTerm(DISTRICT).id),
            body,
            title,
            plannedOn,
            agenda: ['审议有关事项'],
          },
        },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.planBodyMeeting.id;
    };
    interface LeaveView {
      id: string;
      version: number;
      status: string;
      meetingLevel: string;
      meetingOn: string;
      bodyMeeting: { id: string; title: string; plannedOn: string; status: string } | null;
    }
    const ASK = `mutation A($b: ID, $s: ID) { requestLeave(bodyMeetingId: $b, studySessionId: $s, reason: "赴外地招商") { id version status meetingLevel meetingOn bodyMeeting { id title plannedOn status } } }`;
    /** Asks leave as soon as the members subgraph has heard of the meeting (the bus is asynchronous). */
    const ask = (meetingId: string) =>
      stack.settle(async () => {
        const r = await gql<{ requestLeave: LeaveView }>(ASK, member, { b: meetingId });
        return r.errors?.[0]?.extensions?.rule === 'exists' ? undefined : r;
      });
    const LEAVES = `query L($id: ID!) { member(id: $id) { leaveRequests { id status availableActions } } }`;
    const leaveOf = async (id: string, token: string) =>
      (
        await gql<{
          member: { leaveRequests: { id: string; status: string; availableActions: string[] }[] };
        }>(LEAVES, token, { id: String(asker.id) })
      ).data!.member.leaveRequests.find((l) => l.id === id);

    it('asks leave from a planned meeting, the leader approves, and the meeting counts the member on leave', async () => {
      const plannedOn = addDays(today(), 20);
      const meetingId = await plan('STANDING_COMMITTEE', '区政协常委会第二十次会议', plannedOn);
      const asked = await ask(meetingId);
      expect(asked.errors).toBeUndefined();
      expect(asked.data!.requestLeave).toMatchObject({
        status: 'REQUESTED',
        meetingLevel: 'STANDING_COMMITTEE',
        meetingOn: plannedOn,
        bodyMeeting: {
          id: meetingId,
          title: '区政协常委会第二十次会议',
          plannedOn,
          status: 'PLANNED',
        },
      });
      const leave = asked.data!.requestLeave;
      // Staff may not grant leave from a standing-committee meeting; the leader may.
      expect((await leaveOf(leave.id, staff))?.availableActions).toEqual([]);
      const approved = await gql<{ approveLeave: { status: string } }>(
        `mutation($id: ID!, $v: Int!) { approveLeave(id: $id, version: $v) { status } }`,
        leader,
        { id: leave.id, v: leave.version },
      );
      expect(approved.data!.approveLeave.status).toBe('APPROVED');
      // Held earlier than planned, with the member ticked absent: the leave names this meeting, so
      // the attendance there is ON_LEAVE whatever the day.
      const heldOn = today();
      {
        const held = await gql(
          `mutation H($input: HoldBodyMeetingInput!) { holdBodyMeeting(input: $input) { id } }`,
          staff,
          {
            input: {
              id: meetingId,
              heldOn,
              attendance: [{ member: String(asker.id), attendance: 'ABSENT' }],
            },
          },
        );
        expect(held.errors).toBeUndefined();
      }
      const lines = await stack.settle(async () => {
        const r = await gql<{
          bodyMeetings: {
            nodes: { id: string; attendance: { member: { id: string }; attendance: string }[] }[];
          };
        }>(
          `query M($d: ID) { bodyMeetings(filter: { district: $d, status: HELD, from: "${heldOn}" }, first: 100) { nodes { id attendance { member { id } attendance } } } }`,
          staff,
          { d: DISTRICT },
        );
        const m = r.data?.bodyMeetings?.nodes.find((x) => x.id === meetingId);
        return m?.attendance.length ? m.attendance : undefined;
      });
      expect(lines).toEqual([{ member: { id: String(asker.id) }, attendance: 'ON_LEAVE' }]);
      // Once held it takes no more leave requests.
      const late = await gql(ASK, member, { b: meetingId });
      expect(refusalOf(late).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'bodyMeetingId',
        rule: 'not-ended',
      });
    });

    it('refuses a meeting never created, and approval once the meeting was cancelled', async () => {
      const unknown = await gql(ASK, member, { b: '999999' });
      expect(refusalOf(unknown).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'bodyMeetingId',
        rule: 'exists',
      });
      expect(refusalOf(unknown).message).toContain('bodyMeetingId');
      const free = await gql(
        `mutation { requestLeave(meeting: "从未建档的会议", meetingLevel: OTHER, meetingOn: "2031-03-01", reason: "外出学习") { id } }`,
        member,
      );
      expect(refusalOf(free).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      const meetingId = await plan('CHAIR_MEETING', '区政协主席会议（临时）', addDays(today(), 30));
      const leave = (await ask(meetingId)).data!.requestLeave;
      expect((await leaveOf(leave.id, staff))?.availableActions).toEqual(['approve', 'reject']);
      const cancelled = await gql<{ cancelBodyMeeting: { status: string } }>(
        `mutation C($input: CancelBodyMeetingInput!) { cancelBodyMeeting(input: $input) { status } }`,
        staff,
        { input: { id: meetingId, note: '议题调整' } },
      );
      expect(cancelled.data!.cancelBodyMeeting.status).toBe('CANCELLED');
      await stack.settle(async () =>
        (await leaveOf(leave.id, staff))?.availableActions.includes('approve') ? undefined : true,
      );
      expect((await leaveOf(leave.id, staff))?.availableActions).toEqual(['reject']);
      const refused = await gql(
        `mutation($id: ID!, $v: Int!) { approveLeave(id: $id, version: $v) { status } }`,
        staff,
        { id: leave.id, v: leave.version },
      );
      expect(refusalOf(refused).extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        action: 'approve',
        rule: 'meeting-cancelled',
      });
      const again = await gql(ASK, member, { b: meetingId });
      expect(refusalOf(again).extensions).toMatchObject({ rule: 'not-cancelled' });
    });
  });
});
