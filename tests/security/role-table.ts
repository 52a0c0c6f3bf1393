import { bodyMeetings, currentTerm, members, policyDocuments } from '@cppcc/demo';
import type { Role } from '@cppcc/kit';

/**
 * The least-privilege role table (docs/security.md, "Least privilege") as data: the matrix test
 * (matrix.e2e.ts) produces one case per row × caller × district from it. A new resolver over
 * non-public records is covered by adding a row here, not by writing a test.
 */

export type Who = 'anonymous' | Role;
export const WHO: Who[] = ['anonymous', 'member', 'staff', 'leader', 'operator', 'unit', 'admin'];

/**
 * What a caller reads of a kind of record, on top of public rows (everyone reads those):
 * - `public`: nothing more;
 * - `home`: the non-public rows of its own home district (a member: the rules that score it, its own record);
 * - `district`: the non-public rows of the districts it works for (its own; the city: every district);
 * - `assigned`: the non-public rows assigned to its unit (handling tasks, ledger entries, forwarded suggestions).
 */
export type Scope = 'public' | 'home' | 'district' | 'assigned';

/** Demo facts a row's variables are drawn from, found when the stack starts. */
export interface Fixture {
  /** One member of each district, the one member callers sign in as. */
  memberOf: Record<string, number>;
  /** The year scoring rules were put in force for the matrix. */
  rulesYear: number;
  /** A filed proposal of each district the matrix's member did not propose, with a leader's instruction on it (hidden-rows.ts). */
  instructedOf: Record<string, string>;
}

export interface Found {
  id: string;
  /** The unit a row is assigned to, for `assigned` scopes. */
  unit?: string | null;
}

/** A row in a read's answer: its id, and the unit it is assigned to where it has one. */
interface Row {
  id: string;
  unit?: { id: string } | null;
  status?: string;
  district?: { code: string } | null;
}
type Connection = { nodes: Row[] } | null;

/** What the read rows' queries answer: each selects one of these root fields. */
export interface ReadAnswer {
  proposals?: Connection;
  opinionItems?: Connection;
  bulletinIssues?: Connection;
  proposal?: { instructions: Row[] } | null;
  handlingTasks?: Connection;
  memberSuggestions?: Connection;
  recommendations?: Connection;
  leaderInstructions?: Connection;
  ledgerEntries?: Connection;
  inputCampaigns?: { nodes: { questionnaires: { responses: Connection }[] }[] } | null;
  consultationPlans?: Connection;
  staffRecords?: Connection;
  scoringRules?: { version: number } | null;
  member?: { dutyEvents?: Row[]; leaveRequests?: Row[] } | null;
  exchangeVisits?: Connection;
  compensationRounds?: Connection;
}

export interface ReadRow {
  /** Module or plugin. */
  module: string;
  /** Kind of non-public record. */
  record: string;
  /** A query over one district, `$d`; more variables from `vars`. */
  query: string;
  vars?: (district: string, fixture: Fixture) => Record<string, unknown>;
  /** The rows the answer holds. */
  rows: (data: ReadAnswer, district: string) => Found[];
  read: Record<Who, Scope>;
  /** The plugin the query touches: a district that has not enabled it answers PLUGIN_DISABLED. */
  plugin?: string;
}

const OFFICE = {
  staff: 'district',
  leader: 'district',
  operator: 'district',
  admin: 'district',
} as const;
const OUTSIDERS = { anonymous: 'public', member: 'public' } as const;
const nodes = (connection: Connection | undefined): Found[] =>
  (connection?.nodes ?? []).map((n) => ({ id: String(n.id), unit: n.unit?.id ?? null }));

