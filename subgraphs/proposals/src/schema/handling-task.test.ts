import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, systemEm, today, type Caller } from '@cppcc/kit';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { ReplySchema } from '../entities/reply.entity.js';
import {
  A,
  auditOf,
  B,
  countRows,
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

const author = member(9001);
const staff = staffOf(A);
const office = officeOf(A);
const [U1, U2, U3] = unitsOf(A);
const FOREIGN_UNIT = unitsOf(B)[0];
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A handling task as the steps answer it, as far as the tests read it. */
interface Task {
  availableActions: string[];
  dueOn: unknown;
  id: string;
  role: string;
  status: string;
  unit: { id: string };
  replies: { grade: string | null; review: string | null; gradeWording: string | null }[];
}
interface Proposal {
  overdue: unknown;
  rating: unknown;
  id: string;
  status: string;
  version: number;
  tasks: Task[];
}

const TASK =
  'id role status dueOn receiptDueOn overdue receiptOverdue availableActions unit { id } replies { grade review reviewNote gradeWording }';
const reply = {
  text: '经研究，已将老街业态导则编制列入年度计划。',
  referenceNumber: '屯文旅提复〔2026〕12号',
  signingLeader: '局长 张明',
  contact: '王芳 0559-2511111',
  grade: 'B',
};

describe.each(databases())(
  'assignment, handling and reply on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const proposal = (id: string, caller = staff) =>
      ok<Proposal>(
        module,
        `{ proposal(id: "${id}") { id status version overdue rating mode tasks { ${TASK} } } }`,
        {},
        caller,
      );
    const filed = async () => {
      const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      return ok<{ id: string; version: number; status: string }>(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id version status } }`,
        {},
        staff,
      );
    };
    const assign = (
      p: { id: string; version: number },
      i: Record<string, unknown>,
      caller = staff,
    ) =>
      module.execute<{ assignProposal: Proposal }>(
        `mutation($i: AssignProposalInput!) { assignProposal(id: "${p.id}", version: ${p.version}, input: $i) { id status version mode tasks { ${TASK} } } }`,
        { i },
        caller,
      );
    const assigned = async (i: Record<string, unknown>) => {
      const p = await filed();
      // A proposal filed long ago, as the calendar would have it, so its assignment can be dated back.
      if (i.assignedOn)
        await systemEm(module.orm).nativeUpdate(
          ProposalSchema,
          { id: Number(p.id) },
          { filedAt: new Date(Date.now() - 400 * 86_400_000) },
        );
      const r = await assign(await proposal(p.id), i);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.assignProposal;
    };
    /** The task's current version, which its steps take. */
    const taskVersion = async (proposalId: string, taskId: string) =>
      (
        await ok<{ tasks: { id: string; version: number }[] }>(
          module,
          `{ proposal(id: "${proposalId}") { tasks { id version } } }`,
          {},
          staff,
        )
      ).tasks.find((x) => x.id === taskId)!.version as number;
    /** A task step with the task's current version. */
    const task = async (
      field: string,
      taskId: string,
      proposalId: string,
      caller: Caller,
      extra = '',
      vars: Record<string, unknown> = {},
      decl = '',
    ) => {
      const version = await taskVersion(proposalId, taskId);
      return module.execute<Record<string, Task>>(
        `mutation${decl} { ${field}(id: "${taskId}", version: ${version}${extra}) { ${TASK} } }`,
        vars,
        caller,
      );
    };
    const done = async (...args: Parameters<typeof task>) => {
      const r = await task(...args);
      if (r.errors) throw new Error(`${args[0]}: ${JSON.stringify(r.errors)}`);
      return Object.values(r.data!)[0];
    };
    const replyTo = (
      taskId: string,
      proposalId: string,
      caller: Caller,
      body: Record<string, unknown> = reply,
    ) =>
      task(
        'replyToProposal',
        taskId,
        proposalId,
        caller,
        ', input: $r',
        { r: body },
        '($r: ProposalReplyInput!)',
      );
    const rate = async (id: string, rating: string, comment: string | null, caller = author) => {
      const { version } = await proposal(id);
      return module.execute(
        `mutation($c: String) { rateProposalReply(id: "${id}", version: ${version}, rating: ${rating}, comment: $c) { status rating } }`,
        { c: comment },
        caller,
      );
    };
    const proposalStep = async (field: string, id: string, extra = '') => {
      const { version } = await proposal(id);
      return module.execute(
        `mutation { ${field}(id: "${id}", version: ${version}${extra}) { status } }`,
        {},
        staff,
      );
    };

    it('takes a solely handled proposal through receipt, reply, review, rating, re-handling and closing', async () => {
      const p = await assigned({ mode: 'SOLE', unitIds: [String(U1)] });
      expect(p.status).toBe('ASSIGNED');
      const [t] = p.tasks;
      expect(t).toMatchObject({
        role: 'SOLE',
        status: 'PENDING_RECEIPT',
        receiptDueOn: addDays(today(), 10),
        dueOn: addMonths(today(), 3),
        overdue: false,
        receiptOverdue: false,
        unit: { id: String(U1) },
      });
      expect(
        (
          await ok<{ tasks: { availableActions: string[] }[] }>(
            module,
            `{ proposal(id: "${p.id}") { tasks { availableActions } } }`,
            {},
            unitUser(U1),
          )
        ).tasks[0].availableActions,
      ).toEqual(['receive', 'requestReturn']);

      expect(
        (await task('receiveHandlingTask', t.id, p.id, unitUser(U2))).errors?.[0].extensions,
      ).toMatchObject({ code: 'FORBIDDEN', action: 'receive' });
      expect(
        (await task('receiveHandlingTask', t.id, p.id, staff)).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      await done('receiveHandlingTask', t.id, p.id, unitUser(U1));

      const replies = await countRows(module, ReplySchema);
      const noGrade = await replyTo(t.id, p.id, unitUser(U1), { ...reply, grade: null });
      expect(noGrade.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.grade',
      });
      expect(
        (await replyTo(t.id, p.id, unitUser(U1), { ...reply, text: '  ' })).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
      expect(await countRows(module, ReplySchema)).toBe(replies);
      expect((await proposal(p.id)).tasks[0].status).toBe('RECEIVED');

      expect((await replyTo(t.id, p.id, unitUser(U1))).errors).toBeUndefined();
      expect(
        (await task('passProposalReply', t.id, p.id, staff)).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      expect(
        (await task('sendBackProposalReply', t.id, p.id, office, ', note: " "')).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      const sentBack = await done(
        'sendBackProposalReply',
        t.id,
        p.id,
        office,
        ', note: "答复未说明时间安排"',
      );
      expect(sentBack).toMatchObject({
        status: 'RECEIVED',
        replies: [{ grade: 'B', review: 'SENT_BACK', reviewNote: '答复未说明时间安排' }],
      });
      await replyTo(t.id, p.id, unitUser(U1), { ...reply, grade: 'A' });
      const passed = await done('passProposalReply', t.id, p.id, office);
      expect(passed.status).toBe('ACCEPTED');
      expect(passed.replies.map((r) => [r.grade, r.review])).toEqual([
        ['B', 'SENT_BACK'],
        ['A', 'PASSED'],
      ]);
      expect(passed.replies[1].gradeWording).toBe('所提问题已经解决或基本解决、建议已采纳');
      expect((await proposal(p.id)).status).toBe('REPLIED');

      expect(
        (await rate(p.id, 'SATISFIED', null, member(9002))).errors?.[0].extensions,
      ).toMatchObject({ code: 'FORBIDDEN', action: 'rateSatisfied' });
      expect((await rate(p.id, 'UNSATISFIED', null)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'comment',
      });
      expect((await rate(p.id, 'UNSATISFIED', '未回应核心建议')).data!.rateProposalReply).toEqual({
        status: 'UNSATISFIED',
        rating: 'UNSATISFIED',
      });
      expect(
        (await proposalStep('reopenProposal', p.id, ', note: ""')).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      expect(
        (await proposalStep('reopenProposal', p.id, ', note: "请承办单位再次办理"')).data!
          .reopenProposal,
      ).toEqual({ status: 'ASSIGNED' });
      const reopened = await proposal(p.id);
      expect(reopened.tasks[0]).toMatchObject({ status: 'RECEIVED', dueOn: addMonths(today(), 3) });
      await replyTo(t.id, p.id, unitUser(U1));
      await done('passProposalReply', t.id, p.id, office);
      expect((await proposalStep('closeProposal', p.id)).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'REPLIED',
        action: 'close',
      });
      expect((await rate(p.id, 'BASICALLY_SATISFIED', null)).data!.rateProposalReply).toEqual({
        status: 'RATED',
        rating: 'BASICALLY_SATISFIED',
      });
      expect((await proposalStep('closeProposal', p.id)).data!.closeProposal).toEqual({
        status: 'CLOSED',
      });
      expect((await auditOf(module, 'proposal', p.id)).map((a) => a[1])).toEqual([
        'submit',
        'file',
        'assign',
        'completeReplies',
        'rateUnsatisfied',
        'reopen',
        'completeReplies',
        'rateSatisfied',
        'close',
      ]);
      expect((await auditOf(module, 'handling_task', t.id)).map((a) => a[1])).toEqual([
        'receive',
        'reply',
        'sendBackReply',
        'reply',
        'passReply',
        'reopen',
        'reply',
        'passReply',
      ]);
    });

    it('lets the lead unit reply only once every co-unit has sent its opinion; co-units do not reply', async () => {
      const p = await assigned({
        mode: 'LEAD_WITH_CO',
        leadUnitId: String(U1),
        unitIds: [String(U2)],
      });
      const lead = p.tasks.find((t) => t.role === 'LEAD')!;
      const co = p.tasks.find((t) => t.role === 'CO')!;
      expect(co.dueOn).toBe(addMonths(today(), 1));
      await done('receiveHandlingTask', lead.id, p.id, unitUser(U1));
      await done('receiveHandlingTask', co.id, p.id, unitUser(U2));
      expect((await replyTo(lead.id, p.id, unitUser(U1))).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        rule: 'co-opinions-missing',
      });
      // Another unit is told it may not reply, not what the lead unit waits for.
      expect((await replyTo(lead.id, p.id, unitUser(U2))).errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        action: 'reply',
      });
      expect((await replyTo(co.id, p.id, unitUser(U2))).errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        action: 'reply',
      });
      expect(
        (await task('sendCoUnitOpinion', lead.id, p.id, unitUser(U1), ', text: "x"')).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'FORBIDDEN', action: 'sendOpinion' });
      expect(
        (
          await done(
            'sendCoUnitOpinion',
            co.id,
            p.id,
            unitUser(U2),
            ', text: "同意主办单位意见，配合落实。"',
          )
        ).status,
      ).toBe('OPINION_SENT');
      await replyTo(lead.id, p.id, unitUser(U1));
      await done('passProposalReply', lead.id, p.id, office);
      expect((await proposal(p.id)).status).toBe('REPLIED');
    });

    it('waits for every unit of a separately handled proposal', async () => {
      const p = await assigned({ mode: 'SEPARATE', unitIds: [String(U1), String(U2)] });
      for (const [t, u] of [
        [p.tasks[0], U1],
        [p.tasks[1], U2],
      ] as const) {
        await done('receiveHandlingTask', t.id, p.id, unitUser(u));
        await replyTo(t.id, p.id, unitUser(u));
      }
      await done('passProposalReply', p.tasks[0].id, p.id, office);
      expect((await proposal(p.id)).status).toBe('ASSIGNED');
      await done('passProposalReply', p.tasks[1].id, p.id, office);
      expect((await proposal(p.id)).status).toBe('REPLIED');
      // Staff may close with the unsatisfied rating standing (the explanation was sufficient).
      await rate(p.id, 'UNSATISFIED', '未完全采纳');
      expect(
        (await proposalStep('closeProposal', p.id, ', note: "已作说明，条件暂不具备"')).data!
          .closeProposal,
      ).toEqual({ status: 'CLOSED' });
      expect((await proposal(p.id)).rating).toBe('UNSATISFIED');
    });

    it('lets a unit return an item that is not its business within the window; staff reassign it or refuse', async () => {
      const p = await assigned({ mode: 'SOLE', unitIds: [String(U1)] });
      const t = p.tasks[0];
      expect(
        (await task('requestHandlingTaskReturn', t.id, p.id, unitUser(U1), ', reason: ""'))
          .errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(
        (
          await done(
            'requestHandlingTaskReturn',
            t.id,
            p.id,
            unitUser(U1),
            ', reason: "不属于本单位职责，建议交住建局"',
          )
        ).status,
      ).toBe('RETURN_REQUESTED');
      expect(
        (await task('approveHandlingTaskReturn', t.id, p.id, staff)).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reassignTo' });
      expect(
        (
          await task(
            'approveHandlingTaskReturn',
            t.id,
            p.id,
            staff,
            `, reassignTo: "${FOREIGN_UNIT}"`,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reassignTo', rule: 'unit-district' });
      expect(
        (await task('approveHandlingTaskReturn', t.id, p.id, staff, `, reassignTo: "${U1}"`))
          .errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'other' });
      expect(
        (await task('approveHandlingTaskReturn', t.id, p.id, unitUser(U1), `, reassignTo: "${U3}"`))
          .errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      const approved = await done(
        'approveHandlingTaskReturn',
        t.id,
        p.id,
        staff,
        `, reassignTo: "${U3}"`,
      );
      expect(approved.status).toBe('RETURNED');
      const after = await proposal(p.id);
      expect(after.tasks.map((x) => [x.unit.id, x.status])).toEqual([
        [String(U1), 'RETURNED'],
        [String(U3), 'PENDING_RECEIPT'],
      ]);
      await done('receiveHandlingTask', after.tasks[1].id, p.id, unitUser(U3));
      await replyTo(after.tasks[1].id, p.id, unitUser(U3));
      await done('passProposalReply', after.tasks[1].id, p.id, office);
      expect((await proposal(p.id)).status).toBe('REPLIED');

      const q = await assigned({ mode: 'SOLE', unitIds: [String(U2)] });
      await done(
        'requestHandlingTaskReturn',
        q.tasks[0].id,
        q.id,
        unitUser(U2),
        ', reason: "非本单位职责"',
      );
      expect(
        (await task('refuseHandlingTaskReturn', q.tasks[0].id, q.id, staff, ', note: ""'))
          .errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      expect(
        (
          await done(
            'refuseHandlingTaskReturn',
            q.tasks[0].id,
            q.id,
            staff,
            ', note: "属于本单位职责范围，请按期办理"',
          )
        ).status,
      ).toBe('RECEIVED');

      const late = await assigned({ mode: 'SOLE', unitIds: [String(U2)], assignedOn: daysAgo(20) });
      expect(
        (
          await task(
            'requestHandlingTaskReturn',
            late.tasks[0].id,
            late.id,
            unitUser(U2),
            ', reason: "非本单位职责"',
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'return-window-closed' });
    });

    it('flags overdue tasks and extends deadlines with a reason, to six months at most', async () => {
      const started = daysAgo(125);
      const p = await assigned({ mode: 'SOLE', unitIds: [String(U1)], assignedOn: started });
      const t = p.tasks[0];
      expect(t).toMatchObject({
        overdue: true,
        dueOn: addMonths(started, 3),
        receiptOverdue: true,
        receiptDueOn: addDays(started, 10),
      });
      expect((await proposal(p.id)).overdue).toBe(true);
      const listed = await ok<{ nodes: { id: string }[] }>(
        module,
        `{ proposals(filter: { overdue: true }, first: 1000) { nodes { id } } }`,
        {},
        staff,
      );
      expect(listed.nodes.map((n) => n.id)).toContain(p.id);
      const mine = await ok<{ nodes: { id: string; unit: { id: string } }[] }>(
        module,
        `{ handlingTasks(filter: { overdue: true }, first: 100) { nodes { id unit { id } } } }`,
        {},
        unitUser(U1),
      );
      expect(mine.nodes.map((n) => n.id)).toContain(t.id);
      expect(mine.nodes.every((n) => n.unit.id === String(U1))).toBe(true);

      const tooLate = addMonths(started, 7);
      expect(
        (
          await task(
            'extendHandlingDeadline',
            t.id,
            p.id,
            office,
            `, until: "${tooLate}", reason: "需跨部门协调"`,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until', rule: 'six-months' });
      expect(
        (
          await task(
            'extendHandlingDeadline',
            t.id,
            p.id,
            office,
            `, until: "${addMonths(started, 5)}", reason: " "`,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(
        (
          await task(
            'extendHandlingDeadline',
            t.id,
            p.id,
            unitUser(U1),
            `, until: "${addMonths(started, 5)}", reason: "需跨部门协调"`,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      expect(
        (
          await task(
            'extendHandlingDeadline',
            t.id,
            p.id,
            office,
            `, until: "${addMonths(started, 3)}", reason: "需跨部门协调"`,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until', rule: 'later' });
      const extended = await done(
        'extendHandlingDeadline',
        t.id,
        p.id,
        office,
        `, until: "${addMonths(started, 6)}", reason: "需待省级政策出台"`,
      );
      expect(extended).toMatchObject({
        dueOn: addMonths(started, 6),
        overdue: false,
        receiptOverdue: true,
      });
      // Signing receipt late clears the receipt flag; the reply deadline stands as extended.
      expect(await done('receiveHandlingTask', t.id, p.id, unitUser(U1))).toMatchObject({
        status: 'RECEIVED',
        receiptOverdue: false,
        overdue: false,
      });
      await replyTo(t.id, p.id, unitUser(U1));
      await done('passProposalReply', t.id, p.id, office);
      expect(
        (
          await task(
            'extendHandlingDeadline',
            t.id,
            p.id,
            staff,
            `, until: "${addMonths(started, 6)}", reason: "x"`,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'ACCEPTED', rule: 'done' });
      expect((await auditOf(module, 'handling_task', t.id)).map((a) => a[1])).toEqual([
        'extendDeadline',
        'receive',
        'reply',
        'passReply',
      ]);
      expect(
        (
          await ok<{ nodes: { id: string }[] }>(
            module,
            `{ handlingTasks(filter: { overdue: true }, first: 100) { nodes { id } } }`,
            {},
            unitUser(U1),
          )
        ).nodes.map((n) => n.id),
      ).not.toContain(t.id);
    });

    it('lets staff urge a unit past its due day, once a week, and nobody else', async () => {
      const p = await assigned({ mode: 'SOLE', unitIds: [String(U1)], assignedOn: daysAgo(20) });
      const t = p.tasks[0];
      // Nothing is urged before it is due.
      const fresh = await assigned({ mode: 'SOLE', unitIds: [String(U1)] });
      expect(fresh.tasks[0].availableActions).not.toContain('urge');
      expect(
        (await task('urgeHandlingTask', fresh.tasks[0].id, fresh.id, staff)).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'not-overdue' });
      expect(t.availableActions).toContain('urge');
      for (const caller of [unitUser(U1), office, author, staffOf(B)])
        expect(
          (await task('urgeHandlingTask', t.id, p.id, caller)).errors?.[0].extensions?.code,
        ).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(
        (await task('urgeHandlingTask', t.id, p.id, staff, ', note: " "')).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      const urged = await done('urgeHandlingTask', t.id, p.id, staff, ', note: "请尽快签收"');
      expect(urged).toMatchObject({ status: 'PENDING_RECEIPT' });
      expect(urged.availableActions).not.toContain('urge');
      const stamped = await systemEm(module.orm).findOneOrFail(HandlingTaskSchema, {
        id: Number(t.id),
      });
      expect(stamped.urgedOn).toBe(today());
      expect(
        (await task('urgeHandlingTask', t.id, p.id, staff)).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'urged-lately' });
      expect(await auditOf(module, 'handling_task', t.id)).toContainEqual([
        'PENDING_RECEIPT',
        'urge',
        'PENDING_RECEIPT',
      ]);
    });

    it('refuses a bad assignment naming the field, writing nothing', async () => {
      const p = await filed();
      const before = await countRows(module, HandlingTaskSchema);
      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [
          { mode: 'SOLE', unitIds: [String(U1), String(U2)] },
          { code: 'BAD_USER_INPUT', field: 'input.unitIds' },
        ],
        [
          { mode: 'SEPARATE', unitIds: [String(U1)] },
          { code: 'BAD_USER_INPUT', field: 'input.unitIds' },
        ],
        [
          { mode: 'LEAD_WITH_CO', unitIds: [String(U1)] },
          { code: 'BAD_USER_INPUT', field: 'input.leadUnitId' },
        ],
        [
          { mode: 'LEAD_WITH_CO', leadUnitId: String(U1), unitIds: [String(U1)] },
          { code: 'BAD_USER_INPUT', field: 'input.unitIds' },
        ],
        [
          { mode: 'SOLE', unitIds: ['77777'] },
          { code: 'NOT_FOUND', field: 'input.unitIds.0' },
        ],
        [
          { mode: 'SOLE', unitIds: [String(FOREIGN_UNIT)] },
          { code: 'BAD_USER_INPUT', field: 'input.unitIds.0', rule: 'unit-district' },
        ],
        [
          { mode: 'SOLE', unitIds: [String(U1)], assignedOn: '2099-01-01' },
          { code: 'BAD_USER_INPUT', field: 'input.assignedOn' },
        ],
      ];
      for (const [i, expected] of cases)
        expect((await assign(p, i)).errors?.[0].extensions, JSON.stringify(i)).toMatchObject(
          expected,
        );
      expect(
        (await assign(p, { mode: 'SOLE', unitIds: [String(U1)] }, member(9001))).errors?.[0]
          .extensions?.code,
      ).toBe('FORBIDDEN');
      expect(await countRows(module, HandlingTaskSchema)).toBe(before);
      expect((await proposal(p.id)).status).toBe('FILED');
    });

    it('lets only one of two concurrent reviews of a reply win', async () => {
      const p = await assigned({ mode: 'SOLE', unitIds: [String(U1)] });
      await done('receiveHandlingTask', p.tasks[0].id, p.id, unitUser(U1));
      await replyTo(p.tasks[0].id, p.id, unitUser(U1));
      const version = await taskVersion(p.id, p.tasks[0].id);
      const results = await Promise.all([
        module.execute(
          `mutation { passProposalReply(id: "${p.tasks[0].id}", version: ${version}) { status } }`,
          {},
          office,
        ),
        module.execute(
          `mutation { sendBackProposalReply(id: "${p.tasks[0].id}", version: ${version}, note: "请补充") { status } }`,
          {},
          office,
        ),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.find((r) => r.errors)!.errors![0].extensions?.code).toBe('CONFLICT');
      expect((await auditOf(module, 'handling_task', p.tasks[0].id)).map((a) => a[1])).toHaveLength(
        3,
      );
    });

    it('lets a district word its grades its own way', async () => {
      await ok<{ wording: string }>(
        module,
        `mutation { setReplyGradeWording(district: "${A}", grade: C, wording: "受条件限制，暂时难以解决") { wording } }`,
        {},
        staff,
      );
      const w = await ok<{ grade: string; wording: string }[]>(
        module,
        `{ replyGradeWordings(district: "${A}") { grade wording } }`,
        {},
        staff,
      );
      expect(w).toContainEqual({ grade: 'C', wording: '受条件限制，暂时难以解决' });
      expect(
        (
          await module.execute(
            `mutation { setReplyGradeWording(district: "${B}", grade: C, wording: "x") { wording } }`,
            {},
            staff,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('CROSS_DISTRICT');
      expect(
        await refused(
          module,
          `mutation { setReplyGradeWording(district: "${A}", grade: C, wording: " ") { wording } }`,
          {},
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'wording' });
      expect(await auditOf(module, 'reply_grade_wording', `${A}:C`)).toEqual([['', 'set', 'C']]);
      // A reply graded C reads the district's wording; another district keeps the default.
      const p = await assigned({ mode: 'SOLE', unitIds: [String(U1)] });
      await done('receiveHandlingTask', p.tasks[0].id, p.id, unitUser(U1));
      const replied = await replyTo(p.tasks[0].id, p.id, unitUser(U1), { ...reply, grade: 'C' });
      expect(replied.data!.replyToProposal.replies).toEqual([
        {
          grade: 'C',
          review: 'PENDING',
          reviewNote: null,
          gradeWording: '受条件限制，暂时难以解决',
        },
      ]);
      const other = await ok<{ grade: string; wording: string }[]>(
        module,
        `{ replyGradeWordings(district: "${B}") { grade wording } }`,
        {},
        staffOf(B),
      );
      expect(other).toContainEqual({ grade: 'C', wording: '因条件限制需以后解决' });
    });
  },
  120_000,
);
