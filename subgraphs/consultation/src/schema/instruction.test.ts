import { randomUUID } from 'node:crypto';
import { CITY } from '@cppcc/demo';
import { instructionHandedOver, instructionSubjectRegistered } from '@cppcc/events';
import { systemEm, today, type Caller, type PayloadOf } from '@cppcc/kit';
import { coreEvent, databases, outbox, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstructionSchema } from '../entities/instruction.entity.js';
import { InstructionSubjectRefSchema } from '../entities/instruction-subject-ref.entity.js';
import { ok, publishAndWait, startConsultation } from '../test-support.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const A = '341002';
const B = '341021';
const staffA = testCaller(['staff'], A);
const leaderA = testCaller(['leader'], A);
const staffB = testCaller(['staff'], B);
const cityLeader = testCaller(['leader'], CITY);
const cityStaff = testCaller(['staff'], CITY);
const member = (id: string) => testCaller(['member'], A, id);

interface Recorded {
  id: string;
  subjectType: string;
  subjectId: string;
  rank: string | null;
  level: string;
  leader: string;
}
const RECORD = `mutation($i: RecordInstructionInput!) { recordInstruction(input: $i) { id subjectType subjectId rank level leader } }`;
const ON = (type: 'Proposal' | 'OpinionItem', id: string) =>
  `{ _entities(representations: [{ __typename: "${type}", id: "${id}" }]) { ... on ${type} { instructions { id leader } } } }`;

function subject(
  subjectType: 'PROPOSAL' | 'OPINION_ITEM',
  subjectId: string,
  memberIds: string[],
  readerIds: string[] = memberIds,
) {
  const payload: PayloadOf<typeof instructionSubjectRegistered> = {
    subjectType,
    subjectId,
    district: A,
    title: `${subjectType} ${subjectId} 的标题`,
    memberIds,
    readerIds,
  };
  return coreEvent(instructionSubjectRegistered, payload, 'proposals', A);
}

