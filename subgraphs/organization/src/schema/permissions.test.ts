import { CITY, committees, currentTerm, partyBranches, partyGroups } from '@cppcc/demo';
import { systemEm, type Caller } from '@cppcc/kit';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import type { EntitySchema } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyMeetingSchema } from '../entities/body-meeting.entity.js';
import { CommunicationSchema, ConsensusCampaignSchema } from '../entities/communication.entity.js';
import { CommitteeMembershipSchema } from '../entities/committee-membership.entity.js';
import { GovernmentUnitSchema } from '../entities/government-unit.entity.js';
import { LiaisonPairSchema } from '../entities/liaison.entity.js';
import { BranchPlacementSchema, PartyBranchSchema } from '../entities/party-branch.entity.js';
import { PartyGroupMembershipSchema } from '../entities/party-group.entity.js';
import { ImplementationReviewSchema } from '../entities/policy-document.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { StudySessionSchema } from '../entities/study-session.entity.js';
import { TermSchema } from '../entities/term.entity.js';
import { organization } from '../module.js';
import { publishMembers, type MemberFacts } from '../test-support.js';

/**
 * The permission rule of issue 3, record kind by record kind, with real callers:
 *
 *   district staff create and edit their district's records; city staff those of the districts
 *   below; members see their own records and what is public; the public sees what is marked
 *   public — and every refusal writes nothing.
 *
 * The own district is 屯溪区 (341002), its sibling 歙县 (341021), the city above both 341000.
 */
const OWN = '341002';
const SIBLING = '341021';

const ownStaff = testCaller(['staff'], OWN);
const cityStaff = testCaller(['staff'], CITY);
const siblingStaff = testCaller(['staff'], SIBLING);
const anonymous = testCaller([], null);
/** Members announced by this test, so that no demo seat, placement or role gets in the way. */
const fresh = (district: string, n: number): MemberFacts => ({
  id: (district === CITY ? 9600 : 9500) + n,
  district,
  name: `委员${district}-${n}`,
  party: '中共党员',
  sectorId: 1,
  standingCommittee: false,
});
const FRESH = [
  ...Array.from({ length: 12 }, (_, n) => fresh(OWN, n)),
  ...Array.from({ length: 12 }, (_, n) => fresh(CITY, n)),
  { ...fresh(SIBLING, 0), id: 9700 },
];
const member = testCaller(['member'], OWN, String(fresh(OWN, 0).id));
const otherMember = fresh(OWN, 1);
const siblingMember = testCaller(['member'], SIBLING, '9700');

const committeeOf = (d: string) => committees.find((c) => c.district === d)!.id;
const branchOf = (d: string) => partyBranches.find((b) => b.district === d)!.id;
const groupOf = (d: string) => partyGroups.find((g) => g.district === d)!.id;

type Record = { id: string; district: string };
interface Kind {
  kind: string;
  /** A create mutation in district `d`; `i` is unique per call (names, members, ordinals). */
  create: (d: string, i: number) => Promise<string>;
  /** An edit of a record made by `create`, with the table row it touches (to prove it unchanged on refusal). */
  edit?: (r: Record, i: number) => { mutation: string; row: [EntitySchema, number] };
  /**
   * Records that are never public (placements, drafts): staff of another district cannot see
   * them, so an edit is answered NOT_FOUND — "does not exist or is not visible to you" — rather
   * than confirming the record with CROSS_DISTRICT.
   */
  hidden?: true;
}

