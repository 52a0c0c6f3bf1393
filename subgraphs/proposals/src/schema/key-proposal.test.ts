import { instructionSubjectRegistered, proposalHonoured } from '@cppcc/events';
import { today } from '@cppcc/kit';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  auditOf,
  eventsOf,
  input,
  leaderOf,
  member,
  officeOf,
  ok,
  refused,
  SUBMIT,
  staffOf,
  startProposals,
  unitsOf,
  unitUser,
  type ProposalView,
} from '../test-support.js';

const author = member(9001);
const staff = staffOf(A);
const [U1] = unitsOf(A);
const year = new Date().getUTCFullYear();

describe.each(databases())(
  'key proposals, two-way evaluation, awards and instructions on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const version = async (id: string) =>
      (await ok<{ version: number }>(module, `{ proposal(id: "${id}") { version } }`, {}, staff))
        .version;
    /** A task step takes the task's version. */
    const taskVersion = async (id: string, taskId: string) =>
      (
        await ok<{ tasks: { id: string; version: number }[] }>(
          module,
          `{ proposal(id: "${id}") { tasks { id version } } }`,
          {},
          staff,
        )
      ).tasks.find((t) => t.id === taskId)!.version;
    /** A proposal assigned to U1, whose reply the office accepted. */
    const replied = async () => {
      const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      await ok<{ id: string }>(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`,
        {},
        staff,
      );
      const a = await ok<{ tasks: { id: string }[] }>(
        module,
        `mutation { assignProposal(id: "${p.id}", version: ${await version(p.id)}, input: { mode: SOLE, unitIds: ["${U1}"] }) { tasks { id } } }`,
        {},
        staff,
      );
      const taskId = a.tasks[0].id;
      await ok<{ id: string }>(
        module,
        `mutation { receiveHandlingTask(id: "${taskId}", version: ${await taskVersion(p.id, taskId)}) { id } }`,
        {},
        unitUser(U1),
      );
      await ok<{ id: string }>(
        module,
        `mutation { replyToProposal(id: "${taskId}", version: ${await taskVersion(p.id, taskId)}, input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: A }) { id } }`,
        {},
        unitUser(U1),
      );
      return { id: p.id as string, taskId: taskId as string };
    };
    const accept = async (p: { id: string; taskId: string }) =>
      ok<{ id: string }>(
        module,
        `mutation { passProposalReply(id: "${p.taskId}", version: ${await taskVersion(p.id, p.taskId)}) { id } }`,
        {},
        officeOf(A),
      );

    it("records the chair meeting's key proposal with its leader, supervision meetings and progress reports, and announces it", async () => {
      const p = await replied();
      const key = await ok<{ id: string; leaderTitle: string; topLeader: boolean }>(
        module,
        `mutation($i: DesignateKeyProposalInput!) { designateKeyProposal(input: $i) { id leaderTitle topLeader } }`,
        {
          i: {
            proposalId: p.id,
            year,
            chairMeetingOn: today(),
            leaderName: '市委主要负责同志',
            leaderTitle: '市委书记',
            topLeader: true,
          },
        },
        staff,
      );
      expect(key).toMatchObject({ leaderTitle: '市委书记', topLeader: true });
      expect(await eventsOf(module, proposalHonoured)).toContainEqual(
        expect.objectContaining({ proposalId: p.id, honour: 'KEY', authorId: '9001' }),
      );
      await ok<{ id: string }>(
        module,
        `mutation { recordKeyProposalSupervision(keyProposalId: "${key.id}", kind: MEETING, heldOn: "${today()}", text: "督办协商会") { id } }`,
        {},
        leaderOf(A),
      );
      await ok<{ id: string }>(
        module,
        `mutation { recordKeyProposalSupervision(keyProposalId: "${key.id}", kind: PROGRESS_REPORT, heldOn: "${today()}", text: "已完成方案制定") { id } }`,
        {},
        unitUser(U1),
      );
      expect(
        await refused(
          module,
          `mutation { recordKeyProposalSupervision(keyProposalId: "${key.id}", kind: MEETING, heldOn: "${today()}", text: "x") { id } }`,
          {},
          unitUser(U1),
        ),
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        await refused(
          module,
          `mutation { recordKeyProposalSupervision(keyProposalId: "${key.id}", kind: MEETING, heldOn: "2999-01-01", text: "x") { id } }`,
          {},
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
      const seen = await ok<{ keyProposal: { supervision: { kind: string }[] } }>(
        module,
        `{ proposal(id: "${p.id}") { keyProposal { supervision { kind } } } }`,
        {},
        author,
      );
      expect(seen.keyProposal.supervision.map((s) => s.kind)).toEqual([
        'MEETING',
        'PROGRESS_REPORT',
      ]);
      expect(
        await refused(
          module,
          `mutation($i: DesignateKeyProposalInput!) { designateKeyProposal(input: $i) { id } }`,
          {
            i: {
              proposalId: p.id,
              year,
              chairMeetingOn: today(),
              leaderName: 'x',
              leaderTitle: 'y',
            },
          },
          staff,
        ),
      ).toMatchObject({ code: 'CONFLICT' });
      expect(
        await refused(
          module,
          `mutation($i: DesignateKeyProposalInput!) { designateKeyProposal(input: $i) { id } }`,
          {
            i: {
              proposalId: p.id,
              year,
              chairMeetingOn: today(),
              leaderName: 'x',
              leaderTitle: 'y',
            },
          },
          author,
        ),
      ).toMatchObject({ code: 'FORBIDDEN' });
      const unfiled = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      expect(
        await refused(
          module,
          `mutation($i: DesignateKeyProposalInput!) { designateKeyProposal(input: $i) { id } }`,
          {
            i: {
              proposalId: unfiled.id,
              year,
              chairMeetingOn: today(),
              leaderName: 'x',
              leaderTitle: 'y',
            },
          },
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.proposalId' });
    });

    it('scores both ways once the reply is accepted, back to back, within the criteria', async () => {
      const p = await replied();
      const quality = `mutation($s: ProposalQualityScoresInput!) { scoreProposalQuality(taskId: "${p.taskId}", scores: $s) { total band } }`;
      const handling = `mutation($s: HandlingQualityScoresInput!) { scoreHandlingQuality(taskId: "${p.taskId}", scores: $s) { total band } }`;
      const q = { scientific: 19, serious: 18, feasible: 18, standard: 17, influential: 19 };
      const h = { organization: 22, communication: 20, reply: 18, implementation: 16 };
      expect(await refused(module, quality, { s: q }, unitUser(U1))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'taskId',
        rule: 'replied',
      });
      await accept(p);
      expect(
        await refused(module, quality, { s: { ...q, scientific: 21 } }, unitUser(U1)),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores.scientific' });
      expect(await refused(module, quality, { s: q }, unitUser(unitsOf(A)[1]))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(
        await ok<{ total: number; band: string }>(module, quality, { s: q }, unitUser(U1)),
      ).toEqual({
        total: 91,
        band: 'EXCELLENT',
      });
      expect(await refused(module, quality, { s: q }, unitUser(U1))).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await refused(module, handling, { s: h }, member(9002))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await ok<{ total: number; band: string }>(module, handling, { s: h }, author)).toEqual(
        { total: 76, band: 'GOOD' },
      );
      const forStaff = await ok<{
        qualityScores: { total: number }[] | null;
        handlingScores: { total: number }[] | null;
      }>(
        module,
        `{ proposal(id: "${p.id}") { qualityScores { total } handlingScores { total } } }`,
        {},
        staff,
      );
      expect(forStaff).toEqual({ qualityScores: [{ total: 91 }], handlingScores: [{ total: 76 }] });
      const forAuthor = await ok<{ qualityScores: { total: number }[] | null }>(
        module,
        `{ proposal(id: "${p.id}") { qualityScores { total } } }`,
        {},
        author,
      );
      expect(forAuthor.qualityScores).toBeNull();
      expect(
        (await auditOf(module, 'proposal', p.id)).filter((a) => a[1].startsWith('score')),
      ).toEqual([
        ['REPLIED', 'scoreQuality', 'REPLIED'],
        ['REPLIED', 'scoreHandling', 'REPLIED'],
      ]);
    });

    it('awards excellent proposals, announcing it; filing told consultation the proposal takes instructions', async () => {
      const p = await replied();
      expect(
        await ok<{ year: number }>(
          module,
          `mutation { awardExcellentProposal(proposalId: "${p.id}", year: ${year}, awardedOn: "${today()}") { year } }`,
          {},
          staff,
        ),
      ).toEqual({ year });
      expect(await eventsOf(module, proposalHonoured)).toContainEqual(
        expect.objectContaining({ proposalId: p.id, honour: 'EXCELLENT' }),
      );
      expect(
        await refused(
          module,
          `mutation { awardExcellentProposal(proposalId: "${p.id}", year: ${year}, awardedOn: "${today()}") { year } }`,
          {},
          staff,
        ),
      ).toMatchObject({ code: 'CONFLICT' });
      // Instructions on it are consultation's: filing told consultation whom they concern.
      expect(await eventsOf(module, instructionSubjectRegistered)).toContainEqual(
        expect.objectContaining({ subjectType: 'PROPOSAL', subjectId: p.id, memberIds: ['9001'] }),
      );
      expect((await auditOf(module, 'proposal', p.id)).map((a) => a[1])).toEqual(
        expect.arrayContaining(['awardExcellent']),
      );
    });

    it('lists key proposals by their chair meeting day, and evaluates the proposals submitted in a range as it does a year', async () => {
      const designate = async (chairMeetingOn: string) => {
        const p = await replied();
        return (
          await ok<{ id: string }>(
            module,
            `mutation($i: DesignateKeyProposalInput!) { designateKeyProposal(input: $i) { id } }`,
            {
              i: {
                proposalId: p.id,
                year,
                chairMeetingOn,
                leaderName: '市政协主席',
                leaderTitle: '主席',
              },
            },
            staff,
          )
        ).id;
      };
      const spring = await designate('2024-02-01');
      const summer = await designate('2024-05-01');
      const keys = async (from?: string, to?: string) =>
        (
          await ok<{ nodes: { id: string }[] }>(
            module,
            `query($from: Date, $to: Date) { keyProposals(district: "${A}", from: $from, to: $to, first: 100) { nodes { id } } }`,
            { from, to },
            staff,
          )
        ).nodes.map((k) => k.id);
      expect(await keys('2024-01-01', '2024-12-31')).toEqual([spring, summer]);
      expect(await keys('2024-02-01', '2024-02-01')).toEqual([spring]);
      expect(await keys('2024-02-02', '2024-05-01')).toEqual([summer]);
      expect(await keys(undefined, '2023-12-31')).toEqual([]);
      expect((await keys('2024-05-02')).length).toBe((await keys()).length - 2);
      expect(
        await refused(
          module,
          `{ keyProposals(from: "2024-05-02", to: "2024-05-01") { totalCount } }`,
          {},
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', rule: 'order' });

      // Two-way evaluation: this test's proposals were all submitted today, in this year.
      const EVAL = (args: string) =>
        `{ twoWayEvaluation(district: "${A}", ${args}) { proposalsScored proposalAverage units { scored average band } } }`;
      const byYear = await ok<{ proposalsScored: number }>(
        module,
        EVAL(`year: ${year}`),
        {},
        staff,
      );
      expect(byYear.proposalsScored).toBeGreaterThan(0);
      expect(await ok(module, EVAL(`from: "${today()}", to: "${today()}"`), {}, staff)).toEqual(
        byYear,
      );
      expect(
        await ok(module, EVAL('from: "2020-01-01", to: "2020-12-31"'), {}, staff),
      ).toMatchObject({ proposalsScored: 0, units: [] });
      expect(
        await refused(
          module,
          EVAL(`year: ${year}, from: "${today()}", to: "${today()}"`),
          {},
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year', rule: 'one-period' });
      expect(await refused(module, EVAL(`from: "${today()}"`), {}, staff)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'to',
      });
    });
  },
  120_000,
);
