import { chains, CITY, unitByShort } from '@cppcc/demo';
import type { Caller } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';

/** A ImplementationResult as these tests select it. */
type ImplementationResultView = {
  id: string;
  kind: string;
  status: string | null;
  version: number;
  progress: number;
  weight: number;
  availableActions: string[];
  timeline: { text: string; progress: number | null }[];
};

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);
const water = unitByShort(CITY, '水利局');
const forestry = unitByShort(CITY, '林业局');
const waterUser = testCaller(['unit'], CITY, null, String(water.id));
const forestryUser = testCaller(['unit'], CITY, null, String(forestry.id));
const fields = 'id kind status version progress weight availableActions timeline { text progress }';
const create = `mutation($i: CreateImplementationResultInput!) { createImplementationResult(input: $i) { ${fields} } }`;

/** A result task as a step answers it, as far as the tests read it. */
interface ResultTask {
  id: string;
  version: number;
  status: string | null;
  timeline: unknown[];
}
interface ChainRoot {
  title: string;
  progress: number;
  children: { document: string; recommendation: { title: string } }[];
}

describe.each(databases())('the outcome chain as a results tree on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  const read = async (id: string) =>
    (
      await ok<{
        implementationResult: ImplementationResultView;
      }>(module, `{ implementationResult(id: "${id}") { ${fields} } }`, {}, staff)
    ).implementationResult;
  const progress = async (id: string) => (await read(id)).progress;
  const task = (name: string, r: { id: string; version: number }, caller: Caller, extra = '') =>
    module.execute<Record<string, ResultTask>>(
      `mutation { ${name}(id: "${r.id}", version: ${r.version}${extra}) { ${fields} } }`,
      {},
      caller,
    );

  it("computes a parent's progress from its weighted children, with a child removed and a weight of 0", async () => {
    const topic = (
      await ok<{
        createImplementationResult: ImplementationResultView;
      }>(
        module,
        create,
        { i: { district: CITY, kind: 'TOPIC', title: '党委出题：推进水美乡村建设' } },
        staff,
      )
    ).createImplementationResult;
    const adoption = (
      await ok<{
        createImplementationResult: ImplementationResultView;
      }>(
        module,
        create,
        {
          i: {
            parentId: topic.id,
            kind: 'ADOPTION',
            title: '市政府采纳：实施水美乡村三年行动',
            document: '水美乡村建设三年行动方案',
            adoptedOn: '2026-03-01',
          },
        },
        staff,
      )
    ).createImplementationResult;
    for (const [i, field] of [
      [
        {
          parentId: topic.id,
          kind: 'TASK',
          title: '直接挂在议题下的任务',
          unitId: String(water.id),
          dueOn: '2026-12-31',
        },
        'input.kind',
      ],
      [
        {
          district: CITY,
          kind: 'ADOPTION',
          title: '没有议题的采纳',
          document: '某某决定文件',
          adoptedOn: '2026-03-01',
        },
        'input.kind',
      ],
      [{ parentId: topic.id, kind: 'ADOPTION', title: '没有文件的采纳' }, 'input.document'],
      [
        { parentId: adoption.id, kind: 'TASK', title: '没有部门的任务', dueOn: '2026-12-31' },
        'input.unitId',
      ],
      [
        { parentId: adoption.id, kind: 'TASK', title: '没有期限的任务', unitId: String(water.id) },
        'input.dueOn',
      ],
      [
        {
          parentId: adoption.id,
          kind: 'TASK',
          title: '外区部门的任务',
          unitId: String(unitByShort('341002', '教育局').id),
          dueOn: '2026-12-31',
        },
        'input.unitId',
      ],
      [
        {
          parentId: adoption.id,
          kind: 'TASK',
          title: '权重越界的任务',
          unitId: String(water.id),
          dueOn: '2026-12-31',
          weight: 101,
        },
        'input.weight',
      ],
    ] as const) {
      expect(
        (await module.execute(create, { i }, staff)).errors?.[0].extensions?.field,
        JSON.stringify(i),
      ).toBe(field);
    }
    const a = (
      await ok<{
        createImplementationResult: ImplementationResultView;
      }>(
        module,
        create,
        {
          i: {
            parentId: adoption.id,
            kind: 'TASK',
            title: '河道综合治理',
            unitId: String(water.id),
            dueOn: '2026-12-31',
            weight: 3,
          },
        },
        staff,
      )
    ).createImplementationResult;
    let b: ResultTask = (
      await ok<{
        createImplementationResult: ImplementationResultView;
      }>(
        module,
        create,
        {
          i: {
            parentId: adoption.id,
            kind: 'TASK',
            title: '沿河植树造林',
            unitId: String(forestry.id),
            dueOn: '2026-10-31',
            weight: 1,
          },
        },
        staff,
      )
    ).createImplementationResult;
    expect(a).toMatchObject({ status: 'NOT_STARTED', progress: 0 });

    expect(
      (await task('reportResultProgress', a, waterUser, ', progress: 50, text: "未开始就报进度"'))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'NOT_STARTED' });
    expect((await task('startResultTask', a, forestryUser)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await task('startResultTask', a, staff)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    let started = (await task('startResultTask', a, waterUser)).data!.startResultTask;
    expect(
      (
        await task(
          'reportResultProgress',
          started,
          waterUser,
          ', progress: 101, text: "超过百分之百"',
        )
      ).errors?.[0].extensions?.field,
    ).toBe('progress');
    expect(
      (
        await task(
          'reportResultProgress',
          started,
          forestryUser,
          ', progress: 50, text: "别的部门来报"',
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    started = (
      await task(
        'reportResultProgress',
        started,
        waterUser,
        ', progress: 50, text: "完成治理河道20公里"',
      )
    ).data!.reportResultProgress;
    expect(started.timeline).toEqual([
      { text: '开始实施', progress: 0 },
      { text: '完成治理河道20公里', progress: 50 },
    ]);
    expect(await progress(adoption.id)).toBe(37.5);
    expect(await progress(topic.id)).toBe(37.5);

    b = (await task('startResultTask', b, forestryUser)).data!.startResultTask;
    b = (await task('completeResultTask', b, forestryUser)).data!.completeResultTask;
    expect(b).toMatchObject({ status: 'DONE', progress: 100 });
    expect(await progress(topic.id)).toBe(62.5);

    b = (
      await ok<{
        setImplementationResultWeight: ImplementationResultView;
      }>(
        module,
        `mutation { setImplementationResultWeight(id: "${b.id}", version: ${b.version}, weight: 0) { ${fields} } }`,
        {},
        staff,
      )
    ).setImplementationResultWeight;
    expect(await progress(topic.id)).toBe(50);
    const aNow = await read(a.id);
    await ok<{ setImplementationResultWeight: { id: string } }>(
      module,
      `mutation { setImplementationResultWeight(id: "${a.id}", version: ${aNow.version}, weight: 0) { id } }`,
      {},
      staff,
    );
    expect(await progress(adoption.id)).toBe(0);
    const aLater = await read(a.id);
    await ok<{ setImplementationResultWeight: { id: string } }>(
      module,
      `mutation { setImplementationResultWeight(id: "${a.id}", version: ${aLater.version}, weight: 3) { id } }`,
      {},
      staff,
    );

    const adoptionNow = await read(adoption.id);
    const blocked = await module.execute(
      `mutation { removeImplementationResult(id: "${adoption.id}", version: ${adoptionNow.version}) { id } }`,
      {},
      staff,
    );
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(
      (
        await module.execute(
          `mutation { removeImplementationResult(id: "${b.id}", version: ${b.version}) { id } }`,
          {},
          waterUser,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    await ok<{ removeImplementationResult: { id: string } }>(
      module,
      `mutation { removeImplementationResult(id: "${b.id}", version: ${b.version}, note: "并入河道治理") { id } }`,
      {},
      staff,
    );
    expect(await progress(topic.id)).toBe(50);
    const children = (
      await ok<{ implementationResult: { children: { id: string }[] } }>(
        module,
        `{ implementationResult(id: "${adoption.id}") { children { id } } }`,
        {},
        staff,
      )
    ).implementationResult.children;
    expect(children).toEqual([{ id: a.id }]);

    b = (
      await ok<{
        implementationResult: ImplementationResultView;
      }>(module, `{ implementationResult(id: "${a.id}") { ${fields} } }`, {}, staff)
    ).implementationResult;
    const done = (await task('completeResultTask', b, waterUser)).data!.completeResultTask;
    expect(await progress(topic.id)).toBe(100);
    const reopened = (await task('reopenResultTask', done, staff)).data!.reopenResultTask;
    expect(reopened.status).toBe('IN_PROGRESS');
  });

  it("reproduces the report's chains: the advisory meeting to the demonstration-city bid, the corridor into the two-province agreement", async () => {
    const roots = (
      await ok<{ implementationResults: { nodes: ChainRoot[] } }>(
        module,
        `{ implementationResults(filter: { kind: TOPIC }, first: 100) { nodes { title progress children { kind document recommendation { title status } children { weight progress unit { id } } } } } }`,
        {},
        staff,
      )
    ).implementationResults.nodes;
    for (const chain of chains) {
      const root = roots.find((r) => r.title === chain.topic);
      const counting = chain.tasks.filter((t) => t.weight > 0);
      const expected =
        counting.reduce((s, t) => s + t.weight * t.progress, 0) /
        counting.reduce((s, t) => s + t.weight, 0);
      expect(root!.progress, chain.topic).toBeCloseTo(expected, 2);
      expect(root!.children[0]).toMatchObject({
        kind: 'ADOPTION',
        document: chain.document,
        recommendation: { status: 'ADOPTED' },
      });
    }
    const corridor = roots.find((r) => r.title === chains[1].topic);
    expect(corridor!.children[0].document).toBe('两省战略合作框架协议');
    expect(corridor!.children[0].recommendation.title).toBe('关于谋划建设山水生态旅游走廊的建议');
  });
});
