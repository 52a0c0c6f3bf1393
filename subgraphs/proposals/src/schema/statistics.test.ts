import { randomUUID } from 'node:crypto';
import { instructionReceived } from '@cppcc/events';
import { ProcessedEventSchema, systemEm, today } from '@cppcc/kit';
import { coreEvent, databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProposalSchema } from '../entities/proposal.entity.js';
import {
  A,
  B,
  DRAFT,
  input,
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
import type { ProposalStats } from './statistics.js';

/** proposalStatistics as these tests select it: the module's own figures, grades as strings. */
type ProposalStatisticsView = Omit<
  ProposalStats,
  'converted' | 'merged' | 'withdrawn' | 'byProposer' | 'keyProposalsFromConsultation' | 'grades'
> & { grades: { grade: string; count: number; share: number | null }[] };

/** A OpinionStatistics as these tests select it. */
type OpinionStatisticsView = {
  submitted: number;
  issued: number;
  issues: number;
  adopted: number;
  instructions: number;
  byLevel: {
    level: string;
    items: number;
    single: number;
    combined: number;
    instructions: number;
  }[];
};

const staff = staffOf(A);
const [U1, U2] = unitsOf(A);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const OPINION_STATS =
  'query($f: OpinionStatisticsFilter) { opinionStatistics(filter: $f) { submitted } }';
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

const STATS = `query($f: ProposalStatisticsFilter) { proposalStatistics(filter: $f) {
  submitted filed notFiled assigned replied replyRate rated satisfied basicallySatisfied unsatisfied satisfactionRate overdue keyProposals excellent instructions grades { grade count share } } }`;

/**
 * Consultation recorded an instruction on a proposal or an item and said so; the event is sent
 * twice (at least once delivery) and must be counted once.
 */
async function instructedInConsultation(
  module: TestModule,
  instructionId: string,
  subjectType: 'PROPOSAL' | 'OPINION_ITEM',
  subjectId: string,
  level: 'NATIONAL' | 'CITY',
): Promise<void> {
  const instructed = coreEvent(
    instructionReceived,
    {
      instructionId,
      subjectType,
      subjectId,
      title: '标题',
      leader: '市委主要负责同志',
      level,
      memberIds: ['9001'],
      instructedOn: today(),
    },
    'consultation',
    A,
  );
  const again = { ...instructed, id: randomUUID() };
  await module.transport.publish([instructed, again]);
  for (
    let i = 0;
    i < 100 &&
    (await systemEm(module.orm).count(ProcessedEventSchema, {
      eventId: { $in: [instructed.id, again.id] },
    })) < 2;
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
}

describe.each(databases())(
  'statistics computed from rows on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
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
      const file = async (authorId: number) => {
        const p = await ok<ProposalView>(module, SUBMIT, { i: input }, member(authorId));
        await ok<{ id: string }>(
          module,
          `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`,
          {},
          staff,
        );
        return p.id as string;
      };
      const handle = async (id: string, unit: number, grade: string, rating: string) => {
        const a = await ok<{ tasks: { id: string }[] }>(
          module,
          `mutation { assignProposal(id: "${id}", version: ${await version(id)}, input: { mode: SOLE, unitIds: ["${unit}"] }) { tasks { id } } }`,
          {},
          staff,
        );
        const t = a.tasks[0].id;
        await ok<{ id: string }>(
          module,
          `mutation { receiveHandlingTask(id: "${t}", version: ${await taskVersion(id, t)}) { id } }`,
          {},
          unitUser(unit),
        );
        await ok<{ id: string }>(
          module,
          `mutation { replyToProposal(id: "${t}", version: ${await taskVersion(id, t)}, input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: ${grade} }) { id } }`,
          {},
          unitUser(unit),
        );
        await ok<{ id: string }>(
          module,
          `mutation { passProposalReply(id: "${t}", version: ${await taskVersion(id, t)}) { id } }`,
          {},
          officeOf(A),
        );
        await ok<{ status: string }>(
          module,
          `mutation { rateProposalReply(id: "${id}", version: ${await version(id)}, rating: ${rating}, comment: "意见") { status } }`,
          {},
          member(
            Number(
              (
                await ok<{ author: { id: string } | null }>(
                  module,
                  `{ proposal(id: "${id}") { author { id } } }`,
                  {},
                  staff,
                )
              ).author!.id,
            ),
          ),
        );
      };
      // P1: 9001, handled by U1, grade A, satisfied. P2: 9002, by U2, grade C, unsatisfied.
      await handle(await file(9001), U1, 'A', 'SATISFIED');
      await handle(await file(9002), U2, 'C', 'UNSATISFIED');
      // P3: 9003, assigned to U1 four months ago and not answered: overdue.
      const p3 = await file(9003);
      await systemEm(module.orm).nativeUpdate(
        ProposalSchema,
        { id: Number(p3) },
        { filedAt: new Date(Date.now() - 400 * 86_400_000) },
      );
      await ok<{ id: string }>(
        module,
        `mutation { assignProposal(id: "${p3}", version: ${await version(p3)}, input: { mode: SOLE, unitIds: ["${U1}"], assignedOn: "${daysAgo(125)}" }) { id } }`,
        {},
        staff,
      );
      // P4: 9004, not filed. P5: 9005 with 9001 co-signing, filed.
      const p4 = await ok<ProposalView>(module, SUBMIT, { i: input }, member(9004));
      await ok<{ id: string }>(
        module,
        `mutation { rejectProposal(id: "${p4.id}", version: ${p4.version}, note: "不符合立案标准") { id } }`,
        {},
        staff,
      );
      const p5 = await ok<ProposalView>(
        module,
        DRAFT,
        { i: { ...input, kind: 'JOINT' } },
        member(9005),
      );
      const invited = await ok<{ cosigners: { id: string }[] }>(
        module,
        `mutation { inviteProposalCosigners(id: "${p5.id}", version: ${p5.version}, memberIds: ["9001"], respondBy: "${today()}") { cosigners { id } } }`,
        {},
        member(9005),
      );
      await ok<{ status: string }>(
        module,
        `mutation { acceptCosignInvitation(id: "${invited.cosigners[0].id}") { status } }`,
        {},
        member(9001),
      );
      await ok<{ id: string }>(
        module,
        `mutation { submitProposalDraft(id: "${p5.id}", version: ${await version(p5.id)}) { id } }`,
        {},
        member(9005),
      );
      await ok<{ id: string }>(
        module,
        `mutation { fileProposal(id: "${p5.id}", version: ${await version(p5.id)}) { id } }`,
        {},
        staff,
      );
      // A draft is nobody's figure yet.
      await ok<ProposalView>(module, DRAFT, { i: input }, member(9002));
    });
    afterAll(() => module?.stop());

    const stats = (f: Record<string, unknown>) =>
      ok<ProposalStatisticsView>(module, STATS, { f }, staff);

    it("counts a district's proposals: filed, reply rate, satisfaction, grade shares and overdue", async () => {
      expect(await stats({ district: A })).toEqual({
        submitted: 5,
        filed: 4,
        notFiled: 1,
        assigned: 3,
        replied: 2,
        replyRate: 0.6667,
        rated: 2,
        satisfied: 1,
        basicallySatisfied: 0,
        unsatisfied: 1,
        satisfactionRate: 0.5,
        overdue: 1,
        keyProposals: 0,
        excellent: 0,
        instructions: 0,
        grades: [
          { grade: 'A', count: 1, share: 0.5 },
          { grade: 'B', count: 0, share: 0 },
          { grade: 'C', count: 1, share: 0.5 },
          { grade: 'D', count: 0, share: 0 },
        ],
      });
    });

    it('narrows to a unit, a sector, a member and a period', async () => {
      expect(await stats({ district: A, unit: String(U1) })).toMatchObject({
        submitted: 2,
        assigned: 2,
        replied: 1,
        overdue: 1,
        grades: [
          { grade: 'A', count: 1, share: 1 },
          { grade: 'B', count: 0 },
          { grade: 'C', count: 0 },
          { grade: 'D', count: 0 },
        ],
      });
      // Sector 15 holds the odd-numbered test members: 9001, 9003 and 9005.
      expect((await stats({ district: A, sector: '15' })).submitted).toBe(3);
      expect(await stats({ member: '9001' })).toMatchObject({
        submitted: 2,
        filed: 2,
        rated: 1,
        satisfied: 1,
      });
      expect((await stats({ district: A, from: tomorrow })).submitted).toBe(0);
      expect((await stats({ district: A, from: today(), to: today() })).submitted).toBe(5);
      expect(await refused(module, STATS, { f: { from: '2026-02-30' } }, staff)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.from',
      });
    });

    it("adds the districts below with includeBelow: a city's figures with its districts'", async () => {
      const city = staffOf('341000');
      const own = await ok<{ submitted: number; filed: number }>(
        module,
        STATS,
        { f: { district: '341000' } },
        city,
      );
      const below = await ok<{ submitted: number }>(module, STATS, { f: { district: A } }, city);
      const both = await ok<{ submitted: number; filed: number }>(
        module,
        STATS,
        { f: { district: '341000', includeBelow: true } },
        city,
      );
      // Everything city staff see is the city's and its districts'.
      const all = await ok<{ submitted: number; filed: number }>(module, STATS, { f: {} }, city);
      expect(below.submitted).toBeGreaterThan(0);
      expect(both.submitted).toBeGreaterThanOrEqual(own.submitted + below.submitted);
      expect({ submitted: both.submitted, filed: both.filed }).toEqual({
        submitted: all.submitted,
        filed: all.filed,
      });
      // A district with none below counts itself alone.
      expect(
        await ok<ProposalStatisticsView>(
          module,
          STATS,
          { f: { district: A, includeBelow: true } },
          staff,
        ),
      ).toEqual(await ok<ProposalStatisticsView>(module, STATS, { f: { district: A } }, staff));
      const opinions = (f: Record<string, unknown>) =>
        ok<{ submitted: number }>(module, OPINION_STATS, { f }, city);
      expect((await opinions({ district: '341000', includeBelow: true })).submitted).toBe(
        (await opinions({})).submitted,
      );
    });

    it('answers public figures to anyone and refuses the others with FORBIDDEN naming each figure, never zeros', async () => {
      const anonymous = { userId: null, memberId: null, district: null, roles: [], districts: [] };
      const outsider = staffOf(B);
      const PUBLIC_STATS = `query($f: ProposalStatisticsFilter) { proposalStatistics(filter: $f) {
        districts filed assigned replied replyRate keyProposals keyProposalsFromConsultation excellent } }`;
      const own = await ok<Record<string, unknown>>(
        module,
        PUBLIC_STATS,
        { f: { district: A } },
        staff,
      );
      expect(own.filed).toBeGreaterThan(0);
      for (const caller of [anonymous, outsider]) {
        // The public figures (filed proposals are public) are the same for everyone.
        expect(await ok(module, PUBLIC_STATS, { f: { district: A } }, caller)).toEqual(own);
        const refusal = await module.execute(STATS, { f: { district: A } }, caller);
        expect(refusal.data).toBeNull();
        expect(refusal.errors).toHaveLength(1);
        const [error] = refusal.errors!;
        expect(error.extensions?.code).toBe('FORBIDDEN');
        // Every figure asked for that the caller may not see, and none of the public ones.
        expect(error.extensions?.figures).toEqual([
          'proposalStatistics.submitted',
          'proposalStatistics.notFiled',
          'proposalStatistics.rated',
          'proposalStatistics.satisfied',
          'proposalStatistics.basicallySatisfied',
          'proposalStatistics.unsatisfied',
          'proposalStatistics.satisfactionRate',
          'proposalStatistics.overdue',
          'proposalStatistics.instructions',
          'proposalStatistics.grades',
        ]);
        expect(error.message).toContain(`only those working for district ${A}`);
        // A figure asked for under the per-district breakdown, or through a fragment, is named too.
        expect(
          await refused(
            module,
            `query($f: ProposalStatisticsFilter) { proposalStatistics(filter: $f) { filed byDistrict { ...F } } }
             fragment F on ProposalStatistics { filed submitted }`,
            { f: { district: A } },
            caller,
          ),
        ).toMatchObject({ code: 'FORBIDDEN', figures: ['proposalStatistics.submitted'] });
        expect(await refused(module, OPINION_STATS, { f: { district: A } }, caller)).toMatchObject({
          code: 'FORBIDDEN',
          figures: ['opinionStatistics.submitted'],
        });
      }
      // Without a district, those who work for none are refused the same way.
      expect(await refused(module, STATS, { f: {} }, anonymous)).toMatchObject({
        code: 'FORBIDDEN',
        figures: expect.arrayContaining(['proposalStatistics.submitted']),
      });
      // A member's own figures are theirs to see; another member's are not.
      expect(
        await ok<ProposalStatisticsView>(module, STATS, { f: { member: '9001' } }, member(9001)),
      ).toMatchObject({ submitted: expect.any(Number) });
      expect(await refused(module, STATS, { f: { member: '9001' } }, member(9002))).toMatchObject({
        code: 'FORBIDDEN',
      });
      // City staff see a district below; the district's staff do not see the city's non-public figures.
      expect(await ok(module, STATS, { f: { district: A } }, staffOf('341000'))).toMatchObject({
        submitted: expect.any(Number),
      });
      expect(
        await refused(module, STATS, { f: { district: '341000', includeBelow: true } }, staff),
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('counts items issued, adoption by level and mode, and instructions', async () => {
      const item = await ok<{ id: string; version: number }>(
        module,
        `mutation { submitOpinionItem(input: { title: "城区停车难问题的对策建议", content: "内容", category: URBAN_MANAGEMENT }) { id version } }`,
        {},
        member(9001),
      );
      await ok<{ id: string }>(
        module,
        `mutation { selectOpinionItem(id: "${item.id}", version: ${item.version}) { id } }`,
        {},
        staff,
      );
      const issue = await ok<{ id: string; version: number }>(
        module,
        `mutation { createBulletinIssue(input: { district: "${A}", year: 2026, number: 9, title: "2026年第9期", editor: "信息科", issuer: "秘书长" }) { id version } }`,
        {},
        staff,
      );
      const filled = await ok<{ version: number }>(
        module,
        `mutation { addItemsToBulletinIssue(id: "${issue.id}", version: ${issue.version}, itemIds: ["${item.id}"]) { version } }`,
        {},
        staff,
      );
      await ok<{ id: string }>(
        module,
        `mutation { publishBulletinIssue(id: "${issue.id}", version: ${filled.version}) { id } }`,
        {},
        staff,
      );
      const v = async () =>
        (
          await ok<{ version: number }>(
            module,
            `{ opinionItem(id: "${item.id}") { version } }`,
            {},
            staff,
          )
        ).version;
      await ok<{ id: string }>(
        module,
        `mutation { recordOpinionItemAdoption(id: "${item.id}", version: ${await v()}, level: CITY, mode: COMBINED, adoptedOn: "${today()}") { id } }`,
        {},
        staff,
      );
      await ok<{ id: string }>(
        module,
        `mutation { recordOpinionItemAdoption(id: "${item.id}", version: ${await v()}, level: NATIONAL, mode: SINGLE, adoptedOn: "${today()}") { id } }`,
        {},
        staff,
      );
      // Consultation records instructions; the tally follows what it announces.
      await instructedInConsultation(module, '7001', 'OPINION_ITEM', item.id, 'NATIONAL');
      const q = `query($f: OpinionStatisticsFilter) { opinionStatistics(filter: $f) { submitted issued issues adopted instructions byLevel { level items single combined instructions } } }`;
      const s = await ok<OpinionStatisticsView>(module, q, { f: { district: A } }, staff);
      expect(s).toMatchObject({ submitted: 1, issued: 1, issues: 1, adopted: 1, instructions: 1 });
      expect(s.byLevel).toEqual([
        { level: 'NATIONAL', items: 1, single: 1, combined: 0, instructions: 1 },
        { level: 'PROVINCIAL', items: 0, single: 0, combined: 0, instructions: 0 },
        { level: 'CITY', items: 1, single: 0, combined: 1, instructions: 0 },
        { level: 'DISTRICT', items: 0, single: 0, combined: 0, instructions: 0 },
      ]);
      expect(
        (await ok<OpinionStatisticsView>(module, q, { f: { member: '9002' } }, staff)).submitted,
      ).toBe(0);
      // 9001 is of sector 15, 9002 of sector 16.
      expect(
        await ok<OpinionStatisticsView>(module, q, { f: { sector: '15' } }, staff),
      ).toMatchObject({
        submitted: 1,
        issued: 1,
        adopted: 1,
        instructions: 1,
      });
      expect(
        await ok<OpinionStatisticsView>(module, q, { f: { sector: '16' } }, staff),
      ).toMatchObject({
        submitted: 0,
        issued: 0,
        issues: 0,
        adopted: 0,
        instructions: 0,
      });
      expect(
        (await ok<OpinionStatisticsView>(module, q, { f: { district: A, from: tomorrow } }, staff))
          .adopted,
      ).toBe(0);
    });

    it('counts key proposals, awards and instructions, and a period picks proposals by the day they were submitted', async () => {
      // P1, rated satisfied.
      const [p1] = (
        await ok<{ nodes: { id: string }[] }>(
          module,
          `{ proposals(filter: { author: "9001", status: RATED }) { nodes { id } } }`,
          {},
          staff,
        )
      ).nodes;
      await ok<{ id: string }>(
        module,
        `mutation($i: DesignateKeyProposalInput!) { designateKeyProposal(input: $i) { id } }`,
        {
          i: {
            proposalId: p1.id,
            year: new Date().getUTCFullYear(),
            chairMeetingOn: today(),
            leaderName: '市委主要负责同志',
            leaderTitle: '市委书记',
            topLeader: true,
          },
        },
        staff,
      );
      await ok<{ year: number }>(
        module,
        `mutation { awardExcellentProposal(proposalId: "${p1.id}", year: ${new Date().getUTCFullYear()}, awardedOn: "${today()}") { year } }`,
        {},
        staff,
      );
      await instructedInConsultation(module, '7002', 'PROPOSAL', p1.id, 'CITY');
      expect(await stats({ district: A })).toMatchObject({
        keyProposals: 1,
        excellent: 1,
        instructions: 1,
      });
      expect(await stats({ member: '9002' })).toMatchObject({
        keyProposals: 0,
        excellent: 0,
        instructions: 0,
      });

      // A proposal of last year, not filed: only a period reaching back that far counts it.
      const old = await ok<ProposalView>(module, SUBMIT, { i: input }, member(9004));
      await ok<{ id: string }>(
        module,
        `mutation { rejectProposal(id: "${old.id}", version: ${old.version}, note: "不符合立案标准") { id } }`,
        {},
        staff,
      );
      await systemEm(module.orm).nativeUpdate(
        ProposalSchema,
        { id: Number(old.id) },
        { submittedAt: new Date(Date.now() - 400 * 86_400_000) },
      );
      expect(await stats({ district: A, from: daysAgo(410), to: daysAgo(390) })).toMatchObject({
        submitted: 1,
        filed: 0,
        notFiled: 1,
      });
      expect(await stats({ district: A, to: daysAgo(1) })).toMatchObject({
        submitted: 1,
        notFiled: 1,
      });
      expect(await stats({ district: A, from: daysAgo(1) })).toMatchObject({
        submitted: 5,
        filed: 4,
        notFiled: 1,
        keyProposals: 1,
      });
      expect(await stats({ district: A })).toMatchObject({ submitted: 6, notFiled: 2 });
      expect(await refused(module, STATS, { f: { to: '2026/01/01' } }, staff)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.to',
      });
    });

    it('breaks city-wide figures down by district: each total is the sum of the districts below', async () => {
      const city = staffOf('341000');
      const FIGURES =
        'districts submitted filed notFiled assigned replied rated satisfied basicallySatisfied unsatisfied overdue keyProposals excellent instructions';
      type Figures = Record<string, number> & { districts: string[] };
      const total = await ok<Figures & { byDistrict: Figures[] }>(
        module,
        `query($f: ProposalStatisticsFilter) { proposalStatistics(filter: $f) { ${FIGURES} byDistrict { ${FIGURES} } } }`,
        { f: { district: '341000', includeBelow: true } },
        city,
      );
      expect(total.districts).toEqual(expect.arrayContaining(['341000', A, B]));
      expect(total.byDistrict.map((d) => d.districts)).toEqual(total.districts.map((d) => [d]));
      expect(total.byDistrict.find((d) => d.districts[0] === A)?.submitted).toBeGreaterThan(0);
      for (const key of FIGURES.split(' ').filter((k) => k !== 'districts'))
        expect(
          total.byDistrict.reduce((sum, d) => sum + d[key], 0),
          key,
        ).toBe(total[key]);
      // Each district's line equals the district asked alone.
      const alone = await ok<Figures>(
        module,
        `query($f: ProposalStatisticsFilter) { proposalStatistics(filter: $f) { ${FIGURES} } }`,
        { f: { district: A } },
        city,
      );
      expect(total.byDistrict.find((d) => d.districts[0] === A)).toEqual(alone);

      const OPINION = 'districts submitted issued issues adopted instructions';
      const opinions = await ok<Figures & { byDistrict: Figures[] }>(
        module,
        `query($f: OpinionStatisticsFilter) { opinionStatistics(filter: $f) { ${OPINION} byDistrict { ${OPINION} } } }`,
        { f: { district: '341000', includeBelow: true } },
        city,
      );
      expect(opinions.districts).toEqual(total.districts);
      expect(opinions.submitted).toBeGreaterThan(0);
      for (const key of OPINION.split(' ').filter((k) => k !== 'districts'))
        expect(
          opinions.byDistrict.reduce((sum, d) => sum + d[key], 0),
          key,
        ).toBe(opinions[key]);
    });
  },
  120_000,
);
