import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isListType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const apiPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../api.graphql');

/**
 * Lists of records bounded by what they belong to, not by how much data clients write: each type
 * here holds the lists of one thing whose size is fixed by its nature, said beside it. A list on
 * such a type needs no `first` nor connection. Anything else is bounded (docs/architecture.md, A
 * bound on every list): a connection, `first` (`listBoundArg`), or, for one release, the
 * deprecated list the kit's `pagedList` caps beside its connection.
 */
const BOUNDED_BY_NATURE: Record<string, string> = {
  // Computed answers: one row per district, kind, grade, month or rule, however many records.
  ConsultationStatistics: 'one row per district counted, form, topic or rank',
  OrganizationStatistics: 'one row per district counted or body',
  OpinionStatistics: 'one row per district counted or adoption level',
  ProposalStatistics: 'one row per district counted or grade',
  PublicInputFigures: 'one row per channel, kind of respondent or theme',
  TwoWayEvaluation: "one row per handling unit or score band of a district's year",
  CommitteeCoverage: "the members of one district's committee (its seats are fixed per term)",
  PartyCoverage: "the branches and members of one district's committee",
  OutreachCounts: 'one row per grade',
  StudyCadence: 'one row per month of the period',
  DutyArchive: 'one row per duty kind',
  Inbox: 'one row per kind of waiting work',
  InboxChange: "one record's items waiting for the caller",
  ScoringRules: 'the rules of one year (items, caps, deductions, minimums, grades)',
  ReportSection: "a report's section: the figures, charts and lists its template names",
  ReportSeries: 'the points of one chart (months, districts)',
  ReportItemList: 'the first records of a list, cut by the report',
  // The organization's structure: districts, terms, committees, sectors, posts.
  Term: 'the sessions of one term (five)',
  SectorGroup: 'the sectors of one group',
  SpecialCommittee: 'the seats, pairings and changes of one committee',
  GovernmentUnit: 'the committees one unit is paired with',
  PartyGroup: 'the roles and study sessions of one term’s Party Group',
  PartyBranch: 'the placements of one branch (its members)',
  Plugin: 'the permissions one plugin declares',
  PluginSwitch: "one district's switches of one plugin",
  Assessment: 'one member’s year: its categories, obligations and duty events',
  // One record and what was done on it: bounded by its own course.
  Proposal: 'one proposal’s co-signers, handling tasks, replies, ratings, scores and awards',
  HandlingTask: 'one unit’s replies to one proposal',
  KeyProposal: 'the supervision held on one key proposal',
  OpinionItem: 'one item’s authors, adoptions and instructions',
  BulletinIssue: 'the items of one issue',
  MemberSuggestion: 'one suggestion’s authors and steps',
  ConsultationActivity: 'one activity’s participants, guests, speeches and what came of it',
  ConsultationPlan: 'one year’s plan: its topics and amendments',
  ConsultationPlanTopic: 'the activities and projects of one topic of a year’s plan',
  ConsultationPlanAmendment: 'one amendment’s steps',
  ConsultationEscalation: 'one escalation’s steps',
  ResearchProject: 'one project’s phases, team, visits and outcomes',
  FieldVisit: 'the team members of one visit',
  Recommendation: 'one recommendation’s authors, sources, instructions and results',
  ImplementationResult: 'one result’s children and steps',
  LeaderInstruction: 'the departments one instruction was assigned to',
  LedgerEntry: 'one ledger entry’s steps',
  InputCampaign: 'one campaign’s questionnaires and recommendations',
  InputContribution: 'one contribution’s recommendations and steps',
  Questionnaire: 'one questionnaire’s questions and distributions',
  QuestionnaireQuestion: 'the options of one question',
  QuestionnaireResponse: 'the answers of one response (one per question)',
  BodyMeeting: 'the members expected at one meeting',
  StudySession: 'the members expected at one session',
  BranchActivity: 'the members of one branch',
  ImplementationReview: 'the districts one review visited',
  PolicyDocument: 'the reviews and relays of one document',
  // Plugins' records.
  CompensationRound: 'one eco-compensation round: its indicators, years, tasks and links',
  CooperationTask: 'one task’s steps',
  YearlyAssessment: 'the indicators of one year',
  WaterQualitySample: 'the values of one sample (one per indicator)',
  ExchangeVisit: 'the delegation of one visit',
  JointActivity: 'the committees of one activity',
  JointChairsMeeting: 'the attendees and resolutions of one meeting',
};