export const READS: ReadRow[] = [
  {
    module: 'proposals',
    record: 'proposals past drafting (submitted, not filed, …)',
    query:
      'query($d: ID) { proposals(filter: { district: $d }, first: 1000) { nodes { id status } } }',
    rows: (d) => nodes({ nodes: (d.proposals?.nodes ?? []).filter((n) => n.status !== 'DRAFT') }),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'proposals',
    record: 'draft proposals and their text',
    query:
      'query($d: ID) { proposals(filter: { district: $d, status: DRAFT }, first: 1000) { nodes { id situation } } }',
    rows: (d) => nodes(d.proposals),
    read: {
      ...OUTSIDERS,
      staff: 'district',
      admin: 'district',
      leader: 'public',
      operator: 'public',
      unit: 'public',
    },
  },
  {
    module: 'proposals',
    record: 'opinion items (社情民意)',
    query:
      'query($d: ID) { opinionItems(filter: { district: $d }, first: 1000) { nodes { id content } } }',
    rows: (d) => nodes(d.opinionItems),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'proposals',
    record: 'bulletin issues',
    query: 'query($d: ID) { bulletinIssues(district: $d, first: 1000) { nodes { id } } }',
    rows: (d) => nodes(d.bulletinIssues),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'proposals',
    record: "leaders' instructions on a filed proposal",
    query: 'query($p: ID!) { proposal(id: $p) { instructions { id } } }',
    vars: (d, f) => ({ p: f.instructedOf[d] }),
    rows: (d) => (d.proposal?.instructions ?? []).map((i) => ({ id: String(i.id) })),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'proposals',
    record: 'handling tasks',
    query:
      'query($d: ID) { handlingTasks(filter: { district: $d }, first: 1000) { nodes { id unit { id } } } }',
    rows: (d) => nodes(d.handlingTasks),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'assigned' },
  },
  {
    module: 'proposals',
    record: 'member suggestions (委员意见建议)',
    query:
      'query($d: ID) { memberSuggestions(district: $d, first: 1000) { nodes { id unit { id } } } }',
    rows: (d) => nodes(d.memberSuggestions),
    read: {
      ...OUTSIDERS,
      staff: 'district',
      admin: 'district',
      leader: 'public',
      operator: 'public',
      unit: 'assigned',
    },
  },
  {
    module: 'consultation',
    record: 'recommendations',
    query:
      'query($d: ID) { recommendations(filter: { district: $d }, first: 1000) { nodes { id } } }',
    rows: (d) => nodes(d.recommendations),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'consultation',
    record: "leaders' instructions on outcomes",
    query:
      'query($d: ID) { leaderInstructions(filter: { district: $d }, first: 1000) { nodes { id text } } }',
    rows: (d) => nodes(d.leaderInstructions),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'consultation',
    record: 'conversion ledger entries',
    query:
      'query($d: ID) { ledgerEntries(district: $d, first: 1000) { nodes { id unit { id } } } }',
    rows: (d) => nodes(d.ledgerEntries),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'assigned' },
  },
  {
    module: 'consultation',
    record: 'questionnaire responses',
    query:
      'query($d: ID) { inputCampaigns(district: $d, first: 100) { nodes { questionnaires { responses(first: 1000) { nodes { id member { id } } } } } } }',
    rows: (d) =>
      (d.inputCampaigns?.nodes ?? []).flatMap((c) =>
        c.questionnaires.flatMap((q) => nodes(q.responses)),
      ),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'consultation',
    record: 'consultation plans (drafts)',
    query: 'query($d: ID) { consultationPlans(district: $d, first: 1000) { nodes { id } } }',
    rows: (d) => nodes(d.consultationPlans),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'organization',
    record: 'staff records',
    query: 'query($d: ID) { staffRecords(district: $d, first: 1000) { nodes { id } } }',
    rows: (d) => nodes(d.staffRecords),
    read: {
      ...OUTSIDERS,
      staff: 'district',
      admin: 'district',
      leader: 'public',
      operator: 'public',
      unit: 'public',
    },
  },
  {
    module: 'members',
    record: 'scoring rules',
    query: 'query($d: ID!, $y: Int!) { scoringRules(district: $d, year: $y) { version } }',
    vars: (_d, f) => ({ y: f.rulesYear }),
    rows: (d, district) =>
      d.scoringRules ? [{ id: `${district}/v${d.scoringRules.version}` }] : [],
    read: { anonymous: 'public', member: 'home', ...OFFICE, unit: 'public' },
  },
  {
    module: 'members',
    record: "a member's duty archive",
    query: 'query($m: ID!) { member(id: $m) { dutyEvents { id } } }',
    vars: (d, f) => ({ m: String(f.memberOf[d]) }),
    rows: (d) => (d.member?.dutyEvents ?? []).map((e) => ({ id: String(e.id) })),
    read: {
      anonymous: 'public',
      member: 'home',
      staff: 'district',
      admin: 'district',
      leader: 'public',
      operator: 'public',
      unit: 'public',
    },
  },
  {
    module: 'members',
    record: "a member's leave requests",
    query: 'query($m: ID!) { member(id: $m) { leaveRequests { id } } }',
    vars: (d, f) => ({ m: String(f.memberOf[d]) }),
    rows: (d) => (d.member?.leaveRequests ?? []).map((e) => ({ id: String(e.id) })),
    read: {
      anonymous: 'public',
      member: 'home',
      staff: 'district',
      admin: 'district',
      leader: 'district',
      operator: 'public',
      unit: 'public',
    },
  },
  {
    module: 'inter-city-exchange',
    record: 'exchange visits (plugin)',
    plugin: 'inter-city-exchange',
    query: 'query($d: ID) { exchangeVisits(district: $d, first: 1000) { nodes { id } } }',
    rows: (d) => nodes(d.exchangeVisits),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
  {
    module: 'eco-compensation',
    record: 'compensation rounds (plugin)',
    plugin: 'eco-compensation',
    query: 'query { compensationRounds(first: 1000) { nodes { id district { code } } } }',
    rows: (d, district) =>
      (d.compensationRounds?.nodes ?? [])
        .filter((n) => n.district?.code === district)
        .map((n) => ({ id: String(n.id) })),
    read: { ...OUTSIDERS, ...OFFICE, unit: 'public' },
  },
];

