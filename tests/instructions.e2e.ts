import { CITY, demoInstructions } from '@cppcc/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, type Stack } from './harness.js';
import { asking } from './security/shared.js';

/**
 * One concept of a leader's instruction (docs/architecture.md): consultation records and keeps
 * instructions on proposals, opinion items and outcomes alike. Through the gateway: the demo's
 * instructions on proposals and items, seeded into proposals' old table, are handed over on the
 * first start; new ones are recorded by one mutation, read back from each subject and from the
 * author's archive, and hidden from another district's staff.
 */

const OTHER = '341002'; // a district below the city: its staff do not see the city's rows
const demo = demoInstructions(1);

type Listed = {
  leaderInstructions: { nodes: { id: string; subjectType: string; subjectId: string }[] };
};
const LIST = `query($t: InstructionSubject) { leaderInstructions(filter: { subjectType: $t }, first: 1000) { nodes { id subjectType subjectId } } }`;
const RECORD = `mutation($i: RecordInstructionInput!) { recordInstruction(input: $i) { id subjectType rank level } }`;
type Archive = {
  member: {
    dutyEvents: {
      kind: string;
      sourceModule: string;
      sourceType: string | null;
      sourceId: string;
    }[];
  } | null;
};
const ARCHIVE =
  'query($id: ID!) { member(id: $id) { dutyEvents { kind sourceModule sourceType sourceId } } }';

