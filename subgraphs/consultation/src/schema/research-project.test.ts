import { CITY, researchProjects, RESEARCH_PHASE_ORDER } from '@cppcc/demo';
import { OutboxEventSchema, systemEm, today } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

/** A ResearchProject as these tests select it. */
type ResearchProjectView = {
  id: string;
  status: string;
  version: number;
  availableActions: string[];
  overdue: boolean;
  joint: boolean;
  partnerCommittees: string[];
  phases: {
    phase: string;
    dueOn: string | null;
    startedOn: string | null;
    completedOn: string | null;
    overdue: boolean;
  }[];
  team: { member: { id: string } | null; role: string }[];
  fieldVisits: {
    place: string;
    attendance: { member: { id: string } | null; attendance: string }[];
  }[];
  reportTitle: string | null;
  reportSubmittedOn: string | null;
};

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const leader = testCaller(['leader'], CITY);
const lead = testCaller(['member'], CITY, '31');
const teammate = testCaller(['member'], CITY, '32');
const fields =
  'id status version availableActions overdue joint partnerCommittees phases { phase dueOn startedOn completedOn overdue } team { member { id } role } fieldVisits { place attendance { member { id } attendance } } reportTitle reportSubmittedOn';
const start = `mutation($i: StartResearchProjectInput!) { startResearchProject(input: $i) { ${fields} } }`;
const input = {
  district: CITY,
  title: '徽州古村落保护利用专题调研',
  topic: '乡村振兴',
  leadCommitteeId: '6',
  deadlines: [
    { phase: 'TOPIC_SELECTED', dueOn: '2099-01-31' },
    { phase: 'PLAN_APPROVED', dueOn: '2099-02-28' },
    { phase: 'FIELDWORK', dueOn: '2099-05-31' },
  ],
  team: [
    { memberId: '31', role: 'LEAD' },
    { memberId: '32', role: 'MEMBER' },
  ],
};

/** A project as a step answers it, as far as the tests read it. */
interface Project {
  status: unknown;
  id: string;
  version: number;
  history?: { toState: string }[];
  phases: { phase: string; completedOn: string | null }[];
}

