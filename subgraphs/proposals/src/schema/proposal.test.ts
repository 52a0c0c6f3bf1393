import type { RunningModule } from '@cppcc/kit';
import { databases, startTestModule, testCaller } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntrySchema, systemEm } from '@cppcc/kit';
import { proposals } from '../module.js';

const A = '341002';
const author = testCaller(['member'], A, '111');
const staff = testCaller(['staff'], A);
const otherStaff = testCaller(['staff'], '341021');

const submit = `mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id status version caseNumber availableActions } }`;
const input = { title: '关于推进屯溪老街业态升级的建议', category: '文化旅游', situation: '老街业态同质化。', analysis: '缺少统筹规划。', suggestions: '编制业态导则。' };

describe.each(databases())('proposals on $name', ({ url }) => {
  let module: RunningModule;
  beforeAll(async () => {
    module = await startTestModule(proposals, { databaseUrl: url });
  });
  afterAll(() => module?.stop());

  it('lets a member submit, hides it from others until filed, and files it with a case number', async () => {
    const submitted = await module.execute(submit, { i: input }, author);
    expect(submitted.errors).toBeUndefined();
    const p = submitted.data!.submitProposal as any;
    expect(p).toMatchObject({ status: 'SUBMITTED', caseNumber: null, availableActions: ['withdraw'] });

    const anonymous = await module.execute(`{ proposal(id: "${p.id}") { title } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const foreign = await module.execute(`{ proposal(id: "${p.id}") { title } }`, {}, otherStaff);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const seenByStaff = await module.execute(`{ proposal(id: "${p.id}") { availableActions } }`, {}, staff);
    expect((seenByStaff.data!.proposal as any).availableActions).toEqual(['file', 'reject']);

    const filed = await module.execute(`mutation { fileProposal(id: "${p.id}", version: ${p.version}) { status caseNumber version } }`, {}, staff);
    expect(filed.errors).toBeUndefined();
    expect((filed.data!.fileProposal as any).caseNumber).toMatch(/^\d{4}-\d{4}$/);
    const publicView = await module.execute(`{ proposal(id: "${p.id}") { status } }`);
    expect((publicView.data!.proposal as any).status).toBe('FILED');

    const audit = await systemEm(module.orm).find(AuditEntrySchema, { entity: 'proposal', entityId: String(p.id) });
    expect(audit.map((a) => [a.fromState, a.action, a.toState, a.actor])).toEqual([['SUBMITTED', 'file', 'FILED', staff.userId]]);
  });

  it('refuses steps the table does not hold, and steps that are not the caller\'s', async () => {
    const p = (await module.execute(submit, { i: input }, author)).data!.submitProposal as any;
    const byAuthor = await module.execute(`mutation { fileProposal(id: "${p.id}", version: ${p.version}) { status } }`, {}, author);
    expect(byAuthor.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const withdrawn = await module.execute(`mutation { withdrawProposal(id: "${p.id}", version: ${p.version}) { status version } }`, {}, author);
    expect((withdrawn.data!.withdrawProposal as any).status).toBe('WITHDRAWN');
    const again = await module.execute(`mutation { fileProposal(id: "${p.id}", version: ${(withdrawn.data!.withdrawProposal as any).version}) { status } }`, {}, staff);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'WITHDRAWN', action: 'file' });
    const noReason = await module.execute(`mutation { rejectProposal(id: "${p.id}", version: 1, note: "  ") { status } }`, {}, staff);
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only one of two concurrent steps on a proposal win', async () => {
    const p = (await module.execute(submit, { i: input }, author)).data!.submitProposal as any;
    const results = await Promise.all([
      module.execute(`mutation { fileProposal(id: "${p.id}", version: ${p.version}) { status } }`, {}, staff),
      module.execute(`mutation { rejectProposal(id: "${p.id}", version: ${p.version}, note: "不属于提案范围") { status } }`, {}, staff),
    ]);
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].errors![0].extensions?.code).toBe('CONFLICT');
    const audit = await systemEm(module.orm).find(AuditEntrySchema, { entity: 'proposal', entityId: String(p.id) });
    expect(audit).toHaveLength(1);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const count = async () => (await module.execute(`{ proposals(first: 1000) { totalCount } }`, {}, staff)).data!.proposals as any;
    const before = (await count()).totalCount;
    for (const [field, value] of [['title', '短'], ['category', '体育'], ['suggestions', ' '], ['situation', '']] as const) {
      const r = await module.execute(submit, { i: { ...input, [field]: value } }, author);
      expect(r.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
    const notMember = await module.execute(submit, { i: input }, staff);
    expect(notMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await count()).totalCount).toBe(before);
  });
});