describe("leaders' instructions, one concept, through the gateway", () => {
  let stack: Stack;
  const { ask, must } = asking(() => stack);
  const onItem = demo.find((i) => i.subjectType === 'OPINION_ITEM' && i.memberIds.length > 0)!;
  const onProposal = demo.find((i) => i.subjectType === 'PROPOSAL')!;

  beforeAll(async () => {
    stack = await startStack({
      gatewaySettings: { limits: { ...settings.limits, maxCost: 100_000_000 } },
    });
  }, 300_000);
  afterAll(async () => stack?.stop());

  const cityStaff = () => stack.token({ roles: ['staff'], district: CITY });
  const author = (i: { district: string; memberIds: number[] }) =>
    stack.token({ roles: ['member'], district: i.district, memberId: String(i.memberIds[0]) });
  const archiveOf = async (i: { district: string; memberIds: number[] }) =>
    (await must<Archive>(ARCHIVE, { id: String(i.memberIds[0]) }, await author(i))).member
      ?.dutyEvents ?? [];

  it('hands the instructions proposals kept over to consultation, once each, and re-keys the archive', async () => {
    const token = await cityStaff();
    for (const type of ['PROPOSAL', 'OPINION_ITEM'] as const) {
      const expected = demo
        .filter((i) => i.subjectType === type)
        .map((i) => String(i.subjectId))
        .sort();
      const taken = await stack.settle(async () => {
        const nodes = (await must<Listed>(LIST, { t: type }, token)).leaderInstructions.nodes;
        return nodes.length >= expected.length && nodes;
      }, 60_000);
      expect(taken.map((n) => n.subjectId).sort()).toEqual(expected);
    }
    // The author's archive names the instruction by consultation's id.
    const ids = (await must<Listed>(LIST, { t: 'OPINION_ITEM' }, token)).leaderInstructions.nodes
      .filter((n) => n.subjectId === String(onItem.subjectId))
      .map((n) => n.id);
    const entries = await stack.settle(async () => {
      const own = (await archiveOf(onItem)).filter((e) => e.kind === 'instruction.received');
      return own.length > 0 && own.every((e) => e.sourceModule === 'consultation') && own;
    }, 60_000);
    expect(entries.map((e) => e.sourceId).sort()).toEqual(expect.arrayContaining(ids.sort()));
    expect(entries.every((e) => e.sourceType === 'Instruction')).toBe(true);
  });

  it('records on a proposal, an item and a recommendation through recordInstruction; each subject and the archive read it back; another district sees none', async () => {
    const staffOf = (district: string) => stack.token({ roles: ['staff'], district });
    const leaderOf = (district: string) => stack.token({ roles: ['leader'], district });
    const base = {
      leader: '市委主要负责同志',
      level: 'CITY',
      text: '请抓好落实，月底前报结果。',
      instructedOn: '2026-06-01',
    };

    const p = (
      await must<{ recordInstruction: { id: string; rank: string | null } }>(
        RECORD,
        { i: { ...base, subjectType: 'PROPOSAL', subjectId: String(onProposal.subjectId) } },
        await staffOf(onProposal.district),
      )
    ).recordInstruction;
    expect(p.rank).toBeNull();
    const i = (
      await must<{ recordInstruction: { id: string; rank: string | null } }>(
        RECORD,
        {
          i: {
            ...base,
            subjectType: 'OPINION_ITEM',
            subjectId: String(onItem.subjectId),
            rank: 'PRINCIPAL',
          },
        },
        await leaderOf(onItem.district),
      )
    ).recordInstruction;
    expect(i.rank).toBe('PRINCIPAL');
    const report = (
      await must<{ leaderInstructions: { nodes: { recommendation: { id: string } | null }[] } }>(
        '{ leaderInstructions(filter: { subjectType: RECOMMENDATION_REPORT }, first: 1) { nodes { recommendation { id } } } }',
        {},
        await cityStaff(),
      )
    ).leaderInstructions.nodes[0].recommendation!;
    const r = (
      await must<{ recordInstruction: { id: string } }>(
        RECORD,
        {
          i: {
            ...base,
            subjectType: 'RECOMMENDATION_REPORT',
            subjectId: report.id,
            rank: 'IN_CHARGE',
            leaderPost: '副市长',
          },
        },
        await leaderOf(CITY),
      )
    ).recordInstruction;
    // The deprecated name still records, for one release.
    const old = await must<{ recordLeaderInstruction: { id: string } }>(
      'mutation($i: RecordOutcomeInstructionInput!) { recordLeaderInstruction(input: $i) { id } }',
      {
        i: {
          ...base,
          subjectType: 'RECOMMENDATION_REPORT',
          subjectId: report.id,
          rank: 'PRINCIPAL',
        },
      },
      await leaderOf(CITY),
    );

    const onP = await must<{ proposal: { instructions: { id: string }[] } }>(
      'query($id: ID!) { proposal(id: $id) { instructions { id } } }',
      { id: String(onProposal.subjectId) },
      await staffOf(onProposal.district),
    );
    expect(onP.proposal.instructions.map((x) => x.id)).toContain(p.id);
    const onI = await must<{ opinionItem: { instructions: { id: string }[] } }>(
      'query($id: ID!) { opinionItem(id: $id) { instructions { id } } }',
      { id: String(onItem.subjectId) },
      await author(onItem),
    );
    expect(onI.opinionItem.instructions.map((x) => x.id)).toContain(i.id);
    const onR = await must<{ recommendation: { instructions: { id: string }[] } }>(
      'query($id: ID!) { recommendation(id: $id) { instructions { id } } }',
      { id: report.id },
      await cityStaff(),
    );
    expect(onR.recommendation.instructions.map((x) => x.id)).toEqual(
      expect.arrayContaining([r.id, old.recordLeaderInstruction.id]),
    );
    await stack.settle(
      async () =>
        (await archiveOf(onItem)).some(
          (e) =>
            e.kind === 'instruction.received' &&
            e.sourceId === i.id &&
            e.sourceModule === 'consultation',
        ),
      60_000,
    );

    // Another district's staff: the proposal is public, its instructions are not theirs.
    const other = await staffOf(OTHER);
    const seen = await ask<{ proposal: { instructions: { id: string }[] } }>(
      'query($id: ID!) { proposal(id: $id) { instructions { id } } }',
      { id: String(onProposal.subjectId) },
      other,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.proposal.instructions).toEqual([]);
    const listed = (await must<Listed>(LIST, {}, other)).leaderInstructions.nodes.map((n) => n.id);
    for (const id of [p.id, i.id, r.id]) expect(listed).not.toContain(id);
  });
});
