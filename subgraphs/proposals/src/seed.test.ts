import {
  cityActivity,
  CITY,
  demoInstructions,
  demoResearchProjectId,
  ECO_COMPENSATION_MEETING,
  opinionWork,
  proposalDemoEvents,
  proposalWork,
} from '@cppcc/demo';
import { AuditEntrySchema, OutboxEventSchema, systemEm } from '@cppcc/kit';
import { instructionHandedOver } from '@cppcc/events';
import { databases, outbox, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpinionItemSchema } from './entities/opinion-item.entity.js';
import { FILED_STATUSES, ProposalSchema } from './entities/proposal.entity.js';
import { opinionWorkflow } from './workflow.js';
import { proposals } from './module.js';
import { ok } from './test-support.js';

const cityStaff = testCaller(['staff'], CITY);

interface LevelFigures {
  level: string;
  items: number;
  instructions: number;
}

describe.each(databases())(
  'demo data from the work report on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startTestModule(proposals, { databaseUrl: url, seed: { scale: 1 } });
    });
    afterAll(() => module?.stop());

    it("has 110+ bulletin issues with their items, the national leader's instruction, and this year's three national adoptions", async () => {
      const issues = await ok<{ totalCount: number; nodes: { items: unknown[] }[] }>(
        module,
        `{ bulletinIssues(district: "${CITY}", status: PUBLISHED, first: 1000) { totalCount nodes { items { id } } } }`,
        {},
        cityStaff,
      );
      expect(issues.totalCount).toBeGreaterThanOrEqual(110);
      const carried = issues.nodes.reduce((n, i) => n + i.items.length, 0);
      expect(carried).toBe(opinionWork().items.filter((i) => i.issueId !== null).length);
      expect(carried).toBeGreaterThanOrEqual(300);

      const lastYear = await ok<{ byLevel: LevelFigures[] }>(
        module,
        `{ opinionStatistics(filter: { district: "${CITY}", from: "2025-01-01", to: "2025-12-31" }) { byLevel { level instructions } } }`,
        {},
        cityStaff,
      );
      expect(lastYear.byLevel.find((l) => l.level === 'NATIONAL')!.instructions).toBe(1);
      const thisYear = await ok<{ byLevel: LevelFigures[] }>(
        module,
        `{ opinionStatistics(filter: { district: "${CITY}", from: "2026-01-01", to: "2026-12-31" }) { issues byLevel { level items } } }`,
        {},
        cityStaff,
      );
      expect(thisYear.byLevel.find((l) => l.level === 'NATIONAL')!.items).toBe(3);
      // Over the whole report, the national committee adopted the instructed item and this year's three.
      const all = await ok<{ issues: number; issued: number; byLevel: LevelFigures[] }>(
        module,
        `{ opinionStatistics(filter: { district: "${CITY}" }) { issues issued byLevel { level items instructions } } }`,
        {},
        cityStaff,
      );
      expect(all.byLevel.find((l) => l.level === 'NATIONAL')).toEqual({
        level: 'NATIONAL',
        items: 4,
        instructions: 1,
      });
      expect(all.issues).toBe(issues.totalCount);
      expect(all.issued).toBe(carried);
      const national = await ok<{
        nodes: { title: string; adoptions: unknown[] }[];
      }>(
        module,
        `{ opinionItems(filter: { adoptedAt: NATIONAL }, first: 10) { nodes { title adoptions { level adoptedOn } } } }`,
        {},
        cityStaff,
      );
      expect(national.nodes.map((n) => n.title)).toEqual(
        expect.arrayContaining([
          '乡村教师支持计划执行中存在的问题及对策',
          '疫情下旅游业亟盼有力政策扶持',
        ]),
      );
      // The instruction on it is consultation's: the seed hands it over, as an upgrade does.
      expect(
        (await outbox(module.orm, { type: instructionHandedOver.type }))
          .map((e) => e.payload)
          .filter((p) => p.title === '乡村教师支持计划执行中存在的问题及对策'),
      ).toEqual([
        expect.objectContaining({
          leader: '国家领导人',
          level: 'NATIONAL',
          subjectType: 'OPINION_ITEM',
        }),
      ]);
    });

    it("has key proposals supervised by the city's top leader two years running, and two-way evaluation results", async () => {
      const keys = await ok<{
        nodes: { year: number; leaderTitle: string; supervision: unknown[] }[];
      }>(
        module,
        `{ keyProposals(district: "${CITY}", topLeader: true, first: 10) { nodes { year leaderTitle supervision { kind } proposal { title status } } } }`,
        {},
        cityStaff,
      );
      expect(keys.nodes.map((k) => k.year).sort()).toEqual([2025, 2026]);
      expect(
        keys.nodes.every((k) => k.leaderTitle === '市委书记' && k.supervision.length === 3),
      ).toBe(true);
      const closed = proposalWork().find(
        (w) => w.status === 'CLOSED' && w.proposal.district === CITY,
      )!;
      const scored = await ok<{
        qualityScores: { total: number; band: string }[] | null;
        handlingScores: { total: number; band: string }[] | null;
        replies: { grade: string }[];
        rating: string | null;
      }>(
        module,
        `{ proposal(id: "${closed.proposal.id}") { qualityScores { total band } handlingScores { total band } replies { grade } rating } }`,
        {},
        cityStaff,
      );
      expect(scored.qualityScores?.length).toBeGreaterThan(0);
      expect(scored.handlingScores?.length).toBeGreaterThan(0);
      expect(scored.rating).toBe(closed.rating);
    });

    it('sums up the two-way evaluation of a year from the scores', async () => {
      const work = proposalWork().filter(
        (w) => w.proposal.district === CITY && w.proposal.year === 2025,
      );
      const r = await ok<{
        units: { unit: { id: string }; scored: number; average: number }[];
        proposalsScored: number;
        proposalBands: { count: number }[];
      }>(
        module,
        `{ twoWayEvaluation(district: "${CITY}", year: 2025) { units { unit { id } scored average band } proposalsScored proposalAverage proposalBands { band count } } }`,
        {},
        cityStaff,
      );
      const scores = work.flatMap((w) =>
        w.handlingScores.map((h) => ({
          unitId: w.tasks[h.task].unitId,
          total: Object.values(h.scores).reduce((a, b) => a + b, 0),
        })),
      );
      const units = [...new Set(scores.map((s) => s.unitId))];
      expect(r.units).toHaveLength(units.length);
      for (const u of r.units) {
        const mine = scores.filter((s) => String(s.unitId) === u.unit.id);
        expect(u.scored).toBe(mine.length);
        expect(u.average).toBeCloseTo(mine.reduce((a, s) => a + s.total, 0) / mine.length, 1);
      }
      expect(r.proposalsScored).toBe(work.filter((w) => w.qualityScores.length > 0).length);
      expect(r.proposalBands.reduce((n, b) => n + b.count, 0)).toBe(r.proposalsScored);
      const member = testCaller(['member'], CITY, '1');
      expect(
        (
          await module.execute(
            `{ twoWayEvaluation(district: "${CITY}", year: 2025) { proposalsScored } }`,
            {},
            member,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it('computes the statistics from the rows, matching the demo data', async () => {
      const work = proposalWork().filter((w) => w.proposal.district === CITY);
      const stats = await ok<{ satisfactionRate: number; grades: { count: number }[] }>(
        module,
        `{ proposalStatistics(filter: { district: "${CITY}" }) { submitted filed replied assigned replyRate rated satisfied satisfactionRate keyProposals excellent grades { grade count } } }`,
        {},
        cityStaff,
      );
      const filed = work.filter((w) => w.filedAt);
      const rated = work.filter((w) => w.rating);
      const good = rated.filter((w) => w.rating !== 'UNSATISFIED');
      expect(stats).toMatchObject({
        submitted: work.length,
        filed: filed.length,
        assigned: filed.filter((w) => w.assignedOn).length,
        replied: filed.filter((w) => w.repliedAt).length,
        rated: rated.length,
        satisfied: rated.filter((w) => w.rating === 'SATISFIED').length,
        keyProposals: work.filter((w) => w.key).length,
        excellent: work.filter((w) => w.award).length,
      });
      expect(stats.satisfactionRate).toBeCloseTo(good.length / rated.length, 4);
      // Co-signers rate too: every proposer's rating counts in byProposer, the lead's in the 满意率 per proposal.
      const all = rated.flatMap((w) => [w.rating!, ...w.cosignerRatings.map((r) => r.rating)]);
      expect(work.some((w) => w.cosignerRatings.length > 0)).toBe(true);
      const { byProposer } = await ok<{
        byProposer: { rated: number; unsatisfied: number; satisfactionRate: number | null };
      }>(
        module,
        `{ proposalStatistics(filter: { district: "${CITY}" }) { byProposer { rated unsatisfied satisfactionRate } } }`,
        {},
        cityStaff,
      );
      expect(byProposer).toEqual({
        rated: all.length,
        unsatisfied: all.filter((r) => r === 'UNSATISFIED').length,
        satisfactionRate:
          Math.round((all.filter((r) => r !== 'UNSATISFIED').length / all.length) * 10000) / 10000,
      });
      // 一体两用: the 2025 eco-compensation key proposal names the standing committee's consultation and the research.
      const eco = work.find((w) => w.key?.consultationId)!;
      const key = await ok<{
        title: string;
        keyProposal: {
          year: number;
          consultation: { id: string } | null;
          researchProject: { id: string } | null;
        } | null;
      }>(
        module,
        `{ proposal(id: "${eco.proposal.id}") { title keyProposal { year consultation { id } researchProject { id } } } }`,
        {},
        cityStaff,
      );
      expect(key).toEqual({
        title: '关于深化新安江流域生态补偿机制试点的建议',
        keyProposal: {
          year: 2025,
          consultation: { id: String(cityActivity(ECO_COMPENSATION_MEETING).id) },
          researchProject: { id: String(demoResearchProjectId('eco')) },
        },
      });
      const grades = work.flatMap((w) =>
        w.tasks.flatMap((t) =>
          t.replies
            .slice(-1)
            .filter((r) => r.review === 'PASSED')
            .map((r) => r.grade),
        ),
      );
      expect(stats.grades.map((g) => g.count)).toEqual(
        ['A', 'B', 'C', 'D'].map((g) => grades.filter((x) => x === g).length),
      );
    });

    it('writes an audit row for every step and announces every demo event', async () => {
      const em = systemEm(module.orm);
      for (const p of await em.find(ProposalSchema, {}, { limit: 50, orderBy: { id: 'asc' } })) {
        const rows = await em.find(
          AuditEntrySchema,
          { entity: 'proposal', entityId: String(p.id), fromState: { $ne: null } },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        const moves = rows.filter((r) => r.fromState !== r.toState);
        expect(moves.at(-1)?.toState ?? 'SUBMITTED', `proposal ${p.id}`).toBe(p.status);
      }
      // Items too: the audit trail of each ends where the item stands, and every move follows the table.
      const items = await em.find(OpinionItemSchema, {}, { orderBy: { id: 'asc' } });
      const trail = await em.find(
        AuditEntrySchema,
        { entity: 'opinion_item' },
        { orderBy: { at: 'asc', id: 'asc' } },
      );
      for (const item of items) {
        const moves = trail.filter(
          (r) => r.entityId === String(item.id) && r.action !== 'instruct',
        );
        expect(moves.at(-1)?.toState, `item ${item.id}`).toBe(item.status);
        for (const m of moves.slice(1)) {
          expect(
            opinionWorkflow.transitions.some(
              (t) => t.from === m.fromState && t.action === m.action && t.to === m.toState,
            ),
            `item ${item.id}: ${m.fromState} ${m.action}`,
          ).toBe(true);
        }
      }
      // The demo's duty events, and each proposal past drafting once as it stands (besides the
      // work waiting on each record, which the kit publishes for the inbox as each is written),
      // each filed proposal and issued item once for consultation, and each instruction handed over.
      const announced = [
        'proposal.registered',
        'work.waiting',
        'instruction_subject.registered',
        'instruction.handed_over',
      ];
      expect(await em.count(OutboxEventSchema, { type: { $nin: announced } })).toBe(
        proposalDemoEvents().length,
      );
      expect(await em.count(OutboxEventSchema, { type: 'instruction_subject.registered' })).toBe(
        (await em.count(ProposalSchema, { status: { $in: FILED_STATUSES } })) +
          (await em.count(OpinionItemSchema, {
            status: { $in: ['ISSUED', 'REPORTED', 'ADOPTED'] },
          })),
      );
      expect(await em.count(OutboxEventSchema, { type: 'instruction.handed_over' })).toBe(
        demoInstructions().length,
      );
      const registered = await em.find(OutboxEventSchema, { type: 'proposal.registered' });
      expect(registered).toHaveLength(await em.count(ProposalSchema, { status: { $ne: 'DRAFT' } }));
      expect(new Set(registered.map((e) => e.payload.proposalId)).size).toBe(registered.length);
    });
  },
  120_000,
);
