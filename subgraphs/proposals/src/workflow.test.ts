import { systemEm } from '@cppcc/kit';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosignerSchema } from './entities/cosigner.entity.js';
import { HandlingTaskSchema, TASK_STATUSES } from './entities/handling-task.entity.js';
import { OPINION_STATUSES, OpinionItemSchema } from './entities/opinion-item.entity.js';
import { PROPOSAL_STATUSES, ProposalSchema } from './entities/proposal.entity.js';
import {
  A,
  B,
  input,
  leaderOf,
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
import { opinionWorkflow, proposalWorkflow, taskWorkflow } from './workflow.js';

const author = member(9001);
const staff = staffOf(A);
const [U1, U2, U3] = unitsOf(A);

/**
 * Every move the tables do not hold is refused with ILLEGAL_TRANSITION naming the state and
 * the action, whoever asks: the tables are walked, not a hand-picked sample.
 */
describe.each(databases())('moves outside the transition tables on $name', ({ url }) => {
  let module: TestModule;
  let target: string;
  beforeAll(async () => {
    module = await startProposals(url);
    target = (await ok<ProposalView>(module, SUBMIT, { i: input }, author)).id;
  });
  afterAll(() => module?.stop());

  const em = () => systemEm(module.orm);
  const proposalIn = async (status: string) => {
    const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
    await em().nativeUpdate(
      ProposalSchema,
      { id: Number(p.id) },
      { status: status as never, public: true },
    );
    return {
      id: p.id as string,
      version: (
        await ok<{ version: number }>(module, `{ proposal(id: "${p.id}") { version } }`, {}, staff)
      ).version as number,
    };
  };

  const proposalMutations: Record<string, [string, typeof author]> = {
    submit: ['submitProposalDraft', author],
    withdraw: ['withdrawProposal', author],
    file: ['fileProposal', staff],
    reject: ['rejectProposal(NOTE)', staff],
    returnForRevision: ['returnProposalForRevision(NOTE)', staff],
    proposeConversion: ['proposeProposalConversion(NOTE, target: SUGGESTION)', staff],
    consentConversion: ['consentToProposalConversion', author],
    declineConversion: ['declineProposalConversion', author],
    merge: ['mergeProposal(intoId: "TARGET")', staff],
    assign: [`assignProposal(input: { mode: SOLE, unitIds: ["${U1}"] })`, staff],
    rateSatisfied: ['rateProposalReply(rating: SATISFIED)', author],
    rateUnsatisfied: ['rateProposalReply(rating: UNSATISFIED, comment: "答复不具体")', author],
    rateAsCosigner: ['rateProposalReplyAsCosigner(rating: SATISFIED)', member(9003)],
    reopen: ['reopenProposal(NOTE)', staff],
    close: ['closeProposal', staff],
  };

  it('refuses every proposal action from every state the table does not allow it from', async () => {
    let checked = 0;
    for (const status of PROPOSAL_STATUSES) {
      // A refused step changes nothing, so one proposal in this state serves every action.
      const p = await proposalIn(status);
      for (const [action, [template, caller]] of Object.entries(proposalMutations)) {
        if (proposalWorkflow.transitions.some((t) => t.from === status && t.action === action))
          continue;
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const extra = args.replace('NOTE', 'note: "说明理由"').replace('TARGET', target);
        const r = await module.execute(
          `mutation { ${name}(id: "${p.id}", version: ${p.version}${extra ? `, ${extra}` : ''}) { status } }`,
          {},
          caller,
        );
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({
          code: 'ILLEGAL_TRANSITION',
          state: status,
          action,
        });
        checked++;
      }
      expect(
        await ok<{ status: string; version: number }>(
          module,
          `{ proposal(id: "${p.id}") { status version } }`,
          {},
          staff,
        ),
      ).toEqual({ status, version: p.version });
    }
    // Every action the API exposes has been tried from every state it may not start from (a
    // state an action leaves by several rows, e.g. declineConversion, counts once).
    const allowed = new Set(
      proposalWorkflow.transitions
        .filter((t) => t.action in proposalMutations)
        .map((t) => `${t.from} ${t.action}`),
    );
    expect(checked).toBe(
      PROPOSAL_STATUSES.length * Object.keys(proposalMutations).length - allowed.size,
    );
  }, 180_000);

  it('refuses every task action from every state the table does not allow it from', async () => {
    const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
    await ok<{ id: string }>(
      module,
      `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`,
      {},
      staff,
    );
    const version = async () =>
      (await ok<{ version: number }>(module, `{ proposal(id: "${p.id}") { version } }`, {}, staff))
        .version;
    const assigned = await ok<{ tasks: { id: string }[] }>(
      module,
      `mutation { assignProposal(id: "${p.id}", version: ${await version()}, input: { mode: SOLE, unitIds: ["${U1}"] }) { tasks { id } } }`,
      {},
      staff,
    );
    const taskId = assigned.tasks[0].id;
    const unit = unitUser(U1);
    // A task step takes the task's version.
    const taskVersion = async (id: string) =>
      (await em().findOneOrFail(HandlingTaskSchema, { id: Number(id) })).version;
    const taskMutations: Record<string, [string, typeof author]> = {
      receive: ['receiveHandlingTask', unit],
      requestReturn: ['requestHandlingTaskReturn(reason: "非本单位职责")', unit],
      approveReturn: [`approveHandlingTaskReturn(reassignTo: "${U2}")`, staff],
      refuseReturn: ['refuseHandlingTaskReturn(note: "请办理")', staff],
      sendOpinion: ['sendCoUnitOpinion(text: "意见")', unit],
      reply: [
        'replyToProposal(input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: B })',
        unit,
      ],
      passReply: ['passProposalReply', officeOf(A)],
      sendBackReply: ['sendBackProposalReply(note: "请补充")', officeOf(A)],
    };
    for (const status of TASK_STATUSES) {
      for (const [action, [template, caller]] of Object.entries(taskMutations)) {
        if (taskWorkflow.transitions.some((t) => t.from === status && t.action === action))
          continue;
        await em().nativeUpdate(
          HandlingTaskSchema,
          { id: Number(taskId) },
          { status: status as never },
        );
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const r = await module.execute(
          `mutation { ${name}(id: "${taskId}", version: ${await taskVersion(taskId)}${args ? `, ${args}` : ''}) { status } }`,
          {},
          caller,
        );
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({
          code: 'ILLEGAL_TRANSITION',
          state: status,
          action,
        });
      }
    }
  }, 180_000);

  it('refuses every opinion-item action from every state the table does not allow it from', async () => {
    const item = await ok<{ id: string }>(
      module,
      `mutation { submitOpinionItem(input: { title: "城区停车难问题的对策建议", content: "内容", category: URBAN_MANAGEMENT }) { id } }`,
      {},
      author,
    );
    const itemMutations: Record<string, [string, typeof author]> = {
      submit: ['submitOpinionItemDraft', author],
      withdraw: ['withdrawOpinionItem', author],
      select: ['selectOpinionItem', staff],
      discard: ['discardOpinionItem(note: "重复")', staff],
      report: ['reportOpinionItem(recipients: ["省政协"])', staff],
      adopt: [
        'recordOpinionItemAdoption(level: CITY, mode: SINGLE, adoptedOn: "2026-01-05")',
        staff,
      ],
      feedBack: ['feedBackOpinionItem(text: "已采用")', staff],
    };
    for (const status of OPINION_STATUSES) {
      for (const [action, [template, caller]] of Object.entries(itemMutations)) {
        if (opinionWorkflow.transitions.some((t) => t.from === status && t.action === action))
          continue;
        await em().nativeUpdate(
          OpinionItemSchema,
          { id: Number(item.id) },
          { status: status as never },
        );
        const { version } = await ok<{ version: number }>(
          module,
          `{ opinionItem(id: "${item.id}") { version } }`,
          {},
          staff,
        );
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const r = await module.execute(
          `mutation { ${name}(id: "${item.id}", version: ${version}${args ? `, ${args}` : ''}) { status } }`,
          {},
          caller,
        );
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({
          code: 'ILLEGAL_TRANSITION',
          state: status,
          action,
        });
      }
    }
  }, 180_000);
});

/**
 * The "who may" column, written out here apart from the tables: every step of the proposal,
 * task and item tables, tried by each kind of caller the column does not name, is FORBIDDEN
 * naming the state and the action, and leaves the record as it was.
 */
describe.each(databases())(
  'moves by callers the transition tables do not name on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const em = () => systemEm(module.orm);
    const callers = {
      author,
      otherMember: member(9002),
      cosigner: member(9003),
      staff,
      office: officeOf(A),
      leader: leaderOf(A),
      unit: unitUser(U1),
      otherUnit: unitUser(U2),
      otherStaff: staffOf(B),
    };
    type Who = keyof typeof callers;
    /** Records are made public first, so every caller sees them and the refusal is about the step, not the record. */
    const refusedToAllBut = async (
      holder: Who,
      call: (
        caller: typeof author,
      ) => Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>,
      state: string,
      action: string,
    ) => {
      for (const [name, caller] of Object.entries(callers)) {
        if (name === holder) continue;
        const refusal = (await call(caller)).errors?.[0].extensions;
        // A caller without the mutation's role is stopped before the table is read (authScopes).
        const byTable = refusal?.state !== undefined;
        expect(refusal, `${state} ${action} by ${name}`).toMatchObject(
          byTable ? { code: 'FORBIDDEN', state, action } : { code: 'FORBIDDEN' },
        );
      }
    };

    const proposalSteps: Record<string, [Who, string]> = {
      submit: ['author', 'submitProposalDraft'],
      withdraw: ['author', 'withdrawProposal'],
      file: ['staff', 'fileProposal'],
      reject: ['staff', 'rejectProposal(note: "说明理由")'],
      returnForRevision: ['staff', 'returnProposalForRevision(note: "说明理由")'],
      proposeConversion: [
        'staff',
        'proposeProposalConversion(note: "说明理由", target: SUGGESTION)',
      ],
      consentConversion: ['author', 'consentToProposalConversion'],
      declineConversion: ['author', 'declineProposalConversion'],
      merge: ['staff', 'mergeProposal(intoId: "TARGET")'],
      assign: ['staff', `assignProposal(input: { mode: SOLE, unitIds: ["${U1}"] })`],
      rateSatisfied: ['author', 'rateProposalReply(rating: SATISFIED)'],
      rateUnsatisfied: ['author', 'rateProposalReply(rating: UNSATISFIED, comment: "答复不具体")'],
      rateAsCosigner: ['cosigner', 'rateProposalReplyAsCosigner(rating: SATISFIED)'],
      reopen: ['staff', 'reopenProposal(note: "再次办理")'],
      close: ['staff', 'closeProposal'],
    };

    it('refuses every proposal step to every caller but the one its row names', async () => {
      const target = (await ok<ProposalView>(module, SUBMIT, { i: input }, author)).id;
      await em().nativeUpdate(ProposalSchema, { id: Number(target) }, { public: true });
      // completeReplies is taken by passing the last reply (the office's step, walked with the
      // tasks); edit and invite keep the proposal where it is (proposal and co-signer tests).
      expect([
        ...new Set(
          proposalWorkflow.transitions
            .filter((t) => !(t.action in proposalSteps))
            .map((t) => t.action),
        ),
      ]).toEqual(['completeReplies', 'edit', 'invite']);
      for (const t of proposalWorkflow.transitions.filter((x) => x.action in proposalSteps)) {
        const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
        await em().nativeUpdate(
          ProposalSchema,
          { id: Number(p.id) },
          { status: t.from, public: true },
        );
        // Member 9003 co-signed every one of them, so the co-signer's row has its holder.
        await em().insert(CosignerSchema, {
          proposalId: Number(p.id),
          memberId: 9003,
          status: 'ACCEPTED',
          respondBy: '2026-01-01',
          respondedAt: new Date(),
          source: 'INVITATION',
        });
        const { version } = await ok<{ version: number }>(
          module,
          `{ proposal(id: "${p.id}") { version } }`,
          {},
          staff,
        );
        const [holder, template] = proposalSteps[t.action];
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const extra = args.replace('TARGET', target);
        await refusedToAllBut(
          holder,
          (caller) =>
            module.execute(
              `mutation { ${name}(id: "${p.id}", version: ${version}${extra ? `, ${extra}` : ''}) { status } }`,
              {},
              caller,
            ),
          t.from,
          t.action,
        );
        expect(
          await ok<{ status: string; version: number }>(
            module,
            `{ proposal(id: "${p.id}") { status version } }`,
            {},
            staff,
          ),
          t.action,
        ).toEqual({ status: t.from, version });
      }
    }, 180_000);

    it('refuses every task step to every caller but the unit, staff or office its row names', async () => {
      const p = await ok<ProposalView>(module, SUBMIT, { i: input }, author);
      await ok<{ id: string }>(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`,
        {},
        staff,
      );
      const version = async () =>
        (
          await ok<{ version: number }>(
            module,
            `{ proposal(id: "${p.id}") { version } }`,
            {},
            staff,
          )
        ).version;
      const { tasks } = await ok<{ tasks: { id: string; role: string }[] }>(
        module,
        `mutation { assignProposal(id: "${p.id}", version: ${await version()}, input: { mode: LEAD_WITH_CO, leadUnitId: "${U1}", unitIds: ["${U2}"] }) { tasks { id role } } }`,
        {},
        staff,
      );
      const lead = tasks.find((t) => t.role === 'LEAD')!.id;
      const co = tasks.find((t) => t.role === 'CO')!.id;
      // The lead unit may reply only once the co-unit's opinion is in: that rule is not under test here.
      await em().nativeUpdate(HandlingTaskSchema, { id: Number(co) }, { status: 'OPINION_SENT' });
      const taskSteps: Record<string, [Who, string, string]> = {
        receive: ['unit', 'receiveHandlingTask', lead],
        requestReturn: ['unit', 'requestHandlingTaskReturn(reason: "非本单位职责")', lead],
        approveReturn: ['staff', `approveHandlingTaskReturn(reassignTo: "${U3}")`, lead],
        refuseReturn: ['staff', 'refuseHandlingTaskReturn(note: "请办理")', lead],
        sendOpinion: ['otherUnit', 'sendCoUnitOpinion(text: "意见")', co],
        reply: [
          'unit',
          'replyToProposal(input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: B })',
          lead,
        ],
        passReply: ['office', 'passProposalReply', lead],
        sendBackReply: ['office', 'sendBackProposalReply(note: "请补充")', lead],
      };
      // reopen is taken for the tasks by reopening the proposal (staff's step, walked above);
      // urge (only past due) and extendDeadline keep the task where it is (handling-task tests).
      expect([
        ...new Set(
          taskWorkflow.transitions.filter((t) => !(t.action in taskSteps)).map((t) => t.action),
        ),
      ]).toEqual(['reopen', 'urge', 'extendDeadline']);
      for (const t of taskWorkflow.transitions.filter((x) => x.action in taskSteps)) {
        const [holder, template, taskId] = taskSteps[t.action];
        await em().nativeUpdate(HandlingTaskSchema, { id: Number(taskId) }, { status: t.from });
        const v = await version();
        // A task step takes the task's version.
        const tv = (await em().findOneOrFail(HandlingTaskSchema, { id: Number(taskId) })).version;
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        await refusedToAllBut(
          holder,
          (caller) =>
            module.execute(
              `mutation { ${name}(id: "${taskId}", version: ${tv}${args ? `, ${args}` : ''}) { status } }`,
              {},
              caller,
            ),
          t.from,
          t.action,
        );
        expect(
          (await em().findOneOrFail(HandlingTaskSchema, { id: Number(taskId) })).status,
          t.action,
        ).toBe(t.from);
        expect(await version(), t.action).toBe(v);
        expect(
          (await em().findOneOrFail(HandlingTaskSchema, { id: Number(taskId) })).version,
          t.action,
        ).toBe(tv);
        if (t.action === 'sendOpinion')
          await em().nativeUpdate(
            HandlingTaskSchema,
            { id: Number(co) },
            { status: 'OPINION_SENT' },
          );
      }
    }, 180_000);

    it('refuses every opinion-item step to every caller but the author or staff its row names', async () => {
      const item = await ok<{ id: string }>(
        module,
        `mutation { submitOpinionItem(input: { title: "城区停车难问题的对策建议", content: "内容", category: URBAN_MANAGEMENT }) { id } }`,
        {},
        author,
      );
      const itemSteps: Record<string, [Who, string]> = {
        submit: ['author', 'submitOpinionItemDraft'],
        withdraw: ['author', 'withdrawOpinionItem'],
        select: ['staff', 'selectOpinionItem'],
        discard: ['staff', 'discardOpinionItem(note: "重复")'],
        report: ['staff', 'reportOpinionItem(recipients: ["省政协"])'],
        adopt: [
          'staff',
          `recordOpinionItemAdoption(level: CITY, mode: SINGLE, adoptedOn: "2026-01-05")`,
        ],
        feedBack: ['staff', 'feedBackOpinionItem(text: "已采用")'],
      };
      // issue is taken by publishing a bulletin issue (staff's step, below); edit keeps the item
      // where it is (opinion-item tests).
      expect([
        ...new Set(
          opinionWorkflow.transitions.filter((t) => !(t.action in itemSteps)).map((t) => t.action),
        ),
      ]).toEqual(['issue', 'edit']);
      await em().nativeUpdate(OpinionItemSchema, { id: Number(item.id) }, { public: true });
      for (const t of opinionWorkflow.transitions.filter((x) => x.action in itemSteps)) {
        await em().nativeUpdate(OpinionItemSchema, { id: Number(item.id) }, { status: t.from });
        const { version } = await ok<{ version: number }>(
          module,
          `{ opinionItem(id: "${item.id}") { version } }`,
          {},
          staff,
        );
        const [holder, template] = itemSteps[t.action];
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        await refusedToAllBut(
          holder,
          (caller) =>
            module.execute(
              `mutation { ${name}(id: "${item.id}", version: ${version}${args ? `, ${args}` : ''}) { status } }`,
              {},
              caller,
            ),
          t.from,
          t.action,
        );
        expect(
          await ok<{ status: string; version: number }>(
            module,
            `{ opinionItem(id: "${item.id}") { status version } }`,
            {},
            staff,
          ),
          `${t.from} ${t.action}`,
        ).toEqual({ status: t.from, version });
      }
    }, 180_000);
  },
);
