import {
  activities,
  activityStatus,
  bodyMeetings,
  byLeadershipCollectively,
  chainPlan,
  chains,
  campaignEntries,
  campaigns,
  CITY,
  committeeChanges,
  consensusCampaigns,
  demoStudios,
  donations,
  ECO_COMPENSATION_MEETING,
  escalations,
  instructions,
  interCityPartners,
  interCityVisits,
  LAST_YEAR,
  opinionWork,
  partyBranches,
  policyDocuments,
  pressReports,
  relayedDecisions,
  researchProjects,
  staffRecords,
  standingReports,
  townshipConvenors,
} from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/** A connection as the queries below select it. */
type Nodes<T> = { nodes: T[] };
type Count = { totalCount: number };

/**
 * The work report, sentence by sentence, answered through the one graph from the demo data.
 * Where the report gives a number (每月1次, 8个专委会, 110多期, 3条) the graph must give it;
 * where the report masks it (XX次, XXX多万元) the graph must count exactly the rows the demo
 * generators made — so every figure is computed from data, none is stored.
 */
describe.each(databases())('the work report, answered by the graph on $name', ({ url }) => {
  let stack: Stack;
  let cityStaff: string;
  /** Asks as city staff; `TData` is the shape of the data the query selects. */
  const ask = async <TData>(query: string, variables: Record<string, unknown> = {}) => {
    const { status, body } = await stack.post<TData>({ query, variables }, { token: cityStaff });
    expect(status).toBe(200);
    expect(body.errors, query).toBeUndefined();
    return body.data!;
  };
  const within = (day: string | null | undefined, from: string, to: string) =>
    !!day && day >= from && day <= to;

  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url });
    cityStaff = await stack.token({ roles: ['staff'], district: CITY });
  });
  afterAll(() => stack?.stop());

  it('一: Party leadership — monthly study, documents, research below, 全员入委, branches in 8 committees, 两个全覆盖', async () => {
    const data = await ask<{
      thisYear: {
        studySessions: { missedMonths: string[]; months: { month: string; monthly: number }[] };
        bodyMeetingsHeld: { body: string; count: number }[];
        partyCoverage: {
          branches: { id: string }[];
          partyMembers: number;
          placed: number;
          partyMemberCoverage: number;
          workCoverage: number;
        };
      };
      lastYear: {
        committeeCoverage: { share: number; unassigned: { id: string }[] };
        outreach: { policyDocuments: number; reviews: number; districtsVisited: number };
      };
      lecture: Nodes<{ activities: { kind: string }[] }>;
      documents: Nodes<{ title: string; issuedBy: string }>;
      relayed: Nodes<{ meeting: { body: string }; document: { title: string } }> & Count;
    }>(
      `query($d: ID!) {
      thisYear: organizationStatistics(district: $d, from: "2026-01-01", to: "2026-10-31") {
        studySessions { missedMonths months { month monthly } }
        bodyMeetingsHeld { body count }
        partyCoverage { branches { id } partyMembers placed partyMemberCoverage workCoverage }
      }
      lastYear: organizationStatistics(district: $d, from: "2025-01-01", to: "2025-12-31") {
        committeeCoverage { share unassigned { id } }
        outreach { policyDocuments reviews districtsVisited }
      }
      lecture: partyBranches(district: $d, first: 20) { nodes { activities { kind } } }
      documents: policyDocuments(district: $d, first: 50) { nodes { title issuedBy } }
      relayed: relayedDecisions(district: $d, from: "2026-01-01", to: "2026-12-31", first: 20) { totalCount nodes { meeting { body } document { title } } }
    }`,
      { d: CITY },
    );
    // 召开市政协常委会议学习传达，制定学习宣传贯彻工作意见全面部署: a typed relay, linked to the document
    const relayedThisYear = relayedDecisions.filter((r) =>
      within(bodyMeetings.find((m) => m.id === r.meetingId)?.heldOn, '2026-01-01', '2026-12-31'),
    );
    expect(data.relayed.totalCount).toBe(relayedThisYear.length);
    expect(data.relayed.totalCount).toBeGreaterThan(0);
    expect(data.relayed.nodes.map((r) => r.meeting.body)).toEqual(
      relayedThisYear.map(() => 'STANDING_COMMITTEE'),
    );
    expect(data.relayed.nodes.map((r) => r.document.title)).toContain(
      '学习宣传贯彻考察重要讲话精神工作意见',
    );
    // 每月召开1次政协党组理论学习中心组学习会
    expect(data.thisYear.studySessions.missedMonths).toEqual([]);
    for (const m of data.thisYear.studySessions.months)
      expect(m.monthly, m.month).toBeGreaterThanOrEqual(1);
    // 召开市政协常委会议学习传达
    expect(
      data.thisYear.bodyMeetingsHeld.find((b) => b.body === 'STANDING_COMMITTEE')?.count,
    ).toBeGreaterThan(0);
    // 协助市委出台两个《实施意见》; 深入区县开展专题调研 (all seven districts below the city)
    const titles = data.documents.nodes.map((d) => d.title);
    expect(titles).toContain('关于新时代加强和改进人民政协工作的实施意见');
    expect(titles).toContain('关于加强新时代人民政协党的建设工作的实施意见');
    expect(data.lastYear.outreach.policyDocuments).toBe(
      policyDocuments.filter(
        (d) => d.district === CITY && within(d.issuedOn, '2025-01-01', '2025-12-31'),
      ).length,
    );
    expect(data.lastYear.outreach.districtsVisited).toBe(7);
    // 去年全面完成“全员入委”
    expect(data.lastYear.committeeCoverage).toEqual({ share: 1, unassigned: [] });
    // 今年在8个专委会成立了功能型党支部，党员委员全部编入党支部 — 两个全覆盖
    expect(data.thisYear.partyCoverage.branches).toHaveLength(8);
    expect(partyBranches.filter((b) => b.district === CITY)).toHaveLength(8);
    expect(data.thisYear.partyCoverage.placed).toBe(data.thisYear.partyCoverage.partyMembers);
    expect(data.thisYear.partyCoverage.partyMemberCoverage).toBe(1);
    // The second coverage (Party work reaching every member) is "pushed further" (更好落地落实), not claimed done.
    expect(data.thisYear.partyCoverage.workCoverage).toBeGreaterThan(0);
    // 创立“党建引领、委员说是”大讲堂
    expect(
      data.lecture.nodes.flatMap((b) => b.activities).some((a) => a.kind === 'LECTURE_HALL'),
    ).toBe(true);
  });

  it('二: consultation — key activities of four forms on four themes, instructions, rules for research, the chain, Party school', async () => {
    const from = '2025-01-01';
    const to = '2026-12-31';
    const data = await ask<{
      consultationStatistics: {
        activitiesHeld: number;
        activitiesByForm: { form: string; count: number }[];
        activitiesByTopic: { topic: string; count: number }[];
        instructionsReceived: number;
      };
      implementationResults: Nodes<{ title: string; kind: string; document: string | null }>;
      documents: Nodes<{ title: string; issuedBy: string }>;
      plans: Nodes<{
        year: number;
        approvedOn: string | null;
        topics: { title: string; source: string }[];
      }>;
    }>(
      `query($d: ID!, $from: Date!, $to: Date!) {
      plans: consultationPlans(district: $d) { nodes { year approvedOn topics { title source } } }
      consultationStatistics(district: $d, from: $from, to: $to) { activitiesHeld activitiesByForm { form count } activitiesByTopic { topic count } instructionsReceived }
      implementationResults(filter: { district: $d }, first: 100) { nodes { title kind document } }
      documents: policyDocuments(district: $d, first: 50) { nodes { title issuedBy } }
    }`,
      { d: CITY, from, to },
    );
    const stats = data.consultationStatistics;
    // 两年多来 … 开展专题协商、对口协商、界别协商、提案办理协商等重点协商活动XX次
    const held = activities().filter(
      (a) =>
        a.district === CITY &&
        within(a.heldOn, from, to) &&
        !['PLANNED', 'PREPARING'].includes(activityStatus(a)),
    );
    expect(stats.activitiesHeld).toBe(held.length);
    for (const form of ['THEMATIC', 'COUNTERPART', 'SECTOR', 'PROPOSAL_HANDLING']) {
      expect(stats.activitiesByForm.find((f) => f.form === form)?.count, form).toBe(
        held.filter((a) => a.form === form).length,
      );
    }
    // 围绕乡村振兴、融杭接沪、民营经济、茶业振兴等主题
    const topics = stats.activitiesByTopic.map((t) => t.topic);
    for (const topic of ['乡村振兴', '融杭接沪', '民营经济', '茶业振兴'])
      expect(topics).toContain(topic);
    // 市委、市政府负责同志批示建议案和建议XX次 (and the research report the Party secretary praised)
    expect(stats.instructionsReceived).toBe(instructions.length);
    // 构建党委出题、政协调研、政府采纳、部门落实: 示范市争创 started; the corridor written into the agreement
    const results = data.implementationResults.nodes;
    expect(results.length).toBeGreaterThan(0);
    expect(JSON.stringify(results)).toMatch(/示范市/);
    expect(JSON.stringify(results)).toMatch(/框架协议/);
    // 党委出题: each chain grows from a topic the Party committee set in last year's plan
    const lastYearPlan = data.plans.nodes.find((p) => p.year === LAST_YEAR);
    for (const chain of chains) {
      expect(lastYearPlan?.topics, chain.planTopic).toContainEqual({
        title: chain.planTopic,
        source: 'PARTY_COMMITTEE',
      });
      expect(lastYearPlan?.approvedOn).toBe(chainPlan(chain).approvedOn);
    }
    // 制定出台《调研工作实施办法》; 人民政协理论进党校
    const titles = data.documents.nodes.map((d) => d.title);
    expect(titles.some((t) => t.includes('调研工作实施办法'))).toBe(true);
    expect(data.documents.nodes.some((d) => d.issuedBy.includes('党校'))).toBe(true);
  });

  it('三: development — eco-compensation raised to the provincial and national agendas, the pandemic drive, the five-year plan', async () => {
    const data = await ask<{
      consultationEscalations: Nodes<{ body: string; title: string }>;
      donationCampaigns: Nodes<{ title: string; totalYuan: number }>;
      letters: Nodes<{ kind: string; title: string; issuedOn: string | null }>;
      press: Nodes<{ outlet: string; headline: string }>;
      inputCampaigns: Nodes<{
        title: string;
        figures: {
          copiesDistributed: number;
          responses: number;
          reportsCollected: number;
          suggestionsCollected: number;
          recommendationsSubmitted: number;
          suggestionsByTheme: { theme: string }[];
        };
      }>;
    }>(
      `query($d: ID!) {
      consultationEscalations(district: $d, first: 10) { nodes { body title } }
      donationCampaigns(district: $d, first: 10) { nodes { title totalYuan } }
      letters: communications(district: $d, first: 20) { nodes { kind title issuedOn } }
      press: pressReports(district: $d, subject: DONATION_DRIVE, first: 10) { nodes { outlet headline } }
      inputCampaigns(district: $d, first: 10) { nodes { title figures { copiesDistributed responses reportsCollected suggestionsCollected recommendationsSubmitted suggestionsByTheme { theme } } } }
    }`,
      { d: CITY },
    );
    // 使之成为省政协年度重点协商议题和全国政协双周协商议题
    expect(data.consultationEscalations.nodes.map((e) => e.body).sort()).toEqual(
      escalations.map((e) => e.body).sort(),
    );
    expect(data.consultationEscalations.nodes.map((e) => e.body)).toEqual(
      expect.arrayContaining(['PROVINCIAL_KEY_AGENDA', 'NATIONAL_BIWEEKLY']),
    );
    // 捐款捐物共计XXX多万元
    const drive = data.donationCampaigns.nodes.find((c) => c.title === campaigns[0].title);
    expect(drive?.totalYuan).toBe(donations().reduce((s, d) => s + d.amountFen, 0) / 100);
    expect(drive?.totalYuan).toBeGreaterThanOrEqual(1_000_000);
    // 《致广大政协委员的一封信》 and the notice; 《中国政协杂志》给予重点报道
    const kinds = data.letters.nodes
      .filter((l) => l.issuedOn?.startsWith('2025'))
      .map((l) => l.kind)
      .sort();
    expect(kinds).toEqual(['NOTICE', 'OPEN_LETTER']);
    expect(data.press.nodes).toEqual([
      {
        outlet: '《中国政协杂志》',
        headline: pressReports.find((r) => r.subject === 'DONATION_DRIVE')!.headline,
      },
    ]);
    // 发放专项调查问卷XXX多份，收集调研报告近XX篇、建议XXX条，上报建言献策XX条
    const plan = data.inputCampaigns.nodes.find((c) => c.title.includes('未来五年'));
    expect(plan?.figures).toMatchObject({
      copiesDistributed: 860,
      responses: 318,
      reportsCollected: 38,
      suggestionsCollected: 216,
      recommendationsSubmitted: 30,
    });
    expect(plan?.figures.suggestionsByTheme.map((t) => t.theme).sort()).toEqual(
      ['产业升级', '创新开放', '城乡统筹', '社会民生', '融杭接沪'].sort(),
    );
  });

  it('四: consensus — essays, anthology, exhibition, the flood initiative letter, the inter-city mechanism and the visit', async () => {
    const data = await ask<{
      consensusCampaigns: Nodes<{
        kind: string;
        participatingMembers: number;
        participatingArtists: number;
      }>;
      letters: Nodes<{ occasion: string }>;
      cooperationMechanisms: Nodes<{
        name: string;
        committees: { local: boolean; name: string }[];
      }>;
      exchangeVisits: Nodes<{
        direction: string;
        partner: { name: string } | null;
        startsOn: string;
        delegation: {
          member: {
            id: string;
            leadershipPosts: { role: string; startsOn: string; endsOn: string | null }[];
          };
        }[];
        status: string;
      }>;
      leadership: { startsOn: string; endsOn: string | null }[];
    }>(
      `query($d: ID!) {
      consensusCampaigns(district: $d, first: 10) { nodes { kind participatingMembers participatingArtists } }
      letters: communications(district: $d, kind: INITIATIVE_LETTER, first: 10) { nodes { occasion } }
      cooperationMechanisms(district: $d, first: 10) { nodes { name committees { local name } } }
      exchangeVisits(district: $d, first: 20) { nodes { direction partner { name } startsOn delegation { member { id leadershipPosts { role startsOn endsOn } } } status } }
      leadership(district: $d, includeEnded: true) { startsOn endsOn }
    }`,
      { d: CITY },
    );
    const exhibition = consensusCampaigns.find((c) => c.kind === 'EXHIBITION')!;
    const shown = campaignEntries().filter((e) => e.campaignId === exhibition.id);
    // 征文活动、《我与人民政协》文集、书画作品展: XX位政协人、XX多位艺术家
    expect(data.consensusCampaigns.nodes.map((c) => c.kind).sort()).toEqual([
      'ANTHOLOGY',
      'ESSAY_CONTEST',
      'EXHIBITION',
    ]);
    expect(data.consensusCampaigns.nodes.find((c) => c.kind === 'EXHIBITION')).toMatchObject({
      participatingMembers: new Set(shown.filter((e) => e.memberId).map((e) => e.memberId)).size,
      participatingArtists: new Set(shown.filter((e) => !e.memberId).map((e) => e.author)).size,
    });
    // 在历史罕见洪涝灾害中 … 发出倡议书
    expect(data.letters.nodes.map((l) => l.occasion)).toContain('历史罕见洪涝灾害');
    // 长三角“三市一区”政协建立交流合作机制: three partner committees and this city
    const mechanism = data.cooperationMechanisms.nodes[0];
    expect(mechanism.name).toContain('三市一区');
    expect(mechanism.committees.filter((c) => !c.local)).toHaveLength(3);
    expect(mechanism.committees.filter((c) => c.local)).toHaveLength(1);
    // 市政协班子成员集体拜访XX市政协
    const hangzhou = interCityPartners.find((p) => p.key === 'hangzhou')!.name;
    const visit = data.exchangeVisits.nodes.find((v) => v.partner?.name === hangzhou);
    expect(visit).toMatchObject({ direction: 'OUTGOING', status: 'REPORTED' });
    expect(visit?.delegation.length).toBeGreaterThan(1);
    // 班子成员集体: the chair and most of the posts held on the visit's first day went; counted
    // from the graph (each delegate's posts) and from the demo generators, the figures agree.
    const heldOn = (p: { startsOn: string; endsOn: string | null }, day: string) =>
      p.startsOn <= day && (p.endsOn === null || day <= p.endsOn);
    const collective = data.exchangeVisits.nodes.filter((v) => {
      const inOffice = data.leadership.filter((p) => heldOn(p, v.startsOn)).length;
      const went = v.delegation.flatMap((d) =>
        d.member.leadershipPosts.filter((p) => heldOn(p, v.startsOn)),
      );
      return (
        v.status !== 'PLANNED' && went.some((p) => p.role === 'CHAIR') && went.length * 2 > inOffice
      );
    });
    const demoCollective = interCityVisits().filter(
      (v) =>
        v.district === CITY &&
        v.status !== 'PLANNED' &&
        byLeadershipCollectively(CITY, v.startsOn, v.delegation),
    );
    expect(collective.length).toBe(demoCollective.length);
    expect(collective.map((v) => v.partner?.name)).toEqual([hangzhou]);
    // organizationStatistics counts them from who went (duty.reported) and the posts it keeps,
    // year by year, as the report's 凝聚共识 section quotes it.
    let total = 0;
    for (const year of [LAST_YEAR, LAST_YEAR + 1]) {
      const counted = await ask<{ organizationStatistics: { collectiveVisits: number } }>(
        `query($d: ID!, $from: Date!, $to: Date!) { organizationStatistics(district: $d, from: $from, to: $to) { collectiveVisits } }`,
        { d: CITY, from: `${year}-01-01`, to: `${year}-12-31` },
      );
      expect(counted.organizationStatistics.collectiveVisits, String(year)).toBe(
        collective.filter((v) => v.startsOn.startsWith(String(year))).length,
      );
      total += counted.organizationStatistics.collectiveVisits;
    }
    // The visit to 杭州 falls in the report's two years: counted once.
    expect(total).toBe(1);
  });

  it('五: capacity — two-way evaluation, key proposals the top leader led two years running, 110+ bulletin issues, national instruction and adoptions', async () => {
    const work = opinionWork();
    type ByLevel = { level: string; items: number; instructions: number }[];
    const data = await ask<{
      keyProposals: Nodes<{ year: number; leaderTitle: string; proposal: { id: string } | null }>;
      eval2025: { proposalsScored: number; units: { unit: { id: string } }[] };
      press: Count;
      bulletinIssues: Count;
      opinionStatistics: { issued: number; issues: number; byLevel: ByLevel };
      thisYear: { byLevel: ByLevel };
      lastYear: { byLevel: ByLevel };
    }>(
      `query($d: ID!) {
      keyProposals(district: $d, topLeader: true, first: 20) { nodes { year leaderTitle proposal { id } } }
      eval2025: twoWayEvaluation(district: $d, year: 2025) { proposalsScored units { unit { id } } }
      press: pressReports(district: $d, subject: KEY_PROPOSALS, frontPage: true, first: 10) { totalCount }
      bulletinIssues(district: $d, first: 1) { totalCount }
      opinionStatistics(filter: { district: $d }) { issued issues byLevel { level items instructions } }
      thisYear: opinionStatistics(filter: { district: $d, from: "2026-01-01", to: "2026-12-31" }) { byLevel { level items } }
      lastYear: opinionStatistics(filter: { district: $d, from: "2025-01-01", to: "2025-12-31" }) { byLevel { level instructions } }
    }`,
      { d: CITY },
    );
    // 市委主要负责同志连续两年领衔督办重点提案; 《X时报》两次在头版给予重点报道
    const years = data.keyProposals.nodes.map((k) => k.year).sort();
    expect(years).toEqual([2025, 2026]);
    for (const k of data.keyProposals.nodes) expect(k.proposal).not.toBeNull();
    expect(data.press.totalCount).toBe(2);
    // 创新推进重点协商课题“一体两用”: a key proposal grown from a key consultation topic, resolved across subgraphs
    const twoUses = (
      await ask<{
        keyProposals: Nodes<{
          year: number;
          consultation: { title: string; form: string } | null;
          researchProject: { title: string } | null;
        }>;
      }>(
        `{ keyProposals(district: "${CITY}", fromConsultation: true, first: 10) { nodes { year consultation { title form } researchProject { title } } } }`,
      )
    ).keyProposals.nodes;
    expect(twoUses.length).toBeGreaterThan(0);
    expect(twoUses[0].consultation).toMatchObject({
      title: ECO_COMPENSATION_MEETING,
      form: 'STANDING_COMMITTEE',
    });
    expect(twoUses[0].researchProject?.title).toBe(
      researchProjects.find((r) => r.key === 'eco')!.title,
    );
    // 创新开放提案质量、提案办理质量双向民主评议
    expect(data.eval2025.proposalsScored).toBeGreaterThan(0);
    expect(data.eval2025.units.length).toBeGreaterThan(0);
    // 共编发《社情民意》专刊110多期、刊发信息XXX多条
    expect(data.bulletinIssues.totalCount).toBeGreaterThanOrEqual(110);
    expect(data.bulletinIssues.totalCount).toBe(
      work.issues.filter((i) => i.district === CITY && i.publishedOn).length,
    );
    expect(data.opinionStatistics.issued).toBe(
      work.items.filter((i) => i.district === CITY && i.issueId !== null).length,
    );
    // 去年一条信息得到国家领导人批示; 今年3条信息被全国政协采用
    const national = (s: { byLevel: ByLevel }) => s.byLevel.find((l) => l.level === 'NATIONAL');
    expect(national(data.lastYear)?.instructions).toBe(1);
    expect(national(data.thisYear)?.items).toBe(3);
  });

  it('五: committees, members and staff — the reform, studios, convenors, standing reports, assessment rules, secondments and promotions', async () => {
    const data = await ask<{
      reform: { committeesChanged: { created: number; functionsAdjusted: number } };
      staff: { outreach: { secondments: number; promotions: { grade: string; count: number }[] } };
      liaisonPairs: Count;
      studios: Count;
      townshipConvenors: { id: string }[];
      scoringRules: { name: string; items: { kind: string }[]; grades: { name: string }[] };
    }>(
      `query($d: ID!) {
      reform: organizationStatistics(district: $d, from: "2025-01-01", to: "2025-12-31") { committeesChanged { created functionsAdjusted } }
      staff: organizationStatistics(district: $d, from: "2024-01-01", to: "2026-12-31") { outreach { secondments promotions { grade count } } }
      liaisonPairs(district: $d, first: 100) { totalCount }
      studios(district: $d, first: 50) { totalCount }
      townshipConvenors(district: $d) { id }
      scoringRules(district: $d, year: 2026) { name items { kind } grades { name } }
    }`,
      { d: CITY },
    );
    // 增设农业和农村委员会，调整了三个专委会职能
    expect(data.reform.committeesChanged).toEqual({
      created: new Set(
        committeeChanges
          .filter((c) => c.kind === 'CREATED' && within(c.on, '2025-01-01', '2025-12-31'))
          .map((c) => c.committeeId),
      ).size,
      functionsAdjusted: 3,
    });
    expect(data.reform.committeesChanged.created).toBe(1);
    // 《对口联系工作制度》: special committees paired with government units
    expect(data.liaisonPairs.totalCount).toBeGreaterThan(0);
    // 委员工作室建设; 住乡镇（街道）的县（区）政协委员召集人制度 (the city counts the studios of the districts below it)
    expect(data.studios.totalCount).toBeGreaterThan(0);
    expect(demoStudios().length).toBeGreaterThan(0);
    expect(townshipConvenors.length).toBeGreaterThan(0);
    // 完善委员履职考核办法
    expect(data.scoringRules.items.length).toBeGreaterThan(0);
    expect(data.scoringRules.grades.length).toBeGreaterThan(0);
    // 近三年X名干部到一线挂职，提拔任用正县级干部X名、副县级干部X名，X名同志晋升一级调研员
    const staff = staffRecords.filter(
      (s) => s.district === CITY && within(s.startsOn, '2024-01-01', '2026-12-31'),
    );
    expect(data.staff.outreach.secondments).toBe(
      staff.filter((s) => s.kind === 'SECONDMENT').length,
    );
    const count = (grade: string) =>
      data.staff.outreach.promotions.find((p) => p.grade === grade)?.count ?? 0;
    for (const grade of ['正县级', '副县级', '一级调研员'])
      expect(count(grade), grade).toBe(
        staff.filter((s) => s.kind !== 'SECONDMENT' && s.grade === grade).length,
      );
  });

  it('五: standing members file yearly reports into their archives; every member has an archive and an assessment', async () => {
    // 建立政协常委提交履职报告制度: every standing member's 2025 report is filed, and the archive shows it
    const reports = standingReports().filter((r) => r.district === CITY && r.year === 2025);
    expect(reports.length).toBeGreaterThan(0);
    const id = String(reports[0].memberId);
    const data = await ask<{
      member: {
        standingCommittee: boolean;
        standingReports: { year: number; status: string }[];
        archive: { counts: { kind: string; count: number }[]; events: Count };
        assessment: { total: number; grade: string };
      };
    }>(
      `query($id: ID!) { member(id: $id) { standingCommittee standingReports { year status } archive { counts { kind count } events(first: 5) { totalCount } } assessment(year: 2025) { total grade } } }`,
      { id },
    );
    expect(data.member.standingCommittee).toBe(true);
    expect(data.member.standingReports).toContainEqual({ year: 2025, status: 'FILED' });
    expect(data.member.archive.counts.find((c) => c.kind === 'report.filed')?.count).toBe(1);
    // 健全委员履职档案, 完善委员履职考核办法: the archive is built from the other subgraphs' events and scored
    expect(data.member.archive.events.totalCount).toBeGreaterThan(1);
    expect(data.member.assessment.grade).toBeTruthy();
    // 履职考核: last year's grades spread as a committee's do — most members fit for their duty
    // (称职 or better), a minority not; the demo once graded three in four 不称职.
    const graded = await ask<{ assessments: { grade: string }[] }>(
      'query($d: ID!, $y: Int!) { assessments(district: $d, year: $y) { grade } }',
      { d: CITY, y: LAST_YEAR },
    );
    const grades = graded.assessments.map((a) => a.grade);
    const share = (names: string[]) =>
      grades.filter((g) => names.includes(g)).length / grades.length;
    expect(grades.length).toBeGreaterThan(100);
    expect(share(['称职', '良好', '优秀'])).toBeGreaterThanOrEqual(0.75);
    // About one in six 优秀, a few 基本称职, at most one in fifty 不称职.
    expect(share(['优秀'])).toBeGreaterThanOrEqual(0.15);
    expect(share(['优秀'])).toBeLessThanOrEqual(0.2);
    expect(share(['基本称职'])).toBeGreaterThan(0);
    expect(share(['基本称职'])).toBeLessThan(0.1);
    expect(share(['不称职'])).toBeLessThanOrEqual(0.02);
  });

  it('the figures for the city with its districts: each total is the sum of the districts below; a hidden figure is refused by name', async () => {
    const figures = 'districts submitted filed replied keyProposals';
    type Figures = {
      districts: string[];
      submitted: number;
      filed: number;
      replied: number;
      keyProposals: number;
    };
    const data = await ask<{
      proposalStatistics: Figures & { byDistrict: Figures[] };
      opinionStatistics: { districts: string[]; issues: number; byDistrict: { issues: number }[] };
    }>(
      `query($d: ID!) {
        proposalStatistics(filter: { district: $d, includeBelow: true, from: "2025-01-01", to: "2026-12-31" }) { ${figures} byDistrict { ${figures} } }
        opinionStatistics(filter: { district: $d, includeBelow: true }) { districts issues byDistrict { issues } }
      }`,
      { d: CITY },
    );
    const total = data.proposalStatistics;
    expect(total.districts.length).toBeGreaterThan(1);
    expect(total.filed).toBeGreaterThan(0);
    for (const key of ['submitted', 'filed', 'replied', 'keyProposals'] as const)
      expect(
        total.byDistrict.reduce((sum, d) => sum + d[key], 0),
        key,
      ).toBe(total[key]);
    expect(data.opinionStatistics.byDistrict.reduce((sum, d) => sum + d.issues, 0)).toBe(
      data.opinionStatistics.issues,
    );
    // Through the gateway, without a token: the public figure is answered, the others refused by name.
    const open = await stack.post<{ proposalStatistics: { filed: number } }>({
      query: `{ proposalStatistics(filter: { district: "${CITY}", includeBelow: true, from: "2025-01-01", to: "2026-12-31" }) { filed } }`,
    });
    expect(open.body.data?.proposalStatistics.filed).toBe(total.filed);
    const hidden = await stack.post({
      query: `{ proposalStatistics(filter: { district: "${CITY}" }) { filed submitted } }`,
    });
    expect(hidden.body.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      figures: ['proposalStatistics.submitted'],
    });
  });
});