/**
 * Lists bounded by nature named field by field: on the roots, and on the types other modules and
 * plugins add lists to (District, Member), where a type-wide entry would let the next one through.
 */
const FIELDS_BOUNDED_BY_NATURE: Record<string, string> = {
  'District.children': 'the districts directly below',
  'District.specialCommittees': 'one committee’s special committees',
  'District.terms': 'one committee’s terms',
  'District.partyGroups': 'one Party Group per term',
  'District.plugins': 'the installed plugins',
  'District.riverChiefRivers': 'the river sections of one district, a fixed geography',
  'Member.archives': 'one archive per term',
  'Member.committees': 'one member’s committee seats',
  'Member.leadershipPosts': 'one member’s leadership posts',
  'MemberStudio.residents': 'the members working in one studio',
  'CooperationMechanism.committees': 'the committees of one mechanism',
  'Query.districts': 'the city and its districts',
  'Query.sectors': 'the sectors (界别), a fixed catalogue',
  'Query.sectorGroups': 'the sector groups, a fixed catalogue',
  'Query.leadership': 'one committee’s posts in office on a day',
  'Query.installedPlugins': 'the plugins this installation has',
  'Query.replyGradeWordings': 'one wording per reply grade',
  'Query.waterQualityIndicators': 'the indicator catalogue of a district',
  'Query.riverChiefRivers': 'the river sections registered, a fixed geography',
  'Mutation.assignInstruction': 'the departments named in the one request',
};

/** A bound a client can see in the schema: `first`, or the kit's capped list beside its connection. */
function bounded(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): boolean {
  if (field.args.some((a) => a.name === 'first')) return true;
  const connection = `${field.name}Connection`;
  return (
    Boolean(field.deprecationReason?.startsWith(`Use \`${connection}\``)) &&
    connection in type.getFields()
  );
}

/** Lists of object types that grow with the data without a bound a client can see. */
export function unboundedLists(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || /(Connection|Edge)$/.test(type.name))
      continue;
    if (type.name in BOUNDED_BY_NATURE) continue;
    for (const field of Object.values(type.getFields())) {
      const list = getNullableType(field.type);
      if (!isListType(list) || !isObjectType(getNamedType(list))) continue;
      const name = `${type.name}.${field.name}`;
      if (bounded(type, field) || name in FIELDS_BOUNDED_BY_NATURE) continue;
      found.push(name);
    }
  }
  return found;
}

describe('a bound on every list that grows with the data', () => {
  const schema = buildSchema(fs.readFileSync(apiPath, 'utf8'));

  it('every list of records in the API schema is paged, takes `first`, or is bounded by nature', () => {
    expect(unboundedLists(schema)).toEqual([]);
  });

  it('names in the allow-lists stand in the schema (a removed one is taken off)', () => {
    const missing = [
      ...Object.keys(BOUNDED_BY_NATURE).filter((t) => !schema.getType(t)),
      ...Object.keys(FIELDS_BOUNDED_BY_NATURE).filter((name) => {
        const [type, field] = name.split('.');
        const found = schema.getType(type);
        return !isObjectType(found) || !(field in found.getFields());
      }),
    ];
    expect(missing).toEqual([]);
  });

  it('finds an unbounded list, and passes one with `first` or a capped list beside its connection', () => {
    const sample = buildSchema(`
      type Note { id: ID! }
      type NoteConnection { nodes: [Note!]! }
      type Shelf {
        notes: [Note!]!
        tags: [String!]!
        firstNotes(first: Int): [Note!]!
        paged: [Note!] @deprecated(reason: "Use \`pagedConnection\` (a connection, paged both ways); this list stops at the first 1000 items and goes in the next release.")
        pagedConnection: NoteConnection
        orphan: [Note!] @deprecated(reason: "Use \`orphanConnection\` (a connection, paged both ways).")
      }
      type Query { shelf: Shelf notes: [Note!]! districts: [Note!]! }
    `);
    expect(unboundedLists(sample)).toEqual(['Shelf.notes', 'Shelf.orphan', 'Query.notes']);
  });
});