describe.each(databases())('research projects on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  const outbox = (type: string) => systemEm(module.orm).count(OutboxEventSchema, { type });
  const step = async (
    name: string,
    p: { id: string; version: number },
    caller = staff,
    extra = '',
  ) =>
    module.execute<Record<string, Project>>(
      `mutation { ${name}(id: "${p.id}", version: ${p.version}${extra}) { ${fields}${caller === staff ? ' history { action fromState toState }' : ''} } }`,
      {},
      caller,
    );
  const must = async (
    name: string,
    p: { id: string; version: number },
    caller = staff,
    extra = '',
  ) => {
    const r = await step(name, p, caller, extra);
    if (r.errors) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
    return r.data![name];
  };

  it('refuses a bad start naming the field, writing nothing', async () => {
    const count = async () =>
      (
        await ok<{ researchProjects: { totalCount: number } }>(
          module,
          `{ researchProjects(first: 1000) { totalCount } }`,
          {},
          staff,
        )
      ).researchProjects.totalCount as number;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ joint: true }, 'input.partnerCommittees'],
      [{ partnerCommittees: ['杭州市政协'] }, 'input.joint'],
      [
        {
          deadlines: [
            { phase: 'FIELDWORK', dueOn: '2099-01-01' },
            { phase: 'DRAFTING', dueOn: '2098-12-31' },
          ],
        },
        'input.deadlines',
      ],
      [{ deadlines: [{ phase: 'CLOSED', dueOn: '2099-01-01' }] }, 'input.deadlines'],
      [{ deadlines: [{ phase: 'DRAFTING', dueOn: '2099-02-30' }] }, 'input.deadlines.0.dueOn'],
      [
        {
          team: [
            { memberId: '31', role: 'LEAD' },
            { memberId: '33', role: 'LEAD' },
          ],
        },
        'input.team',
      ],
      [
        {
          team: [
            { memberId: '31', role: 'LEAD' },
            { memberId: '31', role: 'MEMBER' },
          ],
        },
        'input.team',
      ],
      [{ district: '999999' }, 'input.district'],
      [{ title: '调研' }, 'input.title'],
    ];
    for (const [change, field] of cases) {
      const r = await module.execute(start, { i: { ...input, ...change } }, staff);
      expect(r.errors?.[0].extensions?.field, JSON.stringify(change)).toBe(field);
    }
    expect((await module.execute(start, { i: input }, lead)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await module.execute(start, { i: input }, testCaller(['staff'], '341002'))).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'CROSS_DISTRICT', field: 'input.district' });
    expect(await count()).toBe(before);
  });

  it('runs topic → plan → fieldwork → drafting → review → submitted → converted → closed under process control', async () => {
    const joinedBefore = await outbox('research.joined');
    let p: Project = (
      await ok<{
        startResearchProject: ResearchProjectView;
      }>(module, start, { i: input }, staff)
    ).startResearchProject;
    expect(p).toMatchObject({
      status: 'TOPIC_SELECTED',
      overdue: false,
      team: [
        { member: { id: '31' }, role: 'LEAD' },
        { member: { id: '32' }, role: 'MEMBER' },
      ],
    });
    expect(p.phases).toHaveLength(8);
    expect(p.phases[0]).toMatchObject({
      phase: 'TOPIC_SELECTED',
      dueOn: '2099-01-31',
      startedOn: today(),
      completedOn: null,
    });
    expect(await outbox('research.joined')).toBe(joinedBefore + 2);

    const noPlan = await step('approveResearchPlan', p, leader);
    expect(noPlan.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'plan',
    });
    p = (
      await ok<{
        setResearchPlan: ResearchProjectView;
      }>(
        module,
        `mutation { setResearchPlan(id: "${p.id}", version: ${p.version}, plan: "走访歙县、黟县古村落，召开座谈会，形成报告。") { ${fields} } }`,
        {},
        lead,
      )
    ).setResearchPlan;
    expect((await step('approveResearchPlan', p, lead)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    p = await must('approveResearchPlan', p, leader);
    expect(p.status).toBe('PLAN_APPROVED');

    expect((await step('startResearchFieldwork', p, teammate)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    p = await must('startResearchFieldwork', p, lead);
    expect((await step('startResearchDrafting', p, lead)).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'fieldVisit',
    });

    const visit = `mutation($a: [FieldVisitAttendeeInput!]!) { recordFieldVisit(projectId: "${p.id}", visitedOn: "2026-05-06", place: "黟县西递村", attendance: $a) { place attendance { member { id } attendance } } }`;
    const outsider = await module.execute(
      visit,
      { a: [{ memberId: '40', attendance: 'PRESENT' }] },
      lead,
    );
    expect(outsider.errors?.[0].extensions).toMatchObject({
      field: 'input.attendance',
      rule: 'team',
    });
    expect((await module.execute(visit, { a: [] }, teammate)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const visited = await ok<{
      recordFieldVisit: {
        place: string;
        attendance: { member: { id: string } | null; attendance: string }[];
      };
    }>(
      module,
      visit,
      {
        a: [
          { memberId: '31', attendance: 'PRESENT' },
          { memberId: '32', attendance: 'ON_LEAVE' },
        ],
      },
      lead,
    );
    expect(visited.recordFieldVisit.attendance).toEqual([
      { member: { id: '31' }, attendance: 'PRESENT' },
      { member: { id: '32' }, attendance: 'ON_LEAVE' },
    ]);

    p = await must('startResearchDrafting', p, lead);
    expect((await step('reviewResearchReport', p, leader)).errors?.[0].extensions).toMatchObject({
      missing: 'report',
    });
    p = (
      await ok<{
        writeResearchReport: ResearchProjectView;
      }>(
        module,
        `mutation { writeResearchReport(id: "${p.id}", version: ${p.version}, title: "关于加强徽州古村落保护利用的调研报告", text: "古村落保护取得成效，但资金投入不足、活化利用不够，建议建立多元投入机制。") { ${fields} } }`,
        {},
        lead,
      )
    ).writeResearchReport;
    p = await must('reviewResearchReport', p, leader);
    p = await must('returnResearchDraft', p, leader, ', note: "补充资金测算"');
    expect(p.status).toBe('DRAFTING');
    p = await must('reviewResearchReport', p, leader);
    expect((await step('submitResearchReport', p, leader)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    p = await must('submitResearchReport', p);
    expect(p).toMatchObject({ status: 'SUBMITTED', reportSubmittedOn: today() });

    expect((await step('convertResearchProject', p)).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'recommendation',
    });
    await ok<{ draftRecommendation: { id: string } }>(
      module,
      `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id } }`,
      {
        i: {
          district: CITY,
          kind: 'RECOMMENDATION',
          title: '关于建立古村落保护多元投入机制的建议',
          text: '建议设立古村落保护基金，引导社会资本参与活化利用。',
          researchProjectId: p.id,
          authorIds: ['31', '32'],
        },
      },
      staff,
    );
    p = await must('convertResearchProject', p);
    const closed = await must('closeResearchProject', p);
    expect(closed.status).toBe('CLOSED');
    expect(closed.history?.map((h) => h.toState)).toEqual([
      'TOPIC_SELECTED',
      'PLAN_APPROVED',
      'FIELDWORK',
      'DRAFTING',
      'REVIEWED',
      'DRAFTING',
      'REVIEWED',
      'SUBMITTED',
      'CONVERTED',
      'CLOSED',
    ]);
    expect(closed.phases.filter((ph) => ph.completedOn !== null).map((ph) => ph.phase)).toEqual(
      RESEARCH_PHASE_ORDER.slice(0, 7),
    );
    expect((await step('closeResearchProject', closed)).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'CLOSED',
    });

    const mine = await ok<{
      _entities: { researchProjects: { nodes: { id: string }[] } | null }[];
    }>(
      module,
      `{ _entities(representations: [{ __typename: "Member", id: "32" }]) { ... on Member { researchProjects { nodes { id } } } } }`,
      {},
      teammate,
    );
    expect(mine._entities[0].researchProjects?.nodes).toContainEqual({ id: p.id });
    const peer = await module.execute(
      `{ researchProject(id: "${p.id}") { id } }`,
      {},
      testCaller(['member'], CITY, '50'),
    );
    expect(peer).toEqual({ data: { researchProject: null } });
  });

  it('flags a phase running past its deadline, and clears it when the deadline moves', async () => {
    let p = (
      await ok<{
        startResearchProject: ResearchProjectView;
      }>(
        module,
        start,
        {
          i: {
            ...input,
            title: '逾期测试：乡村教师队伍调研',
            deadlines: [{ phase: 'TOPIC_SELECTED', dueOn: '2020-01-10' }],
          },
        },
        staff,
      )
    ).startResearchProject;
    expect(p.overdue).toBe(true);
    expect(p.phases[0].overdue).toBe(true);
    const overdue = async () =>
      (
        await ok<{ researchProjects: { nodes: { id: string }[] } }>(
          module,
          `{ researchProjects(filter: { overdue: true }, first: 1000) { nodes { id } } }`,
          {},
          staff,
        )
      ).researchProjects.nodes.map((n) => n.id);
    expect(await overdue()).toContain(p.id);
    const backwards = await module.execute(
      `mutation { setResearchDeadlines(id: "${p.id}", version: ${p.version}, deadlines: [{ phase: TOPIC_SELECTED, dueOn: "2099-12-31" }, { phase: PLAN_APPROVED, dueOn: "2099-01-01" }]) { id } }`,
      {},
      staff,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ field: 'deadlines', rule: 'order' });
    p = (
      await ok<{
        setResearchDeadlines: ResearchProjectView;
      }>(
        module,
        `mutation { setResearchDeadlines(id: "${p.id}", version: ${p.version}, deadlines: [{ phase: TOPIC_SELECTED, dueOn: "2099-01-10" }]) { ${fields} } }`,
        {},
        staff,
      )
    ).setResearchDeadlines;
    expect(p.overdue).toBe(false);
    expect(await overdue()).not.toContain(p.id);
  });

  it("shows the report's research: joint research with another city, and which projects are overdue", async () => {
    const all = (
      await ok<{
        researchProjects: {
          nodes: { id: string; title: string; joint: boolean; overdue: boolean }[];
        };
      }>(
        module,
        `{ researchProjects(first: 100) { nodes { id title joint partnerCommittees status overdue } } }`,
        {},
        staff,
      )
    ).researchProjects.nodes;
    const joint = all.find((p) => p.joint);
    expect(joint).toMatchObject({
      title: '新安江—千岛湖生态补偿试验区建设联动调研',
      partnerCommittees: ['杭州市政协'],
      status: 'FIELDWORK',
    });
    for (const demo of researchProjects) {
      const current = RESEARCH_PHASE_ORDER.indexOf(demo.status);
      const row = all.find((p) => p.title === demo.title);
      expect(row!.overdue, demo.title).toBe(
        demo.status !== 'CLOSED' && demo.due[current] < today(),
      );
    }
    const entity = await ok<{ _entities: { title: string; joint: boolean }[] }>(
      module,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ResearchProject { title joint } } }`,
      { r: [{ __typename: 'ResearchProject', id: joint!.id }] },
      staff,
    );
    expect(entity._entities[0]).toEqual({ title: joint!.title, joint: true });
  });
});
