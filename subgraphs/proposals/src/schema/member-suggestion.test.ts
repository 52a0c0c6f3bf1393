import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemEm, type Caller } from '@cppcc/kit';
import { MemberSuggestionSchema, SUGGESTION_STATUSES } from '../entities/suggestion.entity.js';
import { suggestionWorkflow } from '../workflow.js';
import {
  A,
  auditOf,
  B,
  countRows,
  input,
  member,
  ok,
  proposalFields,
  refused,
  SUBMIT,
  staffOf,
  startProposals,
  unitsOf,
  unitUser,
  type ProposalView,
} from '../test-support.js';

const author = member(9001);
const staff = staffOf(A);
const fields =
  'id status version unit { id } forwardedOn answer answeredOn authors { id } availableActions history { action fromState toState note }';

/** A member suggestion as `fields` selects it. */
type MemberSuggestionView = {
  id: string;
  status: string;
  version: number;
  unit: { id: string } | null;
  forwardedOn: string | null;
  answer: string | null;
  answeredOn: string | null;
  authors: { id: string }[];
  availableActions: string[];
  history: { action: string; fromState: string | null; toState: string; note: string | null }[];
};

describe.each(databases())('member suggestions (委员意见建议) on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startProposals(url);
  });
  afterAll(() => module?.stop());

  /** A submitted proposal converted, with its author's consent, into a member suggestion. */
  const converted = async (title: string) => {
    const p = await ok<ProposalView>(module, SUBMIT, { i: { ...input, title } }, author);
    const proposed = await ok<ProposalView>(
      module,
      `mutation { proposeProposalConversion(id: "${p.id}", version: ${p.version}, target: SUGGESTION, note: "宜作为委员意见建议转有关部门参考") { ${proposalFields} } }`,
      {},
      staff,
    );
    await ok<{ id: string }>(
      module,
      `mutation { consentToProposalConversion(id: "${p.id}", version: ${proposed.version}) { id } }`,
      {},
      author,
    );
    const seen = await ok<{
      status: string;
      convertedTo: string | null;
      memberSuggestion: MemberSuggestionView | null;
    }>(
      module,
      `{ proposal(id: "${p.id}") { status convertedTo memberSuggestion { ${fields} } } }`,
      {},
      author,
    );
    expect(seen).toMatchObject({ status: 'CONVERTED', convertedTo: 'SUGGESTION' });
    if (!seen.memberSuggestion) throw new Error(`proposal ${p.id} was converted to no suggestion`);
    return seen.memberSuggestion;
  };
  const forward = (s: { id: string; version: number }, unitId: number, caller = staff) =>
    module.execute<{ forwardMemberSuggestion: { id: string; version: number } }>(
      `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${s.version}, unitId: "${unitId}") { ${fields} } }`,
      {},
      caller,
    );

  it('turns a converted proposal into a suggestion that staff forward to one unit, which answers', async () => {
    const s = await converted('关于优化老街停车的建议');
    expect(s).toMatchObject({
      status: 'RECEIVED',
      unit: null,
      authors: [{ id: '9001' }],
      availableActions: [],
    });
    expect(await auditOf(module, 'member_suggestion', s.id)).toEqual([['', 'convert', 'RECEIVED']]);

    const [unit, otherUnit] = unitsOf(A);
    const before = await countRows(module, MemberSuggestionSchema);
    expect(
      await refused(
        module,
        `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${s.version}, unitId: "${unit}") { id } }`,
        {},
        author,
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refused(
        module,
        `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${s.version}, unitId: "${unit}") { id } }`,
        {},
        staffOf(B),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refused(
        module,
        `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${s.version}, unitId: "99999") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'unitId' });
    expect(
      await refused(
        module,
        `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${s.version}, unitId: "${unitsOf(B)[0]}") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId', rule: 'unit-district' });
    expect(
      await refused(
        module,
        `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${s.version + 3}, unitId: "${unit}") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(
      await refused(
        module,
        `mutation { answerMemberSuggestion(id: "${s.id}", version: ${s.version}, answer: "已研究") { id } }`,
        {},
        unitUser(unit),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refused(
        module,
        `mutation { answerMemberSuggestion(id: "${s.id}", version: ${s.version}, answer: "已研究") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'RECEIVED', action: 'answer' });
    expect(await auditOf(module, 'member_suggestion', s.id)).toEqual([['', 'convert', 'RECEIVED']]);
    expect(await countRows(module, MemberSuggestionSchema)).toBe(before);

    const forwarded = (await forward(s, unit)).data!.forwardMemberSuggestion;
    expect(forwarded).toMatchObject({ status: 'FORWARDED', unit: { id: String(unit) } });
    // The unit it went to finds it; another unit neither lists nor reaches it.
    const listed = (caller: Caller) =>
      ok<{ nodes: unknown[] }>(
        module,
        `{ memberSuggestions(first: 10) { nodes { id } } }`,
        {},
        caller,
      );
    expect((await listed(unitUser(unit))).nodes).toEqual([{ id: s.id }]);
    expect((await listed(unitUser(otherUnit))).nodes).toEqual([]);
    expect(
      await refused(
        module,
        `mutation { answerMemberSuggestion(id: "${s.id}", version: ${forwarded.version}, answer: "已研究") { id } }`,
        {},
        unitUser(otherUnit),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refused(module, `{ memberSuggestions(first: 10) { nodes { id } } }`, {}, author),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refused(
        module,
        `mutation { answerMemberSuggestion(id: "${s.id}", version: ${forwarded.version}, answer: "已研究") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refused(
        module,
        `mutation { answerMemberSuggestion(id: "${s.id}", version: ${forwarded.version}, answer: "  ") { id } }`,
        {},
        unitUser(unit),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer' });

    const answered = await ok<{
      history: { fromState: string | null; action: string; toState: string }[];
    }>(
      module,
      `mutation { answerMemberSuggestion(id: "${s.id}", version: ${forwarded.version}, answer: "已纳入年度停车设施建设计划研究。") { ${fields} } }`,
      {},
      unitUser(unit),
    );
    expect(answered).toMatchObject({
      status: 'ANSWERED',
      answer: '已纳入年度停车设施建设计划研究。',
      availableActions: [],
    });
    expect(answered.history.map((h) => `${h.fromState}>${h.action}>${h.toState}`)).toEqual([
      'null>convert>RECEIVED',
      'RECEIVED>forward>FORWARDED',
      'FORWARDED>answer>ANSWERED',
    ]);
    // Its author follows it on the proposal it came from.
    const from = (
      await ok<{ proposal: { id: string } | null }>(
        module,
        `{ memberSuggestion(id: "${s.id}") { proposal { id } } }`,
        {},
        author,
      )
    ).proposal!.id;
    expect(
      (
        await ok<{ memberSuggestion: { status: string; answer: string | null } | null }>(
          module,
          `{ proposal(id: "${from}") { memberSuggestion { status answer } } }`,
          {},
          author,
        )
      ).memberSuggestion,
    ).toEqual({ status: 'ANSWERED', answer: '已纳入年度停车设施建设计划研究。' });
  });

  it('keeps a suggestion on file with the reason told to its author', async () => {
    const s = await converted('关于老街夜间照明的建议');
    expect(
      await refused(
        module,
        `mutation { archiveMemberSuggestion(id: "${s.id}", version: ${s.version}, reason: " ") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const kept = await ok<MemberSuggestionView>(
      module,
      `mutation { archiveMemberSuggestion(id: "${s.id}", version: ${s.version}, reason: "所提事项已在实施中，留存备查") { ${fields} } }`,
      {},
      staff,
    );
    expect(kept.status).toBe('ARCHIVED');
    const seen = await ok<{ status: string; history: { action: string; note: string | null }[] }>(
      module,
      `{ memberSuggestion(id: "${s.id}") { status history { action note } } }`,
      {},
      author,
    );
    expect(seen.history.at(-1)).toEqual({
      action: 'archive',
      note: '所提事项已在实施中，留存备查',
    });
    expect(
      await refused(
        module,
        `mutation { forwardMemberSuggestion(id: "${s.id}", version: ${kept.version}, unitId: "${unitsOf(A)[0]}") { id } }`,
        {},
        staff,
      ),
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(
      await module.execute(`{ memberSuggestion(id: "${s.id}") { id } }`, {}, member(9002)),
    ).toEqual({ data: { memberSuggestion: null } });
  });
  it('refuses every move its table does not hold, changing nothing', async () => {
    const s = await converted('关于老街公厕改造的建议');
    const unit = unitsOf(A)[0];
    await systemEm(module.orm).nativeUpdate(
      MemberSuggestionSchema,
      { id: Number(s.id) },
      { unitId: unit },
    );
    const steps: Record<string, [string, Caller]> = {
      forward: [`forwardMemberSuggestion(id: "${s.id}", version: $v, unitId: "${unit}")`, staff],
      archive: [`archiveMemberSuggestion(id: "${s.id}", version: $v, reason: "留存")`, staff],
      answer: [
        `answerMemberSuggestion(id: "${s.id}", version: $v, answer: "已研究")`,
        unitUser(unit),
      ],
    };
    let checked = 0;
    for (const status of SUGGESTION_STATUSES) {
      for (const [action, [call, caller]] of Object.entries(steps)) {
        if (suggestionWorkflow.transitions.some((t) => t.from === status && t.action === action))
          continue;
        await systemEm(module.orm).nativeUpdate(
          MemberSuggestionSchema,
          { id: Number(s.id) },
          { status },
        );
        const { version } = await systemEm(module.orm).findOneOrFail(MemberSuggestionSchema, {
          id: Number(s.id),
        });
        const audits = (await auditOf(module, 'member_suggestion', s.id)).length;
        const r = await module.execute(
          `mutation($v: Int!) { ${call} { id } }`,
          { v: version },
          caller,
        );
        expect(r.errors?.[0].extensions, `${status} ${action}`).toMatchObject({
          code: 'ILLEGAL_TRANSITION',
          state: status,
          action,
        });
        expect(
          (await systemEm(module.orm).findOneOrFail(MemberSuggestionSchema, { id: Number(s.id) }))
            .status,
        ).toBe(status);
        expect((await auditOf(module, 'member_suggestion', s.id)).length).toBe(audits);
        checked++;
      }
    }
    expect(checked).toBe(SUGGESTION_STATUSES.length * 3 - suggestionWorkflow.transitions.length);
  });
});
