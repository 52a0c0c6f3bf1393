import {
  ADVISORY_MEETING,
  chains,
  cityActivity,
  CITY,
  instructions,
  unitByShort,
} from '@cppcc/demo';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const leader = testCaller(['leader'], CITY);
const otherStaff = testCaller(['staff'], '341002');
const forestry = unitByShort(CITY, '林业局');
const water = unitByShort(CITY, '水利局');
const ecology = unitByShort(CITY, '生态环境局');
const forestryUser = testCaller(['unit'], CITY, null, String(forestry.id));
const waterUser = testCaller(['unit'], CITY, null, String(water.id));

interface Task {
  id: string;
  kind: string;
  status: string | null;
  version: number;
  progress: number;
  unit: { id: string } | null;
  availableActions: string[];
  timeline: { text: string }[];
  ledgerEntry: { id: string; status: string; result: { id: string } | null } | null;
}
interface Entry {
  id: string;
  version: number;
  status: string;
  unit: { id: string };
  result: { id: string; status: string } | null;
}

const taskFields =
  'id kind status version progress unit { id } availableActions timeline { text } ledgerEntry { id status result { id } }';
const entryFields = 'id version status unit { id } result { id status }';
const create = `mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { ${taskFields} } }`;

describe.each(databases())('one ledger for a department’s follow-up on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  /** An adopted recommendation report with a leader's instruction on it, and its results tree. */
  async function adoptedWithTree(title: string) {
    const rec = (
      await ok<{ draftRecommendation: { id: string; version: number } }>(
        module,
        `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id version } }`,
        {
          i: {
            district: CITY,
            kind: 'REPORT',
            title,
            text: '建议加强统筹，完善政策，强化督促落实，推动建议转化为工作成果。',
            activityId: String(cityActivity(ADVISORY_MEETING).id),
            authorIds: ['1'],
          },
        },
        staff,
      )
    ).draftRecommendation;
    const submitted = (
      await ok<{ submitRecommendation: { version: number } }>(
        module,
        `mutation { submitRecommendation(id: "${rec.id}", version: ${rec.version}, submittedTo: "市委、市政府", on: "2026-03-02") { version } }`,
        {},
        staff,
      )
    ).submitRecommendation;
    await ok(
      module,
      `mutation { adoptRecommendation(id: "${rec.id}", version: ${submitted.version}, adoption: "市政府印发实施方案", on: "2026-04-01") { id } }`,
      {},
      staff,
    );
    const instruction = (
      await ok<{ recordLeaderInstruction: { id: string } }>(
        module,
        `mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id } }`,
        {
          i: {
            subjectType: 'RECOMMENDATION_REPORT',
            subjectId: rec.id,
            leader: '市政府主要负责同志',
            rank: 'PRINCIPAL',
            level: 'CITY',
            instructedOn: '2026-03-10',
            text: '请有关部门研究落实。',
          },
        },
        leader,
      )
    ).recordLeaderInstruction;
    const node = async (i: Record<string, unknown>) =>
      (await ok<{ createImplementationResult: Task }>(module, create, { i }, staff))
        .createImplementationResult;
    const topic = await node({ district: CITY, kind: 'TOPIC', title: `党委出题：${title}` });
    const adoption = await node({
      parentId: topic.id,
      kind: 'ADOPTION',
      title: '市政府采纳并印发实施方案',
      recommendationId: rec.id,
      document: '实施方案',
      adoptedOn: '2026-04-01',
    });
    return { rec, instruction, adoption, node };
  }

  const assign = (instructionId: string, a: { unitId: number; task: string; dueOn: string }[]) =>
    module.execute<{ assignInstruction: Entry[] }>(
      `mutation($a: [LedgerAssignmentInput!]!) { assignInstruction(instructionId: "${instructionId}", assignments: $a) { ${entryFields} } }`,
      { a: a.map((x) => ({ ...x, unitId: String(x.unitId) })) },
      staff,
    );
  const readTask = async (id: string, caller = staff) =>
    (
      await ok<{ implementationResult: Task }>(
        module,
        `{ implementationResult(id: "${id}") { ${taskFields} } }`,
        {},
        caller,
      )
    ).implementationResult;
  const children = async (id: string) =>
    (
      await ok<{ implementationResult: { children: Task[] } }>(
        module,
        `{ implementationResult(id: "${id}") { children { ${taskFields} } } }`,
        {},
        staff,
      )
    ).implementationResult.children;

  it("links the demo's ledger entries to the chain tasks of the same department and recommendation", async () => {
    const listed = await ok<{
      ledgerEntries: {
        nodes: {
          status: string;
          unit: { id: string };
          result: { title: string; status: string; unit: { id: string } } | null;
        }[];
      };
    }>(
      module,
      `{ ledgerEntries(district: "${CITY}", first: 100) { nodes { status unit { id } result { title status unit { id } } } } }`,
      {},
      staff,
    );
    // First in this file: the only entries yet are the demo's.
    const linked = listed.ledgerEntries.nodes.filter((e) => e.result);
    // Every demo entry on a recommendation with a chain has the chain's task of its department.
    const expected = instructions
      .filter((i) => 'recommendation' in i.subject)
      .flatMap((i) => {
        const chain = chains.find(
          (c) => 'recommendation' in i.subject && c.recommendation === i.subject.recommendation,
        );
        return i.ledger.flatMap((l) => {
          const task = chain?.tasks.find((t) => t.unitShort === l.unitShort);
          return task ? [task.title] : [];
        });
      });
    expect(expected.length).toBeGreaterThan(0);
    expect(linked.map((e) => e.result!.title).sort()).toEqual(expected.sort());
    for (const e of linked) {
      expect(e.result!.unit).toEqual(e.unit);
      // Accepted is done; a reply waiting for staff is under way.
      expect(e.result!.status === 'DONE', e.result!.title).toBe(e.status === 'DONE');
      if (e.status === 'REPLIED') expect(e.result!.status).toBe('IN_PROGRESS');
    }
  });

  it("assigning an instruction links the department's task under the adoption or creates it, and the reply shows on the task", async () => {
    const { instruction, adoption, node } = await adoptedWithTree('关于推进林水共治的建议案');
    // Forestry already has a task in the tree (before the instruction was on the ledger).
    const before = await node({
      parentId: adoption.id,
      kind: 'TASK',
      title: '推进沿河防护林建设',
      unitId: String(forestry.id),
      dueOn: '2026-12-31',
    });
    expect(before).toMatchObject({ status: 'NOT_STARTED', ledgerEntry: null });

    const r = await assign(instruction.id, [
      { unitId: forestry.id, task: '牵头推进沿河防护林建设', dueOn: '2026-09-30' },
      { unitId: water.id, task: '牵头实施河道综合治理', dueOn: '2026-10-31' },
    ]);
    expect(r.errors).toBeUndefined();
    const [forestryEntry, waterEntry] = r.data!.assignInstruction;
    // Forestry's entry is its existing task; water's got one made for it, under the adoption.
    expect(forestryEntry.result).toEqual({ id: before.id, status: 'NOT_STARTED' });
    expect(waterEntry.result).not.toBeNull();
    const tasks = await children(adoption.id);
    expect(tasks.map((t) => [t.unit?.id, t.ledgerEntry?.id])).toEqual([
      [String(forestry.id), forestryEntry.id],
      [String(water.id), waterEntry.id],
    ]);
    const waterTask = tasks[1];
    expect(waterTask).toMatchObject({ kind: 'TASK', status: 'NOT_STARTED', progress: 0 });

    // The task's own steps are not offered: the department replies on its ledger entry.
    expect((await readTask(waterTask.id, waterUser)).availableActions).toEqual([]);
    const start = await module.execute(
      `mutation { startResultTask(id: "${waterTask.id}", version: ${waterTask.version}) { id } }`,
      {},
      waterUser,
    );
    expect(start.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      rule: 'on-ledger',
    });

    const feedback = '已完成河道清淤12公里，生态护岸建设正在推进。';
    const replied = await module.execute<{ replyToLedgerEntry: Entry }>(
      `mutation($f: String!) { replyToLedgerEntry(id: "${waterEntry.id}", version: ${waterEntry.version}, feedback: $f) { ${entryFields} } }`,
      { f: feedback },
      waterUser,
    );
    expect(replied.errors).toBeUndefined();
    expect(replied.data!.replyToLedgerEntry.result).toEqual({
      id: waterTask.id,
      status: 'IN_PROGRESS',
    });
    const shown = await readTask(waterTask.id, waterUser);
    expect(shown.status).toBe('IN_PROGRESS');
    expect(shown.timeline.map((t) => t.text)).toContain(feedback);
    expect(shown.ledgerEntry).toMatchObject({ id: waterEntry.id, status: 'REPLIED' });
    // The tree is public, the department's feedback is not: another district reads neither.
    const elsewhere = await readTask(waterTask.id, otherStaff);
    expect(elsewhere.timeline.map((t) => t.text)).not.toContain(feedback);
    expect(elsewhere.ledgerEntry).toBeNull();

    const accepted = await module.execute<{ acceptLedgerReply: Entry }>(
      `mutation { acceptLedgerReply(id: "${waterEntry.id}", version: ${replied.data!.replyToLedgerEntry.version}) { ${entryFields} } }`,
      {},
      staff,
    );
    expect(accepted.data!.acceptLedgerReply.result?.status).toBe('DONE');
    expect(await readTask(waterTask.id)).toMatchObject({ status: 'DONE', progress: 100 });
    expect((await readTask(adoption.id)).progress).toBe(50);
  });

  it('a task created for a department under a recommendation on the ledger stands for its entry, found or made', async () => {
    const { instruction, adoption, node } = await adoptedWithTree('关于推进生态补偿的建议案');
    const [entry] = (
      await assign(instruction.id, [
        { unitId: forestry.id, task: '研究生态公益林补偿标准', dueOn: '2026-09-30' },
      ])
    ).data!.assignInstruction;
    // The assignment made forestry's task; a second one for forestry would write it twice.
    const twice = await module.execute(
      create,
      {
        i: {
          parentId: adoption.id,
          kind: 'TASK',
          title: '再次研究补偿标准',
          unitId: String(forestry.id),
          dueOn: '2026-12-31',
        },
      },
      staff,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.unitId' });
    expect(twice.errors?.[0].message).toContain(entry.result!.id);

    const early = await module.execute(
      create,
      {
        i: {
          parentId: adoption.id,
          kind: 'TASK',
          title: '建立补偿资金监测机制',
          unitId: String(ecology.id),
          dueOn: '2026-03-01',
        },
      },
      staff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({ field: 'input.dueOn', rule: 'order' });

    // Ecology has no entry yet: the task puts one on the ledger, under the instruction.
    const made = await node({
      parentId: adoption.id,
      kind: 'TASK',
      title: '建立补偿资金监测机制',
      unitId: String(ecology.id),
      dueOn: '2026-12-31',
    });
    expect(made.ledgerEntry).toMatchObject({ status: 'ASSIGNED', result: { id: made.id } });
    const ledger = await ok<{
      ledgerEntries: { nodes: (Entry & { task: string; instruction: { id: string } })[] };
    }>(
      module,
      `{ ledgerEntries(unitId: "${ecology.id}", first: 100) { nodes { ${entryFields} task instruction { id } } } }`,
      {},
      staff,
    );
    expect(ledger.ledgerEntries.nodes.find((e) => e.id === made.ledgerEntry!.id)).toMatchObject({
      task: '建立补偿资金监测机制',
      instruction: { id: instruction.id },
    });

    // A task split further under a task is the department's own detail, not a ledger entry.
    const detail = await node({
      parentId: made.id,
      kind: 'TASK',
      title: '建设监测数据平台',
      unitId: String(ecology.id),
      dueOn: '2026-12-31',
    });
    expect(detail.ledgerEntry).toBeNull();
    expect(detail.availableActions).toEqual([]);
    expect(
      (await readTask(detail.id, testCaller(['unit'], CITY, null, String(ecology.id))))
        .availableActions,
    ).toEqual(['start']);
  });

  it('a tree without instructions on the ledger keeps plain tasks', async () => {
    const { adoption, node } = await adoptedWithTree('关于推进河湖长制的建议案');
    const plain = await node({
      parentId: adoption.id,
      kind: 'TASK',
      title: '开展河湖巡查',
      unitId: String(water.id),
      dueOn: '2026-12-31',
    });
    expect(plain.ledgerEntry).toBeNull();
    expect((await readTask(plain.id, waterUser)).availableActions).toEqual(['start']);
    expect((await readTask(plain.id, forestryUser)).availableActions).toEqual([]);
  });
});
