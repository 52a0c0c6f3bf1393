import { randomUUID } from 'node:crypto';
import { CITY } from '@cppcc/demo';
import { termRegistered } from '@cppcc/events';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const update = `mutation($id: ID!, $i: UpdateMemberProfileInput!) { updateMemberProfile(id: $id, input: $i) { workUnit title standingCommittee } }`;
const history = operation<{ member: { history: unknown[] } }>(
  `query($id: ID!) { member(id: $id) { history { field from to effectiveOn note } } }`,
);
/** Every demo member's history opens with the appointment. */
const appointed = {
  field: 'status',
  from: null,
  to: 'ACTIVE',
  effectiveOn: '2021-12-20',
  note: '任命为委员',
};

describe.each(databases())('member profile history on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  it('keeps every changed field as a dated row, and only those that changed', async () => {
    const before = (
      await module.execute<{
        member: { workUnit: string; title: string; standingCommittee: boolean };
      }>(`{ member(id: "6") { workUnit title standingCommittee } }`)
    ).data!.member;
    const r = await module.execute(
      update,
      {
        id: '6',
        i: {
          workUnit: '黄山市农业农村局',
          title: before.title,
          standingCommittee: !before.standingCommittee,
          effectiveOn: '2026-03-01',
          note: '工作调动',
        },
      },
      staff,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateMemberProfile).toMatchObject({
      workUnit: '黄山市农业农村局',
      standingCommittee: !before.standingCommittee,
    });
    const rows = (await module.execute(history, { id: '6' }, testCaller(['member'], CITY, '6')))
      .data!.member.history;
    expect(rows).toEqual([
      appointed,
      {
        field: 'workUnit',
        from: before.workUnit,
        to: '黄山市农业农村局',
        effectiveOn: '2026-03-01',
        note: '工作调动',
      },
      {
        field: 'standingCommittee',
        from: String(before.standingCommittee),
        to: String(!before.standingCommittee),
        effectiveOn: '2026-03-01',
        note: '工作调动',
      },
    ]);
    // The connection that replaces the list pages the same rows backward, and keeps the rule.
    const paged = operation<{
      member: {
        historyConnection: { pageInfo: { hasPreviousPage: boolean }; nodes: { field: string }[] };
      };
    }>(
      `query($id: ID!) { member(id: $id) { historyConnection(last: 2) { pageInfo { hasPreviousPage } nodes { field } } } }`,
    );
    const tail = await module.execute(paged, { id: '6' }, testCaller(['member'], CITY, '6'));
    expect(tail.data!.member.historyConnection).toEqual({
      pageInfo: { hasPreviousPage: true },
      nodes: [{ field: 'workUnit' }, { field: 'standingCommittee' }],
    });
    const other = await module.execute(paged, { id: '6' }, testCaller(['member'], CITY, '7'));
    expect(other.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'historyConnection',
    });
  });

  it('keeps name, ethnicity and reappointment for another term in the history too', async () => {
    const term = (
      termId: string,
      district: string,
      ordinal: number,
      startsOn: string,
      endsOn: string | null,
    ) => ({
      id: randomUUID(),
      type: termRegistered.type,
      source: 'organization',
      district,
      occurredAt: new Date().toISOString(),
      payload: { termId, district, ordinal, name: `第${ordinal}届`, startsOn, endsOn },
    });
    await module.transport.publish([
      term('41', CITY, 10, '2022-01-01', '2026-12-31'),
      term('42', CITY, 11, '2027-01-01', null),
      term('43', '341002', 11, '2027-01-01', null),
    ]);
    const before = (
      await module.execute<{ member: { name: string; ethnicity: string } }>(
        `{ member(id: "8") { name ethnicity } }`,
      )
    ).data!.member;
    const wrong = await module.execute(
      update,
      { id: '8', i: { term: '43', effectiveOn: '2027-01-05' } },
      staff,
    );
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.term',
      rule: 'exists',
    });
    const r = await module.execute(
      update,
      {
        id: '8',
        i: {
          name: '王晓明',
          ethnicity: '回族',
          term: '42',
          effectiveOn: '2027-01-05',
          note: '连任',
        },
      },
      staff,
    );
    expect(r.errors).toBeUndefined();
    const after = (
      await module.execute<{ member: { history: unknown[] } }>(
        `{ member(id: "8") { name ethnicity term { ordinal } history { field from to effectiveOn } } }`,
        {},
        staff,
      )
    ).data!.member;
    expect(after).toMatchObject({ name: '王晓明', ethnicity: '回族', term: { ordinal: 11 } });
    const { note: _note, ...opened } = appointed;
    expect(after.history).toEqual([
      opened,
      { field: 'name', from: before.name, to: '王晓明', effectiveOn: '2027-01-05' },
      { field: 'ethnicity', from: before.ethnicity, to: '回族', effectiveOn: '2027-01-05' },
      { field: 'termId', from: null, to: '42', effectiveOn: '2027-01-05' },
    ]);
  });

  it('refuses changes that change nothing, bad dates, other districts and non-staff', async () => {
    const same = await module.execute(update, { id: '7', i: { effectiveOn: '2026-03-01' } }, staff);
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    const date = await module.execute(
      update,
      { id: '7', i: { title: '教授', effectiveOn: '2026/03/01' } },
      staff,
    );
    expect(date.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.effectiveOn',
    });
    const other = await module.execute(
      update,
      { id: '7', i: { title: '教授', effectiveOn: '2026-03-01' } },
      testCaller(['staff'], '341002'),
    );
    expect(other.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const self = await module.execute(
      update,
      { id: '7', i: { title: '教授', effectiveOn: '2026-03-01' } },
      testCaller(['member'], CITY, '7'),
    );
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rows = (await module.execute(history, { id: '7' }, staff)).data!.member.history;
    expect(rows).toEqual([appointed]);
    const anonymous = await module.execute(history, { id: '7' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
