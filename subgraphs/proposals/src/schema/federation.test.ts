import type { Caller } from '@cppcc/kit';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  input,
  member,
  ok,
  SUBMIT,
  staffOf,
  startProposals,
  unitsOf,
  unitUser,
  officeOf,
  type ProposalView,
} from '../test-support.js';

const author = member(9001);
const staff = staffOf(A);
const anonymous: Caller = {
  userId: null,
  memberId: null,
  unitId: null,
  district: null,
  roles: [],
  districts: [],
};
const [U1, U2] = unitsOf(A);

/**
 * What the gateway asks of this subgraph: Proposal and OpinionItem resolved by key (each
 * keeping its own visibility), Member.proposals and Member.opinionItems, and handling units
 * handed back as GovernmentUnit references for the organization subgraph to fill in.
 */
describe.each(databases())(
  'the proposals subgraph in the federation on $name',
  ({ url }) => {
    let module: TestModule;
    let filed: string;
    let submitted: string;
    let item: string;
    beforeAll(async () => {
      module = await startProposals(url);
      const version = async (id: string) =>
        (await ok<{ version: number }>(module, `{ proposal(id: "${id}") { version } }`, {}, staff))
          .version;
      filed = (await ok<ProposalView>(module, SUBMIT, { i: input }, author)).id;
      await ok<{ id: string }>(
        module,
        `mutation { fileProposal(id: "${filed}", version: ${await version(filed)}) { id } }`,
        {},
        staff,
      );
      await ok<{ id: string }>(
        module,
        `mutation { assignProposal(id: "${filed}", version: ${await version(filed)}, input: { mode: LEAD_WITH_CO, leadUnitId: "${U1}", unitIds: ["${U2}"] }) { id } }`,
        {},
        staff,
      );
      submitted = (await ok<ProposalView>(module, SUBMIT, { i: input }, author)).id;
      item = (
        await ok<{ id: string }>(
          module,
          `mutation { submitOpinionItem(input: { title: "城区停车难问题的对策建议", content: "内容", category: URBAN_MANAGEMENT }) { id } }`,
          {},
          author,
        )
      ).id;
    });
    afterAll(() => module?.stop());

    /** Resolves entities by reference; `T` is the shape `selection` reads of each (null: hidden). */
    const entities = <T = unknown>(
      reps: Record<string, string>[],
      selection: string,
      caller: Caller,
    ) =>
      ok<(T | null)[]>(
        module,
        `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        { r: reps },
        caller,
      );

    it('declares its entities, the Member fields it adds, and the units it only points at', async () => {
      const { sdl } = await ok<{ sdl: string }>(module, '{ _service { sdl } }', {}, anonymous);
      expect(sdl).toMatch(/type Proposal implements Node\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/type OpinionItem implements Node\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/type GovernmentUnit\s+@key\(fields: "id", resolvable: false\)/);
      const memberType = /type Member[^{]*\{([^}]*)\}/.exec(sdl)![1];
      expect(memberType).toMatch(/\bproposals\(/);
      expect(memberType).toMatch(/\bopinionItems\(/);
    });

    it('resolves a Proposal by key as its own query would: filed for all, submitted for its author and staff only', async () => {
      const reps = [
        { __typename: 'Proposal', id: filed },
        { __typename: 'Proposal', id: submitted },
      ];
      const sel = '... on Proposal { id status }';
      expect(await entities(reps, sel, anonymous)).toEqual([
        { id: filed, status: 'ASSIGNED' },
        null,
      ]);
      expect(await entities(reps, sel, author)).toEqual([
        { id: filed, status: 'ASSIGNED' },
        { id: submitted, status: 'SUBMITTED' },
      ]);
      expect(await entities(reps, sel, staffOf('341021'))).toEqual([
        { id: filed, status: 'ASSIGNED' },
        null,
      ]);
    });

    it("resolves an OpinionItem by key for its author and its district's staff only", async () => {
      const reps = [{ __typename: 'OpinionItem', id: item }];
      const sel = '... on OpinionItem { id status authors { id } }';
      expect(await entities(reps, sel, author)).toEqual([
        { id: item, status: 'SUBMITTED', authors: [{ id: '9001' }] },
      ]);
      expect(await entities(reps, sel, staff)).toEqual([
        { id: item, status: 'SUBMITTED', authors: [{ id: '9001' }] },
      ]);
      expect(await entities(reps, sel, anonymous)).toEqual([null]);
      expect(await entities(reps, sel, member(9002))).toEqual([null]);
    });

    it("adds a member's proposals and opinion items to Member", async () => {
      const sel =
        '... on Member { proposals(first: 10) { totalCount nodes { id } } opinionItems(first: 10) { totalCount nodes { id } } }';
      type Added = {
        proposals: { totalCount: number; nodes: { id: string }[] };
        opinionItems: { totalCount: number; nodes: { id: string }[] };
      };
      const [own] = await entities<Added>([{ __typename: 'Member', id: '9001' }], sel, author);
      expect(own?.proposals.nodes.map((n) => n.id)).toEqual([filed, submitted]);
      expect(own?.opinionItems.nodes).toEqual([{ id: item }]);
      const [seen] = await entities<Added>([{ __typename: 'Member', id: '9001' }], sel, anonymous);
      expect(seen?.proposals.nodes).toEqual([{ id: filed }]);
      expect(seen?.opinionItems.nodes).toEqual([]);
    });

    it('hands the handling units back as GovernmentUnit references', async () => {
      const p = await ok<{
        tasks: { role: string; unit: { __typename: string; id: string } | null }[];
      }>(
        module,
        `{ proposal(id: "${filed}") { tasks { role unit { __typename id } } } }`,
        {},
        unitUser(U1),
      );
      expect(p.tasks).toEqual([
        { role: 'LEAD', unit: { __typename: 'GovernmentUnit', id: String(U1) } },
        { role: 'CO', unit: { __typename: 'GovernmentUnit', id: String(U2) } },
      ]);
      const mine = await ok<{ nodes: { unit: { id: string } | null }[] }>(
        module,
        '{ handlingTasks(first: 10) { nodes { unit { id } } } }',
        {},
        unitUser(U2),
      );
      expect(mine.nodes).toEqual([{ unit: { id: String(U2) } }]);
      expect(
        (
          await ok<{ totalCount: number }>(
            module,
            '{ handlingTasks(first: 10) { totalCount } }',
            {},
            officeOf(A),
          )
        ).totalCount,
      ).toBe(2);
    });
  },
  120_000,
);
