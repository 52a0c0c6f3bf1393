import { CITY } from '@cppcc/demo';
import { AuditEntrySchema, systemEm } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
const award = `mutation($m: ID!, $t: String!, $l: MeritLevel!, $on: Date!) { recordAward(memberId: $m, title: $t, level: $l, awardedOn: $on) { id type level } }`;
const penalty = `mutation($m: ID!, $t: String!, $r: String!, $on: Date!) { recordPenalty(memberId: $m, title: $t, reason: $r, decidedOn: $on) { id type reason } }`;
const assessment = `query($id: ID!) { member(id: $id) { merits { type title } assessment(year: 2026) { total lines { points rule event { kind qualifier } } } } }`;

describe.each(databases())('awards and penalties on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  it('records them as duty events that the rules score, and audits each', async () => {
    expect(
      (
        await module.execute(
          award,
          { m: '12', t: '全省优秀政协委员', l: 'PROVINCIAL', on: '2026-03-01' },
          staff,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await module.execute(
          penalty,
          { m: '12', t: '诫勉谈话', r: '无故缺席常委会议两次', on: '2026-06-01' },
          staff,
        )
      ).errors,
    ).toBeUndefined();
    await module.relay.kick();
    const rules = {
      name: '奖惩',
      items: [
        { kind: 'award.received', category: '奖惩', points: 6 },
        { kind: 'award.received', qualifier: 'PROVINCIAL', category: '奖惩', points: 8 },
      ],
      deductions: [{ kind: 'penalty.received', points: 10 }],
      grades: [{ name: '合格', min: 0 }],
    };
    expect(
      (
        await module.execute(
          `mutation($i: SetScoringRulesInput!) { setScoringRules(input: $i) { version } }`,
          { i: { district: CITY, year: 2026, rules } },
          staff,
        )
      ).errors,
    ).toBeUndefined();
    const m = (
      await module.execute<{
        member: { merits: unknown[]; assessment: { lines: unknown[]; total: number } };
      }>(assessment, { id: '12' }, testCaller(['member'], CITY, '12'))
    ).data!.member;
    expect(m.merits).toEqual([
      { type: 'AWARD', title: '全省优秀政协委员' },
      { type: 'PENALTY', title: '诫勉谈话' },
    ]);
    expect(m.assessment.lines).toEqual([
      {
        points: 8,
        rule: 'award.received [PROVINCIAL]: 8',
        event: { kind: 'award.received', qualifier: 'PROVINCIAL' },
      },
      {
        points: -10,
        rule: 'penalty.received: −10',
        event: { kind: 'penalty.received', qualifier: null },
      },
    ]);
    expect(m.assessment.total).toBe(-2);
    const audit = await systemEm(module.orm).find(
      AuditEntrySchema,
      { entity: 'merit_record' },
      { orderBy: { id: 'asc' } },
    );
    expect(audit.map((a) => [a.toState, a.actor])).toEqual([
      ['AWARD', staff.userId],
      ['PENALTY', staff.userId],
    ]);
  });

  it('refuses bad input naming the field, other districts, non-staff, and hides merits from others', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      [award, { m: '12', t: '优', l: 'CITY', on: '2026-03-01' }, 'BAD_USER_INPUT', 'title'],
      [
        award,
        { m: '12', t: '优秀委员', l: 'CITY', on: '2099-03-01' },
        'BAD_USER_INPUT',
        'awardedOn',
      ],
      [penalty, { m: '12', t: '诫勉谈话', r: '', on: '2026-03-01' }, 'BAD_USER_INPUT', 'reason'],
      [
        penalty,
        { m: 'x', t: '诫勉谈话', r: '缺席', on: '2026-03-01' },
        'BAD_USER_INPUT',
        'memberId',
      ],
    ];
    for (const [q, v, code, field] of cases) {
      const r = await module.execute(q, v, staff);
      expect(r.errors?.[0].extensions, JSON.stringify(v)).toMatchObject({ code, field });
    }
    expect(
      (
        await module.execute(
          award,
          { m: '12', t: '优秀委员', l: 'CITY', on: '2026-03-01' },
          testCaller(['staff'], '341002'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('CROSS_DISTRICT');
    expect(
      (
        await module.execute(
          award,
          { m: '12', t: '优秀委员', l: 'CITY', on: '2026-03-01' },
          testCaller(['member'], CITY, '12'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await module.execute(
          `{ member(id: "12") { merits { title } } }`,
          {},
          testCaller(['member'], CITY, '13'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await module.execute(`{ member(id: "12") { merits { title } } }`, {}, staff)).data!.member,
    ).toEqual({ merits: [{ title: '全省优秀政协委员' }, { title: '诫勉谈话' }] });
    // The connection that replaces the list: backward from the end, the same rule.
    const paged = `{ member(id: "12") { meritsConnection(last: 1) { pageInfo { hasPreviousPage } nodes { title } } } }`;
    expect((await module.execute(paged, {}, staff)).data!.member).toEqual({
      meritsConnection: { pageInfo: { hasPreviousPage: true }, nodes: [{ title: '诫勉谈话' }] },
    });
    expect(
      (await module.execute(paged, {}, testCaller(['member'], CITY, '13'))).errors?.[0].extensions,
    ).toMatchObject({ code: 'FORBIDDEN', field: 'meritsConnection' });
  });
});
