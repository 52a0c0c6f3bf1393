import { CITY, currentTerm, members as demoMembers } from '@cppcc/demo';
import type { Stack } from '../harness.js';

import type { Must } from './shared.js';

const FILED = ['FILED', 'ASSIGNED', 'REPLIED', 'RATED', 'UNSATISFIED', 'CLOSED'];

/** Where the demo data switches each plugin on (its manifest's `demo.enabledIn`); elsewhere its records cannot be written. */
export const PLUGIN_DISTRICTS = {
  'inter-city-exchange': [CITY, '341002'],
  'eco-compensation': [CITY, '341021'],
} as const;

/**
 * Non-public rows of the kinds the demo data has none of, made through the graph by the role whose
 * work it is, one of each kind in each district (a plugin's: where it is switched on): without them
 * the matrix's read rows could only show that every caller reads the same public rows. The matrix
 * then requires each read row to have found non-public rows, so a set-up that made none fails.
 *
 * - a member suggestion: a member's proposal converted with their consent, forwarded to `unitOf[d]`;
 * - a recommendation not shown to everyone (drafted by staff, no member authors);
 * - a leave request of `memberOf[d]`, their own;
 * - a leader's instruction on a filed proposal that `memberOf[d]` did not propose (returned);
 * - an exchange visit and a compensation round not shown to everyone (staff).
 */
