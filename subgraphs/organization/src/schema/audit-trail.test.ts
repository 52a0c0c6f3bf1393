import {
  CITY,
  committees,
  currentTerm,
  governmentUnits,
  isCpc,
  liaisonPairs,
  members as demoMembers,
  partyBranches,
  partyGroupMemberships,
  partyGroups,
} from '@cppcc/demo';
import { AuditEntrySchema, systemEm } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

/**
 * Every create and edit writes exactly one audit row for the record it touched: who, when,
 * from (nothing, for a new record) to its state. Steps of a transition table are covered by
 * the table walk (workflow.test.ts); this file covers the records created done.
 */
describe.each(databases())('one audit row per recorded write on $name', ({ url }) => {
  let org: TestModule;
  const staff = testCaller(['staff'], CITY);
  const all = demoMembers();
  const inGroup = new Set(partyGroupMemberships().map((m) => m.memberId));
  const cpcOutside = all.filter((m) => m.district === CITY && isCpc(m) && !inGroup.has(m.id));
  const agriculture = committees.find((c) => c.name === '农业和农村委员会')!;
  const seatless = all.find(
    (m) => m.district === CITY && !m.committees.some((c) => c.committeeId === agriculture.id),
  )!;

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport, [
      ...all,
      {
        id: 9201,
        district: CITY,
        name: '新党员委员',
        party: '中共党员',
        sectorId: 1,
        standingCommittee: false,
      },
    ]);
  });
  afterAll(() => org?.stop());

  const run = async (mutation: string, caller = staff) => {
    const r = await org.execute(`mutation { ${mutation} }`, {}, caller);
    expect(r.errors, mutation).toBeUndefined();
    return Object.values(r.data as Record<string, { id: string }>)[0].id;
  };
  const trail = (entity: string, id: string) =>
    systemEm(org.orm).find(AuditEntrySchema, { entity, entityId: id }, { orderBy: { id: 'asc' } });

  it('writes one row for each record created done, naming the caller and the state', async () => {
    const campaign = await run(
      `openCampaign(input: { district: "${CITY}", kind: EXHIBITION, title: "迎新春书画作品展", theme: "主题", opensOn: "2026-10-01", closesOn: "2026-12-31" }) { id }`,
    );
    const term = currentTerm('341002');
    const unit = await run(
      `registerGovernmentUnit(input: { district: "${CITY}", name: "黄山市数据资源局", short: "数据局" }) { id }`,
    );
    const cases: [string, string, string][] = [
      [
        'branch_activity',
        `recordBranchActivity(input: { branch: "${partyBranches[0].id}", kind: STUDY, title: "支部集中学习", heldOn: "2026-11-03", summary: "学习", participants: [] }) { id }`,
        'RECORDED',
      ],
      [
        'liaison_activity',
        `recordLiaisonActivity(input: { pair: "${liaisonPairs[0].id}", title: "对口联系走访", heldOn: "2026-11-04", summary: "走访" }) { id }`,
        'RECORDED',
      ],
      [
        'policy_document',
        `recordPolicyDocument(input: { district: "${CITY}", kind: WORK_OPINION, title: "关于加强委员履职的意见", issuedBy: "市委办公室", issuedOn: "2026-11-05", summary: "意见" }) { id }`,
        'RECORDED',
      ],
      [
        'implementation_review',
        `planImplementationReview(input: { document: "2", kind: INSPECTION, title: "实施意见落实督查", plannedOn: "2026-11-06", districtsVisited: ["341002"] }) { id }`,
        'PLANNED',
      ],
      [
        'communication',
        `draftCommunication(input: { district: "${CITY}", kind: NOTICE, title: "关于年终履职的通知", audience: "全体委员", occasion: "年终", body: "通知" }) { id }`,
        'DRAFT',
      ],
      [
        'consensus_campaign',
        `openCampaign(input: { district: "${CITY}", kind: ANTHOLOGY, title: "委员履职故事文集", theme: "履职", opensOn: "2026-11-01", closesOn: "2026-12-31" }) { id }`,
        'OPEN',
      ],
      [
        'campaign_entry',
        `addCampaignEntry(input: { campaign: "${campaign}", author: "黄山画友", title: "黄山云海图卷", submittedOn: "2026-11-07" }) { id }`,
        'RECORDED',
      ],
      [
        'campaign_entry',
        `addCampaignEntry(input: { campaign: "${campaign}", member: "${all[0].id}", title: "新安江山水图", submittedOn: "2026-11-07" }) { id }`,
        'RECORDED',
      ],
      [
        'staff_record',
        `recordStaffChange(input: { district: "${CITY}", kind: SECONDMENT, person: "王明", post: "乡村振兴工作队", startsOn: "2026-11-08" }) { id }`,
        'SECONDMENT',
      ],
      [
        'staff_record',
        `recordStaffChange(input: { district: "${CITY}", kind: PROMOTION, person: "李华", grade: "正县级", post: "副秘书长", startsOn: "2026-11-08" }) { id }`,
        'PROMOTION',
      ],
      [
        'press_report',
        `recordPressReport(input: { district: "${CITY}", outlet: "《黄山日报》", headline: "委员工作室服务群众纪实", publishedOn: "2026-11-08", frontPage: true, subject: MEMBER_DUTY, about: "委员工作室接待群众" }) { id }`,
        'PUBLISHED',
      ],
      [
        'term_session',
        `openSession(input: { term: "${term.id}", ordinal: 6, name: "十届六次会议", startsOn: "2026-12-01", endsOn: "2026-12-03" }) { id }`,
        'RECORDED',
      ],
      [
        'body_meeting',
        `planBodyMeeting(input: { term: "${currentTerm(CITY).id}", body: CHAIR_MEETING, title: "十届主席会议", plannedOn: "2026-12-02", agenda: ["议题"] }) { id }`,
        'PLANNED',
      ],
      [
        'study_session',
        `planStudySession(input: { district: "${CITY}", kind: SPECIAL, topic: "专题学习研讨", plannedOn: "2026-12-03", materials: ["材料"] }) { id }`,
        'PLANNED',
      ],
      [
        'special_committee',
        `createSpecialCommittee(input: { district: "${CITY}", name: "港澳台侨委员会", functions: "港澳台侨联络" }) { id }`,
        'ACTIVE',
      ],
      [
        'committee_membership',
        `assignCommitteeSeat(input: { committee: "${agriculture.id}", member: "${seatless.id}", role: MEMBER, joinedOn: "2026-11-09" }) { id }`,
        'ACTIVE',
      ],
      [
        'liaison_pair',
        `pairCommitteeWithUnit(input: { committee: "${agriculture.id}", unit: "${unit}", since: "2026-11-10" }) { id }`,
        'ACTIVE',
      ],
      [
        'party_branch',
        `establishPartyBranch(input: { committee: "${agriculture.id}", name: "农业和农村委员会功能型党支部", establishedOn: "2026-11-10" }) { id }`,
        'ACTIVE',
      ],
      [
        'party_group_membership',
        `appointToPartyGroup(input: { group: "${partyGroups[0].id}", member: "${cpcOutside[0].id}", role: MEMBER, joinedOn: "2026-11-11" }) { id }`,
        'ACTIVE',
      ],
      [
        'government_unit',
        `registerGovernmentUnit(input: { district: "${CITY}", name: "黄山市茶产业发展中心", short: "茶产业中心" }) { id }`,
        'ACTIVE',
      ],
    ];
    for (const [entity, mutation, state] of cases) {
      const id = await run(mutation);
      const rows = await trail(entity, id);
      expect(
        rows.map((a) => [a.fromState, a.toState, a.actor]),
        entity,
      ).toEqual([[null, state, staff.userId]]);
      expect(rows[0].at).toBeInstanceOf(Date);
    }
    const branch = await run(
      `placeInBranch(input: { branch: "${partyBranches.find((b) => b.committeeId !== agriculture.id && b.district === CITY)!.id}", member: "9201", joinedOn: "2026-11-12" }) { id }`,
    );
    expect((await trail('branch_placement', branch)).map((a) => [a.fromState, a.toState])).toEqual([
      [null, 'ACTIVE'],
    ]);
  });

  it('writes one row for each edit, from the state before to the state after', async () => {
    const tunxi = testCaller(['staff'], '341002');
    const unit = governmentUnits.find((u) => u.district === '341002')!;
    await run(`updateGovernmentUnit(input: { id: "${unit.id}", short: "改名" }) { id }`, tunxi);
    await run(`updateGovernmentUnit(input: { id: "${unit.id}", active: false }) { id }`, tunxi);
    expect(
      (await trail('government_unit', String(unit.id))).map((a) => [
        a.action,
        a.fromState,
        a.toState,
        a.note,
        a.actor,
      ]),
    ).toEqual([
      ['update', 'ACTIVE', 'ACTIVE', 'short → 改名', tunxi.userId],
      ['update', 'ACTIVE', 'INACTIVE', null, tunxi.userId],
    ]);
    const term = currentTerm('341024');
    await run(
      `closeTerm(input: { id: "${term.id}", endsOn: "2026-12-31" }) { id }`,
      testCaller(['staff'], '341024'),
    );
    const next = await run(
      `openTerm(input: { district: "341024", ordinal: 11, name: "祁门县政协第十一届委员会", startsOn: "2027-01-01" }) { id }`,
      staff,
    );
    expect(
      (await trail('term', String(term.id))).map((a) => [a.action, a.fromState, a.toState]),
    ).toEqual([['close', 'OPEN', 'CLOSED']]);
    expect(
      (await trail('term', next)).map((a) => [a.action, a.fromState, a.toState, a.actor]),
    ).toEqual([['open', null, 'OPEN', staff.userId]]);
    const group = partyGroups.find((g) => g.district === CITY)!;
    await run(
      `renamePartyGroup(input: { id: "${group.id}", name: "中共黄山市政协党组（新）" }) { id }`,
    );
    expect(
      (await trail('party_group', String(group.id))).map((a) => [a.action, a.fromState, a.toState]),
    ).toEqual([['rename', 'ACTIVE', 'ACTIVE']]);
  });

  it('writes no row for a refused write', async () => {
    const before = await systemEm(org.orm).count(AuditEntrySchema, {});
    const refused = await org.execute(
      `mutation { recordLiaisonActivity(input: { pair: "${liaisonPairs[0].id}", title: "对口联系走访", heldOn: "2020-01-01", summary: "走访" }) { id } }`,
      {},
      staff,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.heldOn',
      rule: 'range',
    });
    const duplicate = await org.execute(
      `mutation { recordPolicyDocument(input: { district: "${CITY}", kind: WORK_OPINION, title: "关于加强委员履职的意见", issuedBy: "市委办公室", issuedOn: "2026-11-05", summary: "意见" }) { id } }`,
      {},
      staff,
    );
    expect(duplicate.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.title',
    });
    const elsewhere = await org.execute(
      `mutation { recordStaffChange(input: { district: "${CITY}", kind: SECONDMENT, person: "王明", post: "工作队", startsOn: "2026-11-08" }) { id } }`,
      {},
      testCaller(['staff'], '341002'),
    );
    expect(elsewhere.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    expect(await systemEm(org.orm).count(AuditEntrySchema, {})).toBe(before);
  });
});
