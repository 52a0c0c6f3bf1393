import { systemEm } from '@cppcc/kit';
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
): Promise<Result[]> {
  let running!: Promise<Result[]>;
  await systemEm(module.orm).transactional(async (em) => {
    await em.execute('select id from proposal where id = ? for update', [Number(proposalId)]);
    running = Promise.all(steps.map((s) => s()));
    const poll = systemEm(module.orm);
    for (let i = 0; ; i++) {
      const [{ n }] = await poll.execute<{ n: number }[]>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update %proposal%'",
      );
      if (n >= steps.length) break;
      if (i > 200)
        throw new Error(`only ${n} of ${steps.length} steps reached the proposal's UPDATE`);
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
      ok(module, `{ proposal(id: "${id}") { id status version tasks { id status } } }`, {}, staff);
    const version = async (id: string) => (await proposal(id)).version as number;

    it('lets one of two review decisions read at the same version win; the other writes nothing', async () => {
      const p = await ok(module, SUBMIT, { i: input }, author);
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

    it("does not let two units' last replies pass at once and leave the proposal waiting for ever", async () => {
      const p = await ok(module, SUBMIT, { i: input }, author);
      await ok(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`,
        {},
        staff,
      );
      const { tasks } = await ok(
        module,
        `mutation { assignProposal(id: "${p.id}", version: ${await version(p.id)}, input: { mode: SEPARATE, unitIds: ["${U1}", "${U2}"] }) { tasks { id } } }`,
        {},
        staff,
      );
      for (const [t, unit] of [
        [tasks[0].id, U1],
        [tasks[1].id, U2],
      ] as const) {
        await ok(
          module,
          `mutation { receiveHandlingTask(id: "${t}", version: ${await version(p.id)}) { id } }`,
          {},
          unitUser(unit),
        );
        await ok(
          module,
          `mutation { replyToProposal(id: "${t}", version: ${await version(p.id)}, input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: B }) { id } }`,
          {},
          unitUser(unit),
        );
      }
      // Each pass counts the other task as still open when it reads; were both to commit, neither
      // would move the proposal to REPLIED. Touching the proposal makes the second one fail instead.
      const v = await version(p.id);
      const pass = (taskId: string) => () =>
        module.execute(
          `mutation { passProposalReply(id: "${taskId}", version: ${v}) { status } }`,
          {},
          office,
        );
      const results = await interleaved(module, p.id, [pass(tasks[0].id), pass(tasks[1].id)]);
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
      await ok(
        module,
        `mutation { passProposalReply(id: "${tasks[lost].id}", version: ${await version(p.id)}) { status } }`,
        {},
        office,
      );
      expect((await proposal(p.id)).status).toBe('REPLIED');
    });
  },
  120_000,
);