export async function makeHiddenRows(
  stack: Stack,
  must: Must,
  districts: string[],
  memberOf: Record<string, number>,
  unitOf: Record<string, string>,
): Promise<{ instructedOf: Record<string, string> }> {
  const cityStaff = await stack.token({ roles: ['staff'], district: CITY });
  const oracle = await stack.token({ roles: ['admin'], district: CITY });
  const instructedOf: Record<string, string> = {};
  for (const d of districts) {
    const author = await stack.token({
      roles: ['member'],
      district: d,
      memberId: String(memberOf[d]),
    });
    const drafted = (
      await must<{ draftProposal: { id: string; version: number } }>(
        'mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { id version } }',
        {
          i: {
            title: `矩阵意见建议${d}`,
            category: 'OTHER',
            situation: '转为委员意见建议的提案',
            analysis: '情况分析',
            suggestions: '具体建议',
          },
        },
        author,
      )
    ).draftProposal;
    const submitted = (
      await must<{ submitProposalDraft: { version: number } }>(
        'mutation($id: ID!, $v: Int!) { submitProposalDraft(id: $id, version: $v) { version } }',
        { id: drafted.id, v: drafted.version },
        author,
      )
    ).submitProposalDraft;
    const proposed = (
      await must<{ proposeProposalConversion: { version: number } }>(
        'mutation($id: ID!, $v: Int!) { proposeProposalConversion(id: $id, version: $v, target: SUGGESTION, note: "宜作为委员意见建议转有关部门参考") { version } }',
        { id: drafted.id, v: submitted.version },
        cityStaff,
      )
    ).proposeProposalConversion;
    const suggestion = (
      await must<{
        consentToProposalConversion: { memberSuggestion: { id: string; version: number } };
      }>(
        'mutation($id: ID!, $v: Int!) { consentToProposalConversion(id: $id, version: $v) { memberSuggestion { id version } } }',
        { id: drafted.id, v: proposed.version },
        author,
      )
    ).consentToProposalConversion.memberSuggestion;
    await must(
      'mutation($id: ID!, $v: Int!, $u: ID!) { forwardMemberSuggestion(id: $id, version: $v, unitId: $u) { id } }',
      { id: suggestion.id, v: suggestion.version, u: unitOf[d] },
      cityStaff,
    );

    await must(
      'mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }',
      {
        i: {
          district: d,
          kind: 'RECOMMENDATION',
          title: `矩阵内部建议${d}`,
          text: '关于推进矩阵测试工作的建议：本件仅供本区政协机关工作人员和领导阅处，暂不公开。',
          public: false,
        },
      },
      cityStaff,
    );

    // A leave names a meeting on record: staff plan one, and the member asks once the members
    // subgraph has heard of it (the bus is asynchronous).
    const meeting = (
      await must<{ planBodyMeeting: { id: string } }>(
        'mutation($i: PlanBodyMeetingInput!) { planBodyMeeting(input: $i) { id } }',
        {
          i: {
            term: String(currentTerm(d).id),
            body: 'CHAIR_MEETING',
            title: `矩阵专题协商会${d}`,
            plannedOn: '2031-03-01',
            agenda: ['专题协商'],
          },
        },
        cityStaff,
      )
    ).planBodyMeeting;
    await stack.settle(async () => {
      const r = await stack.post<{ requestLeave: { id: string } }>(
        {
          query: 'mutation($b: ID) { requestLeave(bodyMeetingId: $b, reason: "外出学习") { id } }',
          variables: { b: meeting.id },
        },
        { token: author },
      );
      if (r.body.errors?.[0]?.extensions?.rule === 'exists') return undefined;
      if (r.body.errors) throw new Error(`requestLeave: ${JSON.stringify(r.body.errors)}`);
      return r.body.data!.requestLeave;
    });

    const proposals = (
      await must<{
        proposals: {
          nodes: {
            id: string;
            status: string;
            author: { id: string } | null;
            cosigners: { member: { id: string } | null }[];
          }[];
        };
      }>(
        'query($d: ID) { proposals(filter: { district: $d }, first: 1000) { nodes { id status author { id } cosigners { member { id } } } } }',
        { d },
        oracle,
      )
    ).proposals.nodes;
    const me = String(memberOf[d]);
    const filed = proposals.find(
      (p) =>
        FILED.includes(p.status) &&
        p.author?.id !== me &&
        !p.cosigners.some((c) => c.member?.id === me),
    );
    if (!filed) throw new Error(`no filed proposal in ${d} that member ${me} did not propose`);
    instructedOf[d] = filed.id;
    await must(
      'mutation($i: RecordInstructionInput!) { recordInstruction(input: $i) { id } }',
      {
        i: {
          subjectType: 'PROPOSAL',
          subjectId: filed.id,
          leader: '矩阵领导',
          level: 'CITY',
          text: '批示：请抓紧办理。',
          instructedOn: '2024-06-01',
        },
      },
      cityStaff,
    );
  }

  const partner = (
    await must<{ partnerCommittees: { nodes: { id: string }[] } }>(
      '{ partnerCommittees(first: 1) { nodes { id } } }',
      {},
      oracle,
    )
  ).partnerCommittees.nodes[0].id;
  for (const d of districts.filter((x) =>
    (PLUGIN_DISTRICTS['inter-city-exchange'] as readonly string[]).includes(x),
  )) {
    // Not the matrix's member: a delegate reads their own visits on Member.exchangeVisits, not here.
    const delegate = String(demoMembers().filter((m) => m.district === d)[1].id);
    await must(
      'mutation($i: PlanExchangeVisitInput!) { planExchangeVisit(input: $i) { id } }',
      {
        i: {
          district: d,
          partnerId: partner,
          direction: 'OUTGOING',
          startsOn: '2031-05-10',
          endsOn: '2031-05-12',
          topics: ['矩阵'],
          delegation: [delegate],
          public: false,
        },
      },
      cityStaff,
    );
  }
  const section = (
    await must<{ monitoringSections: { nodes: { id: string }[] } }>(
      '{ monitoringSections(first: 10) { nodes { id } } }',
      {},
      oracle,
    )
  ).monitoringSections.nodes[0].id;
  for (const d of districts.filter((x) =>
    (PLUGIN_DISTRICTS['eco-compensation'] as readonly string[]).includes(x),
  )) {
    await must(
      'mutation($i: CreateCompensationRoundInput!) { createCompensationRound(input: $i) { id } }',
      {
        i: {
          district: d,
          basin: '新安江–千岛湖',
          startYear: 2031,
          endYear: 2032,
          agreementTitle: `矩阵协议${d}`,
          parties: ['安徽省', '浙江省'],
          upstream: '安徽省',
          downstream: '浙江省',
          sectionId: section,
          transferAmount: 100,
          public: false,
          baseLimits: [
            { indicator: 'codmn', limit: 4 },
            { indicator: 'nh3n', limit: 0.5 },
            { indicator: 'tn', limit: 1 },
            { indicator: 'tp', limit: 0.1 },
          ],
        },
      },
      cityStaff,
    );
  }
  return { instructedOf };
}
