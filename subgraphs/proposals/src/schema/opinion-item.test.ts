import { randomUUID } from 'node:crypto';
import {
  instructionSubjectRegistered,
  opinionItemAdopted,
  opinionItemSubmitted,
  studioIssueRaised,
} from '@cppcc/events';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemEm, today } from '@cppcc/kit';
import { BulletinIssueSchema, OpinionItemSchema } from '../entities/opinion-item.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import {
  A,
  auditOf,
  B,
  countRows,
  eventsOf,
  leaderOf,
  member,
  ok,
  refused,
  staffOf,
  startProposals,
} from '../test-support.js';

/** A OpinionItem as these tests select it. */
type OpinionItemView = {
  id: string;
  status: string;
  version: number;
  title: string;
  editedContent: string | null;
  statusNote: string | null;
  reportedTo: string[];
  feedback: string | null;
  availableActions: string[];
  authors: { id: string }[];
  adoptions: { level: string; mode: string }[];
};

const author = member(9001);
const staff = staffOf(A);
const ITEM =
  'id status version title editedContent statusNote reportedTo feedback availableActions authors { id } adoptions { level mode }';
const item = {
  title: '老旧小区加装电梯推进中的堵点亟待疏通',
  content: '一、基本情况……二、原因分析……三、对策建议……',
  category: 'URBAN_MANAGEMENT',
};
const SUBMIT_ITEM = `mutation($i: SubmitOpinionItemInput!) { submitOpinionItem(input: $i) { ${ITEM} } }`;

/** An opinion item as a step answers it, as far as the tests read it. */
interface OpinionItem {
  id: string;
  version: number;
  status: string;
}