describe.each(databases())('the permission rule of every record kind on $name', ({ url }) => {
  let org: TestModule;
  let n = 0;
  const cache = new Map<string, Promise<string>>();

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport, FRESH);
    await org.relay.kick();
  });
  afterAll(() => org?.stop());

  const call = (mutation: string, caller: Caller) =>
    org.execute(`mutation { ${mutation} }`, {}, caller);
  /** Runs a mutation that must succeed and returns the id it answered. */
  const made = async (mutation: string, caller: Caller = cityStaff): Promise<string> => {
    const r = await call(mutation, caller);
    expect(r.errors, mutation).toBeUndefined();
    return (Object.values(r.data!)[0] as { id: string }).id;
  };
  /** A prerequisite made once per district (as city staff, who may write both). */
  const once = (key: string, make: () => Promise<string>) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };
  const pairIn = (d: string) =>
    once(`pair:${d}`, async () => {
      const unit = await made(
        `registerGovernmentUnit(input: { district: "${d}", name: "对口单位${d}", short: "对口${d}" }) { id }`,
      );
      return made(
        `pairCommitteeWithUnit(input: { committee: "${committeeOf(d)}", unit: "${unit}", since: "2026-01-01" }) { id }`,
      );
    });
  const documentIn = (d: string) =>
    once(`document:${d}`, () =>
      made(
        `recordPolicyDocument(input: { district: "${d}", kind: WORK_OPINION, title: "权限测试实施意见${d}", issuedBy: "区委办公室", issuedOn: "2026-01-01", summary: "意见" }) { id }`,
      ),
    );
  const campaignIn = (d: string) =>
    once(`campaign:${d}`, () =>
      made(
        `openCampaign(input: { district: "${d}", kind: ESSAY_CONTEST, title: "权限测试征文${d}", theme: "主题", opensOn: "2026-01-01", closesOn: "2026-12-31" }) { id }`,
      ),
    );
  const freshId = (d: string, i: number) => fresh(d, 2 + (i % 10)).id;

  /** Every table a refusal could have written to, and the row an edit would have changed. */
  const snapshot = async (row?: [EntitySchema, number]) => {
    const em = systemEm(org.orm);
    const metas = Object.values(org.orm.getMetadata().getAll()).filter(
      (m) => !m.embeddable && !m.virtual && m.tableName,
    );
    const counts = Object.fromEntries(
      await Promise.all(
        metas.map(async (m) => [m.tableName, await em.count(m.class, {})] as const),
      ),
    );
    const touched = row ? JSON.stringify(await em.findOne(row[0], { id: row[1] })) : null;
    return { counts, touched };
  };

  const KINDS: Kind[] = [
    {
      kind: 'terms and sessions',
      create: async (d, i) =>
        `openSession(input: { term: "${currentTerm(d).id}", ordinal: ${40 + i}, name: "权限测试会议${i}", startsOn: "2026-11-20", endsOn: "2026-11-21" }) { id }`,
      edit: (r) => ({
        mutation: `closeTerm(input: { id: "${currentTerm(r.district).id}", endsOn: "2027-12-31" }) { id }`,
        row: [TermSchema, currentTerm(r.district).id],
      }),
    },
    {
      kind: 'body meetings with attendance',
      create: async (d, i) =>
        `planBodyMeeting(input: { term: "${currentTerm(d).id}", body: CHAIR_MEETING, title: "主席会议${i}", plannedOn: "2026-11-10", agenda: ["议题"] }) { id }`,
      edit: (r) => ({
        mutation: `holdBodyMeeting(input: { id: "${r.id}", heldOn: "2026-11-10", attendance: [{ member: "${fresh(r.district, 0).id}", attendance: PRESENT }] }) { id }`,
        row: [BodyMeetingSchema, Number(r.id)],
      }),
    },
    {
      kind: 'special committees',
      create: async (d, i) =>
        `createSpecialCommittee(input: { district: "${d}", name: "权限测试委员会${i}", functions: "职能", establishedOn: "2026-01-01" }) { id }`,
      edit: (r, i) => ({
        mutation: `adjustCommitteeFunctions(input: { id: "${r.id}", functions: "调整后的职能${i}", on: "2026-06-01" }) { id }`,
        row: [SpecialCommitteeSchema, Number(r.id)],
      }),
    },
    {
      kind: 'committee seats',
      create: async (d, i) =>
        `assignCommitteeSeat(input: { committee: "${committeeOf(d)}", member: "${freshId(d, i)}", role: MEMBER, joinedOn: "2026-11-01" }) { id }`,
      edit: (r) => ({
        mutation: `endCommitteeSeat(input: { id: "${r.id}", leftOn: "2026-11-30" }) { id }`,
        row: [CommitteeMembershipSchema, Number(r.id)],
      }),
    },
    {
      kind: 'liaison pairs',
      create: async (d, i) => {
        const unit = await made(
          `registerGovernmentUnit(input: { district: "${d}", name: "权限测试单位${i}", short: "单位${i}" }) { id }`,
        );
        return `pairCommitteeWithUnit(input: { committee: "${committeeOf(d)}", unit: "${unit}", since: "2026-02-01" }) { id }`;
      },
      edit: (r) => ({
        mutation: `endLiaison(input: { id: "${r.id}", until: "2026-11-30" }) { id }`,
        row: [LiaisonPairSchema, Number(r.id)],
      }),
    },
    {
      kind: 'liaison activities',
      create: async (d, i) =>
        `recordLiaisonActivity(input: { pair: "${await pairIn(d)}", title: "对口走访${i}", heldOn: "2026-11-05", summary: "走访" }) { id }`,
    },
    {
      kind: 'the Party Group',
      create: async (d, i) =>
        `appointToPartyGroup(input: { group: "${groupOf(d)}", member: "${freshId(d, i)}", role: MEMBER, joinedOn: "2026-11-01" }) { id }`,
      edit: (r) => ({
        mutation: `endPartyGroupMembership(input: { id: "${r.id}", leftOn: "2026-11-30" }) { id }`,
        row: [PartyGroupMembershipSchema, Number(r.id)],
      }),
    },
    {
      kind: 'study sessions',
      create: async (d, i) =>
        `planStudySession(input: { district: "${d}", kind: SPECIAL, topic: "专题学习${i}", plannedOn: "2026-11-12", materials: ["材料"] }) { id }`,
      edit: (r) => ({
        mutation: `cancelStudySession(input: { id: "${r.id}" }) { id }`,
        row: [StudySessionSchema, Number(r.id)],
      }),
    },
    {
      kind: 'Party branches',
      create: async (d, i) => {
        const committee = await made(
          `createSpecialCommittee(input: { district: "${d}", name: "支部测试委员会${i}", functions: "职能", establishedOn: "2026-01-01" }) { id }`,
        );
        return `establishPartyBranch(input: { committee: "${committee}", name: "支部测试委员会${i}功能型党支部", establishedOn: "2026-02-01" }) { id }`;
      },
      edit: (r) => ({
        mutation: `dissolvePartyBranch(input: { id: "${r.id}", on: "2026-11-30" }) { id }`,
        row: [PartyBranchSchema, Number(r.id)],
      }),
    },
    {
      kind: 'branch placements',
      create: async (d, i) =>
        `placeInBranch(input: { branch: "${branchOf(d)}", member: "${freshId(d, i)}", joinedOn: "2026-11-01" }) { id }`,
      edit: (r) => ({
        mutation: `endBranchPlacement(input: { id: "${r.id}", leftOn: "2026-11-30" }) { id }`,
        row: [BranchPlacementSchema, Number(r.id)],
      }),
      hidden: true,
    },
    {
      kind: 'branch activities',
      create: async (d, i) =>
        `recordBranchActivity(input: { branch: "${branchOf(d)}", kind: STUDY, title: "支部学习${i}", heldOn: "2026-11-06", summary: "学习", participants: ["${fresh(d, 0).id}"] }) { id }`,
    },
    {
      kind: 'policy documents',
      create: async (d, i) =>
        `recordPolicyDocument(input: { district: "${d}", kind: WORK_OPINION, title: "权限测试文件${i}", issuedBy: "区委办公室", issuedOn: "2026-03-01", summary: "意见" }) { id }`,
    },
    {
      kind: 'implementation reviews',
      create: async (d, i) =>
        `planImplementationReview(input: { document: "${await documentIn(d)}", kind: INSPECTION, title: "落实情况督查${i}", plannedOn: "2026-04-01", districtsVisited: ["${d}"] }) { id }`,
      edit: (r) => ({
        mutation: `moveImplementationReview(input: { id: "${r.id}", action: START }) { id }`,
        row: [ImplementationReviewSchema, Number(r.id)],
      }),
    },
    {
      kind: 'communications',
      create: async (d, i) =>
        `draftCommunication(input: { district: "${d}", kind: NOTICE, title: "权限测试通知${i}", audience: "全体委员", occasion: "年终", body: "通知" }) { id }`,
      edit: (r) => ({
        mutation: `issueCommunication(input: { id: "${r.id}", issuedOn: "2026-11-15" }) { id }`,
        row: [CommunicationSchema, Number(r.id)],
      }),
      hidden: true,
    },
    {
      kind: 'consensus campaigns',
      create: async (d, i) =>
        `openCampaign(input: { district: "${d}", kind: ANTHOLOGY, title: "权限测试文集${i}", theme: "履职", opensOn: "2026-01-01", closesOn: "2026-12-31" }) { id }`,
      edit: (r) => ({
        mutation: `closeCampaign(input: { id: "${r.id}" }) { id }`,
        row: [ConsensusCampaignSchema, Number(r.id)],
      }),
    },
    {
      kind: 'campaign entries',
      create: async (d, i) =>
        `addCampaignEntry(input: { campaign: "${await campaignIn(d)}", author: "作者${i}", title: "作品${i}", submittedOn: "2026-06-01" }) { id }`,
    },
    {
      kind: 'staff records',
      create: async (d, i) =>
        `recordStaffChange(input: { district: "${d}", kind: SECONDMENT, person: "干部${i}", post: "乡村振兴工作队", startsOn: "2026-11-01" }) { id }`,
    },
    {
      kind: 'press reports',
      create: async (d, i) =>
        `recordPressReport(input: { district: "${d}", outlet: "《黄山日报》", headline: "权限测试报道${i}", publishedOn: "2026-11-02", subject: OTHER, about: "报道" }) { id }`,
    },
    {
      kind: 'government units',
      create: async (d, i) =>
        `registerGovernmentUnit(input: { district: "${d}", name: "权限测试局${i}", short: "测试局${i}" }) { id }`,
      edit: (r, i) => ({
        mutation: `updateGovernmentUnit(input: { id: "${r.id}", short: "改${i}" }) { id }`,
        row: [GovernmentUnitSchema, Number(r.id)],
      }),
    },
  ];

  /** Who writes where: null where the write is taken, else the code it is refused with. */
  const WRITES: [string, Caller, 'own' | 'city', string | null][] = [
    ['district staff, in their district', ownStaff, 'own', null],
    ['city staff, in a district below', cityStaff, 'own', null],
    ["district staff, in the city's records", ownStaff, 'city', 'CROSS_DISTRICT'],
    ["district staff, in a sibling district's records", siblingStaff, 'own', 'CROSS_DISTRICT'],
    ['a member', member, 'own', 'FORBIDDEN'],
    ['an anonymous caller', anonymous, 'own', 'UNAUTHENTICATED'],
  ];

  it.each(KINDS)(
    '$kind: staff write their district and those below, everyone else is refused and nothing is written',
    async ({ create, edit, hidden }) => {
      const district = (where: 'own' | 'city') => (where === 'own' ? OWN : CITY);
      // A record of each district to edit, made by their own staff.
      const existing = {
        own: [] as Record[],
        city: { id: await made(await create(CITY, ++n)), district: CITY },
      };
      for (const [who, caller, where, refusal] of WRITES) {
        const d = district(where);
        const mutation = await create(d, ++n);
        const before = await snapshot();
        const r = await call(mutation, caller);
        if (refusal === null) {
          expect(r.errors, `${who}: ${mutation}`).toBeUndefined();
          existing.own.push({ id: (Object.values(r.data!)[0] as { id: string }).id, district: d });
        } else {
          expect(r.errors?.[0].extensions?.code, `${who}: ${mutation}`).toBe(refusal);
          expect(await snapshot(), `${who} wrote nothing`).toEqual(before);
        }
      }
      if (!edit) return;
      // Refusals first, on a record each caller may not change; then the two permitted edits.
      const [mine, below] = existing.own;
      for (const [who, caller, where, refusal] of WRITES.filter(([, , , code]) => code !== null)) {
        const { mutation, row } = edit(where === 'city' ? existing.city : mine, ++n);
        const before = await snapshot(row);
        const r = await call(mutation, caller);
        expect(r.errors?.[0].extensions?.code, `edit by ${who}: ${mutation}`).toBe(
          hidden && refusal === 'CROSS_DISTRICT' ? 'NOT_FOUND' : refusal,
        );
        expect(await snapshot(row), `edit by ${who} wrote nothing`).toEqual(before);
      }
      for (const [caller, record] of [
        [ownStaff, mine],
        [cityStaff, below],
      ] as const) {
        const { mutation } = edit(record, ++n);
        const r = await call(mutation, caller);
        expect(r.errors, `edit by ${caller.userId}: ${mutation}`).toBeUndefined();
      }
    },
  );

  /** Who reads a district's records, and whether they see those not marked public. */
  const VIEWERS: [string, Caller, boolean][] = [
    ["the district's staff", ownStaff, true],
    ['city staff', cityStaff, true],
    ["a sibling district's staff", siblingStaff, false],
    ['an anonymous caller', anonymous, false],
    ['a member of another district', siblingMember, false],
    ['a member of the district (own records aside)', member, false],
  ];

  /** A list query's answer: its nodes, with their ids or with a list of records each. */
  type Listed = {
    [list: string]: {
      nodes: { id?: string; activities?: { id: string }[]; reviews?: { id: string }[] }[];
    };
  };
  interface Read {
    kind: string;
    /** Made by the district's staff; `open` is the record's public flag. Returns its id. */
    make: (open: boolean, i: number) => Promise<string>;
    /** A query of the district's records of this kind, and the ids it answered. */
    list: string;
    ids: (data: Listed) => string[];
    /** Never public, and listed for staff only (the query refuses others). */
    staffOnly?: true;
  }
  const nodes = (key: string) => (data: Listed) => data[key].nodes.map((x) => x.id!);
  const nested = (key: string, field: 'activities' | 'reviews') => (data: Listed) =>
    data[key].nodes.flatMap((x) => x[field]!.map((y) => y.id));
  const READS: Read[] = [
    {
      kind: 'body meetings',
      make: (open, i) =>
        made(
          `planBodyMeeting(input: { term: "${currentTerm(OWN).id}", body: SECRETARY_GENERAL_MEETING, title: "秘书长会议${i}", plannedOn: "2026-12-01", agenda: ["议题"], public: ${open} }) { id }`,
          ownStaff,
        ),
      list: `bodyMeetings(filter: { district: $d, from: "2026-12-01" }, first: 100) { nodes { id } }`,
      ids: nodes('bodyMeetings'),
    },
    {
      kind: 'study sessions',
      make: (open, i) =>
        made(
          `planStudySession(input: { district: "${OWN}", kind: SPECIAL, topic: "读书班${i}", plannedOn: "2026-12-02", materials: ["材料"], public: ${open} }) { id }`,
          ownStaff,
        ),
      list: `studySessions(filter: { district: $d, from: "2026-12-01" }, first: 100) { nodes { id } }`,
      ids: nodes('studySessions'),
    },
    {
      kind: 'liaison activities',
      make: async (open, i) =>
        made(
          `recordLiaisonActivity(input: { pair: "${await pairIn(OWN)}", title: "座谈${i}", heldOn: "2026-12-03", summary: "座谈", public: ${open} }) { id }`,
          ownStaff,
        ),
      list: `liaisonPairs(district: $d, first: 100) { nodes { activities { id } } }`,
      ids: nested('liaisonPairs', 'activities'),
    },
    {
      kind: 'branch activities',
      make: (open, i) =>
        made(
          `recordBranchActivity(input: { branch: "${branchOf(OWN)}", kind: STUDY, title: "主题党日${i}", heldOn: "2026-12-04", summary: "学习", participants: [], public: ${open} }) { id }`,
          ownStaff,
        ),
      list: `partyBranches(district: $d, first: 100) { nodes { activities { id } } }`,
      ids: nested('partyBranches', 'activities'),
    },
    {
      kind: 'policy documents',
      make: (open, i) =>
        made(
          `recordPolicyDocument(input: { district: "${OWN}", kind: WORK_OPINION, title: "可见性测试文件${i}", issuedBy: "区委办公室", issuedOn: "2026-12-05", summary: "意见", public: ${open} }) { id }`,
          ownStaff,
        ),
      list: `policyDocuments(district: $d, first: 100) { nodes { id } }`,
      ids: nodes('policyDocuments'),
    },
    {
      kind: 'implementation reviews (public as their document)',
      make: async (open, i) => {
        const document = await made(
          `recordPolicyDocument(input: { district: "${OWN}", kind: WORK_OPINION, title: "可见性测试督查文件${i}", issuedBy: "区委办公室", issuedOn: "2026-12-05", summary: "意见", public: ${open} }) { id }`,
          ownStaff,
        );
        return made(
          `planImplementationReview(input: { document: "${document}", kind: SPECIAL_RESEARCH, title: "专题调研${i}", plannedOn: "2026-12-06", districtsVisited: ["${OWN}"] }) { id }`,
          ownStaff,
        );
      },
      list: `policyDocuments(district: $d, first: 100) { nodes { reviews { id } } }`,
      ids: nested('policyDocuments', 'reviews'),
    },
    {
      kind: 'communications (public once issued)',
      make: async (open, i) => {
        const id = await made(
          `draftCommunication(input: { district: "${OWN}", kind: INITIATIVE_LETTER, title: "可见性测试倡议书${i}", audience: "全体委员", occasion: "倡议", body: "倡议" }) { id }`,
          ownStaff,
        );
        if (open)
          await made(
            `issueCommunication(input: { id: "${id}", issuedOn: "2026-12-07" }) { id }`,
            ownStaff,
          );
        return id;
      },
      list: `communications(district: $d, first: 100) { nodes { id } }`,
      ids: nodes('communications'),
    },
    {
      kind: 'staff records',
      make: (_open, i) =>
        made(
          `recordStaffChange(input: { district: "${OWN}", kind: SECONDMENT, person: "可见性干部${i}", post: "驻村工作队", startsOn: "2026-12-01" }) { id }`,
          ownStaff,
        ),
      list: `staffRecords(district: $d, first: 100) { nodes { id } }`,
      ids: nodes('staffRecords'),
      staffOnly: true,
    },
  ];

  it.each(READS)(
    '$kind: the district and the city see what is not public, others only what is',
    async ({ make, list, ids, staffOnly }) => {
      const hidden = await make(false, ++n);
      const open = staffOnly ? null : await make(true, ++n);
      for (const [who, caller, seesHidden] of VIEWERS) {
        const r = await org.execute<Listed>(`query($d: ID) { ${list} }`, { d: OWN }, caller);
        if (staffOnly && !caller.roles.includes('staff')) {
          expect(r.errors?.[0].extensions?.code, who).toBe(
            caller.userId ? 'FORBIDDEN' : 'UNAUTHENTICATED',
          );
          continue;
        }
        expect(r.errors, who).toBeUndefined();
        const seen = ids(r.data!);
        expect(seen.includes(hidden), `${who} sees the record not marked public`).toBe(seesHidden);
        if (open) expect(seen.includes(open), `${who} sees the public record`).toBe(true);
      }
    },
  );

  it("lets a member see their own seats, attendance and placement, even where not public, and no one else's", async () => {
    const me = member.memberId!;
    const other = String(otherMember.id);
    await made(
      `assignCommitteeSeat(input: { committee: "${committeeOf(OWN)}", member: "${me}", role: MEMBER, joinedOn: "2026-12-01" }) { id }`,
      ownStaff,
    );
    await made(
      `placeInBranch(input: { branch: "${branchOf(OWN)}", member: "${me}", joinedOn: "2026-12-01" }) { id }`,
      ownStaff,
    );
    const attended: string[] = [];
    for (const open of [false, true]) {
      const id = await made(
        `planBodyMeeting(input: { term: "${currentTerm(OWN).id}", body: STANDING_COMMITTEE, title: "常委会议${++n}", plannedOn: "2026-12-10", agenda: ["议题"], public: ${open} }) { id }`,
        ownStaff,
      );
      await made(
        `holdBodyMeeting(input: { id: "${id}", heldOn: "2026-12-10", attendance: [{ member: "${me}", attendance: PRESENT }, { member: "${other}", attendance: ABSENT }] }) { id }`,
        ownStaff,
      );
      attended.push(id);
    }
    const [closedMeeting, openMeeting] = attended;

    const ofMember = (id: string, caller: Caller) =>
      org.execute<{
        _entities: {
          committees: unknown;
          attendance: { subjectId: string }[];
          partyBranch: unknown;
        }[];
      }>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { committees { committee { id } } attendance(kind: BODY_MEETING) { subjectId attendance } partyBranch { branch { id } } } } }`,
        { reps: [{ __typename: 'Member', id }] },
        caller,
      );
    const mine = await ofMember(me, member);
    expect(mine.errors).toBeUndefined();
    const own = mine.data!._entities[0];
    expect(own.committees).toEqual([{ committee: { id: String(committeeOf(OWN)) } }]);
    expect(own.attendance.filter((a) => attended.includes(a.subjectId))).toEqual([
      { subjectId: closedMeeting, attendance: 'PRESENT' },
      { subjectId: openMeeting, attendance: 'PRESENT' },
    ]);
    expect(own.partyBranch).toEqual({ branch: { id: String(branchOf(OWN)) } });

    // Seats are public; a member's attendance and placement are theirs and their district staff's.
    const MEMBER_FIELDS: [string, Caller, string, boolean][] = [
      ['another member of the district', testCaller(['member'], OWN, other), me, false],
      ['a member of another district', siblingMember, me, false],
      ["a sibling district's staff", siblingStaff, me, false],
      ['an anonymous caller', anonymous, me, false],
      ["the district's staff", ownStaff, me, true],
      ['city staff', cityStaff, me, true],
    ];
    for (const [who, caller, id, sees] of MEMBER_FIELDS) {
      const seats = await org.execute<{ _entities: { committees: unknown[] }[] }>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { committees { id } } } }`,
        { reps: [{ __typename: 'Member', id }] },
        caller,
      );
      expect(seats.data!._entities[0].committees, `${who}: seats are public`).toHaveLength(1);
      for (const field of ['attendance { id }', 'partyBranch { id }']) {
        const r = await org.execute(
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { ${field} } } }`,
          { reps: [{ __typename: 'Member', id }] },
          caller,
        );
        if (sees) expect(r.errors, `${who}: ${field}`).toBeUndefined();
        else
          expect(r.errors?.[0].extensions, `${who}: ${field}`).toMatchObject({ code: 'FORBIDDEN' });
      }
    }

    // On the meeting and the branch: counts for everyone, names for staff, a member's own line for them.
    const meeting = operation<{
      bodyMeetings: {
        nodes: {
          id: string;
          attendanceSummary: unknown;
          attendance: { member: { id: string } }[];
        }[];
      };
    }>(
      `query { bodyMeetings(filter: { district: "${OWN}", from: "2026-12-10", to: "2026-12-10" }) { nodes { id attendanceSummary { expected present absent } attendance { member { id } } } } }`,
    );
    const branch = operation<{
      partyBranches: { nodes: { id: string; placements: { member: { id: string } }[] }[] };
    }>(`query { partyBranches(district: "${OWN}") { nodes { id placements { member { id } } } } }`);
    const NAMES: [string, Caller, string[] | null][] = [
      ["the district's staff", ownStaff, null],
      ['city staff', cityStaff, null],
      ['the member', member, [me]],
      ['another member', testCaller(['member'], OWN, other), [other]],
      ["a sibling district's staff", siblingStaff, []],
      ['an anonymous caller', anonymous, []],
    ];
    for (const [who, caller, names] of NAMES) {
      const r = await org.execute(meeting, {}, caller);
      const shown = r.data!.bodyMeetings.nodes.find((m) => m.id === openMeeting);
      expect(shown!.attendanceSummary, who).toEqual({ expected: 2, present: 1, absent: 1 });
      expect(shown!.attendance.map((a) => a.member.id).sort(), who).toEqual(
        names ?? [me, other].sort(),
      );
      const b = await org.execute(branch, {}, caller);
      const placed = b
        .data!.partyBranches.nodes.find((x) => x.id === String(branchOf(OWN)))!
        .placements.map((p) => p.member.id);
      if (names) expect(placed, who).toEqual(names.filter((id) => id === me));
      else expect(placed, who).toContain(me);
    }

    // Who is not yet placed is no public figure either: the count is, the names are the staff's.
    const stats = operation<{
      organizationStatistics: {
        partyCoverage: { partyMembers: number; placed: number; unplaced: { id: string }[] };
      };
    }>(
      `query { organizationStatistics(district: "${OWN}", from: "2026-01-01", to: "2026-12-31") { partyCoverage { partyMembers placed unplaced { id } } } }`,
    );
    const UNPLACED: [string, Caller, string[] | 'all'][] = [
      ["the district's staff", ownStaff, 'all'],
      ['city staff', cityStaff, 'all'],
      ['an unplaced member, who finds themselves', testCaller(['member'], OWN, other), [other]],
      ['a placed member', member, []],
      ["a sibling district's staff", siblingStaff, []],
      ['an anonymous caller', anonymous, []],
    ];
    let counts: unknown;
    for (const [who, caller, expected] of UNPLACED) {
      const r = await org.execute(stats, {}, caller);
      expect(r.errors, who).toBeUndefined();
      const { unplaced, ...figures } = r.data!.organizationStatistics.partyCoverage;
      counts ??= figures;
      expect(figures, `${who}: the counts are the same for everyone`).toEqual(counts);
      if (expected === 'all')
        expect(unplaced.length, who).toBe(figures.partyMembers - figures.placed);
      else
        expect(
          unplaced.map((u) => u.id),
          who,
        ).toEqual(expected);
    }
  });
});
