import { CITY } from '@cppcc/demo';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const update = `mutation($id: ID!, $i: UpdateMemberProfileInput!) { updateMemberProfile(id: $id, input: $i) { workUnit title standingCommittee } }`;
const history = `query($id: ID!) { member(id: $id) { history { field from to effectiveOn note } } }`;

describe.each(databases())('member profile history on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  it('keeps every changed field as a dated row, and only those that changed', async () => {
    const before = ((await module.execute(`{ member(id: "6") { workUnit title standingCommittee } }`)).data!.member as any);
    const r = await module.execute(update, { id: '6', i: { workUnit: '黄山市农业农村局', title: before.title, standingCommittee: !before.standingCommittee, effectiveOn: '2026-03-01', note: '工作调动' } }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateMemberProfile).toMatchObject({ workUnit: '黄山市农业农村局', standingCommittee: !before.standingCommittee });
    const rows = ((await module.execute(history, { id: '6' }, testCaller(['member'], CITY, '6'))).data!.member as any).history;
    expect(rows).toEqual([
      { field: 'workUnit', from: before.workUnit, to: '黄山市农业农村局', effectiveOn: '2026-03-01', note: '工作调动' },
      { field: 'standingCommittee', from: String(before.standingCommittee), to: String(!before.standingCommittee), effectiveOn: '2026-03-01', note: '工作调动' },
    ]);
  });

  it('refuses changes that change nothing, bad dates, other districts and non-staff', async () => {
    const same = await module.execute(update, { id: '7', i: { effectiveOn: '2026-03-01' } }, staff);
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    const date = await module.execute(update, { id: '7', i: { title: '教授', effectiveOn: '2026/03/01' } }, staff);
    expect(date.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveOn' });
    const other = await module.execute(update, { id: '7', i: { title: '教授', effectiveOn: '2026-03-01' } }, testCaller(['staff'], '341002'));
    expect(other.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const self = await module.execute(update, { id: '7', i: { title: '教授', effectiveOn: '2026-03-01' } }, testCaller(['member'], CITY, '7'));
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rows = ((await module.execute(history, { id: '7' }, staff)).data!.member as any).history;
    expect(rows).toEqual([]);
    const anonymous = await module.execute(history, { id: '7' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
