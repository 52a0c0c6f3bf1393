import { systemEm } from '@cppcc/kit';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlingTaskSchema, TASK_STATUSES } from './entities/handling-task.entity.js';
import { OPINION_STATUSES, OpinionItemSchema } from './entities/opinion-item.entity.js';
import { PROPOSAL_STATUSES, ProposalSchema } from './entities/proposal.entity.js';
import { A, input, member, officeOf, ok, SUBMIT, staffOf, startProposals, unitsOf, unitUser } from './test-fixtures.js';
import { opinionWorkflow, proposalWorkflow, taskWorkflow } from './workflow.js';

const author = member(9001);
const staff = staffOf(A);
const [U1, U2] = unitsOf(A);

/**
 * Every move the tables do not hold is refused with ILLEGAL_TRANSITION naming the state and
 * the action, whoever asks: the tables are walked, not a hand-picked sample.
 */
describe.each(databases())('moves outside the transition tables on $name', ({ url }) => {
  let module: TestModule;
  let target: string;
  beforeAll(async () => {
    module = await startProposals(url);
    target = (await ok(module, SUBMIT, { i: input }, author)).id;
  });
  afterAll(() => module?.stop());

  const em = () => systemEm(module.orm);
  const proposalIn = async (status: string) => {
    const p = await ok(module, SUBMIT, { i: input }, author);
    await em().nativeUpdate(ProposalSchema, { id: Number(p.id) }, { status: status as never, public: true });
    return { id: p.id as string, version: (await ok(module, `{ proposal(id: "${p.id}") { version } }`, {}, staff)).version as number };
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
    reopen: ['reopenProposal(NOTE)', staff],
    close: ['closeProposal', staff],
  };

  it('refuses every proposal action from every state the table does not allow it from', async () => {
    let checked = 0;
    for (const status of PROPOSAL_STATUSES) {
      // A refused step changes nothing, so one proposal in this state serves every action.
      const p = await proposalIn(status);
      for (const [action, [template, caller]] of Object.entries(proposalMutations)) {
        if (proposalWorkflow.transitions.some((t) => t.from === status && t.action === action)) continue;
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const extra = args.replace('NOTE', 'note: "说明理由"').replace('TARGET', target);
        const r = await module.execute(`mutation { ${name}(id: "${p.id}", version: ${p.version}${extra ? `, ${extra}` : ''}) { status } }`, {}, caller);
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: status, action });
        checked++;
      }
      expect(await ok(module, `{ proposal(id: "${p.id}") { status version } }`, {}, staff)).toEqual({ status, version: p.version });
    }
    // Every action the API exposes has been tried from every state it may not start from.
    expect(checked).toBe(PROPOSAL_STATUSES.length * Object.keys(proposalMutations).length - proposalWorkflow.transitions.filter((t) => t.action in proposalMutations).length);
  }, 180_000);

  it('refuses every task action from every state the table does not allow it from', async () => {
    const p = await ok(module, SUBMIT, { i: input }, author);
    await ok(module, `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id } }`, {}, staff);
    const version = async () => (await ok(module, `{ proposal(id: "${p.id}") { version } }`, {}, staff)).version;
    const assigned = await ok(module, `mutation { assignProposal(id: "${p.id}", version: ${await version()}, input: { mode: SOLE, unitIds: ["${U1}"] }) { tasks { id } } }`, {}, staff);
    const taskId = assigned.tasks[0].id;
    const unit = unitUser(U1);
    const taskMutations: Record<string, [string, typeof author]> = {
      receive: ['receiveHandlingTask', unit],
      requestReturn: ['requestHandlingTaskReturn(reason: "非本单位职责")', unit],
      approveReturn: [`approveHandlingTaskReturn(reassignTo: "${U2}")`, staff],
      refuseReturn: ['refuseHandlingTaskReturn(note: "请办理")', staff],
      sendOpinion: ['sendCoUnitOpinion(text: "意见")', unit],
      reply: ['replyToProposal(input: { text: "答复", referenceNumber: "1号", signingLeader: "局长", contact: "电话", grade: B })', unit],
      passReply: ['passProposalReply', officeOf(A)],
      sendBackReply: ['sendBackProposalReply(note: "请补充")', officeOf(A)],
    };
    for (const status of TASK_STATUSES) {
      for (const [action, [template, caller]] of Object.entries(taskMutations)) {
        if (taskWorkflow.transitions.some((t) => t.from === status && t.action === action)) continue;
        await em().nativeUpdate(HandlingTaskSchema, { id: Number(taskId) }, { status: status as never });
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const r = await module.execute(`mutation { ${name}(id: "${taskId}", version: ${await version()}${args ? `, ${args}` : ''}) { status } }`, {}, caller);
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: status, action });
      }
    }
  }, 180_000);

  it('refuses every opinion-item action from every state the table does not allow it from', async () => {
    const item = await ok(module, `mutation { submitOpinionItem(input: { title: "城区停车难问题的对策建议", content: "内容", category: "城市管理" }) { id } }`, {}, author);
    const itemMutations: Record<string, [string, typeof author]> = {
      submit: ['submitOpinionItemDraft', author],
      withdraw: ['withdrawOpinionItem', author],
      select: ['selectOpinionItem', staff],
      discard: ['discardOpinionItem(note: "重复")', staff],
      report: ['reportOpinionItem(recipients: ["省政协"])', staff],
      adopt: ['recordOpinionItemAdoption(level: CITY, mode: SINGLE, adoptedOn: "2026-01-05")', staff],
      feedBack: ['feedBackOpinionItem(text: "已采用")', staff],
    };
    for (const status of OPINION_STATUSES) {
      for (const [action, [template, caller]] of Object.entries(itemMutations)) {
        if (opinionWorkflow.transitions.some((t) => t.from === status && t.action === action)) continue;
        await em().nativeUpdate(OpinionItemSchema, { id: Number(item.id) }, { status: status as never });
        const { version } = await ok(module, `{ opinionItem(id: "${item.id}") { version } }`, {}, staff);
        const [, name, args = ''] = /^(\w+)(?:\((.*)\))?$/.exec(template)!;
        const r = await module.execute(`mutation { ${name}(id: "${item.id}", version: ${version}${args ? `, ${args}` : ''}) { status } }`, {}, caller);
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: status, action });
      }
    }
  }, 180_000);
});