describe.each(databases())(
  'public-opinion information on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const step = async (field: string, i: { id: string }, caller = staff, extra = '') => {
      const { version } = await ok<{ version: number }>(
        module,
        `{ opinionItem(id: "${i.id}") { version } }`,
        {},
        staff,
      );
      return module.execute<Record<string, OpinionItem>>(
        `mutation { ${field}(id: "${i.id}", version: ${version}${extra}) { ${ITEM} } }`,
        {},
        caller,
      );
    };
    const done = async (...args: Parameters<typeof step>) => {
      const r = await step(...args);
      if (r.errors) throw new Error(`${args[0]}: ${JSON.stringify(r.errors)}`);
      return Object.values(r.data!)[0];
    };
    const issue = (n: number) =>
      ok<{ id: string; version: number; status: string }>(
        module,
        `mutation($i: CreateBulletinIssueInput!) { createBulletinIssue(input: $i) { id version status } }`,
        {
          i: {
            district: A,
            year: 2026,
            number: n,
            title: `社情民意第${n}期`,
            editor: '信息科',
            issuer: '秘书长',
          },
        },
        staff,
      );

    it('takes an item from a member through screening, a bulletin issue, reporting up, adoption at two levels, instruction and feedback', async () => {
      const submitted = await ok<OpinionItemView>(
        module,
        SUBMIT_ITEM,
        { i: { ...item, authorIds: ['9002'] } },
        author,
      );
      expect(submitted).toMatchObject({
        status: 'SUBMITTED',
        authors: [{ id: '9001' }, { id: '9002' }],
        availableActions: ['withdraw'],
      });
      expect(await eventsOf(module, opinionItemSubmitted)).toContainEqual(
        expect.objectContaining({ itemId: submitted.id, authorIds: ['9001', '9002'] }),
      );
      expect(
        await module.execute(`{ opinionItem(id: "${submitted.id}") { id } }`, {}, member(9003)),
      ).toEqual({ data: { opinionItem: null } });

      expect(
        (await step('selectOpinionItem', submitted, author)).errors?.[0].extensions,
      ).toMatchObject({ code: 'FORBIDDEN', action: 'select' });
      await done('selectOpinionItem', submitted);
      const edited = await ok<{ editedContent: string | null; title: string }>(
        module,
        `mutation { editOpinionItem(id: "${submitted.id}", version: ${(await ok<{ version: number }>(module, `{ opinionItem(id: "${submitted.id}") { version } }`, {}, staff)).version}, title: "老旧小区加装电梯的堵点亟待疏通", content: "编辑后的文字") { editedContent title } }`,
        {},
        staff,
      );
      expect(edited).toEqual({
        editedContent: '编辑后的文字',
        title: '老旧小区加装电梯的堵点亟待疏通',
      });

      const draftIssue = await issue(1);
      expect(
        (
          await module.execute(
            `mutation { publishBulletinIssue(id: "${draftIssue.id}", version: ${draftIssue.version}) { status } }`,
            {},
            staff,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'empty' });
      const filled = await ok<{ version: number; items: { id: string }[] }>(
        module,
        `mutation { addItemsToBulletinIssue(id: "${draftIssue.id}", version: ${draftIssue.version}, itemIds: ["${submitted.id}"]) { version items { id } } }`,
        {},
        staff,
      );
      expect(filled.items).toEqual([{ id: submitted.id }]);
      // Only the district's information staff put an issue together and publish it.
      for (const [caller, code] of [
        [leaderOf(A), 'FORBIDDEN'],
        [author, 'FORBIDDEN'],
        [staffOf(B), 'NOT_FOUND'],
      ] as const) {
        expect(
          (
            await module.execute(
              `mutation { publishBulletinIssue(id: "${draftIssue.id}", version: ${filled.version}) { status } }`,
              {},
              caller,
            )
          ).errors?.[0].extensions?.code,
        ).toBe(code);
        expect(
          (
            await module.execute(
              `mutation { removeItemsFromBulletinIssue(id: "${draftIssue.id}", version: ${filled.version}, itemIds: ["${submitted.id}"]) { status } }`,
              {},
              caller,
            )
          ).errors?.[0].extensions?.code,
        ).toBe(code);
      }
      const published = await ok<{
        status: string;
        publishedOn: string | null;
        items: { status: string }[];
      }>(
        module,
        `mutation { publishBulletinIssue(id: "${draftIssue.id}", version: ${filled.version}) { status publishedOn items { status } } }`,
        {},
        staff,
      );
      expect(published).toEqual({
        status: 'PUBLISHED',
        publishedOn: today(),
        items: [{ status: 'ISSUED' }],
      });
      expect(
        (
          await module.execute(
            `mutation { publishBulletinIssue(id: "${draftIssue.id}", version: ${filled.version + 1}) { status } }`,
            {},
            staff,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'PUBLISHED' });

      const reported = await done(
        'reportOpinionItem',
        submitted,
        staff,
        ', recipients: ["全国政协", "省政协"]',
      );
      expect(reported).toMatchObject({ status: 'REPORTED', reportedTo: ['全国政协', '省政协'] });
      await done(
        'recordOpinionItemAdoption',
        submitted,
        staff,
        `, level: PROVINCIAL, mode: SINGLE, adoptedOn: "${today()}"`,
      );
      const twice = await step(
        'recordOpinionItemAdoption',
        submitted,
        staff,
        `, level: PROVINCIAL, mode: COMBINED, adoptedOn: "${today()}"`,
      );
      expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'level' });
      const adopted = await done(
        'recordOpinionItemAdoption',
        submitted,
        staff,
        `, level: NATIONAL, mode: COMBINED, adoptedOn: "${today()}", publication: "全国政协《社情民意信息》"`,
      );
      expect(adopted).toMatchObject({
        status: 'ADOPTED',
        adoptions: [
          { level: 'PROVINCIAL', mode: 'SINGLE' },
          { level: 'NATIONAL', mode: 'COMBINED' },
        ],
      });
      expect(
        (await eventsOf(module, opinionItemAdopted))
          .filter((e) => e.itemId === submitted.id)
          .map((e) => e.level),
      ).toEqual(['PROVINCIAL', 'NATIONAL']);

      // Instructions on it are consultation's: issuing told consultation whom they concern.
      expect(await eventsOf(module, instructionSubjectRegistered)).toContainEqual(
        expect.objectContaining({
          subjectType: 'OPINION_ITEM',
          subjectId: submitted.id,
          memberIds: ['9001', '9002'],
          readerIds: ['9001', '9002'],
        }),
      );

      const fedBack = await done(
        'feedBackOpinionItem',
        submitted,
        staff,
        ', text: "您反映的信息已被全国政协采用"',
      );
      expect(fedBack).toMatchObject({
        status: 'ADOPTED',
        feedback: '您反映的信息已被全国政协采用',
      });
      // The author sees what became of it; the archive of the item is complete.
      const own = await ok<{ status: string; feedback: string | null }>(
        module,
        `{ opinionItem(id: "${submitted.id}") { status feedback } }`,
        {},
        author,
      );
      expect(own).toEqual({ status: 'ADOPTED', feedback: '您反映的信息已被全国政协采用' });
      expect((await auditOf(module, 'opinion_item', submitted.id)).map((a) => a[1])).toEqual([
        'submit',
        'select',
        'edit',
        'issue',
        'report',
        'adopt',
        'adopt',
        'feedBack',
      ]);
    });

    it('lets staff enter items from parties, committees, district committees and informants, and discard with a reason', async () => {
      const fromParty = await ok<OpinionItemView>(
        module,
        SUBMIT_ITEM,
        { i: { ...item, source: 'PARTY', sourceName: '民盟屯溪区委会', district: A } },
        staff,
      );
      expect(fromParty).toMatchObject({ status: 'SUBMITTED', authors: [] });
      expect(
        await refused(
          module,
          SUBMIT_ITEM,
          { i: { ...item, source: 'INFORMANT', district: A } },
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceName' });
      expect(
        await refused(
          module,
          SUBMIT_ITEM,
          { i: { ...item, source: 'PARTY', sourceName: '民盟', district: B } },
          staff,
        ),
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (await step('discardOpinionItem', fromParty, staff, ', note: ""')).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      expect(
        await done('discardOpinionItem', fromParty, staff, ', note: "内容与已编发信息重复"'),
      ).toMatchObject({
        status: 'DISCARDED',
        statusNote: '内容与已编发信息重复',
        availableActions: [],
      });
      expect((await step('selectOpinionItem', fromParty)).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'DISCARDED',
      });
      expect(
        (await step('reportOpinionItem', fromParty, staff, ', recipients: ["省政协"]')).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', action: 'report' });
    });

    it('lets authors withdraw, discards selected items, and adopts and feeds back straight from the bulletin', async () => {
      const withdrawn = await ok<OpinionItemView>(module, SUBMIT_ITEM, { i: item }, author);
      expect(await done('withdrawOpinionItem', withdrawn, author)).toMatchObject({
        status: 'WITHDRAWN',
        availableActions: [],
      });
      const selected = await ok<OpinionItemView>(module, SUBMIT_ITEM, { i: item }, author);
      await done('selectOpinionItem', selected);
      expect((await done('discardOpinionItem', selected, staff, ', note: "时效已过"')).status).toBe(
        'DISCARDED',
      );
      const issued = await ok<OpinionItemView>(module, SUBMIT_ITEM, { i: item }, author);
      await done('selectOpinionItem', issued);
      const i = await issue(3);
      const filled = await ok<{ version: number }>(
        module,
        `mutation { addItemsToBulletinIssue(id: "${i.id}", version: ${i.version}, itemIds: ["${issued.id}"]) { version } }`,
        {},
        staff,
      );
      await ok<{ status: string }>(
        module,
        `mutation { publishBulletinIssue(id: "${i.id}", version: ${filled.version}) { status } }`,
        {},
        staff,
      );
      expect(
        (await done('feedBackOpinionItem', issued, staff, ', text: "已编发专刊"')).status,
      ).toBe('ISSUED');
      expect(
        (
          await done(
            'recordOpinionItemAdoption',
            issued,
            staff,
            `, level: CITY, mode: SINGLE, adoptedOn: "${today()}"`,
          )
        ).status,
      ).toBe('ADOPTED');
      expect((await auditOf(module, 'opinion_item', issued.id)).map((a) => a.join(' '))).toEqual([
        ' submit SUBMITTED',
        'SUBMITTED select SELECTED',
        'SELECTED issue ISSUED',
        'ISSUED feedBack ISSUED',
        'ISSUED adopt ADOPTED',
      ]);
    });

    it('refuses bad input naming the field, writing nothing', async () => {
      const before = await countRows(module, OpinionItemSchema);
      expect(
        await refused(module, SUBMIT_ITEM, { i: { ...item, content: ' ' } }, author),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
      expect(
        await refused(module, SUBMIT_ITEM, { i: { ...item, content: '长'.repeat(1501) } }, author),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
      expect(
        await refused(module, SUBMIT_ITEM, { i: { ...item, authorIds: ['9101'] } }, author),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.authorIds.0',
        rule: 'same-district',
      });
      expect(
        await refused(module, SUBMIT_ITEM, { i: { ...item, authorIds: ['4242'] } }, author),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.authorIds.0' });
      expect(await countRows(module, OpinionItemSchema)).toBe(before);
      const i = await issue(2);
      const sub = await ok<OpinionItemView>(module, SUBMIT_ITEM, { i: item }, author);
      expect(
        await refused(
          module,
          `mutation { addItemsToBulletinIssue(id: "${i.id}", version: ${i.version}, itemIds: ["${sub.id}"]) { id } }`,
          {},
          staff,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemIds.0', rule: 'selected' });
      expect(
        await refused(
          module,
          `mutation($i: CreateBulletinIssueInput!) { createBulletinIssue(input: $i) { id } }`,
          {
            i: {
              district: A,
              year: 2026,
              number: 2,
              title: '2026年第2期',
              editor: 'e',
              issuer: 'i',
            },
          },
          staff,
        ),
      ).toMatchObject({ code: 'CONFLICT', field: 'input.number' });
      expect(
        (
          await step(
            'recordOpinionItemAdoption',
            sub,
            staff,
            `, level: CITY, mode: SINGLE, adoptedOn: "2999-01-01"`,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'adoptedOn' });
    });

    it('turns an issue heard at a member studio into a draft proposal or a draft item for that member', async () => {
      const raised = (target: 'PROPOSAL_DRAFT' | 'OPINION_ITEM', title: string) => ({
        id: randomUUID(),
        type: studioIssueRaised.type,
        source: 'members',
        district: A,
        occurredAt: new Date().toISOString(),
        payload: {
          receptionId: '71',
          studioId: '3',
          studioName: '屯溪老街委员工作室',
          memberId: '9003',
          title,
          detail: '商户反映停车位严重不足，游客投诉较多。',
          target,
          raisedOn: '2026-11-20',
        },
      });
      const proposalEvent = raised('PROPOSAL_DRAFT', '关于缓解老街周边停车难的建议');
      await module.transport.publish([
        proposalEvent,
        raised('OPINION_ITEM', '老街周边停车难问题亟待解决'),
        proposalEvent,
      ]);
      const em = () => systemEm(module.orm);
      for (
        let i = 0;
        i < 100 &&
        (await em().count(ProposalSchema, { authorId: 9003, status: 'DRAFT' })) +
          (await em().count(OpinionItemSchema, { title: '老街周边停车难问题亟待解决' })) <
          2;
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
      const drafts = await ok<
        {
          proposals: {
            totalCount: number;
            nodes: { id: string; version: number; title: string; situation: string }[];
          };
          opinionItems: { nodes: { title: string; status: string }[] };
        }[]
      >(
        module,
        `{ _entities(representations: [{ __typename: "Member", id: "9003" }]) { ... on Member { proposals(status: DRAFT) { totalCount nodes { id version title situation availableActions } } opinionItems { nodes { title status availableActions } } } } }`,
        {},
        member(9003),
      );
      const [m] = drafts;
      // Delivered twice, applied once.
      expect(m.proposals.totalCount).toBe(1);
      expect(m.proposals.nodes[0]).toMatchObject({
        title: '关于缓解老街周边停车难的建议',
        // Editing is a step of the table too (it keeps the draft a draft).
        availableActions: ['submit', 'withdraw', 'edit'],
      });
      expect(m.proposals.nodes[0].situation).toContain('屯溪老街委员工作室');
      expect(m.opinionItems.nodes).toEqual([
        {
          title: '老街周边停车难问题亟待解决',
          status: 'DRAFT',
          availableActions: ['submit', 'withdraw', 'edit'],
        },
      ]);
      // The draft has only its situation: the member completes it before it can be submitted.
      const d = m.proposals.nodes[0];
      expect(
        await refused(
          module,
          `mutation { submitProposalDraft(id: "${d.id}", version: ${d.version}) { status } }`,
          {},
          member(9003),
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'analysis' });
      // The draft item is the member's to send on.
      const draftItem = (
        await ok<{ nodes: { id: string; version: number }[] }>(
          module,
          `{ opinionItems(filter: { status: DRAFT }) { nodes { id version } } }`,
          {},
          staff,
        )
      ).nodes[0];
      expect(
        (
          await ok<{ status: string }>(
            module,
            `mutation { submitOpinionItemDraft(id: "${draftItem.id}", version: ${draftItem.version}) { status } }`,
            {},
            member(9003),
          )
        ).status,
      ).toBe('SUBMITTED');
    });

    it('lists bulletin issues by the day they were published: from and to are inclusive, to before from is refused', async () => {
      const ids = async (from?: string, to?: string) =>
        (
          await ok<{ nodes: { id: string }[] }>(
            module,
            `query($from: Date, $to: Date) { bulletinIssues(district: "${A}", from: $from, to: $to, first: 100) { nodes { id } } }`,
            { from, to },
            staffOf(A),
          )
        ).nodes.map((i) => i.id);
      const published = await ids(today(), today());
      expect(published.length).toBeGreaterThan(0);
      const [earlier, ...rest] = published;
      await systemEm(module.orm).nativeUpdate(
        BulletinIssueSchema,
        { id: Number(earlier) },
        { publishedOn: '2024-03-01' },
      );
      expect(await ids('2024-03-01', '2024-03-01')).toEqual([earlier]);
      expect(await ids(undefined, '2024-02-29')).toEqual([]);
      expect(await ids('2024-03-02')).toEqual(rest);
      // Unpublished issues have no day of publication: a period never lists them.
      expect((await ids()).length).toBeGreaterThan((await ids('2000-01-01')).length);
      expect(
        await refused(
          module,
          `{ bulletinIssues(from: "2024-03-02", to: "2024-03-01") { totalCount } }`,
          {},
          staffOf(A),
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', rule: 'order' });
    });
  },
  120_000,
);