describe.each(databases())('one instruction concept on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
    // Proposals announced a filed proposal (author 11, co-signer 12 accepted, 13 invited) and an issued item.
    await publishAndWait(
      module,
      [
        subject('PROPOSAL', '801', ['11', '12'], ['11', '12', '13']),
        subject('OPINION_ITEM', '901', ['21']),
      ],
      async () => (await systemEm(module.orm).count(InstructionSubjectRefSchema, {})) >= 2,
    );
  });
  afterAll(() => module?.stop());

  const input = (subjectType: string, subjectId: string, extra: Record<string, unknown> = {}) => ({
    subjectType,
    subjectId,
    leader: '市委主要负责同志',
    level: 'CITY',
    text: '请抓好落实。',
    instructedOn: today(),
    ...extra,
  });
  const instructionsOn = async (type: 'Proposal' | 'OpinionItem', id: string, caller: Caller) =>
    (
      await ok<{ _entities: { instructions: { id: string }[] }[] }>(
        module,
        ON(type, id),
        {},
        caller,
      )
    )._entities[0].instructions.map((i) => i.id);

  it('records on a proposal, an opinion item and a recommendation through one mutation, telling the archives', async () => {
    const onProposal = (
      await ok<{ recordInstruction: Recorded }>(
        module,
        RECORD,
        { i: input('PROPOSAL', '801') },
        staffA,
      )
    ).recordInstruction;
    expect(onProposal).toMatchObject({
      subjectType: 'PROPOSAL',
      subjectId: '801',
      rank: null,
      level: 'CITY',
    });
    const onItem = (
      await ok<{ recordInstruction: Recorded }>(
        module,
        RECORD,
        {
          i: input('OPINION_ITEM', '901', {
            rank: 'PRINCIPAL',
            leaderPost: '区委书记',
            level: 'DISTRICT',
          }),
        },
        leaderA,
      )
    ).recordInstruction;
    expect(onItem).toMatchObject({
      subjectType: 'OPINION_ITEM',
      rank: 'PRINCIPAL',
      level: 'DISTRICT',
    });
    const report = (
      await ok<{ leaderInstructions: { nodes: { recommendation: { id: string } | null }[] } }>(
        module,
        '{ leaderInstructions(filter: { subjectType: RECOMMENDATION_REPORT }, first: 1) { nodes { recommendation { id } } } }',
        {},
        cityStaff,
      )
    ).leaderInstructions.nodes[0].recommendation!;
    const onReport = (
      await ok<{ recordInstruction: Recorded }>(
        module,
        RECORD,
        { i: input('RECOMMENDATION_REPORT', report.id, { rank: 'IN_CHARGE' }) },
        cityLeader,
      )
    ).recordInstruction;
    expect(onReport).toMatchObject({ subjectType: 'RECOMMENDATION_REPORT', rank: 'IN_CHARGE' });

    const sent = (await outbox(module.orm, { type: 'instruction.received' })).map((e) => e.payload);
    expect(sent).toContainEqual(
      expect.objectContaining({
        instructionId: onProposal.id,
        subjectType: 'PROPOSAL',
        memberIds: ['11', '12'],
      }),
    );
    expect(sent).toContainEqual(
      expect.objectContaining({
        instructionId: onItem.id,
        subjectType: 'OPINION_ITEM',
        memberIds: ['21'],
      }),
    );
    // One list and one series of ids for every subject.
    const listed = (
      await ok<{ leaderInstructions: { nodes: { id: string }[] } }>(
        module,
        `{ leaderInstructions(filter: { district: "${A}", subjectType: PROPOSAL }, first: 50) { nodes { id } } }`,
        {},
        staffA,
      )
    ).leaderInstructions.nodes.map((n) => n.id);
    expect(listed).toContain(onProposal.id);
  });

  it('refuses a subject proposals did not announce, another district, a member, staff on an outcome and a future day', async () => {
    const refused = async (i: Record<string, unknown>, caller: Caller) =>
      (await module.execute(RECORD, { i }, caller)).errors?.[0].extensions;
    const before = await systemEm(module.orm).count(InstructionSchema, {});
    expect(await refused(input('PROPOSAL', '802'), staffA)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.subjectId',
      rule: 'filed',
    });
    expect(await refused(input('OPINION_ITEM', '902'), staffA)).toMatchObject({ rule: 'issued' });
    expect(await refused(input('PROPOSAL', '801'), staffB)).toMatchObject({
      code: 'CROSS_DISTRICT',
    });
    expect(await refused(input('PROPOSAL', '801'), member('11'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const report = (
      await ok<{ leaderInstructions: { nodes: { recommendation: { id: string } | null }[] } }>(
        module,
        '{ leaderInstructions(filter: { subjectType: RECOMMENDATION_REPORT }, first: 1) { nodes { recommendation { id } } } }',
        {},
        cityStaff,
      )
    ).leaderInstructions.nodes[0].recommendation!;
    expect(await refused(input('RECOMMENDATION_REPORT', report.id), cityStaff)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await refused(input('PROPOSAL', '801', { instructedOn: '2999-01-01' }), staffA),
    ).toMatchObject({ field: 'input.instructedOn', rule: 'past' });
    expect(await refused(input('PROPOSAL', '801', { leader: ' ' }), staffA)).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await systemEm(module.orm).count(InstructionSchema, {})).toBe(before);
  });

  it("shows a proposal's instructions to its district's office and its proposers, an item's to its authors, no one else", async () => {
    expect(await instructionsOn('Proposal', '801', staffA)).toHaveLength(1);
    expect(await instructionsOn('Proposal', '801', cityStaff)).toHaveLength(1);
    // Author, co-signer, and an invited co-signer (a proposer while not revoked).
    for (const id of ['11', '12', '13'])
      expect(await instructionsOn('Proposal', '801', member(id))).toHaveLength(1);
    expect(await instructionsOn('Proposal', '801', member('14'))).toEqual([]);
    expect(await instructionsOn('Proposal', '801', staffB)).toEqual([]);
    expect(await instructionsOn('Proposal', '801', testCaller([], null))).toEqual([]);
    expect(await instructionsOn('OpinionItem', '901', member('21'))).toHaveLength(1);
    expect(await instructionsOn('OpinionItem', '901', member('11'))).toEqual([]);
    expect(await instructionsOn('OpinionItem', '901', staffB)).toEqual([]);
    // A subject proposals never announced has none.
    expect(await instructionsOn('Proposal', '802', staffA)).toEqual([]);
  });

  it('takes over a row proposals handed over once, however often it comes, and answers with its id', async () => {
    const handed = coreEvent(
      instructionHandedOver,
      {
        sourceId: '5',
        district: A,
        subjectType: 'PROPOSAL',
        subjectId: '801',
        title: '老街停车难',
        leader: '国家领导人',
        level: 'NATIONAL',
        text: '要重视。',
        instructedOn: '2025-06-01',
      },
      'proposals',
      A,
    );
    const em = systemEm(module.orm);
    const received = (await outbox(module.orm, { type: 'instruction.received' })).length;
    await publishAndWait(
      module,
      [handed, { ...handed, id: randomUUID() }],
      async () => (await outbox(module.orm, { type: 'instruction.taken_over' })).length >= 2,
    );
    const rows = await em.find(InstructionSchema, { handedOverFrom: 5 }, { filters: false });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rank: null, level: 'NATIONAL', district: A, subjectId: 801 });
    expect(
      (await outbox(module.orm, { type: 'instruction.taken_over' })).map((e) => e.payload),
    ).toEqual([
      { sourceId: '5', instructionId: String(rows[0].id) },
      { sourceId: '5', instructionId: String(rows[0].id) },
    ]);
    // The archive heard of it when proposals recorded it: nothing is sent again.
    expect(await outbox(module.orm, { type: 'instruction.received' })).toHaveLength(received);
    expect(await instructionsOn('Proposal', '801', member('11'))).toContain(String(rows[0].id));
  });
});