/** A caller as the matrix builds it: a role, or none, in a district. */
export interface CallerSpec {
  who: Who;
  district: string | null;
  /** Districts it works for (its own and, for the city, every district below). */
  works: string[];
}

export interface WriteRow {
  module: string;
  /** What the write changes, in which district's records. */
  record: string;
  mutation: string;
  /** Variables aiming at `target`'s records (set up beforehand where needed). */
  vars: (target: string, context: WriteContext) => Record<string, unknown>;
  /** Who may: the roles, acting in a district they work for. */
  allowed: (caller: CallerSpec, target: string) => boolean;
}

export interface WriteContext {
  memberOf: Record<string, number>;
  /** A donation campaign of REFERRING_DISTRICT, created beforehand. */
  campaign: { id: string };
  /** A donation campaign of each district written to. */
  campaignOf: Record<string, { id: string }>;
  /** A partner committee of the inter-city exchange plugin. */
  partnerId: string;
  /** A submitted proposal of each district and its version. */
  submittedOf: Record<string, { id: string; version: number }>;
}

/** The district whose record (a donation campaign, an exchange visit) refers to another district's member in the write rows. */
export const REFERRING_DISTRICT = '341002';

const staffOf = (c: CallerSpec, target: string) =>
  (c.who === 'staff' || c.who === 'admin') && c.works.includes(target);

