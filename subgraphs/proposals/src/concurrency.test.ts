import { addDays, addMonths, systemEm, today } from '@cppcc/kit';
import type { TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  auditOf,
  input,
  member,
  officeOf,
  ok,
  SUBMIT,
  staffOf,
  startProposals,
  unitsOf,
  unitUser,
  type ProposalView,
} from './test-support.js';

const url = process.env.DATABASE_URL;
const author = member(9001);
const staff = staffOf(A);
const office = officeOf(A);
const [U1, U2] = unitsOf(A);

type Result = Awaited<ReturnType<TestModule['execute']>>;

/** The refusal of a version checked by the UPDATE (the runtime's answer to an optimistic-lock failure), not by the read. */
const UPDATE_TIME_CONFLICT = {
  message: expect.stringMatching(/changed while you were changing it/),
  extensions: { code: 'CONFLICT' },
};

/**
 * Runs the steps so that each has read the proposal before any of them writes: a row lock
 * taken here holds every step at its UPDATE of the proposal until all of them are waiting
 * there. So the steps all pass the read-time version check, and only the version checked in
 * the UPDATE itself can stop the later ones. (Promise.all alone may let one finish before the
 * other reads, which the read-time check would catch, proving nothing about the race.)
 */
async function interleaved(
  module: TestModule,
  proposalId: string,
  steps: (() => Promise<Result>)[],
  /** The rows the steps update and are held at: the proposal's, or some tasks'. */
  table: { name: 'proposal' | 'handling_task'; ids: string[] } = {
    name: 'proposal',
    ids: [proposalId],
  },
): Promise<Result[]> {
  let running!: Promise<Result[]>;
  await systemEm(module.orm).transactional(async (em) => {
    await em.execute(
      `select id from ${table.name} where id in (${table.ids.map(() => '?').join(', ')}) for update`,
      table.ids.map(Number),
    );
    running = Promise.all(steps.map((s) => s()));
    const poll = systemEm(module.orm);
    for (let i = 0; ; i++) {
      const [{ n }] = await poll.execute<{ n: number }[]>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update %${table.name}%'`,
      );
      if (n >= steps.length) break;
      if (i > 200)
        throw new Error(`only ${n} of ${steps.length} steps reached the ${table.name} UPDATE`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  return running;
}

describe.runIf(url)(
  'concurrent steps on one proposal, truly interleaved, on postgres',
  () => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const proposal = (id: string) =>
      ok<{ id: string; status: string; version: number; tasks: { id: string; status: string }[] }>(
        module,
        `{ proposal(id: "${id}") { id status version tasks { id status } } }`,
        {},
        staff,
      );
    const version = async (id: string) => (await proposal(id)).version as number;
    const taskVersion = async (id: string, taskId: string) =>
      (
        await ok<{ tasks: { id: string; version: number }[] }>(
          module,
          `{ proposal(id: "${id}") { tasks { id version } } }`,
          {},
          staff,
        )
      ).tasks.find((t) => t.id === taskId)!.version as number;

    /** A proposal filed and assigned to U1 and U2 separately (分办): one task each, in that order. */
    const separately = async () => {
      const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      await ok<{ id: string }>(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`,
        {},
        staff,
      );
      const { tasks } = await ok<{ tasks: { id: string; unit: { id: string } | null }[] }>(
        module,
        `mutation { assignProposal(id: "${p.id}", version: ${await version(p.id)}, input: { mode: SEPARATE, unitIds: ["${U1}", "${U2}"] }) { tasks { id unit { id } } } }`,
        {},
        staff,
      );
      return { p, tasks: tasks as { id: string; unit: { id: string } }[] };
    };

    it('lets two units step their own tasks of one proposal at once; two steps on one task still conflict', async () => {
      const { p, tasks } = await separately();
      const [t1, t2] = [U1, U2].map((u) => tasks.find((t) => t.unit.id === String(u))!.id);
      const before = await version(p.id);
      const receive = (taskId: string, unit: number, v: number) => () =>
        module.execute<{ receiveHandlingTask: { status: string; version: number } }>(
          `mutation { receiveHandlingTask(id: "${taskId}", version: ${v}) { status version } }`,
          {},
          unitUser(unit),
        );
      // Both units read their task, then both write at once: each checks its own task's version.
      const both = await interleaved(
        module,
        p.id,
        [
          receive(t1, U1, await taskVersion(p.id, t1)),
          receive(t2, U2, await taskVersion(p.id, t2)),
        ],
        { name: 'handling_task', ids: [t1, t2] },
      );
      expect(both.map((r) => r.errors)).toEqual([undefined, undefined]);
      const received = both.map(
        (r) => (r.data as { receiveHandlingTask: { status: string } }).receiveHandlingTask.status,
      );
      expect(received).toEqual(['RECEIVED', 'RECEIVED']);
      const after = await proposal(p.id);
      expect(after.tasks.map((t: { status: string }) => t.status)).toEqual([
        'RECEIVED',
        'RECEIVED',
      ]);
      // The proposal did not move: its own steps are not held up by its units' work.
      expect(after.version).toBe(before);

      // Two steps on one task, read at the same version: one wins, the other writes nothing.
      const v1 = await taskVersion(p.id, t1);
      const reply = () =>
        module.execute(
          `mutation { replyToProposal(id: "${t1}", version: ${v1}, input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: B }) { status } }`,
          {},
          unitUser(U1),
        );
      const deadline = () =>
        module.execute(
          `mutation { extendHandlingDeadline(id: "${t1}", version: ${v1}, until: "${addDays(addMonths(today(), 6), -1)}", reason: "需跨部门协调") { status } }`,
          {},
          staff,
        );
      const one = await interleaved(module, p.id, [reply, deadline], {
        name: 'handling_task',
        ids: [t1],
      });
      expect(one.filter((r) => !r.errors)).toHaveLength(1);
      expect(one.find((r) => r.errors)!.errors![0]).toMatchObject(UPDATE_TIME_CONFLICT);
      const audited = (await auditOf(module, 'handling_task', t1)).map((a) => a[1]);
      expect(audited).toHaveLength(2);
      expect(audited[0]).toBe('receive');
      expect(['reply', 'extendDeadline']).toContain(audited[1]);
    });

    it('lets one of two review decisions read at the same version win; the other writes nothing', async () => {
      const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      const results = await interleaved(module, p.id, [
        () =>
          module.execute(
            `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { status } }`,
            {},
            staff,
          ),
        () =>
          module.execute(
            `mutation { rejectProposal(id: "${p.id}", version: ${p.version}, note: "不属于提案范围") { status } }`,
            {},
            staff,
          ),
      ]);
      const won = results.filter((r) => !r.errors);
      expect(won).toHaveLength(1);
      expect(results.find((r) => r.errors)!.errors![0]).toMatchObject(UPDATE_TIME_CONFLICT);
      const winner = Object.values(won[0].data!)[0] as { status: string };
      expect((await proposal(p.id)).status).toBe(winner.status);
      // The loser's audit row went with its transaction.
      expect(await auditOf(module, 'proposal', p.id)).toEqual([
        ['', 'submit', 'SUBMITTED'],
        ['SUBMITTED', winner.status === 'FILED' ? 'file' : 'reject', winner.status],
      ]);
    });

    it('files two proposals of one district at once: each gets its own case number, neither a CONFLICT', async () => {
      const a = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      const b = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      const file = (p: ProposalView) => () =>
        module.execute(
          `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { status caseNumber } }`,
          {},
          staff,
        );
      // Both count the filed proposals before either writes, so both draw the same number first.
      const both = await interleaved(module, a.id, [file(a), file(b)], {
        name: 'proposal',
        ids: [a.id, b.id],
      });
      expect(both.map((r) => r.errors)).toEqual([undefined, undefined]);
      const filed = both.map(
        (r) => (r.data as { fileProposal: { status: string; caseNumber: string } }).fileProposal,
      );
      expect(filed.map((f) => f.status)).toEqual(['FILED', 'FILED']);
      const [n1, n2] = filed.map((f) => Number(f.caseNumber.split('-')[1])).sort((x, y) => x - y);
      expect(n2).toBe(n1 + 1);
      // The retried filing wrote one audit row, not two.
      for (const p of [a, b])
        expect((await auditOf(module, 'proposal', p.id)).map((r) => r[1])).toEqual([
          'submit',
          'file',
        ]);
    });

    it("does not let two units' last replies pass at once and leave the proposal waiting for ever", async () => {
      const { p, tasks } = await separately();
      for (const [t, unit] of [
        [tasks[0].id, U1],
        [tasks[1].id, U2],
      ] as const) {
        await ok<{ id: string }>(
          module,
          `mutation { receiveHandlingTask(id: "${t}", version: ${await taskVersion(p.id, t)}) { id } }`,
          {},
          unitUser(unit),
        );
        await ok<{ id: string }>(
          module,
          `mutation { replyToProposal(id: "${t}", version: ${await taskVersion(p.id, t)}, input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: B }) { id } }`,
          {},
          unitUser(unit),
        );
      }
      // Each pass counts the other task as still open when it reads; were both to commit, neither
      // would move the proposal to REPLIED. Touching the proposal makes the second one fail instead.
      const versions = await Promise.all(tasks.map((t: { id: string }) => taskVersion(p.id, t.id)));
      const pass = (i: number) => () =>
        module.execute(
          `mutation { passProposalReply(id: "${tasks[i].id}", version: ${versions[i]}) { status } }`,
          {},
          office,
        );
      const results = await interleaved(module, p.id, [pass(0), pass(1)]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const lost = results.findIndex((r) => r.errors);
      expect(results[lost].errors![0]).toMatchObject(UPDATE_TIME_CONFLICT);
      const after = await proposal(p.id);
      expect(after.status).toBe('ASSIGNED');
      expect(after.tasks.map((t: { status: string }) => t.status).sort()).toEqual([
        'ACCEPTED',
        'REPLIED',
      ]);
      expect(await auditOf(module, 'handling_task', tasks[lost].id)).toEqual([
        ['PENDING_RECEIPT', 'receive', 'RECEIVED'],
        ['RECEIVED', 'reply', 'REPLIED'],
      ]);

      // Read again and retried, the second pass completes the replies.
      await ok<{ status: string }>(
        module,
        `mutation { passProposalReply(id: "${tasks[lost].id}", version: ${await taskVersion(p.id, tasks[lost].id)}) { status } }`,
        {},
        office,
      );
      expect((await proposal(p.id)).status).toBe('REPLIED');
    });
  },
  120_000,
);
