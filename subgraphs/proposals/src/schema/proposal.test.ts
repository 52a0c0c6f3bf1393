import {
  opinionItemSubmitted,
  proposalFiled,
  proposalRegistered,
  proposalSubmitted,
} from '@cppcc/events';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpinionItemSchema } from '../entities/opinion-item.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import {
  A,
  auditOf,
  countRows,
  DRAFT,
  eventsOf,
  input,
  member,
  ok,
  proposalFields,
  refused,
  SUBMIT,
  staffOf,
  startProposals,
  type ProposalView,
} from '../test-support.js';

const author = member(9001);
const staff = staffOf(A);
const otherStaff = staffOf('341021');

describe.each(databases())(
  'proposal review on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const submit = (i: Record<string, unknown> = input, caller = author) =>
      ok<ProposalView>(module, SUBMIT, { i }, caller);
    const move = (field: string, p: { id: string; version: number }, caller = staff, extra = '') =>
      module.execute<Record<string, ProposalView>>(
        `mutation { ${field}(id: "${p.id}", version: ${p.version}${extra}) { ${proposalFields} } }`,
        {},
        caller,
      );
    const step = async (
      field: string,
      p: { id: string; version: number },
      caller = staff,
      extra = '',
    ) => {
      const r = await move(field, p, caller, extra);
      if (r.errors) throw new Error(`${field}: ${JSON.stringify(r.errors)}`);
      return r.data![field];
    };

    it('lets a member submit, hides it from others until filed, and files it with a case number and an event', async () => {
      const p = await submit();
      expect(p).toMatchObject({
        status: 'SUBMITTED',
        caseNumber: null,
        kind: 'INDIVIDUAL',
        availableActions: ['withdraw'],
      });
      // Not visible to anyone else: null, no error, as for an id that does not exist.
      expect(await module.execute(`{ proposal(id: "${p.id}") { title } }`)).toEqual({
        data: { proposal: null },
      });
      expect(await module.execute(`{ proposal(id: "${p.id}") { title } }`, {}, otherStaff)).toEqual(
        { data: { proposal: null } },
      );
      expect(await module.execute(`{ proposal(id: "99999") { title } }`, {}, otherStaff)).toEqual({
        data: { proposal: null },
      });
      const seen = await ok<{ availableActions: string[] }>(
        module,
        `{ proposal(id: "${p.id}") { availableActions } }`,
        {},
        staff,
      );
      expect(seen.availableActions).toEqual([
        'file',
        'reject',
        'returnForRevision',
        'proposeConversion',
        'merge',
      ]);

      const filed = await step('fileProposal', p);
      expect(filed.caseNumber).toMatch(/^\d{4}-\d{4}$/);
      expect(
        (
          await ok<{ status: string }>(
            module,
            `{ proposal(id: "${p.id}") { status } }`,
            {},
            testAnonymous(),
          )
        ).status,
      ).toBe('FILED');
      expect(await auditOf(module, 'proposal', p.id)).toEqual([
        ['', 'submit', 'SUBMITTED'],
        ['SUBMITTED', 'file', 'FILED'],
      ]);
      expect(await eventsOf(module, proposalFiled)).toContainEqual(
        expect.objectContaining({
          proposalId: p.id,
          authorId: '9001',
          coAuthorIds: [],
          caseNumber: filed.caseNumber,
        }),
      );
      expect(await eventsOf(module, proposalSubmitted)).toContainEqual(
        expect.objectContaining({ proposalId: p.id, authorId: '9001' }),
      );
    });

    it('records collective proposals with their body, term and session, and attachments', async () => {
      const p = await ok<{
        kind: string;
        window: string;
        term: number | null;
        session: number | null;
        collectiveKind: string | null;
        collectiveName: string | null;
        attachments: { name: string; url: string }[];
      }>(
        module,
        `mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { kind window term session collectiveKind collectiveName attachments { name url } } }`,
        {
          i: {
            ...input,
            kind: 'COLLECTIVE',
            window: 'PLENARY',
            term: 8,
            session: 5,
            collectiveKind: 'PARTY',
            collectiveName: '民盟屯溪区委会',
            attachments: [{ name: '调研报告.pdf', url: 'https://files.example.cn/r.pdf' }],
          },
        },
        author,
      );
      expect(p).toEqual({
        kind: 'COLLECTIVE',
        window: 'PLENARY',
        term: 8,
        session: 5,
        collectiveKind: 'PARTY',
        collectiveName: '民盟屯溪区委会',
        attachments: [{ name: '调研报告.pdf', url: 'https://files.example.cn/r.pdf' }],
      });
    });

    it('returns a proposal for revision, lets the author edit and resubmit it, and says why', async () => {
      const p = await submit();
      const returned = await step(
        'returnProposalForRevision',
        p,
        staff,
        ', note: "建议部分过于笼统，请细化"',
      );
      expect(returned).toMatchObject({
        status: 'RETURNED',
        statusNote: '建议部分过于笼统，请细化',
      });
      const edited = await ok<ProposalView & { suggestions: string }>(
        module,
        `mutation($i: ProposalDraftInput!) { editProposal(id: "${p.id}", version: ${returned.version}, input: $i) { ${proposalFields} suggestions } }`,
        { i: { ...input, suggestions: '一是编制业态导则；二是设立引导资金。' } },
        author,
      );
      expect(edited.suggestions).toBe('一是编制业态导则；二是设立引导资金。');
      const resubmitted = await step('submitProposalDraft', edited, author);
      expect(resubmitted).toMatchObject({ status: 'SUBMITTED', statusNote: null });
      expect(await auditOf(module, 'proposal', p.id)).toEqual([
        ['', 'submit', 'SUBMITTED'],
        ['SUBMITTED', 'returnForRevision', 'RETURNED'],
        ['RETURNED', 'submit', 'SUBMITTED'],
      ]);
    });

    it('announces each step of a proposal past drafting, with increasing versions, for replicas that name proposals', async () => {
      const draft = await ok<ProposalView>(module, DRAFT, { i: input }, author);
      const p = await step('submitProposalDraft', draft, author);
      const filed = await step('fileProposal', p, staff);
      const mine = (await eventsOf(module, proposalRegistered)).filter(
        (e) => e.proposalId === p.id,
      );
      expect(mine.map((e) => e.status)).toEqual(['SUBMITTED', 'FILED']);
      // Increasing step by step, never past the row's own (a step that flushes twice moves the row by two).
      expect(mine[0].version).toBeLessThan(mine[1].version);
      expect(mine[1].version).toBeLessThanOrEqual(filed.version);
      // A draft is its author's: nothing is announced of it.
      const drafted = await ok<ProposalView>(module, DRAFT, { i: input }, author);
      expect(
        (await eventsOf(module, proposalRegistered)).some((e) => e.proposalId === drafted.id),
      ).toBe(false);
    });

    it('does not file, with the reason told, and withdraws', async () => {
      const p = await submit();
      expect(
        (await move('rejectProposal', p, staff, ', note: "  "')).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      const rejected = await step(
        'rejectProposal',
        p,
        staff,
        ', note: "属个人诉求，建议通过信访渠道反映"',
      );
      // Staff may still propose converting a proposal not filed (see the conversion test).
      expect(rejected).toMatchObject({
        status: 'NOT_FILED',
        statusNote: '属个人诉求，建议通过信访渠道反映',
        availableActions: ['proposeConversion'],
      });
      const q = await submit();
      expect((await step('withdrawProposal', q, author)).status).toBe('WITHDRAWN');
      const draft = await ok<ProposalView>(module, DRAFT, { i: input }, author);
      expect((await step('withdrawProposal', draft, author)).status).toBe('WITHDRAWN');
      const returned = await step(
        'returnProposalForRevision',
        await submit(),
        staff,
        ', note: "请补充调研数据"',
      );
      expect((await step('withdrawProposal', returned, author)).status).toBe('WITHDRAWN');
      expect(await auditOf(module, 'proposal', draft.id)).toEqual([
        ['', 'draft', 'DRAFT'],
        ['DRAFT', 'withdraw', 'WITHDRAWN'],
      ]);
    });

    it("converts to a member suggestion or to an opinion item only with the author's consent", async () => {
      const p = await submit();
      const proposed = await step(
        'proposeProposalConversion',
        p,
        staff,
        ', target: SUGGESTION, note: "宜作为委员意见建议转有关部门参考"',
      );
      expect(proposed.status).toBe('CONVERSION_PROPOSED');
      expect(
        (await move('consentToProposalConversion', proposed, staff)).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      expect(
        (await move('consentToProposalConversion', proposed, member(9002))).errors?.[0].extensions
          ?.code,
      ).toBe('NOT_FOUND');
      const declined = await step(
        'declineProposalConversion',
        proposed,
        author,
        ', note: "坚持作为提案"',
      );
      expect(declined.status).toBe('SUBMITTED');
      const again = await step(
        'proposeProposalConversion',
        declined,
        staff,
        ', target: OPINION_ITEM, note: "时效性强，宜转社情民意信息"',
      );
      const items = await countRows(module, OpinionItemSchema);
      const converted = await ok<{ status: string; convertedTo: string | null }>(
        module,
        `mutation { consentToProposalConversion(id: "${p.id}", version: ${again.version}) { status convertedTo } }`,
        {},
        author,
      );
      expect(converted).toEqual({ status: 'CONVERTED', convertedTo: 'OPINION_ITEM' });
      expect(await countRows(module, OpinionItemSchema)).toBe(items + 1);
      const item = await ok<{ opinionItems: { nodes: { title: string; status: string }[] } }[]>(
        module,
        `{ _entities(representations: [{ __typename: "Member", id: "9001" }]) { ... on Member { opinionItems(first: 100) { nodes { title status } } } } }`,
        {},
        author,
      );
      expect(item[0].opinionItems.nodes).toContainEqual({
        title: input.title,
        status: 'SUBMITTED',
      });
      expect(await eventsOf(module, opinionItemSubmitted)).toContainEqual(
        expect.objectContaining({ authorIds: ['9001'], title: input.title }),
      );
    });

    it('converts a proposal not filed (不予立案) with the same consent, and a decline leaves it not filed', async () => {
      const reason = '属个人诉求，建议通过信访渠道反映';
      const rejected = await step('rejectProposal', await submit(), staff, `, note: "${reason}"`);
      const offered = async (caller: typeof author) =>
        (
          await ok<{ availableActions: string[] }>(
            module,
            `{ proposal(id: "${rejected.id}") { availableActions } }`,
            {},
            caller,
          )
        ).availableActions;
      // Offered to the district's staff only, not to the author.
      expect(await offered(staff)).toEqual(['proposeConversion']);
      expect(await offered(author)).toEqual([]);
      expect(
        (
          await move(
            'proposeProposalConversion',
            rejected,
            author,
            ', target: SUGGESTION, note: "x"',
          )
        ).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      const proposed = await step(
        'proposeProposalConversion',
        rejected,
        staff,
        ', target: SUGGESTION, note: "宜作为委员意见建议转有关部门参考"',
      );
      expect(proposed).toMatchObject({
        status: 'CONVERSION_PROPOSED',
        statusNote: '宜作为委员意见建议转有关部门参考',
      });
      expect(await offered(author)).toEqual(['consentConversion', 'declineConversion']);

      // Declined, it is not filed again, with the reason it was not filed told again.
      const declined = await step('declineProposalConversion', proposed, author);
      expect(declined).toMatchObject({ status: 'NOT_FILED', statusNote: reason });
      expect(await offered(staff)).toEqual(['proposeConversion']);

      // Proposed again and consented to: it becomes a member suggestion.
      const again = await step(
        'proposeProposalConversion',
        declined,
        staff,
        ', target: SUGGESTION, note: "宜作为委员意见建议转有关部门参考"',
      );
      const converted = await step('consentToProposalConversion', again, author);
      expect(converted.status).toBe('CONVERTED');
      expect(
        await ok<{
          convertedTo: string | null;
          memberSuggestion: { status: string; title: string; authors: { id: string }[] } | null;
        }>(
          module,
          `{ proposal(id: "${rejected.id}") { convertedTo memberSuggestion { status title authors { id } } } }`,
          {},
          author,
        ),
      ).toEqual({
        convertedTo: 'SUGGESTION',
        memberSuggestion: { status: 'RECEIVED', title: input.title, authors: [{ id: '9001' }] },
      });
      expect(await auditOf(module, 'proposal', rejected.id)).toEqual([
        ['', 'submit', 'SUBMITTED'],
        ['SUBMITTED', 'reject', 'NOT_FILED'],
        ['NOT_FILED', 'proposeConversion', 'CONVERSION_PROPOSED'],
        ['CONVERSION_PROPOSED', 'declineConversion', 'NOT_FILED'],
        ['NOT_FILED', 'proposeConversion', 'CONVERSION_PROPOSED'],
        ['CONVERSION_PROPOSED', 'consentConversion', 'CONVERTED'],
      ]);
    });

    it('checks every title by the one rule: trimmed, 5 to 200 characters, told as title-length', async () => {
      const before = await countRows(module, ProposalSchema);
      const titleError = { code: 'BAD_USER_INPUT', rule: 'title-length' };
      // A draft was once let through with any title ("ab"); a proposal, an opinion item (once
      // refused under 5) and a bulletin issue (once anything) now keep one rule.
      expect(await refused(module, DRAFT, { i: { ...input, title: 'ab' } }, author)).toMatchObject({
        ...titleError,
        field: 'input.title',
      });
      expect(
        await refused(module, SUBMIT, { i: { ...input, title: '  老街业态  ' } }, author),
      ).toMatchObject({ ...titleError, field: 'input.title' });
      expect(
        await refused(module, SUBMIT, { i: { ...input, title: '长'.repeat(201) } }, author),
      ).toMatchObject({ ...titleError, field: 'input.title' });
      expect(
        await refused(
          module,
          `mutation($i: SubmitOpinionItemInput!) { submitOpinionItem(input: $i) { id } }`,
          { i: { title: '停车难题', content: '一、基本情况……', category: 'URBAN_MANAGEMENT' } },
          author,
        ),
      ).toMatchObject({ ...titleError, field: 'input.title' });
      expect(
        await refused(
          module,
          `mutation($i: CreateBulletinIssueInput!) { createBulletinIssue(input: $i) { id } }`,
          { i: { district: A, year: 2026, number: 77, title: '第77期', editor: 'e', issuer: 'i' } },
          staff,
        ),
      ).toMatchObject({ ...titleError, field: 'input.title' });
      expect(await countRows(module, ProposalSchema)).toBe(before);
      // Five characters once trimmed, and 200, are titles; kept trimmed.
      const five = await ok<{ title: string }>(
        module,
        `mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { title } }`,
        { i: { ...input, title: '  老街业态升  ' } },
        author,
      );
      expect(five.title).toBe('老街业态升');
      const long = await submit({ ...input, title: '长'.repeat(200) });
      expect(long.status).toBe('SUBMITTED');
    });

    it('merges a proposal into a similar one, whose proposers it joins', async () => {
      const target = await submit(input, member(9002));
      const p = await submit();
      const merged = await ok<{ status: string; mergedInto: { id: string } | null }>(
        module,
        `mutation { mergeProposal(id: "${p.id}", version: ${p.version}, intoId: "${target.id}") { status mergedInto { id } } }`,
        {},
        staff,
      );
      expect(merged).toEqual({ status: 'MERGED', mergedInto: { id: target.id } });
      const cos = await ok<{
        cosigners: { member: { id: string } | null; status: string; joinedByMerge: boolean }[];
      }>(
        module,
        `{ proposal(id: "${target.id}") { cosigners { member { id } status joinedByMerge } } }`,
        {},
        staff,
      );
      expect(cos.cosigners).toEqual([
        { member: { id: '9001' }, status: 'ACCEPTED', joinedByMerge: true },
      ]);
      // The merged proposal's author follows it into the one it joined, not yet filed.
      expect(
        await ok<{ mergedInto: { id: string; status: string } | null }>(
          module,
          `{ proposal(id: "${p.id}") { mergedInto { id status } } }`,
          {},
          author,
        ),
      ).toEqual({ mergedInto: { id: target.id, status: 'SUBMITTED' } });
      const self = await module.execute(
        `mutation { mergeProposal(id: "${target.id}", version: 1, intoId: "${target.id}") { status } }`,
        {},
        staff,
      );
      expect(self.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'intoId',
      });
    });

    it("refuses steps the table does not hold, and steps that are not the caller's", async () => {
      const p = await submit();
      expect((await move('fileProposal', p, author)).errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        state: 'SUBMITTED',
        action: 'file',
      });
      expect((await move('fileProposal', p, otherStaff)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await move('withdrawProposal', p, member(9002))).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      const withdrawn = await step('withdrawProposal', p, author);
      expect((await move('fileProposal', withdrawn)).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'WITHDRAWN',
        action: 'file',
      });
      expect(
        (await move('submitProposalDraft', withdrawn, author)).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'WITHDRAWN', action: 'submit' });
      const filed = await step('fileProposal', await submit());
      for (const field of ['rejectProposal', 'returnProposalForRevision', 'withdrawProposal']) {
        expect(
          (await move(field, filed, field === 'withdrawProposal' ? author : staff, ', note: "x"'))
            .errors?.[0].extensions?.code,
          field,
        ).toBe('ILLEGAL_TRANSITION');
      }
      const stale = await move('fileProposal', { id: (await submit()).id, version: 99 });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
    });

    it('lets only one of two concurrent steps on a proposal win', async () => {
      const p = await submit();
      const results = await Promise.all([
        move('fileProposal', p),
        move('rejectProposal', p, staff, ', note: "不属于提案范围"'),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.find((r) => r.errors)!.errors![0].extensions?.code).toBe('CONFLICT');
      expect(await auditOf(module, 'proposal', p.id)).toHaveLength(2);
    });

    it('never gives two proposals filed at once the same case number', async () => {
      const [p, q] = [await submit(), await submit()];
      const results = await Promise.all([move('fileProposal', p), move('fileProposal', q)]);
      const numbers = results.filter((r) => !r.errors).map((r) => r.data!.fileProposal.caseNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const r of results.filter((x) => x.errors))
        expect(r.errors![0].extensions?.code).toBe('CONFLICT');
    });

    it('refuses bad input naming the field, writing nothing', async () => {
      const before = await countRows(module, ProposalSchema);
      for (const [field, value] of [
        ['title', '短'],
        ['category', '体育'],
        ['suggestions', ' '],
        ['situation', ''],
      ] as const) {
        const r = await refused(module, SUBMIT, { i: { ...input, [field]: value } }, author);
        expect(r, field).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      }
      expect(
        await refused(module, SUBMIT, { i: { ...input, kind: 'COLLECTIVE' } }, author),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.collectiveKind' });
      expect(
        await refused(module, SUBMIT, { i: { ...input, collectiveName: '民盟' } }, author),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.collectiveName' });
      expect(
        await refused(module, SUBMIT, { i: { ...input, kind: 'JOINT' } }, author),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
      expect(
        await refused(
          module,
          SUBMIT,
          { i: { ...input, attachments: [{ name: 'a', url: 'ftp://x' }] } },
          author,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments.0.url' });
      expect(await refused(module, SUBMIT, { i: input }, staff)).toMatchObject({
        code: 'FORBIDDEN',
      });
      // A draft may be incomplete, but it is not submitted so.
      const draft = await ok<ProposalView>(
        module,
        DRAFT,
        { i: { ...input, suggestions: '' } },
        author,
      );
      expect(
        await refused(
          module,
          `mutation { submitProposalDraft(id: "${draft.id}", version: ${draft.version}) { status } }`,
          {},
          author,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suggestions' });
      expect(await countRows(module, ProposalSchema)).toBe(before + 1);
      expect(
        (
          await ok<{ status: string }>(
            module,
            `{ proposal(id: "${draft.id}") { status } }`,
            {},
            author,
          )
        ).status,
      ).toBe('DRAFT');
    });
  },
  120_000,
);

function testAnonymous() {
  return { userId: null, memberId: null, district: null, roles: [], districts: [] };
}