export const WRITES: WriteRow[] = [
  {
    module: 'members',
    record: "a donation by another district's member, on the caller's own campaign",
    mutation: 'mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }',
    vars: (target, x) => ({
      i: {
        campaignId: x.campaign.id,
        memberId: String(x.memberOf[target]),
        kind: 'MONEY',
        amountYuan: 10,
        donatedOn: '2024-09-10',
      },
    }),
    // Only those working for both the campaign's district and the member's may.
    allowed: (c, target) => staffOf(c, REFERRING_DISTRICT) && staffOf(c, target),
  },
  {
    module: 'members',
    record: 'a donation by a member of 341002, on the campaign of the district written to',
    mutation: 'mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }',
    vars: (target, x) => ({
      i: {
        campaignId: x.campaignOf[target].id,
        memberId: String(x.memberOf[REFERRING_DISTRICT]),
        kind: 'MONEY',
        amountYuan: 10,
        donatedOn: '2024-09-10',
      },
    }),
    // The campaign's district must be the caller's as well as the member's: staff of 341002 may not
    // record their member's donation on 歙县's campaign.
    allowed: (c, target) => staffOf(c, REFERRING_DISTRICT) && staffOf(c, target),
  },
  {
    module: 'members',
    record: 'scoring rules',
    mutation: 'mutation($i: SetScoringRulesInput!) { setScoringRules(input: $i) { version } }',
    vars: (target) => ({ i: { district: target, year: 2032, preset: 'TONGCHENG' } }),
    allowed: staffOf,
  },
  {
    module: 'members',
    record: 'an award on a member',
    mutation:
      'mutation($m: ID!) { recordAward(memberId: $m, title: "优秀委员", level: DISTRICT, awardedOn: "2024-01-10") { id } }',
    vars: (target, x) => ({ m: String(x.memberOf[target]) }),
    allowed: staffOf,
  },
  {
    module: 'members',
    record: 'a donation campaign',
    mutation:
      'mutation($i: CreateDonationCampaignInput!) { createDonationCampaign(input: $i) { id } }',
    vars: (target) => ({
      i: {
        district: target,
        title: '矩阵捐款活动',
        purpose: '测试',
        startsOn: '2024-01-01',
        endsOn: '2024-01-31',
      },
    }),
    allowed: staffOf,
  },
  {
    module: 'consultation',
    record: 'a consultation activity',
    mutation:
      'mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id } }',
    vars: (target, x) => ({
      i: {
        district: target,
        title: '矩阵协商活动',
        form: 'THEMATIC',
        topic: '测试',
        heldOn: '2024-05-01',
        participantIds: [String(x.memberOf[target])],
      },
    }),
    allowed: staffOf,
  },
  {
    module: 'organization',
    record: 'a government unit',
    mutation:
      'mutation($i: RegisterGovernmentUnitInput!) { registerGovernmentUnit(input: $i) { id } }',
    vars: (target) => ({ i: { district: target, name: `矩阵局${target}`, short: `矩${target}` } }),
    allowed: staffOf,
  },
  {
    module: 'organization',
    record: 'a press report',
    mutation: 'mutation($i: RecordPressReportInput!) { recordPressReport(input: $i) { id } }',
    vars: (target) => ({
      i: {
        district: target,
        outlet: '黄山日报',
        headline: `矩阵报道${target}`,
        publishedOn: '2024-03-01',
        subject: 'OTHER',
        about: '测试',
      },
    }),
    allowed: staffOf,
  },
  {
    module: 'organization',
    record: 'a leadership post',
    mutation: 'mutation($i: AppointLeaderInput!) { appointLeader(input: $i) { id } }',
    // The district's last demo member: the leadership is drawn from its first ones.
    vars: (target) => ({
      i: {
        term: String(currentTerm(target).id),
        member: String(
          members()
            .filter((m) => m.district === target)
            .at(-1)!.id,
        ),
        role: 'VICE_CHAIR',
        startsOn: '2026-06-01',
      },
    }),
    allowed: staffOf,
  },
  {
    module: 'organization',
    record: 'a decision relayed at a meeting',
    mutation:
      'mutation($i: RecordRelayedDecisionInput!) { recordRelayedDecision(input: $i) { id } }',
    vars: (target) => {
      const meeting = bodyMeetings.find((m) => m.district === target && m.status === 'HELD')!;
      return {
        i: {
          meeting: String(meeting.id),
          document: String(policyDocuments[0].id),
          agendaItem: meeting.agenda[0],
          decision: '矩阵传达',
        },
      };
    },
    allowed: staffOf,
  },
  {
    module: 'organization',
    record: 'a staff record',
    mutation: 'mutation($i: RecordStaffChangeInput!) { recordStaffChange(input: $i) { id } }',
    vars: (target) => ({
      i: {
        district: target,
        kind: 'PROMOTION',
        person: '矩阵',
        grade: '一级科员',
        post: '科员',
        startsOn: '2024-03-01',
      },
    }),
    allowed: staffOf,
  },
  {
    module: 'inter-city-exchange',
    record: "an exchange visit of 341002 whose delegation is another district's member (plugin)",
    mutation: 'mutation($i: PlanExchangeVisitInput!) { planExchangeVisit(input: $i) { id } }',
    vars: (target, x) => ({
      i: {
        district: REFERRING_DISTRICT,
        partnerId: x.partnerId,
        direction: 'OUTGOING',
        startsOn: '2026-10-10',
        endsOn: '2026-10-12',
        topics: ['矩阵'],
        delegation: [String(x.memberOf[target])],
      },
    }),
    allowed: (c, target) => staffOf(c, REFERRING_DISTRICT) && staffOf(c, target),
  },
  {
    module: 'proposals',
    record: 'filing a submitted proposal',
    mutation: 'mutation($id: ID!, $v: Int!) { fileProposal(id: $id, version: $v) { id } }',
    vars: (target, x) => ({ id: x.submittedOf[target].id, v: x.submittedOf[target].version }),
    allowed: staffOf,
  },
];
