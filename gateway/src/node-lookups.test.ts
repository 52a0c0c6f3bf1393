import { toGlobalId } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { addProbes, settleProbes } from './node-lookups.js';

const probes = new Map([
  ['Proposal', 'title'],
  ['Member', 'name'],
]);

describe('node lookups', () => {
  it('adds one probe per type the ids name, under aliases no client uses', () => {
    const done = addProbes(
      'query($ids: [ID!]!) { n: nodes(ids: $ids) { id } proposals { nodes { id } } }',
      { ids: [toGlobalId('Proposal', 1), toGlobalId('Member', 2), 'junk'] },
      undefined,
      probes,
    );
    expect(done?.probed).toEqual([{ key: 'n', list: true }]);
    expect(done?.query).toContain('... on Proposal {\n      __cppccNodeProposal: title');
    expect(done?.query).toContain('... on Member {\n      __cppccNodeMember: name');
  });

  it('leaves documents without a node lookup, mutations and unparsable text alone', () => {
    expect(addProbes('{ proposals { nodes { id } } }', {}, undefined, probes)).toBeNull();
    expect(addProbes('mutation { node(id: "x") { id } }', {}, undefined, probes)).toBeNull();
    expect(addProbes('{ node(id: ', {}, undefined, probes)).toBeNull();
    // An id naming no known type needs no probe: the platform answers null itself.
    expect(addProbes('{ node(id: "abc") { id } }', {}, undefined, probes)).toBeNull();
  });

  it('answers null where the owner did not answer, drops the probes and the errors of that null', () => {
    const body = JSON.stringify({
      data: {
        node: { id: 'a' },
        nodes: [{ id: 'b', __cppccNodeProposal: 'T' }, { id: 'c' }, null],
      },
      errors: [
        {
          message: 'Unexpected error.',
          path: ['node', 'title'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
        { message: 'down', path: ['nodes', 1, 'name'], extensions: { code: 'SUBGRAPH_DOWN' } },
      ],
    });
    const settled = JSON.parse(
      settleProbes(body, [
        { key: 'node', list: false },
        { key: 'nodes', list: true },
      ]),
    );
    expect(settled.data).toEqual({ node: null, nodes: [{ id: 'b' }, null, null] });
    expect(settled.errors).toEqual([
      { message: 'down', path: ['nodes', 1, 'name'], extensions: { code: 'SUBGRAPH_DOWN' } },
    ]);
  });
});
