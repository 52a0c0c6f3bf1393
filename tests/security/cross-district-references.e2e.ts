import { CITY, governmentUnits, members as demoMembers } from '@cppcc/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, type Stack } from '../harness.js';
import { asking } from './shared.js';

/**
 * Issue 13, Deliver 5, the sweep (docs/security.md, "The sweep"): the holes it found where the
 * matrix's rows do not reach — a read with the district filter off that showed a non-public row
 * under a public one, plugin writes whose referenced record was not checked against the district
 * of the record written, and a unit's grant given to a token without the unit role. Each is tried
 * across districts or roles (refused) and within them (works).
 */

const A = '341002'; // 屯溪区: inter-city exchange on, eco-compensation off in the demo
const B = '341021'; // 歙县: eco-compensation on, inter-city exchange off in the demo

describe('references across districts (the sweep)', () => {
  let stack: Stack;
  /** 屯溪区's cooperation mechanism and its committees, made by the exchange-visit case. */
  let mechanism: { id: string; committees: string[] } | undefined;
  const { ask: as, must } = asking(() => stack);
  const staff = (district: string) => stack.token({ roles: ['staff'], district });
  const memberOf = (district: string) =>
    String(demoMembers().find((m) => m.district === district)!.id);

  beforeAll(async () => {
    stack = await startStack({
      gatewaySettings: { limits: { ...settings.limits, maxCost: 100_000_000 } },
    });
  }, 300_000);
  afterAll(async () => stack?.stop());

  it("shows a leader's instruction on a filed (public) proposal only to its district's office and its proposers", async () => {
    const oracle = await stack.token({ roles: ['admin'], district: CITY });
    // A filed proposal, one whatever step its handling has reached (instructions are written on those).
    const filed = (
      await must<{
        proposals: { nodes: { id: string; status: string; author: { id: string } | null }[] };
      }>(
        'query($d: ID) { proposals(filter: { district: $d }, first: 1000) { nodes { id status author { id } } } }',
        { d: A },
        oracle,
      )
    ).proposals.nodes.find((p) =>
      ['FILED', 'ASSIGNED', 'REPLIED', 'RATED', 'UNSATISFIED', 'CLOSED'].includes(p.status),
    );
    if (!filed) throw new Error('no filed proposal in 屯溪区');
    const recorded = await must<{ recordInstruction: { id: string } }>(
      'mutation($i: RecordInstructionInput!) { recordInstruction(input: $i) { id } }',
      {
        i: {
          subjectType: 'PROPOSAL',
          subjectId: filed.id,
          leader: '区委书记',
          level: 'DISTRICT',
          text: '批示：请区住建局牵头办理，月底前报结果。',
          instructedOn: '2024-06-01',
        },
      },
      await staff(A),
    );
    const id = recorded.recordInstruction.id;
    const read = async (token?: string) => {
      const body = await as<{ proposal: { instructions: { id: string }[] } }>(
        'query($id: ID!) { proposal(id: $id) { id instructions { id text } } }',
        { id: filed.id },
        token,
      );
      expect(body.errors).toBeUndefined();
      return body.data!.proposal.instructions.map((i) => i.id);
    };
    // The proposal is public: everyone reads it, but the instruction is not theirs to read.
    expect(await read()).toEqual([]);
    expect(
      await read(await stack.token({ roles: ['member'], district: B, memberId: memberOf(B) })),
    ).toEqual([]);
    expect(await read(await staff(B))).toEqual([]);
    expect(
      await read(
        await stack.token({
          roles: ['unit'],
          district: A,
          unitId: String(governmentUnits.find((u) => u.district === A)!.id),
        }),
      ),
    ).toEqual([]);
    // Its district's office (and the city's) and its author read it.
    expect(await read(await staff(A))).toContain(id);
    expect(await read(await stack.token({ roles: ['leader'], district: A }))).toContain(id);
    expect(await read(await staff(CITY))).toContain(id);
    expect(
      await read(await stack.token({ roles: ['member'], district: A, memberId: filed.author!.id })),
    ).toContain(id);
  });

  it("refuses a compensation round on another district's monitoring section, and takes one on its own", async () => {
    const section = async (district: string, code: string) =>
      (
        await must<{ addMonitoringSection: { id: string } }>(
          'mutation($d: ID!, $c: String!) { addMonitoringSection(district: $d, code: $c, name: "矩阵断面") { id } }',
          { d: district, c: code },
          await staff(district),
        )
      ).addMonitoringSection.id;
    const citySection = await section(CITY, 'X-CITY');
    const ownSection = await section(B, 'X-SHEXIAN');
    const round = (sectionId: string) => ({
      i: {
        district: B,
        basin: '新安江–千岛湖',
        startYear: 2024,
        endYear: 2025,
        agreementTitle: '县级试点协议',
        parties: ['歙县', '淳安县'],
        upstream: '歙县',
        downstream: '淳安县',
        sectionId,
        transferAmount: 100,
        baseLimits: [
          { indicator: 'codmn', limit: 4 },
          { indicator: 'nh3n', limit: 0.5 },
          { indicator: 'tn', limit: 1 },
          { indicator: 'tp', limit: 0.1 },
        ],
      },
    });
    const create =
      'mutation($i: CreateCompensationRoundInput!) { createCompensationRound(input: $i) { id } }';
    // 歙县's staff may write 歙县's rounds, but a round of 歙县 reads (and is recomputed from) the city's samples: refused.
    const across = await as(create, round(citySection), await staff(B));
    expect(across.data).toBeNull();
    expect(across.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.sectionId',
      rule: 'within-district',
    });
    expect((await as(create, round(ownSection), await staff(B))).errors).toBeUndefined();
    // The city's round on a county's section (the demo's 街口) is within its district: taken.
    expect(
      (await as(create, { i: { ...round(ownSection).i, district: CITY } }, await staff(CITY)))
        .errors,
    ).toBeUndefined();
  });

  it("refuses an exchange visit naming a partner or a mechanism another district keeps, and takes the city's", async () => {
    await must(
      'mutation { enablePlugin(district: "341021", plugin: "inter-city-exchange") { enabled } }',
      {},
      await stack.token({ roles: ['operator'], district: B }),
    );
    const partner = async (district: string, name: string) =>
      (
        await must<{ registerPartnerCommittee: { id: string } }>(
          'mutation($i: RegisterPartnerCommitteeInput!) { registerPartnerCommittee(input: $i) { id } }',
          { i: { district, name, city: '台州市', province: '浙江省' } },
          await staff(district),
        )
      ).registerPartnerCommittee.id;
    // The switch reaches the plugin over the bus: wait until 歙县's staff may write its records.
    let ownPartner: string | undefined;
    await stack.settle(async () => {
      const body = await as<{ registerPartnerCommittee: { id: string } | null }>(
        'mutation($i: RegisterPartnerCommitteeInput!) { registerPartnerCommittee(input: $i) { id } }',
        { i: { district: B, name: '歙县的伙伴', city: '台州市', province: '浙江省' } },
        await staff(B),
      );
      ownPartner = body.data?.registerPartnerCommittee?.id;
      return ownPartner !== undefined;
    }, 45_000);
    const partnerOfA = await partner(A, '屯溪区的伙伴');
    const cityPartner = await partner(CITY, '市里的伙伴');
    const mechanismOfA = (
      await must<{ createCooperationMechanism: { id: string } }>(
        'mutation($i: CreateCooperationMechanismInput!) { createCooperationMechanism(input: $i) { id } }',
        {
          i: {
            district: A,
            name: '屯溪—台州联络',
            agreementTitle: '合作备忘录',
            agreementSignedOn: '2024-01-10',
            agreementText: '双方每年互访一次。',
            committees: [{ district: A }, { partnerId: partnerOfA }],
          },
        },
        await staff(A),
      )
    ).createCooperationMechanism.id;
    mechanism = {
      id: mechanismOfA,
      committees: (
        await must<{ cooperationMechanism: { committees: { id: string }[] } }>(
          'query($id: ID!) { cooperationMechanism(id: $id) { committees { id } } }',
          { id: mechanismOfA },
          await staff(A),
        )
      ).cooperationMechanism.committees.map((c) => c.id),
    };
    const visit = (partnerId: string, mechanismId: string | null = null) => ({
      i: {
        district: B,
        partnerId,
        mechanismId,
        direction: 'OUTGOING',
        startsOn: '2024-10-10',
        endsOn: '2024-10-12',
        topics: ['交流'],
        delegation: [memberOf(B)],
      },
    });
    const plan = 'mutation($i: PlanExchangeVisitInput!) { planExchangeVisit(input: $i) { id } }';
    const byPartner = await as(plan, visit(partnerOfA), await staff(B));
    expect(byPartner.data).toBeNull();
    expect(byPartner.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.partnerId',
      rule: 'within-district',
    });
    const byMechanism = await as(plan, visit(cityPartner, mechanismOfA), await staff(B));
    expect(byMechanism.data).toBeNull();
    expect(byMechanism.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.mechanismId',
      rule: 'within-district',
    });
    // Its own partner, and the city's (a district above it), are taken.
    expect((await as(plan, visit(ownPartner!), await staff(B))).errors).toBeUndefined();
    expect((await as(plan, visit(cityPartner), await staff(B))).errors).toBeUndefined();
  });

  it("refuses joint research under a district's mechanism naming another district's research project, and takes its own", async () => {
    expect(mechanism).toBeDefined();
    const start = async (district: string) =>
      (
        await must<{ startResearchProject: { id: string } }>(
          'mutation($i: StartResearchProjectInput!) { startResearchProject(input: $i) { id } }',
          { i: { district, title: `联合调研${district}`, topic: '文旅融合' } },
          await staff(district),
        )
      ).startResearchProject.id;
    const elsewhere = await start(B);
    const own = await start(A);
    const asStaffA = await staff(A);
    // The projects reach the plugin's replica over the bus; until then they are unknown ("exists").
    const attempt = async (id: string) =>
      as(
        'mutation($i: RecordJointActivityInput!) { recordJointActivity(input: $i) { id } }',
        {
          i: {
            mechanismId: mechanism!.id,
            kind: 'JOINT_RESEARCH',
            topic: '文旅融合联合调研',
            researchProjectId: id,
            participantIds: mechanism!.committees,
            startsOn: '2024-11-01',
          },
        },
        asStaffA,
      );
    const across = await stack.settle(async () => {
      const body = await attempt(elsewhere);
      return body.errors?.[0].extensions?.rule === 'exists' ? false : body;
    }, 45_000);
    expect(across.data).toBeNull();
    expect(across.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.researchProjectId',
      rule: 'within-district',
    });
    const within = await stack.settle(async () => {
      const body = await attempt(own);
      return body.errors?.[0].extensions?.rule === 'exists' ? false : body;
    }, 45_000);
    expect(within.errors).toBeUndefined();
  });

  it('lets a token act as a government unit only with the unit role: an admin token naming a unit may not', async () => {
    const staffA = await staff(A);
    const unitId = String(governmentUnits.find((u) => u.district === A)!.id);
    // A proposal of 屯溪区 filed and assigned to the unit: its task waits for the unit's receipt.
    const submitted = (
      await must<{ proposals: { nodes: { id: string; version: number }[] } }>(
        'query($d: ID) { proposals(filter: { district: $d, status: SUBMITTED }, first: 1) { nodes { id version } } }',
        { d: A },
        staffA,
      )
    ).proposals.nodes[0];
    const filed = (
      await must<{ fileProposal: { version: number } }>(
        'mutation($id: ID!, $v: Int!) { fileProposal(id: $id, version: $v) { version } }',
        { id: submitted.id, v: submitted.version },
        staffA,
      )
    ).fileProposal;
    const assigned = (
      await must<{
        assignProposal: { tasks: { id: string; status: string; version: number }[] };
      }>(
        'mutation($id: ID!, $v: Int!, $i: AssignProposalInput!) { assignProposal(id: $id, version: $v, input: $i) { version tasks { id status version } } }',
        { id: submitted.id, v: filed.version, i: { mode: 'SOLE', unitIds: [unitId] } },
        staffA,
      )
    ).assignProposal;
    const task = assigned.tasks.find((t) => t.status === 'PENDING_RECEIPT');
    if (!task) throw new Error('no task waiting for the unit to receive it');
    const receive =
      'mutation($id: ID!, $v: Int!) { receiveHandlingTask(id: $id, version: $v) { status } }';
    const byAdmin = await as(
      receive,
      { id: task.id, v: task.version },
      await stack.token({ roles: ['admin'], district: A, unitId }),
    );
    expect(byAdmin.data).toBeNull();
    expect(byAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byUnit = await as<{ receiveHandlingTask: { status: string } }>(
      receive,
      { id: task.id, v: task.version },
      await stack.token({ roles: ['unit'], district: A, unitId }),
    );
    expect(byUnit.errors).toBeUndefined();
    expect(byUnit.data!.receiveHandlingTask.status).toBe('RECEIVED');
  });
});
