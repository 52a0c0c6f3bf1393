import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient as createSseClient } from 'graphql-sse';
import { currentTerm, governmentUnits } from '@cppcc/demo';
import { installedPlugins } from '@cppcc/installation';
import { addDays, systemEm, today } from '@cppcc/kit';
import { askSettingsReviews } from '@cppcc/platform';
import { databases, idsAsKeys } from '@cppcc/testing';
import { startStack, type Stack } from './harness.js';

/*
 * The inbox as the client apps read it: a member's app, the staff back office and a unit's portal
 * each ask `inbox` (or `me { inbox }`) what waits for them, take a step it offers, and see the
 * work move on to whoever it waits for next.
 */

const DISTRICT = '341002';
const OTHER = '341003';

interface Item {
  kind: string;
  title: string;
  why: string;
  actions: string[];
  dueOn: string | null;
  overdue: boolean;
  waitsFor: string;
  record: { type: string; id: string };
  about: { type: string; id: string } | null;
}
interface InboxAnswer {
  totalCount: number;
  counts: { kind: string; count: number; overdue: number }[];
  items: { nodes: Item[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const ITEM = 'kind title why actions dueOn overdue waitsFor record { type id } about { type id }';
const INBOX = `query($f: InboxFilter, $first: Int, $after: String) { inbox(filter: $f) { totalCount counts { kind count overdue } items(first: $first, after: $after) { nodes { ${ITEM} } pageInfo { hasNextPage endCursor } } } }`;

describe.each(databases())('the inbox through the gateway on $name', ({ url }) => {
  let stack: Stack;
  let staff: string;
  let otherStaff: string;
  let authorId: string;
  let cosignerId: string;
  let author: string;
  let cosigner: string;
  const unit = governmentUnits.find((u) => u.district === DISTRICT)!;
  let unitToken: string;

  beforeAll(async () => {
    // The platform looks at the calendar every second, not every minute (the day-turn test).
    stack = await startStack({ databaseUrl: url, settings: { inboxTickSeconds: 1 } });
    staff = await stack.token({ roles: ['staff'], district: DISTRICT });
    otherStaff = await stack.token({ roles: ['staff'], district: OTHER });
    const members = await stack.post<{ district: { members: { nodes: { id: string }[] } } }>(
      { query: `{ district(code: "${DISTRICT}") { members(first: 2) { nodes { id } } } }` },
      { token: staff },
    );
    [authorId, cosignerId] = members.body.data!.district.members.nodes.map((m) => m.id);
    author = await stack.token({ roles: ['member'], district: DISTRICT, memberId: authorId });
    cosigner = await stack.token({ roles: ['member'], district: DISTRICT, memberId: cosignerId });
    unitToken = await stack.token({ roles: ['unit'], district: DISTRICT, unitId: String(unit.id) });
  }, 600_000);
  afterAll(() => stack?.stop());

  const inbox = async (token: string, variables: Record<string, unknown> = {}) => {
    const r = await stack.post<{ inbox: InboxAnswer }>({ query: INBOX, variables }, { token });
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.inbox;
  };
  /** Runs a step that must succeed; the caller names the shape of what it selected. */
  const mutate = async <TData>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<TData> => {
    const r = await stack.post<TData>({ query, variables }, { token });
    expect(r.body.errors).toBeUndefined();
    return r.body.data!;
  };
  /** The record's item among the caller's (of the kinds named: a city's inbox is long). */
  const find = async (token: string, type: string, id: string, kinds?: string[]) =>
    (await inbox(token, { first: 100, ...(kinds ? { f: { kinds } } : {}) })).items.nodes.find(
      (i) => i.record.type === type && i.record.id === id,
    );
  /** Waits until the inbox (the bus is asynchronous) shows an item for the record. */
  const itemFor = (token: string, type: string, id: string, kinds?: string[]) =>
    stack.settle(() => find(token, type, id, kinds));
  /** Waits until the record has left the inbox. */
  const gone = (token: string, type: string, id: string) =>
    stack.settle(async () => !(await find(token, type, id)));

  /** A console subscribed to `inboxChanged` (as a client refreshing its counts would): what it received. */
  const subscribeInbox = (token: string) => {
    const received: { data?: { inboxChanged?: { id: string; items: Item[] } } }[] = [];
    const client = createSseClient({
      url: stack.gateway.url,
      headers: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const unsubscribe = client.subscribe(
      { query: `subscription { inboxChanged { id items { ${ITEM} } } }` },
      {
        // Read as the stack's client reads ids: as keys (idsAsKeys).
        next: (r) => received.push(idsAsKeys(r) as (typeof received)[number]),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    const stop = async () => {
      unsubscribe();
      await client.dispose();
    };
    return { received, stop };
  };

  it('moves a joint proposal through the inboxes of its co-signer, author, staff and unit', async () => {
    const title = '关于完善老旧小区加装电梯协调机制的建议';
    const { draftProposal } = await mutate<{ draftProposal: { id: string; version: number } }>(
      author,
      'mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { id version } }',
      {
        i: {
          title,
          category: 'URBAN_MANAGEMENT',
          situation: '现状',
          analysis: '分析',
          suggestions: '建议',
          kind: 'JOINT',
        },
      },
    );
    const proposalId: string = draftProposal.id;
    const respondBy = addDays(today(), 7);
    const invited = await mutate<{
      inviteProposalCosigners: { cosigners: { id: string }[] };
    }>(
      author,
      `mutation { inviteProposalCosigners(id: "${proposalId}", version: ${draftProposal.version}, memberIds: ["${cosignerId}"], respondBy: "${respondBy}") { cosigners { id } } }`,
    );
    const invitationId: string = invited.inviteProposalCosigners.cosigners[0].id;

    // The co-signer's app: the invitation, with what it can do and by when.
    const invitation = await itemFor(cosigner, 'ProposalCosigner', invitationId);
    expect(invitation).toMatchObject({
      kind: 'proposal.cosign',
      title,
      actions: ['accept', 'decline'],
      dueOn: respondBy,
      overdue: false,
      waitsFor: `member:${cosignerId}`,
      about: { type: 'Proposal', id: proposalId },
    });
    expect(invitation.why).toContain('联名');
    // The same, as `me { inbox }`.
    const me = await stack.post<{
      me: { inbox: { items: { nodes: { kind: string; record: { id: string } }[] } } };
    }>(
      {
        query:
          '{ me { id inbox { totalCount items(first: 100) { nodes { kind record { id } } } } } }',
      },
      { token: cosigner },
    );
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data!.me.inbox.items.nodes).toContainEqual({
      kind: 'proposal.cosign',
      record: { id: invitationId },
    });

    // The draft cannot be submitted while the invitation is open: it waits on no one yet.
    expect(
      (await inbox(author, { first: 100 })).items.nodes.find((i) => i.record.id === proposalId),
    ).toBeUndefined();

    // Accepted, the invitation leaves the co-signer's inbox and the draft enters the author's.
    await mutate(cosigner, `mutation { acceptCosignInvitation(id: "${invitationId}") { status } }`);
    await gone(cosigner, 'ProposalCosigner', invitationId);
    const draft = await itemFor(author, 'Proposal', proposalId);
    expect(draft).toMatchObject({ kind: 'proposal.draft', actions: ['submit'] });

    // Submitted, it leaves the author's inbox and waits on the district's staff.
    const current = await mutate<{ proposal: { version: number } }>(
      author,
      `{ proposal(id: "${proposalId}") { version } }`,
    );
    await mutate(
      author,
      `mutation { submitProposalDraft(id: "${proposalId}", version: ${current.proposal.version}) { status } }`,
    );
    const review = await itemFor(staff, 'Proposal', proposalId);
    expect(review).toMatchObject({
      kind: 'proposal.review',
      waitsFor: `staff@${DISTRICT}`,
      about: null,
    });
    expect(review.actions).toEqual(
      expect.arrayContaining(['file', 'reject', 'returnForRevision', 'merge']),
    );
    expect(review.actions).not.toContain('withdraw');
    await gone(author, 'Proposal', proposalId);
    // Another district's staff are not its party.
    const other = await inbox(otherStaff, { first: 100 });
    expect(other.items.nodes.find((i) => i.record.id === proposalId)).toBeUndefined();

    // Counts and filters.
    const counted = await inbox(staff, { f: { kinds: ['proposal.review'] }, first: 1 });
    expect(counted.counts.map((c) => c.kind)).toEqual(['proposal.review']);
    expect(counted.totalCount).toBe(counted.counts[0].count);
    expect(counted.items.nodes).toHaveLength(1);
    expect(counted.items.pageInfo.hasNextPage).toBe(counted.totalCount > 1);

    // Filed and assigned: the unit's portal gets the task to receive, due in its receipt window.
    const filed = await mutate<{ fileProposal: { version: number } }>(
      staff,
      `mutation { fileProposal(id: "${proposalId}", version: ${(await mutate<{ proposal: { version: number } }>(staff, `{ proposal(id: "${proposalId}") { version } }`)).proposal.version}) { version } }`,
    );
    const assign = await itemFor(staff, 'Proposal', proposalId);
    expect(assign).toMatchObject({ kind: 'proposal.assign', actions: ['assign'] });
    const assigned = await mutate<{
      assignProposal: { tasks: { id: string; receiptDueOn: string }[] };
    }>(
      staff,
      `mutation($i: AssignProposalInput!) { assignProposal(id: "${proposalId}", version: ${filed.fileProposal.version}, input: $i) { tasks { id receiptDueOn } } }`,
      { i: { mode: 'SOLE', unitIds: [String(unit.id)] } },
    );
    const task = assigned.assignProposal.tasks[0];
    await gone(staff, 'Proposal', proposalId);
    const toReceive = await itemFor(unitToken, 'HandlingTask', task.id);
    expect(toReceive).toMatchObject({
      kind: 'task.receive',
      title,
      dueOn: task.receiptDueOn,
      waitsFor: `unit:${unit.id}`,
      about: { type: 'Proposal', id: proposalId },
    });
    expect(toReceive.actions).toEqual(['receive', 'requestReturn']);
    const overdue = await inbox(unitToken, { f: { overdue: true }, first: 100 });
    expect(overdue.items.nodes.find((i) => i.record.id === task.id)).toBeUndefined();
  }, 120_000);

  it('takes a plugin’s own kinds, with no core change (eco-compensation rounds to sign)', async () => {
    const CITY = '341000';
    const cityStaff = await stack.token({ roles: ['staff'], district: CITY });
    const section = await mutate<{ addMonitoringSection: { id: string } }>(
      cityStaff,
      `mutation { addMonitoringSection(district: "${CITY}", code: "T-INBOX", name: "待办断面") { id } }`,
    );
    const created = await mutate<{ createCompensationRound: { id: string } }>(
      cityStaff,
      'mutation($i: CreateCompensationRoundInput!) { createCompensationRound(input: $i) { id } }',
      {
        i: {
          district: CITY,
          basin: '新安江–千岛湖',
          startYear: 2027,
          endYear: 2029,
          agreementTitle: '新安江第五轮补偿协议',
          parties: ['安徽省', '浙江省'],
          upstream: '安徽省',
          downstream: '浙江省',
          sectionId: section.addMonitoringSection.id,
          baseLimits: [
            { indicator: 'codmn', limit: 2 },
            { indicator: 'nh3n', limit: 0.1 },
            { indicator: 'tn', limit: 1 },
            { indicator: 'tp', limit: 0.05 },
          ],
          transferAmount: 10_000,
        },
      },
    );
    const roundId: string = created.createCompensationRound.id;
    const SIGN = 'plugin.eco-compensation.round.sign';
    const INTO_FORCE = 'plugin.eco-compensation.round.bringIntoForce';
    const toSign = await itemFor(cityStaff, 'CompensationRound', roundId, [SIGN]);
    expect(toSign).toMatchObject({
      kind: 'plugin.eco-compensation.round.sign',
      title: '新安江第五轮补偿协议',
      actions: ['sign'],
      waitsFor: `staff@${CITY}`,
    });
    const counts = await inbox(cityStaff, { f: { kinds: ['plugin.eco-compensation.round.sign'] } });
    expect(counts.counts).toEqual([
      { kind: 'plugin.eco-compensation.round.sign', count: counts.totalCount, overdue: 0 },
    ]);
    await mutate(
      cityStaff,
      `mutation { signCompensationRound(id: "${roundId}", signedOn: "2027-01-01") { id } }`,
    );
    await stack.settle(
      async () =>
        (await find(cityStaff, 'CompensationRound', roundId, [SIGN, INTO_FORCE]))?.kind ===
        INTO_FORCE,
    );
  }, 120_000);

  it('puts leave to approve before the district’s leaders, and tells them live', async () => {
    const leader = await stack.token({ roles: ['leader'], district: DISTRICT });
    // The leader's console subscribes first, as a client refreshing its counts would.
    const { received, stop } = subscribeInbox(leader);
    const meetingOn = addDays(today(), 10);
    // A leave names its meeting on record: staff plan it, the members subgraph hears of it.
    const { planBodyMeeting } = await mutate<{ planBodyMeeting: { id: string } }>(
      staff,
      `mutation P($input: PlanBodyMeetingInput!) { planBodyMeeting(input: $input) { id } }`,
      {
        input: {
          term: String(currentTerm(DISTRICT).id),
          body: 'STANDING_COMMITTEE',
          title: '区政协常委会第五次会议',
          plannedOn: meetingOn,
          agenda: ['审议有关事项'],
        },
      },
    );
    const asked = await stack.settle(async () => {
      const r = await stack.post<{ requestLeave: { id: string; version: number } }>(
        {
          query: `mutation A($b: ID) { requestLeave(bodyMeetingId: $b, reason: "出差") { id version } }`,
          variables: { b: planBodyMeeting.id },
        },
        { token: author },
      );
      return r.body.errors?.[0]?.extensions?.rule === 'exists' ? undefined : r.body;
    });
    expect(asked.errors).toBeUndefined();
    const requestLeave = asked.data!.requestLeave;
    const leave = await itemFor(leader, 'LeaveRequest', requestLeave.id, ['member.leave.decide']);
    expect(leave).toMatchObject({
      kind: 'member.leave.decide',
      actions: ['approve', 'reject'],
      dueOn: meetingOn,
      waitsFor: `leader@${DISTRICT}`,
    });
    // A standing-committee meeting's leave is the leaders', not the staff's.
    expect(
      await find(staff, 'LeaveRequest', requestLeave.id, ['member.leave.decide']),
    ).toBeUndefined();
    const live = await stack.settle(async () =>
      received.find((r) =>
        r.data?.inboxChanged?.items.some((i) => i.record.id === requestLeave.id),
      ),
    );
    expect(live.data!.inboxChanged!.id).toBe(`LeaveRequest:${requestLeave.id}`);

    // Approved, it leaves the inbox, and the subscriber is told so (nothing waits there now).
    await mutate(
      leader,
      `mutation { approveLeave(id: "${requestLeave.id}", version: ${requestLeave.version}) { status } }`,
    );
    await stack.settle(async () =>
      received.some(
        (r) =>
          r.data?.inboxChanged?.id === `LeaveRequest:${requestLeave.id}` &&
          r.data.inboxChanged.items.length === 0,
      ),
    );
    await stop();
  }, 120_000);

  /** Waits until the record has left the caller's work of these kinds (a city's inbox is long). */
  const goneOf = (token: string, type: string, id: string, kinds: string[]) =>
    stack.settle(async () => !(await find(token, type, id, kinds)));
  const CITY = '341000';
  /** A recommendation the district's staff draft from one of its held activities. */
  const draftRecommendation = async (title: string) => {
    const held = await mutate<{ consultationActivities: { nodes: { id: string }[] } }>(
      staff,
      `query { consultationActivities(filter: { district: "${DISTRICT}", status: HELD }, first: 1) { nodes { id } } }`,
    );
    const { draftRecommendation: r } = await mutate<{
      draftRecommendation: { id: string; version: number };
    }>(
      staff,
      'mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id version } }',
      {
        i: {
          district: DISTRICT,
          kind: 'RECOMMENDATION',
          title,
          text: `${title}：一是统筹规划，二是资金支持，三是跟踪落实。`,
          activityId: held.consultationActivities.nodes[0].id,
        },
      },
    );
    return r;
  };
  const submitRecommendation = (r: { id: string; version: number }) =>
    mutate<{ submitRecommendation: { id: string; version: number } }>(
      staff,
      `mutation { submitRecommendation(id: "${r.id}", version: ${r.version}, submittedTo: "中共屯溪区委") { id version } }`,
    );
  const topicInput = (title: string) => ({
    title,
    source: 'PARTY_COMMITTEE',
    form: 'THEMATIC',
    quarter: 3,
  });
  /** A district plan for the year with two topics, approved (and published if asked). */
  const approvedPlan = async (year: number, publish: boolean) => {
    const { draftConsultationPlan: plan } = await mutate<{
      draftConsultationPlan: { id: string; version: number };
    }>(
      staff,
      `mutation { draftConsultationPlan(district: "${DISTRICT}", year: ${year}, title: "屯溪区政协${year}年度协商工作计划") { id version } }`,
    );
    const topics: string[] = [];
    for (const title of ['推进新安江流域生态补偿', '提升老街旅游服务水平'])
      topics.push(
        (
          await mutate<{ addConsultationPlanTopic: { id: string } }>(
            staff,
            `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${plan.id}", input: $i) { id } }`,
            { i: topicInput(title) },
          )
        ).addConsultationPlanTopic.id,
      );
    const { approveConsultationPlan: approved } = await mutate<{
      approveConsultationPlan: { version: number };
    }>(
      staff,
      `mutation { approveConsultationPlan(id: "${plan.id}", version: ${plan.version}, approvedBy: "中共屯溪区委") { version } }`,
    );
    if (publish)
      await mutate(
        staff,
        `mutation { publishConsultationPlan(id: "${plan.id}", version: ${approved.version}) { id } }`,
      );
    return { id: plan.id, version: approved.version, topics };
  };

  it('asks the district’s staff to submit a drafted recommendation, then to record whether it was adopted', async () => {
    const SUBMIT = 'recommendation.submit';
    const OUTCOME = 'recommendation.outcome';
    const title = '关于加强老街消防安全管理的建议';
    const draft = await draftRecommendation(title);
    expect(await itemFor(staff, 'Recommendation', draft.id, [SUBMIT])).toMatchObject({
      kind: SUBMIT,
      title,
      actions: ['submit'],
      waitsFor: `staff@${DISTRICT}`,
    });
    expect(await find(otherStaff, 'Recommendation', draft.id, [SUBMIT, OUTCOME])).toBeUndefined();

    const { submitRecommendation: submitted } = await submitRecommendation(draft);
    const outcome = await stack.settle(async () => {
      const item = await find(staff, 'Recommendation', draft.id, [SUBMIT, OUTCOME]);
      return item?.kind === OUTCOME ? item : undefined;
    });
    expect(outcome).toMatchObject({ actions: ['adopt', 'decline'], waitsFor: `staff@${DISTRICT}` });
    expect(outcome.why).toContain('采纳');

    await mutate(
      staff,
      `mutation { adoptRecommendation(id: "${submitted.id}", version: ${submitted.version}, adoption: "区委常委会纪要〔2026〕3号") { id } }`,
    );
    await goneOf(staff, 'Recommendation', draft.id, [SUBMIT, OUTCOME]);
  }, 120_000);

  it('puts a district’s escalation before the city’s staff to accept or decline, and nobody else', async () => {
    const ANSWER = ['escalation.answer'];
    const cityStaff = await stack.token({ roles: ['staff'], district: CITY });
    const recommendation = await draftRecommendation('推动老街历史文化街区保护利用');
    await submitRecommendation(recommendation);
    const { escalateToCityCommittee: sent } = await mutate<{
      escalateToCityCommittee: { id: string; version: number };
    }>(
      staff,
      'mutation($i: EscalateToCityCommitteeInput!) { escalateToCityCommittee(input: $i) { id version } }',
      {
        i: {
          recommendationId: recommendation.id,
          title: '老街历史文化街区保护利用',
          reason: '街区保护涉及市级文物和旅游规划，提请市政协统筹协商。',
        },
      },
    );
    const item = await itemFor(cityStaff, 'ConsultationEscalation', sent.id, ANSWER);
    expect(item).toMatchObject({
      kind: 'escalation.answer',
      title: '老街历史文化街区保护利用',
      actions: ['accept', 'decline'],
      waitsFor: `staff@${CITY}`,
    });
    expect(item.why).toContain('市政协');
    // The district that sent it may take it back, but the answer does not wait for it; another
    // district sees nothing.
    expect(await find(staff, 'ConsultationEscalation', sent.id, ANSWER)).toBeUndefined();
    expect(await find(otherStaff, 'ConsultationEscalation', sent.id, ANSWER)).toBeUndefined();

    await mutate(
      cityStaff,
      `mutation { declineConsultationEscalation(id: "${sent.id}", version: ${sent.version}, answer: "不予采纳：已列入市政府专项规划，不再重复协商。") { id } }`,
    );
    await goneOf(cityStaff, 'ConsultationEscalation', sent.id, ANSWER);
  }, 120_000);

  it('asks the district’s staff to publish an approved plan, and forgets it once published', async () => {
    const PUBLISH = ['plan.publish'];
    const plan = await approvedPlan(2031, false);
    const item = await itemFor(staff, 'ConsultationPlan', plan.id, PUBLISH);
    expect(item).toMatchObject({
      kind: 'plan.publish',
      title: '屯溪区政协2031年度协商工作计划',
      actions: ['revise', 'publish'],
      waitsFor: `staff@${DISTRICT}`,
    });
    expect(await find(otherStaff, 'ConsultationPlan', plan.id, PUBLISH)).toBeUndefined();
    await mutate(
      staff,
      `mutation { publishConsultationPlan(id: "${plan.id}", version: ${plan.version}) { id } }`,
    );
    await goneOf(staff, 'ConsultationPlan', plan.id, PUBLISH);
  }, 120_000);

  it('asks the district’s staff to have a draft plan with topics approved, as its topics come and go', async () => {
    const APPROVE = ['plan.approve'];
    const { draftConsultationPlan: plan } = await mutate<{
      draftConsultationPlan: { id: string; version: number };
    }>(
      staff,
      `mutation { draftConsultationPlan(district: "${DISTRICT}", year: 2033, title: "屯溪区政协2033年度协商工作计划") { id version } }`,
    );
    const addTopic = async (title: string) =>
      (
        await mutate<{ addConsultationPlanTopic: { id: string } }>(
          staff,
          `mutation($i: ConsultationPlanTopicInput!) { addConsultationPlanTopic(planId: "${plan.id}", input: $i) { id } }`,
          { i: topicInput(title) },
        )
      ).addConsultationPlanTopic.id;
    // A draft without topics cannot be approved: it waits for nobody.
    const first = await addTopic('推进黄山市老城区更新改造');
    expect(await itemFor(staff, 'ConsultationPlan', plan.id, APPROVE)).toMatchObject({
      kind: 'plan.approve',
      title: '屯溪区政协2033年度协商工作计划',
      actions: ['approve'],
      waitsFor: `staff@${DISTRICT}`,
    });
    expect(await find(otherStaff, 'ConsultationPlan', plan.id, APPROVE)).toBeUndefined();
    // Its last topic taken off, it leaves the inbox; a topic added brings it back.
    await mutate(staff, `mutation { removeConsultationPlanTopic(topicId: "${first}") { id } }`);
    await goneOf(staff, 'ConsultationPlan', plan.id, APPROVE);
    await addTopic('提升新安江沿岸公共服务');
    await itemFor(staff, 'ConsultationPlan', plan.id, APPROVE);
    // Approved, it waits to be published instead.
    await mutate(
      staff,
      `mutation { approveConsultationPlan(id: "${plan.id}", version: ${plan.version}, approvedBy: "中共屯溪区委") { id } }`,
    );
    await goneOf(staff, 'ConsultationPlan', plan.id, APPROVE);
    expect(await itemFor(staff, 'ConsultationPlan', plan.id, ['plan.publish'])).toMatchObject({
      actions: ['revise', 'publish'],
    });
  }, 120_000);

  it('puts proposed plan amendments before the district’s staff to record the decision on', async () => {
    const DECIDE = ['plan.amendment'];
    const plan = await approvedPlan(2032, true);
    const propose = async (input: Record<string, unknown>) =>
      (
        await mutate<{ proposeConsultationPlanAmendment: { id: string; version: number } }>(
          staff,
          'mutation($p: ID!, $i: ProposeConsultationPlanAmendmentInput!) { proposeConsultationPlanAmendment(planId: $p, input: $i) { id version } }',
          { p: plan.id, i: input },
        )
      ).proposeConsultationPlanAmendment;
    const drop = await propose({
      kind: 'DROP_TOPIC',
      topicId: plan.topics[0],
      reason: '该议题已由市政协统筹开展，区级不再重复协商。',
    });
    const add = await propose({
      kind: 'ADD_TOPIC',
      topic: topicInput('推进徽州古建筑保护利用'),
      reason: '根据区委意见增加年度协商议题。',
    });
    // A dropped topic's amendment is titled by the topic it drops, an added one's by the new topic.
    expect(await itemFor(staff, 'ConsultationPlanAmendment', drop.id, DECIDE)).toMatchObject({
      kind: 'plan.amendment',
      title: '推进新安江流域生态补偿',
      actions: ['approve', 'reject'],
      waitsFor: `staff@${DISTRICT}`,
      about: { type: 'ConsultationPlan', id: plan.id },
    });
    const added = await itemFor(staff, 'ConsultationPlanAmendment', add.id, DECIDE);
    expect(added).toMatchObject({
      title: '推进徽州古建筑保护利用',
      actions: ['approve', 'reject'],
    });
    expect(added.why).toContain('党委');
    expect(await find(otherStaff, 'ConsultationPlanAmendment', drop.id, DECIDE)).toBeUndefined();

    await mutate(
      staff,
      `mutation { approveConsultationPlanAmendment(id: "${drop.id}", version: ${drop.version}, approvedBy: "中共屯溪区委") { id } }`,
    );
    await goneOf(staff, 'ConsultationPlanAmendment', drop.id, DECIDE);
    expect(await find(staff, 'ConsultationPlanAmendment', add.id, DECIDE)).toMatchObject({
      actions: ['approve', 'reject'],
    });
    await mutate(
      staff,
      `mutation { rejectConsultationPlanAmendment(id: "${add.id}", version: ${add.version}, note: "区委意见：该议题下一年度再议。") { id } }`,
    );
    await goneOf(staff, 'ConsultationPlanAmendment', add.id, DECIDE);
  }, 120_000);

  it('puts a converted proposal’s member suggestion before staff to forward, then the unit to answer', async () => {
    const KINDS = ['suggestion.forward', 'suggestion.answer'];
    const title = '关于优化社区养老服务站布局的建议';
    const { draftProposal: drafted } = await mutate<{
      draftProposal: { id: string; version: number };
    }>(author, 'mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { id version } }', {
      i: {
        title,
        category: 'SOCIAL_AFFAIRS',
        situation: '现状',
        analysis: '分析',
        suggestions: '建议',
      },
    });
    const { submitProposalDraft: submitted } = await mutate<{
      submitProposalDraft: { version: number };
    }>(
      author,
      'mutation($id: ID!, $v: Int!) { submitProposalDraft(id: $id, version: $v) { version } }',
      { id: drafted.id, v: drafted.version },
    );
    const { proposeProposalConversion: proposed } = await mutate<{
      proposeProposalConversion: { version: number };
    }>(
      staff,
      'mutation($id: ID!, $v: Int!) { proposeProposalConversion(id: $id, version: $v, target: SUGGESTION, note: "宜作为委员意见建议转有关部门参考") { version } }',
      { id: drafted.id, v: submitted.version },
    );
    const { consentToProposalConversion: consented } = await mutate<{
      consentToProposalConversion: { memberSuggestion: { id: string; version: number } };
    }>(
      author,
      'mutation($id: ID!, $v: Int!) { consentToProposalConversion(id: $id, version: $v) { memberSuggestion { id version } } }',
      { id: drafted.id, v: proposed.version },
    );
    const suggestion = consented.memberSuggestion;
    expect(await itemFor(staff, 'MemberSuggestion', suggestion.id, KINDS)).toMatchObject({
      kind: 'suggestion.forward',
      title,
      actions: ['forward', 'archive'],
      waitsFor: `staff@${DISTRICT}`,
    });
    expect(await find(otherStaff, 'MemberSuggestion', suggestion.id, KINDS)).toBeUndefined();
    expect(await find(unitToken, 'MemberSuggestion', suggestion.id, KINDS)).toBeUndefined();

    const { forwardMemberSuggestion: forwarded } = await mutate<{
      forwardMemberSuggestion: { id: string; version: number };
    }>(
      staff,
      'mutation($id: ID!, $v: Int!, $u: ID!) { forwardMemberSuggestion(id: $id, version: $v, unitId: $u) { id version } }',
      { id: suggestion.id, v: suggestion.version, u: String(unit.id) },
    );
    expect(await itemFor(unitToken, 'MemberSuggestion', suggestion.id, KINDS)).toMatchObject({
      kind: 'suggestion.answer',
      actions: ['answer'],
      waitsFor: `unit:${unit.id}`,
    });
    expect(await find(staff, 'MemberSuggestion', suggestion.id, KINDS)).toBeUndefined();
    await mutate(
      unitToken,
      `mutation { answerMemberSuggestion(id: "${forwarded.id}", version: ${forwarded.version}, answer: "已纳入养老服务设施布局规划统筹考虑。") { id } }`,
    );
    await goneOf(unitToken, 'MemberSuggestion', suggestion.id, KINDS);
  }, 120_000);

  it('asks information staff to publish a bulletin issue only while it carries items', async () => {
    const PUBLISH = ['bulletin.publish'];
    const cityStaff = await stack.token({ roles: ['staff'], district: CITY });
    // The demo's selected items wait in the city's channel.
    const selected = await mutate<{ opinionItems: { nodes: { id: string }[] } }>(
      cityStaff,
      `{ opinionItems(filter: { district: "${CITY}", status: SELECTED }, first: 1) { nodes { id } } }`,
    );
    const itemId = selected.opinionItems.nodes[0].id;
    const title = '社情民意信息专报（待办测试）';
    const { createBulletinIssue: created } = await mutate<{
      createBulletinIssue: { id: string; version: number };
    }>(
      cityStaff,
      'mutation($i: CreateBulletinIssueInput!) { createBulletinIssue(input: $i) { id version } }',
      { i: { district: CITY, year: 2026, number: 90, title, editor: '编辑', issuer: '签发' } },
    );
    type Placing = 'addItemsToBulletinIssue' | 'removeItemsFromBulletinIssue';
    const place = async (mutation: Placing, version: number) =>
      (
        await mutate<Record<Placing, { version: number }>>(
          cityStaff,
          `mutation { ${mutation}(id: "${created.id}", version: ${version}, itemIds: ["${itemId}"]) { version } }`,
        )
      )[mutation].version;
    let version = await place('addItemsToBulletinIssue', created.version);
    expect(await itemFor(cityStaff, 'BulletinIssue', created.id, PUBLISH)).toMatchObject({
      kind: 'bulletin.publish',
      title,
      actions: ['publish'],
      waitsFor: `staff@${CITY}`,
    });
    expect(await find(staff, 'BulletinIssue', created.id, PUBLISH)).toBeUndefined();
    // Emptied, it could not be published: it leaves the inbox until it carries items again.
    version = await place('removeItemsFromBulletinIssue', version);
    await goneOf(cityStaff, 'BulletinIssue', created.id, PUBLISH);
    version = await place('addItemsToBulletinIssue', version);
    await itemFor(cityStaff, 'BulletinIssue', created.id, PUBLISH);
    await mutate(
      cityStaff,
      `mutation { publishBulletinIssue(id: "${created.id}", version: ${version}) { id } }`,
    );
    await goneOf(cityStaff, 'BulletinIssue', created.id, PUBLISH);
  }, 120_000);

  it('asks a district office to hold a planned river inspection by its day, then to report it (a plugin’s kinds)', async () => {
    const RIVER_DISTRICT = '341021'; // river-chief is on there (the manifest's demo)
    const HOLD = 'plugin.river-chief.inspection.hold';
    const REPORT = 'plugin.river-chief.inspection.report';
    const office = await stack.token({ roles: ['staff'], district: RIVER_DISTRICT });
    const { addRiverChiefRiver: river } = await mutate<{ addRiverChiefRiver: { id: string } }>(
      office,
      `mutation { addRiverChiefRiver(district: "${RIVER_DISTRICT}", name: "丰乐河待办段", chief: "镇级河长", lengthKm: 8) { id } }`,
    );
    const members = await mutate<{ district: { members: { nodes: { id: string }[] } } }>(
      office,
      `{ district(code: "${RIVER_DISTRICT}") { members(first: 2) { nodes { id } } } }`,
    );
    const plannedOn = addDays(today(), -1);
    const { planRiverChiefInspection: planned } = await mutate<{
      planRiverChiefInspection: { id: string };
    }>(
      office,
      'mutation($r: ID!, $on: Date!, $m: [ID!]!) { planRiverChiefInspection(river: $r, plannedOn: $on, members: $m) { id } }',
      { r: river.id, on: plannedOn, m: members.district.members.nodes.map((m) => m.id) },
    );
    const toHold = await itemFor(office, 'RiverChiefInspection', planned.id, [HOLD, REPORT]);
    expect(toHold).toMatchObject({
      kind: HOLD,
      title: `河长制民主监督 丰乐河待办段 ${plannedOn}`,
      actions: ['hold', 'cancel'],
      dueOn: plannedOn,
      overdue: true,
      waitsFor: `staff@${RIVER_DISTRICT}`,
    });
    expect(
      await find(otherStaff, 'RiverChiefInspection', planned.id, [HOLD, REPORT]),
    ).toBeUndefined();

    await mutate(office, `mutation { holdRiverChiefInspection(id: "${planned.id}") { id } }`);
    const toReport = await stack.settle(async () => {
      const item = await find(office, 'RiverChiefInspection', planned.id, [HOLD, REPORT]);
      return item?.kind === REPORT ? item : undefined;
    });
    expect(toReport).toMatchObject({ actions: ['report'], dueOn: null, overdue: false });
    await mutate(
      office,
      `mutation { reportRiverChiefInspection(id: "${planned.id}", findings: "河道保洁到位，个别排口待整治。") { id } }`,
    );
    await goneOf(office, 'RiverChiefInspection', planned.id, [HOLD, REPORT]);
  }, 120_000);

  it('puts an open questionnaire before each of the district’s members until they have answered it', async () => {
    const RESPOND = ['campaign.respond'];
    const closesOn = addDays(today(), 14);
    const { draftInputCampaign: campaign } = await mutate<{
      draftInputCampaign: { id: string; version: number };
    }>(
      staff,
      'mutation($i: DraftInputCampaignInput!) { draftInputCampaign(input: $i) { id version } }',
      {
        i: {
          district: DISTRICT,
          title: '委员履职满意度问卷征集',
          purpose: '年度履职评价',
          opensOn: today(),
          closesOn,
          themes: ['履职'],
          public: false,
        },
      },
    );
    const { addQuestionnaire: questionnaire } = await mutate<{
      addQuestionnaire: { id: string; questions: { id: string }[] };
    }>(
      staff,
      'mutation($c: ID!, $i: AddQuestionnaireInput!) { addQuestionnaire(campaignId: $c, input: $i) { id questions { id } } }',
      {
        c: campaign.id,
        i: {
          title: '委员履职满意度调查',
          public: false,
          questions: [
            {
              text: '对本年度协商活动是否满意？',
              kind: 'SINGLE_CHOICE',
              options: ['满意', '不满意'],
            },
          ],
        },
      },
    );
    // A draft asks nobody yet.
    expect(await find(author, 'InputCampaign', campaign.id, RESPOND)).toBeUndefined();
    await mutate(
      staff,
      `mutation { openInputCampaign(id: "${campaign.id}", version: ${campaign.version}) { id } }`,
    );
    for (const member of [author, cosigner])
      expect(await itemFor(member, 'InputCampaign', campaign.id, RESPOND)).toMatchObject({
        kind: 'campaign.respond',
        title: '委员履职满意度问卷征集',
        actions: ['respond'],
        dueOn: closesOn,
        overdue: false,
        waitsFor: `member@${DISTRICT}`,
      });
    // Not the staff's work, nor another district's members'.
    expect(await find(staff, 'InputCampaign', campaign.id, RESPOND)).toBeUndefined();
    // A member of the city committee: the city's campaigns ask them, not the district's.
    const others = await stack.post<{ district: { members: { nodes: { id: string }[] } } }>(
      { query: '{ district(code: "341000") { members(first: 1) { nodes { id } } } }' },
      { token: await stack.token({ roles: ['staff'], district: '341000' }) },
    );
    const elsewhere = await stack.token({
      roles: ['member'],
      district: '341000',
      memberId: others.body.data!.district.members.nodes[0].id,
    });
    expect(await find(elsewhere, 'InputCampaign', campaign.id, RESPOND)).toBeUndefined();

    await mutate(
      author,
      'mutation($q: ID!, $a: [QuestionnaireAnswerInput!]!) { respondToQuestionnaire(questionnaireId: $q, answers: $a) { id } }',
      { q: questionnaire.id, a: [{ questionId: questionnaire.questions[0].id, option: '满意' }] },
    );
    // The member who answered is spared; the one who has not is still asked, counts agree.
    await goneOf(author, 'InputCampaign', campaign.id, RESPOND);
    expect(await find(cosigner, 'InputCampaign', campaign.id, RESPOND)).toBeDefined();
    const mine = await inbox(author, { f: { kinds: RESPOND }, first: 100 });
    expect(mine.totalCount).toBe(mine.items.nodes.length);
    expect(mine.counts.find((c) => c.kind === 'campaign.respond')?.count ?? 0).toBe(
      mine.totalCount,
    );

    // Closing the campaign takes it out of every member's inbox.
    const { inputCampaign } = await mutate<{ inputCampaign: { version: number } }>(
      staff,
      `{ inputCampaign(id: "${campaign.id}") { version } }`,
    );
    await mutate(
      staff,
      `mutation { closeInputCampaign(id: "${campaign.id}", version: ${inputCampaign.version}) { id } }`,
    );
    await goneOf(cosigner, 'InputCampaign', campaign.id, RESPOND);
  }, 120_000);

  it('puts a unit past its due day before the district’s staff to urge, once due and once a week', async () => {
    const OVERDUE = ['task.overdue'];
    const title = '关于加快老城区雨污分流改造的建议';
    const filed = async () => {
      const { draftProposal: d } = await mutate<{
        draftProposal: { id: string; version: number };
      }>(author, 'mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { id version } }', {
        i: {
          title,
          category: 'URBAN_MANAGEMENT',
          situation: '现状',
          analysis: '分析',
          suggestions: '建议',
        },
      });
      const s = await mutate<{ submitProposalDraft: { version: number } }>(
        author,
        `mutation { submitProposalDraft(id: "${d.id}", version: ${d.version}) { version } }`,
      );
      const f = await mutate<{ fileProposal: { version: number } }>(
        staff,
        `mutation { fileProposal(id: "${d.id}", version: ${s.submitProposalDraft.version}) { version } }`,
      );
      return { id: d.id, version: f.fileProposal.version };
    };
    const assign = (p: { id: string; version: number }, assignedOn?: string) =>
      mutate<{
        assignProposal: { tasks: { id: string; receiptDueOn: string; version: number }[] };
      }>(
        staff,
        `mutation($i: AssignProposalInput!) { assignProposal(id: "${p.id}", version: ${p.version}, input: $i) { tasks { id receiptDueOn version } } }`,
        { i: { mode: 'SOLE', unitIds: [String(unit.id)], ...(assignedOn ? { assignedOn } : {}) } },
      );

    // Assigned at a meeting 20 days ago (the proposal filed long before, as the calendar had it):
    // its receipt day has passed.
    const late = await filed();
    await systemEm(stack.modules.get('proposals')!.orm).nativeUpdate(
      'Proposal',
      { id: Number(late.id) },
      { filedAt: new Date(Date.now() - 400 * 86_400_000) },
    );
    const { proposal: dated } = await mutate<{ proposal: { version: number } }>(
      staff,
      `{ proposal(id: "${late.id}") { version } }`,
    );
    const [task] = (await assign({ id: late.id, version: dated.version }, addDays(today(), -20)))
      .assignProposal.tasks;
    const urge = await itemFor(staff, 'HandlingTask', task.id, OVERDUE);
    expect(urge).toMatchObject({
      kind: 'task.overdue',
      title: `${unit.name}：${title}`,
      actions: ['urge'],
      dueOn: task.receiptDueOn,
      overdue: true,
      waitsFor: `staff@${DISTRICT}`,
      about: { type: 'Proposal', id: late.id },
    });
    expect(urge.why).toContain('催办');
    const days = await stack.post<{
      inbox: { items: { nodes: { record: { id: string }; daysOverdue: number | null }[] } };
    }>(
      {
        query:
          'query($f: InboxFilter) { inbox(filter: $f) { items(first: 100) { nodes { record { id } daysOverdue } } } }',
        variables: { f: { kinds: OVERDUE } },
      },
      { token: staff },
    );
    expect(days.body.data!.inbox.items.nodes.find((n) => n.record.id === task.id)).toEqual({
      record: { id: task.id },
      daysOverdue: 10,
    });
    // The unit still has its receipt to sign, overdue; another district's staff see nothing.
    expect(await find(unitToken, 'HandlingTask', task.id)).toMatchObject({
      kind: 'task.receive',
      overdue: true,
    });
    expect(await find(otherStaff, 'HandlingTask', task.id)).toBeUndefined();

    // Assigned today, nothing is due: the staff's entry waits for the day after the receipt day.
    // The staff's console subscribes first: it is told of the task (nothing for it yet)…
    const { received, stop } = subscribeInbox(staff);
    const fresh = await filed();
    const [onTime] = (await assign(fresh)).assignProposal.tasks;
    await itemFor(unitToken, 'HandlingTask', onTime.id);
    expect(await find(staff, 'HandlingTask', onTime.id)).toBeUndefined();
    const key = `HandlingTask:${onTime.id}`;
    const told = await stack.settle(async () =>
      received.find((r) => r.data?.inboxChanged?.id === key),
    );
    expect(told.data!.inboxChanged!.items).toEqual([]);
    // …and when the entry's day comes (here: its day moved to today, the platform's last look at
    // the calendar to yesterday), the platform's next look tells it, with the work now shown.
    const platform = systemEm(stack.modules.get('platform')!.orm);
    await platform.nativeUpdate(
      'InboxItem',
      { key, party: `staff@${DISTRICT}` },
      { showsFrom: today() },
    );
    await platform.nativeUpdate('InboxTick', { id: 1 }, { day: addDays(today(), -1) });
    const shown = await stack.settle(async () =>
      received.find(
        (r) => r.data?.inboxChanged?.id === key && r.data.inboxChanged.items.length > 0,
      ),
    );
    expect(shown.data!.inboxChanged!.items).toEqual([
      expect.objectContaining({ kind: 'task.overdue', waitsFor: `staff@${DISTRICT}` }),
    ]);
    expect(await find(staff, 'HandlingTask', onTime.id, OVERDUE)).toMatchObject({
      kind: 'task.overdue',
      actions: ['urge'],
    });
    // The day is announced once: the next looks tell nobody of it again.
    const seen = received.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(received.slice(seen).filter((r) => r.data?.inboxChanged?.id === key)).toEqual([]);
    await stop();

    // Urged, it leaves the staff's inbox for a week; the urging is on the task.
    const { urgeHandlingTask } = await mutate<{ urgeHandlingTask: { urgedOn: string } }>(
      staff,
      `mutation { urgeHandlingTask(id: "${task.id}", version: ${task.version}, note: "请于三日内签收") { urgedOn } }`,
    );
    expect(urgeHandlingTask.urgedOn).toBe(today());
    await goneOf(staff, 'HandlingTask', task.id, OVERDUE);
    expect(await find(unitToken, 'HandlingTask', task.id)).toMatchObject({ kind: 'task.receive' });
    const again = await stack.post(
      {
        query: `mutation { urgeHandlingTask(id: "${task.id}", version: ${task.version + 1}) { id } }`,
      },
      { token: staff },
    );
    expect(again.body.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      rule: 'urged-lately',
    });
  }, 120_000);

  it('asks a district’s staff to record an exchange visit held, then to report it (the inter-city plugin’s kinds, through the SDK)', async () => {
    const HOLD = 'plugin.inter-city-exchange.visit.hold';
    const REPORT = 'plugin.inter-city-exchange.visit.report';
    // The partner committees are the city's; a district's visit may name them.
    const partners = await mutate<{ partnerCommittees: { nodes: { id: string }[] } }>(
      await stack.token({ roles: ['staff'], district: '341000' }),
      '{ partnerCommittees(district: "341000", first: 1) { nodes { id } } }',
    );
    const { planExchangeVisit: visit } = await mutate<{ planExchangeVisit: { id: string } }>(
      staff,
      'mutation($i: PlanExchangeVisitInput!) { planExchangeVisit(input: $i) { id } }',
      {
        i: {
          district: DISTRICT,
          partnerId: partners.partnerCommittees.nodes[0].id,
          direction: 'INCOMING',
          startsOn: today(),
          endsOn: today(),
          topics: ['徽州文化生态保护合作'],
          delegation: [],
          guestLeader: '来访团团长',
        },
      },
    );
    expect(await itemFor(staff, 'ExchangeVisit', visit.id, [HOLD])).toMatchObject({
      kind: HOLD,
      title: '来访接待：徽州文化生态保护合作',
      actions: ['hold'],
      dueOn: today(),
      waitsFor: `staff@${DISTRICT}`,
    });
    expect(await find(otherStaff, 'ExchangeVisit', visit.id)).toBeUndefined();
    await mutate(staff, `mutation { holdExchangeVisit(visitId: "${visit.id}") { id } }`);
    await goneOf(staff, 'ExchangeVisit', visit.id, [HOLD]);
    expect(await itemFor(staff, 'ExchangeVisit', visit.id, [REPORT])).toMatchObject({
      actions: ['report'],
    });
    await mutate(
      staff,
      `mutation { reportExchangeVisit(visitId: "${visit.id}", outcomes: "签订文旅合作备忘录。", reportedOn: "${today()}") { id } }`,
    );
    await goneOf(staff, 'ExchangeVisit', visit.id, [REPORT]);
  }, 120_000);

  it('asks the district’s staff to hold a planned joint chairs’ meeting, publish its minutes and follow up its resolutions (the inter-city plugin’s kinds)', async () => {
    const HOLD = 'plugin.inter-city-exchange.meeting.hold';
    const MINUTES = 'plugin.inter-city-exchange.meeting.minutes';
    const FOLLOW = 'plugin.inter-city-exchange.resolution.followUp';
    const { registerPartnerCommittee: partner } = await mutate<{
      registerPartnerCommittee: { id: string };
    }>(
      staff,
      'mutation($i: RegisterPartnerCommitteeInput!) { registerPartnerCommittee(input: $i) { id } }',
      { i: { district: DISTRICT, name: '上海市普陀区政协', city: '上海市', province: '上海市' } },
    );
    const { createCooperationMechanism: mechanism } = await mutate<{
      createCooperationMechanism: { id: string; committees: { id: string }[] };
    }>(
      staff,
      'mutation($i: CreateCooperationMechanismInput!) { createCooperationMechanism(input: $i) { id committees { id } } }',
      {
        i: {
          district: DISTRICT,
          name: '屯溪—普陀政协交流合作机制',
          agreementTitle: '合作交流备忘录',
          agreementSignedOn: '2024-05-16',
          agreementText: '每年召开主席联席会议，轮流承办。',
          committees: [{ district: DISTRICT }, { partnerId: partner.id }],
        },
      },
    );
    const plannedOn = today();
    const { planJointChairsMeeting: meeting } = await mutate<{
      planJointChairsMeeting: { id: string; session: number };
    }>(
      staff,
      'mutation($i: PlanJointChairsMeetingInput!) { planJointChairsMeeting(input: $i) { id session } }',
      {
        i: {
          mechanismId: mechanism.id,
          hostId: mechanism.committees[0].id,
          plannedOn,
          place: '屯溪',
          agenda: ['交流履职经验'],
        },
      },
    );
    // Planned: the district's staff record it held on its day; nobody else is asked.
    const planned = await itemFor(staff, 'JointChairsMeeting', meeting.id, [HOLD]);
    expect(planned).toMatchObject({
      kind: HOLD,
      title: `第${meeting.session}次主席联席会议（屯溪）`,
      actions: ['hold'],
      dueOn: plannedOn,
      waitsFor: `staff@${DISTRICT}`,
      about: null,
    });
    expect(planned.why).toContain('联席会议');
    expect(await find(otherStaff, 'JointChairsMeeting', meeting.id)).toBeUndefined();
    expect(await find(author, 'JointChairsMeeting', meeting.id)).toBeUndefined();

    // Held with two resolutions: the meeting now waits for its minutes, each resolution for its
    // follow-up (read on its meeting).
    const { holdJointChairsMeeting: held } = await mutate<{
      holdJointChairsMeeting: { resolutions: { id: string; text: string }[] };
    }>(
      staff,
      'mutation($i: HoldJointChairsMeetingInput!) { holdJointChairsMeeting(input: $i) { resolutions { id text } } }',
      {
        i: {
          meetingId: meeting.id,
          heldOn: plannedOn,
          attendeeIds: [authorId],
          resolutions: ['共建文旅合作平台', '互派干部挂职交流'],
        },
      },
    );
    await goneOf(staff, 'JointChairsMeeting', meeting.id, [HOLD]);
    expect(await itemFor(staff, 'JointChairsMeeting', meeting.id, [MINUTES])).toMatchObject({
      kind: MINUTES,
      actions: ['publishMinutes'],
      dueOn: null,
    });
    const [first, second] = held.resolutions;
    for (const r of held.resolutions)
      expect(await itemFor(staff, 'MeetingResolution', r.id, [FOLLOW])).toMatchObject({
        kind: FOLLOW,
        title: r.text,
        actions: ['start', 'complete'],
        waitsFor: `staff@${DISTRICT}`,
        about: { type: 'JointChairsMeeting', id: meeting.id },
      });
    expect(await find(otherStaff, 'MeetingResolution', first.id)).toBeUndefined();

    await mutate(
      staff,
      `mutation { publishJointChairsMeetingMinutes(meetingId: "${meeting.id}", minutes: "会议议定两项合作事项。") { id } }`,
    );
    await goneOf(staff, 'JointChairsMeeting', meeting.id, [MINUTES]);

    // Started, a resolution waits to be completed; completed, it leaves the inbox. The inbox
    // names the workflow's actions (start, complete); the mutation takes them as the enum's names.
    const follow = (id: string, action: string) =>
      mutate(
        staff,
        `mutation { followUpResolution(resolutionId: "${id}", action: ${action}, followUp: "已落实") { status } }`,
      );
    await follow(first.id, 'START');
    const started = await stack.settle(async () => {
      const i = await find(staff, 'MeetingResolution', first.id, [FOLLOW]);
      return i && i.actions.length === 1 ? i : undefined;
    });
    expect(started).toMatchObject({ actions: ['complete'] });
    expect(started.why).toContain('落实中');
    await follow(first.id, 'COMPLETE');
    await goneOf(staff, 'MeetingResolution', first.id, [FOLLOW]);
    await follow(second.id, 'COMPLETE');
    await goneOf(staff, 'MeetingResolution', second.id, [FOLLOW]);
  }, 120_000);

  it('asks a district’s operators to review a plugin’s settings for each version, and nobody else', async () => {
    const KIND = ['pluginSettings.review'];
    const REVIEW =
      'mutation($d: ID!, $p: ID!) { reviewPluginSettings(district: $d, plugin: $p) { state pluginVersion reviewedVersion availableActions } }';
    const operator = await stack.token({ roles: ['operator'], district: DISTRICT });
    const otherOperator = await stack.token({ roles: ['operator'], district: OTHER });
    /** The caller's review of the plugin's settings in the district, if it waits. */
    const reviewFor = async (token: string, plugin: string, district = DISTRICT) =>
      (await inbox(token, { first: 100, f: { kinds: KIND } })).items.nodes.find(
        (i) => i.about?.id === plugin && i.waitsFor.endsWith(`@${district}`),
      );
    const review = (token: string, plugin: string, district = DISTRICT) =>
      stack.post<{
        reviewPluginSettings: {
          state: string;
          pluginVersion: string;
          reviewedVersion: string | null;
          availableActions: string[];
        };
      }>({ query: REVIEW, variables: { d: district, p: plugin } }, { token });

    // The inter-city plugin is on in the district (the demo data): the platform's start asked
    // its operators to review their settings for the version installed.
    const plugin = installedPlugins().find((p) => p.manifest.id === 'inter-city-exchange')!;
    const version = plugin.manifest.version;
    const asked = await stack.settle(() => reviewFor(operator, plugin.manifest.id));
    expect(asked).toMatchObject({
      kind: 'pluginSettings.review',
      actions: ['review'],
      dueOn: null,
      waitsFor: `operator@${DISTRICT}`,
      record: { type: 'PluginSettingsReview' },
      about: { type: 'Plugin', id: plugin.manifest.id },
    });
    expect(asked!.title).toContain(version);
    expect(asked!.why).toContain('插件设置待复核');
    // Not the staff's, not another district's operators'; neither may review it.
    expect(await reviewFor(staff, plugin.manifest.id)).toBeUndefined();
    expect(await reviewFor(otherOperator, plugin.manifest.id)).toBeUndefined();
    expect((await review(staff, plugin.manifest.id)).body.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      action: 'review',
    });
    expect(
      (await review(otherOperator, plugin.manifest.id)).body.errors?.[0].extensions,
    ).toMatchObject({ code: 'CROSS_DISTRICT', rule: 'own-district', field: 'district' });

    // Reviewed: recorded for the version, out of the inbox, and not offered again.
    const done = await review(operator, plugin.manifest.id);
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.reviewPluginSettings).toEqual({
      state: 'REVIEWED',
      pluginVersion: version,
      reviewedVersion: version,
      availableActions: [],
    });
    await stack.settle(async () => !(await reviewFor(operator, plugin.manifest.id)));
    expect((await review(operator, plugin.manifest.id)).body.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      rule: 'already-reviewed',
      field: 'plugin',
    });

    // The platform starting with the plugin's next version asks again, for that version.
    const next = { ...plugin, manifest: { ...plugin.manifest, version: '9.0.0' } };
    const platform = stack.modules.get('platform')!;
    await systemEm(platform.orm).transactional((em) => askSettingsReviews(em, [next]));
    await platform.relay.kick();
    const again = await stack.settle(() => reviewFor(operator, plugin.manifest.id));
    expect(again!.title).toContain('9.0.0');
    expect(await reviewFor(otherOperator, plugin.manifest.id)).toBeUndefined();
    expect((await review(operator, plugin.manifest.id)).body.data).toEqual({
      reviewPluginSettings: {
        state: 'REVIEWED',
        pluginVersion: '9.0.0',
        reviewedVersion: '9.0.0',
        availableActions: [],
      },
    });
    await stack.settle(async () => !(await reviewFor(operator, plugin.manifest.id)));

    // A plugin first switched on in the other district: its operators are asked, ours are not;
    // switched off again, the review leaves their inbox (there are no settings in use to review).
    const RIVER = 'river-chief';
    await mutate(
      otherOperator,
      `mutation { enablePlugin(district: "${OTHER}", plugin: "${RIVER}") { enabled } }`,
    );
    const first = await stack.settle(() => reviewFor(otherOperator, RIVER, OTHER));
    expect(first).toMatchObject({ actions: ['review'], waitsFor: `operator@${OTHER}` });
    expect(await reviewFor(operator, RIVER, OTHER)).toBeUndefined();
    const { disablePlugin } = await mutate<{
      disablePlugin: { settingsReview: { state: string; availableActions: string[] } };
    }>(
      otherOperator,
      `mutation { disablePlugin(district: "${OTHER}", plugin: "${RIVER}") { settingsReview { state availableActions } } }`,
    );
    expect(disablePlugin.settingsReview).toEqual({ state: 'PENDING', availableActions: [] });
    await stack.settle(async () => !(await reviewFor(otherOperator, RIVER, OTHER)));
    expect((await review(otherOperator, RIVER, OTHER)).body.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      rule: 'switched-on',
    });
  }, 120_000);

  it('holds the demo data’s waiting work from more than one module, each with steps to take', async () => {
    const cityStaff = await stack.token({ roles: ['staff'], district: '341000' });
    const all = await inbox(cityStaff, { first: 100 });
    const modules = new Set(all.counts.map((c) => c.kind.split('.')[0]));
    expect(modules.size, JSON.stringify(all.counts)).toBeGreaterThan(1);
    expect(all.totalCount).toBe(all.counts.reduce((n, c) => n + c.count, 0));
    for (const item of all.items.nodes) expect(item.actions.length).toBeGreaterThan(0);
  });

  it('says what is wrong with a bad page or filter, and gives an anonymous caller nothing', async () => {
    const big = await stack.post({ query: INBOX, variables: { first: 101 } }, { token: staff });
    expect(big.body.errors?.[0], JSON.stringify(big.body.errors)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'first', rule: 'range' },
    });
    const empty = await stack.post(
      { query: INBOX, variables: { f: { kinds: [] } } },
      { token: staff },
    );
    expect(empty.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.kinds', rule: 'not-empty' },
    });
    const anonymous = await stack.post<{ inbox: InboxAnswer }>({ query: INBOX });
    expect(anonymous.body.errors).toBeUndefined();
    expect(anonymous.body.data!.inbox.totalCount).toBe(0);
  });
});
