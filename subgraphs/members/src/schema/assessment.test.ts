import { randomUUID } from 'node:crypto';
import { CITY } from '@cppcc/demo';
import { consultationAttended, proposalFiled, proposalSubmitted } from '@cppcc/events';
import { AuditEntrySchema, systemEm, type BusEvent } from '@cppcc/kit';
import { databases, operation, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../module.js';

const staff = testCaller(['staff'], CITY);
interface Assessment {
  total: number;
  rank: number | null;
  unmet: unknown[];
  subtotals: unknown[];
  lines: { points: number; rule: string; event: { kind: string } }[];
}

const set = operation<{ setScoringRules: { version: number } }>(
  `mutation($i: SetScoringRulesInput!) { setScoringRules(input: $i) { version name items { kind points } } }`,
);
const assessment = operation<{ member: { assessment: Assessment | null } }>(
  `query($id: ID!) { member(id: $id) { assessment(year: 2027) { total grade rank rulesVersion deducted subtotals { category points cap } unmet { label kind category required done } lines { points rule event { kind } } } } }`,
);

function event(type: string, payload: Record<string, unknown>): BusEvent {
  return {
    id: randomUUID(),
    type,
    source: 'test',
    district: CITY,
    occurredAt: new Date().toISOString(),
    payload,
  };
}

describe.each(databases())('assessments on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(members, { databaseUrl: url, seed: { scale: 1 } });
    const at = '2027-05-01T00:00:00.000Z';
    await module.transport.publish([
      event(proposalSubmitted.type, {
        proposalId: '1',
        authorId: '3',
        title: '关于茶产业的建议',
        submittedAt: '2027-04-20T00:00:00.000Z',
      }),
      event(proposalFiled.type, {
        proposalId: '1',
        authorId: '3',
        coAuthorIds: ['4'],
        caseNumber: '2027-0001',
        filedAt: at,
      }),
      event(proposalFiled.type, {
        proposalId: '2',
        authorId: '4',
        coAuthorIds: [],
        caseNumber: '2027-0002',
        filedAt: at,
      }),
      ...[1, 2, 3].map((n) =>
        event(consultationAttended.type, {
          activityId: String(n),
          memberId: '3',
          form: 'THEMATIC',
          title: '协商',
          heldOn: '2027-03-01',
        }),
      ),
      // Outside the year: not counted.
      event(consultationAttended.type, {
        activityId: '9',
        memberId: '3',
        form: 'THEMATIC',
        title: '协商',
        heldOn: '2026-12-31',
      }),
    ]);
  });
  afterAll(() => module?.stop());

  it('has no assessment before the district sets rules', async () => {
    const r = await module.execute(assessment, { id: '3' }, staff);
    expect(r.data!.member.assessment).toBeNull();
  });

  it('scores the duty record under a preset, ranks within the district and explains each point', async () => {
    const r = await module.execute(
      set,
      { i: { district: CITY, year: 2027, preset: 'MINHANG' } },
      staff,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.setScoringRules.version).toBe(1);
    const three = (await module.execute(assessment, { id: '3' }, testCaller(['member'], CITY, '3')))
      .data!.member;
    expect(three.assessment!.total).toBe(15 + 3 * 5);
    expect(three.assessment!.lines.map((l) => [l.event.kind, l.points])).toEqual([
      // In the order they happened: the activities in March, the proposal filed in May.
      ['consultation.attended', 5],
      ['consultation.attended', 5],
      ['consultation.attended', 5],
      ['proposal.filed', 15],
    ]);
    expect(
      three.assessment!.lines.filter((l) => l.event.kind === 'proposal.filed').map((l) => l.rule),
    ).toEqual(['proposal.filed: 15']);
    expect(three.assessment!.rank).toBe(1);
    expect(three.assessment!.unmet).toEqual([
      { label: '出席全体会议', kind: 'meeting.attended', category: null, required: 1, done: 0 },
      {
        label: '每年至少报送1条社情民意',
        kind: 'opinion.submitted',
        category: null,
        required: 1,
        done: 0,
      },
    ]);
    // Member 4 took part in no activity: the category minimum counts none.
    const fourUnmet = (await module.execute(assessment, { id: '4' }, staff)).data!.member
      .assessment!.unmet;
    expect(fourUnmet).toContainEqual({
      label: '每年参加活动不少于3次',
      kind: null,
      category: '活动',
      required: 3,
      done: 0,
    });
    const four = (await module.execute(assessment, { id: '4' }, staff)).data!.member;
    expect(four.assessment!.total).toBe(3 + 15);
    expect(four.assessment!.rank).toBe(2);
    const list = await module.execute<{ assessments: { member: { id: string } }[] }>(
      `{ assessments(district: "${CITY}", year: 2027) { total rank member { id } } }`,
      {},
      staff,
    );
    expect(list.data!.assessments.slice(0, 2).map((a) => a.member.id)).toEqual(['3', '4']);
    // Bounded by first (at most 1000): the first ones in the same order.
    const two = await module.execute<{ assessments: { member: { id: string } }[] }>(
      `{ assessments(district: "${CITY}", year: 2027, first: 1) { member { id } } }`,
      {},
      staff,
    );
    expect(two.data!.assessments.map((a) => a.member.id)).toEqual(['3']);
    const over = await module.execute(
      `{ assessments(district: "${CITY}", year: 2027, first: 1001) { total } }`,
      {},
      staff,
    );
    expect(over.errors?.[0].extensions).toMatchObject({ field: 'first', rule: 'range' });
  });

  it('lists the years graded in a from/to range (a year is graded on 31 December), or refuses a range beside a year', async () => {
    type Row = { year: number; total: number; rank: number | null; member: { id: string } };
    const ask = (args: string) =>
      module.execute<{ assessments: Row[] }>(
        `{ assessments(district: "${CITY}", ${args}) { year total rank member { id } } }`,
        {},
        staff,
      );
    const year = (await ask('year: 2027')).data!.assessments;
    expect(year.length).toBeGreaterThan(0);
    expect((await ask('from: "2027-01-01", to: "2027-12-31"')).data!.assessments).toEqual(year);
    const wide = (await ask('from: "2026-06-01", to: "2028-06-30"')).data!.assessments;
    expect(wide.filter((a) => a.year === 2027)).toEqual(year);
    expect(new Set(wide.map((a) => a.year)).size).toBeLessThanOrEqual(2);
    expect(wide.every((a) => a.year === 2026 || a.year === 2027)).toBe(true);
    // 2027 is graded on its last day: a range ending the day before holds no 2027 assessment.
    expect((await ask('from: "2027-01-01", to: "2027-12-30"')).data!.assessments).toEqual([]);
    const refusals: [string, Record<string, string>][] = [
      ['year: 2027, from: "2027-01-01", to: "2027-12-31"', { field: 'year', rule: 'one-period' }],
      ['from: "2027-01-01"', { field: 'to', rule: 'required' }],
      ['to: "2027-12-31"', { field: 'from', rule: 'required' }],
      ['from: "2027-12-31", to: "2027-01-01"', { field: 'to', rule: 'order' }],
      ['from: "2000-01-01", to: "2027-12-31"', { field: 'to', rule: 'span' }],
    ];
    for (const [args, ext] of refusals)
      expect((await ask(args)).errors?.[0].extensions, args).toMatchObject({
        code: 'BAD_USER_INPUT',
        ...ext,
      });
  });

  it('recomputes when the rules change, and audits the change', async () => {
    const rules = {
      name: '试行细则',
      items: [
        { kind: 'consultation.attended', category: '活动', points: 4 },
        { kind: 'proposal.filed', category: '提案', points: 20, coAuthorPoints: 10 },
      ],
      caps: [{ category: '活动', max: 10 }],
      grades: [
        { name: '优秀', min: 25 },
        { name: '合格', min: 0 },
      ],
    };
    const r = await module.execute(set, { i: { district: CITY, year: 2027, rules } }, staff);
    expect(r.data!.setScoringRules.version).toBe(2);
    const three = (await module.execute(assessment, { id: '3' }, staff)).data!.member.assessment!;
    expect(three).toMatchObject({ total: 30, grade: '优秀', rulesVersion: 2 });
    expect(three.subtotals).toEqual([
      { category: '活动', points: 10, cap: 10 },
      { category: '提案', points: 20, cap: null },
    ]);
    const audit = await systemEm(module.orm).find(
      AuditEntrySchema,
      { entity: 'scoring_rule_set' },
      { orderBy: { id: 'asc' } },
    );
    expect(audit.map((a) => [a.fromState, a.toState, a.actor])).toEqual([
      [null, 'v1', staff.userId],
      ['v1', 'v2', staff.userId],
    ]);
  });

  it("splits a joint proposal's points among its authors when the rules say so, explaining each share", async () => {
    const rules = {
      name: '联名提案平分',
      items: [{ kind: 'proposal.filed', category: '提案', points: 15, jointLeadShare: 0.5 }],
      minimums: [{ category: '提案', count: 2, label: '每年2件提案' }],
      grades: [{ name: '合格', min: 0 }],
    };
    const r = await module.execute(set, { i: { district: CITY, year: 2027, rules } }, staff);
    expect(r.errors).toBeUndefined();
    const lines = async (id: string) =>
      (await module.execute(assessment, { id }, staff)).data!.member.assessment!;
    // Proposal 1 was led by 3 with 4 co-signing; proposal 2 was 4's alone.
    expect((await lines('3')).lines.map((l) => [l.points, l.rule])).toEqual([
      [7.5, "proposal.filed (joint, lead's share 0.5 of 15): 7.5"],
    ]);
    const four = await lines('4');
    expect(four.lines.map((l) => l.points)).toEqual([7.5, 15]);
    expect(four.unmet).toEqual([]);
    expect((await lines('3')).unmet).toEqual([
      { label: '每年2件提案', kind: null, category: '提案', required: 2, done: 1 },
    ]);
  });

  it('refuses bad rules naming the field, and callers who may not set or see them', async () => {
    const negative = await module.execute(
      set,
      {
        i: {
          district: CITY,
          year: 2027,
          rules: {
            name: 'x',
            items: [{ kind: 'proposal.filed', category: 'b', points: -3 }],
            grades: [{ name: 'g', min: 0 }],
          },
        },
      },
      staff,
    );
    expect(negative.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.rules.items.0.points',
    });
    const unknownKind = await module.execute(
      set,
      {
        i: {
          district: CITY,
          year: 2027,
          rules: {
            name: 'x',
            items: [{ kind: 'proposal.filled', category: 'b', points: 3 }],
            grades: [{ name: 'g', min: 0 }],
          },
        },
      },
      staff,
    );
    expect(unknownKind.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.rules.items.0.kind',
    });
    const both = await module.execute(
      set,
      {
        i: {
          district: CITY,
          year: 2027,
          preset: 'MINHANG',
          rules: { name: 'x', items: [], grades: [] },
        },
      },
      staff,
    );
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = await module.execute(
      set,
      { i: { district: CITY, year: 2027, preset: 'TONGCHENG' } },
      testCaller(['staff'], '341002'),
    );
    expect(other.errors?.[0].extensions?.code).toBe('CROSS_DISTRICT');
    const member = await module.execute(
      set,
      { i: { district: CITY, year: 2027, preset: 'TONGCHENG' } },
      testCaller(['member'], CITY, '3'),
    );
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const peer = await module.execute(assessment, { id: '3' }, testCaller(['member'], CITY, '4'));
    expect(peer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await module.execute(assessment, { id: '3' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await module.execute(
      assessment,
      { id: '3' },
      testCaller(['staff'], '341002'),
    );
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await module.execute(
      `{ assessments(district: "${CITY}", year: 2027) { total } }`,
    );
    expect(listed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const splitAndShare = await module.execute(
      set,
      {
        i: {
          district: CITY,
          year: 2027,
          rules: {
            name: 'x',
            items: [
              {
                kind: 'proposal.filed',
                category: 'b',
                points: 3,
                coAuthorPoints: 1,
                jointLeadShare: 0.5,
              },
            ],
            grades: [{ name: 'g', min: 0 }],
          },
        },
      },
      staff,
    );
    expect(splitAndShare.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.rules.items.0.jointLeadShare',
    });
    const noCategory = await module.execute(
      set,
      {
        i: {
          district: CITY,
          year: 2027,
          rules: {
            name: 'x',
            items: [{ kind: 'proposal.filed', category: 'b', points: 3 }],
            minimums: [{ category: 'c', count: 1, label: 'x' }],
            grades: [{ name: 'g', min: 0 }],
          },
        },
      },
      staff,
    );
    expect(noCategory.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.rules.minimums.0.category',
    });
    const rulesOf = (caller?: ReturnType<typeof testCaller>) =>
      module.execute<{ scoringRules: { version: number } | null }>(
        `{ scoringRules(district: "${CITY}", year: 2027) { version } }`,
        {},
        caller,
      );
    expect((await rulesOf(staff)).data!.scoringRules!.version).toBe(3);
    expect((await rulesOf(testCaller(['member'], CITY, '3'))).data!.scoringRules!.version).toBe(3);
    // Not public: neither anonymous callers nor another district's staff read them.
    expect((await rulesOf()).data!.scoringRules).toBeNull();
    expect((await rulesOf(testCaller(['staff'], '341002'))).data!.scoringRules).toBeNull();
  });
  it("ranks only members serving at the year's end: a member suspended in the year is assessed but not ranked", async () => {
    const suspend = `mutation($id: ID!, $on: Date!) { updateMemberProfile(id: $id, input: { status: SUSPENDED, effectiveOn: $on }) { status } }`;
    expect(
      (await module.execute(suspend, { id: '3', on: '2027-11-01' }, staff)).errors,
    ).toBeUndefined();
    // Member 4 is suspended only after the year: still ranked for it.
    expect(
      (await module.execute(suspend, { id: '4', on: '2028-02-01' }, staff)).errors,
    ).toBeUndefined();
    const three = (await module.execute(assessment, { id: '3' }, staff)).data!.member.assessment!;
    expect(three.rank).toBeNull();
    expect(three.total).toBeGreaterThan(0);
    const four = (await module.execute(assessment, { id: '4' }, staff)).data!.member.assessment!;
    expect(four.rank).toBe(1);
    const list = (
      await module.execute<{ assessments: { rank: number | null }[] }>(
        `{ assessments(district: "${CITY}", year: 2027) { rank member { id } } }`,
        {},
        staff,
      )
    ).data!.assessments;
    expect(list[0]).toEqual({ rank: 1, member: { id: '4' } });
    expect(list.at(-1)).toEqual({ rank: null, member: { id: '3' } });
    expect(list.filter((a) => a.rank === null)).toHaveLength(1);
  });
});
