import {
  ADVISORY_MEETING,
  cityActivity,
  CITY,
  instructions,
  plannedActivities,
  unitByShort,
} from '@cppcc/demo';
import { OutboxEventSchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, operation, outbox, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

/** A Recommendation as these tests select it. */
type RecommendationView = {
  id: string;
  kind: string;
  status: string;
  version: number;
  availableActions: string[];
  submittedTo: string | null;
  submittedOn: string | null;
  adoption: string | null;
  adoptedOn: string | null;
  authors: ({ id: string } | null)[];
};

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const leader = testCaller(['leader'], CITY);
const ecology = unitByShort(CITY, '生态环境局');
const finance = unitByShort(CITY, '财政局');
/** A recommendation or ledger entry as a step answers it, as far as the tests read it. */
interface Step {
  id: string;
  version: number;
  history?: { toState: string }[];
}
interface Entry extends Step {
  status: string;
  overdue: boolean;
}
interface ListedInstruction {
  rank: string;
  recommendation: { title: string } | null;
  researchProject: unknown;
  ledger: unknown[];
}

const recFields =
  'id kind status version availableActions submittedTo submittedOn adoption adoptedOn authors { id }';
const draft = `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { ${recFields} } }`;
const record = `mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id rank level leader } }`;

describe.each(databases())(
  'outcomes, instructions and the conversion ledger on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startConsultation(url);
    });
    afterAll(() => module?.stop());

    const advisory = cityActivity(ADVISORY_MEETING);
    const base = {
      district: CITY,
      kind: 'REPORT',
      title: '关于推进乡村民宿规范发展的建议案',
      text: '建议出台民宿管理办法，规范准入，加强行业自律，促进农民增收。',
      activityId: String(advisory.id),
      authorIds: ['1', '2'],
    };

    it('drafts, submits and adopts a recommendation report, refusing what the table does not allow', async () => {
      const planned = (
        await ok<{ consultationActivities: { nodes: { id: string }[] } }>(
          module,
          `{ consultationActivities(filter: { status: PLANNED }, first: 1) { nodes { id } } }`,
          {},
          staff,
        )
      ).consultationActivities.nodes[0].id;
      for (const [change, field] of [
        [{ activityId: planned }, 'input.activityId'],
        [{ activityId: '99999' }, 'input.activityId'],
        [{ authorIds: ['1', '1'] }, 'input.authorIds'],
        [{ text: '太短' }, 'input.text'],
      ] as const) {
        const r = await module.execute(draft, { i: { ...base, ...change } }, staff);
        expect(r.errors?.[0].extensions?.field, field).toBe(field);
      }
      expect(plannedActivities.length).toBeGreaterThan(0);
      let r: Step = (
        await ok<{
          draftRecommendation: RecommendationView;
        }>(module, draft, { i: base }, staff)
      ).draftRecommendation;
      expect(r).toMatchObject({
        status: 'DRAFT',
        availableActions: ['submit'],
        authors: [{ id: '1' }, { id: '2' }],
      });
      const early = await module.execute(
        `mutation { adoptRecommendation(id: "${r.id}", version: ${r.version}, adoption: "市政府出台民宿管理办法") { id } }`,
        {},
        staff,
      );
      expect(early.errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'DRAFT',
        action: 'adopt',
      });
      r = (
        await ok<{
          submitRecommendation: RecommendationView;
        }>(
          module,
          `mutation { submitRecommendation(id: "${r.id}", version: ${r.version}, submittedTo: "市委、市政府", on: "2026-03-02") { ${recFields} } }`,
          {},
          staff,
        )
      ).submitRecommendation;
      const before = await module.execute(
        `mutation { adoptRecommendation(id: "${r.id}", version: ${r.version}, adoption: "市政府出台民宿管理办法", on: "2026-03-01") { id } }`,
        {},
        staff,
      );
      expect(before.errors?.[0].extensions).toMatchObject({ field: 'on', rule: 'order' });
      r = (
        await ok<{
          adoptRecommendation: RecommendationView & {
            history: { toState: string }[];
          };
        }>(
          module,
          `mutation { adoptRecommendation(id: "${r.id}", version: ${r.version}, adoption: "市政府出台民宿管理办法", on: "2026-04-15") { ${recFields} history { toState } } }`,
          {},
          staff,
        )
      ).adoptRecommendation;
      expect(r).toMatchObject({
        status: 'ADOPTED',
        submittedOn: '2026-03-02',
        adoptedOn: '2026-04-15',
        adoption: '市政府出台民宿管理办法',
      });
      expect(r.history?.map((h) => h.toState)).toEqual(['DRAFT', 'SUBMITTED', 'ADOPTED']);
      const declined = await module.execute(
        `mutation { declineRecommendation(id: "${r.id}", version: ${r.version}) { id } }`,
        {},
        staff,
      );
      expect(declined.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    });

    it("records a leader's instruction on a submitted outcome, tells its authors, and carries it through the ledger", async () => {
      const draftRec = (
        await ok<{
          draftRecommendation: RecommendationView;
        }>(module, draft, { i: { ...base, title: '关于加强农村人居环境整治的建议案' } }, staff)
      ).draftRecommendation;
      const instr = {
        subjectType: 'RECOMMENDATION_REPORT',
        subjectId: draftRec.id,
        leader: '市委主要负责同志',
        leaderPost: '市委书记',
        rank: 'PRINCIPAL',
        level: 'CITY',
        instructedOn: '2026-05-10',
        text: '请市政府研究落实。',
      };
      expect(
        (await module.execute(record, { i: instr }, leader)).errors?.[0].extensions,
      ).toMatchObject({ field: 'input.subjectId', rule: 'submitted' });
      const r = (
        await ok<{ submitRecommendation: { id: string } }>(
          module,
          `mutation { submitRecommendation(id: "${draftRec.id}", version: ${draftRec.version}, submittedTo: "市委", on: "2026-05-01") { id } }`,
          {},
          staff,
        )
      ).submitRecommendation;
      expect((await module.execute(record, { i: instr }, staff)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(
        (await module.execute(record, { i: instr }, testCaller(['leader'], '341002'))).errors?.[0]
          .extensions?.code,
      ).toBe('CROSS_DISTRICT');
      expect(
        (await module.execute(record, { i: { ...instr, subjectType: 'RECOMMENDATION' } }, leader))
          .errors?.[0].extensions,
      ).toMatchObject({ field: 'input.subjectType' });
      expect(
        (await module.execute(record, { i: { ...instr, instructedOn: '2026-04-30' } }, leader))
          .errors?.[0].extensions,
      ).toMatchObject({ field: 'input.instructedOn' });
      expect(
        (await module.execute(record, { i: { ...instr, rank: 'DEPUTY' } }, leader)).errors?.[0]
          .extensions?.code,
      ).toBe('BAD_USER_INPUT');

      const em = systemEm(module.orm);
      const sent = await em.count(OutboxEventSchema, { type: 'instruction.received' });
      const instruction = (
        await ok<{
          recordLeaderInstruction: { id: string; rank: string; level: string; leader: string };
        }>(module, record, { i: instr }, leader)
      ).recordLeaderInstruction;
      const events = await outbox(module.orm, { type: 'instruction.received' });
      expect(events).toHaveLength(sent + 1);
      expect(events.at(-1)!.payload).toMatchObject({
        instructionId: instruction.id,
        subjectType: 'RECOMMENDATION_REPORT',
        subjectId: r.id,
        memberIds: ['1', '2'],
        level: 'CITY',
      });

      const assign = operation<{ assignInstruction: Entry[] }>(
        `mutation($a: [LedgerAssignmentInput!]!) { assignInstruction(instructionId: "${instruction.id}", assignments: $a) { id status version unit { id } dueOn overdue availableActions } }`,
      );
      for (const [a, field] of [
        [
          [{ unitId: '9999', task: '牵头整治农村垃圾', dueOn: '2026-08-01' }],
          'assignments.0.unitId',
        ],
        [
          [
            {
              unitId: String(unitByShort('341002', '教育局').id),
              task: '牵头整治农村垃圾',
              dueOn: '2026-08-01',
            },
          ],
          'assignments.0.unitId',
        ],
        [
          [{ unitId: String(ecology.id), task: '牵头整治农村垃圾', dueOn: '2026-05-01' }],
          'assignments.0.dueOn',
        ],
        [
          [
            { unitId: String(ecology.id), task: '整治任务之一', dueOn: '2026-08-01' },
            { unitId: String(ecology.id), task: '整治任务之二', dueOn: '2026-08-01' },
          ],
          'assignments',
        ],
      ] as const) {
        expect(
          (await module.execute(assign, { a }, staff)).errors?.[0].extensions?.field,
          field,
        ).toBe(field);
      }
      const entries = (
        await ok(
          module,
          assign,
          {
            a: [
              { unitId: String(ecology.id), task: '牵头整治农村垃圾污水', dueOn: '2026-08-01' },
              { unitId: String(finance.id), task: '安排整治专项资金', dueOn: '2099-08-01' },
            ],
          },
          staff,
        )
      ).assignInstruction;
      expect(entries.map((e) => [e.status, e.overdue])).toEqual([
        ['ASSIGNED', true],
        ['ASSIGNED', false],
      ]);

      const ecologyUser = testCaller(['unit'], CITY, null, String(ecology.id));
      const financeUser = testCaller(['unit'], CITY, null, String(finance.id));
      const reply = (e: Step, caller: Caller, feedback = '已完成农村生活污水治理项目12个。') =>
        module.execute<{ replyToLedgerEntry: Entry }>(
          `mutation($f: String!) { replyToLedgerEntry(id: "${e.id}", version: ${e.version}, feedback: $f) { id status version feedback availableActions } }`,
          { f: feedback },
          caller,
        );
      // Another department does not read an entry not assigned to it: hidden, as any row it may not see.
      expect((await reply(entries[0], financeUser)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await reply(entries[0], staff)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await reply(entries[0], ecologyUser, '太短')).errors?.[0].extensions?.field).toBe(
        'feedback',
      );
      let e: Step & { status: string } = (await reply(entries[0], ecologyUser)).data!
        .replyToLedgerEntry;
      expect(e).toMatchObject({ status: 'REPLIED', feedback: '已完成农村生活污水治理项目12个。' });
      e = (
        await ok<{ returnLedgerReply: { id: string; status: string; version: number } }>(
          module,
          `mutation { returnLedgerReply(id: "${e.id}", version: ${e.version}, note: "请补充资金使用情况") { id status version } }`,
          {},
          staff,
        )
      ).returnLedgerReply;
      e = (await reply(e, ecologyUser, '已完成项目12个，使用资金3200万元。')).data!
        .replyToLedgerEntry;
      expect(
        (
          await module.execute(
            `mutation { acceptLedgerReply(id: "${e.id}", version: ${e.version}) { id } }`,
            {},
            ecologyUser,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      const accepted = (
        await ok<{
          acceptLedgerReply: { id: string; status: string; history: { toState: string }[] };
        }>(
          module,
          `mutation { acceptLedgerReply(id: "${e.id}", version: ${e.version}) { id status history { toState } } }`,
          {},
          staff,
        )
      ).acceptLedgerReply;
      expect(accepted.history.map((h) => h.toState)).toEqual([
        'ASSIGNED',
        'REPLIED',
        'ASSIGNED',
        'REPLIED',
        'DONE',
      ]);

      const seen = await ok<{ ledgerEntries: { nodes: { unit: { id: string } }[] } }>(
        module,
        `{ ledgerEntries(first: 1000) { nodes { unit { id } } } }`,
        {},
        financeUser,
      );
      expect(new Set(seen.ledgerEntries.nodes.map((n) => n.unit.id))).toEqual(
        new Set([String(finance.id)]),
      );
    });

    it('counts the instructions the report quotes from the demo data', async () => {
      const listed = await ok<{ leaderInstructions: { nodes: ListedInstruction[] } }>(
        module,
        `{ leaderInstructions(filter: { district: "${CITY}" }, first: 1000) { totalCount nodes { rank recommendation { title } researchProject { title } ledger { status } } } }`,
        {},
        staff,
      );
      const demo = listed.leaderInstructions.nodes.filter(
        (n) =>
          !n.recommendation ||
          !['关于推进乡村民宿规范发展的建议案', '关于加强农村人居环境整治的建议案'].includes(
            n.recommendation.title,
          ),
      );
      expect(demo).toHaveLength(instructions.length);
      expect(demo.filter((n) => n.rank === 'PRINCIPAL')).toHaveLength(
        instructions.filter((i) => i.rank === 'PRINCIPAL').length,
      );
      expect(demo.filter((n) => n.researchProject)).toHaveLength(1);
      expect(demo.flatMap((n) => n.ledger)).toHaveLength(
        instructions.flatMap((i) => i.ledger).length,
      );
      expect(
        (
          await ok<{ leaderInstructions: { totalCount: number } }>(
            module,
            `{ leaderInstructions { totalCount } }`,
            {},
            undefined,
          )
        ).leaderInstructions.totalCount,
      ).toBe(0);
    });
  },
);
