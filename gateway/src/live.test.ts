import { getOperationAST, type FieldNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { comparePositions } from '@cppcc/kit';
import { type Requery, requeryDocument, sharedRequery } from './live.js';

describe('live updates, the parts without a gateway', () => {
  it('turns a subscription into the query that shows one record, keeping alias, fragments and used variables', () => {
    const document = parse(`
      subscription Watch($district: ID, $withTitle: Boolean!, $unused: String) {
        mine: proposalChanged(district: $district, after: $unused) { id ...Parts @include(if: $withTitle) }
      }
      fragment Parts on Proposal { title status }
    `);
    const operation = getOperationAST(document)!;
    const field = operation.selectionSet.selections[0] as FieldNode;
    const text = requeryDocument(document, operation, field, { query: 'proposal', arg: 'id' });
    expect(text).toBe(
      [
        'query Watch($withTitle: Boolean!, $liveRecord: ID!) {',
        '  mine: proposal(id: $liveRecord) {',
        '    id',
        '    ...Parts @include(if: $withTitle)',
        '  }',
        '}',
        '',
        'fragment Parts on Proposal {',
        '  title',
        '  status',
        '}',
      ].join('\n'),
    );
  });

  it('runs one re-query for subscribers asking the same thing of the same change', async () => {
    const calls: unknown[] = [];
    const requery: Requery = async (headers, body) => {
      calls.push([headers, body]);
      return { status: 200, body: { data: { n: calls.length } } };
    };
    const shared = sharedRequery(requery);
    const body = { query: '{ x }', variables: { liveRecord: '1' } };
    const answers = await Promise.all([
      shared({ 'x-cppcc-district': '341000' }, body, '7'),
      shared({ 'x-cppcc-district': '341000' }, body, '7'),
      shared({ 'x-cppcc-district': '341000' }, body, '7'),
    ]);
    expect(calls).toHaveLength(1);
    expect(answers.map((a) => a.body.data)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    // Another caller, another change, or no change named: a query of its own.
    await shared({ authorization: 'Bearer a' }, body, '7');
    await shared({ 'x-cppcc-district': '341000' }, body, '8');
    await shared({ 'x-cppcc-district': '341000' }, body);
    expect(calls).toHaveLength(4);
  });

  it('orders Redis stream ids and the in-process counters', () => {
    expect(comparePositions('1700000000000-2', '1700000000000-10')).toBeLessThan(0);
    expect(comparePositions('1700000000001-0', '1700000000000-10')).toBeGreaterThan(0);
    expect(comparePositions('9', '10')).toBeLessThan(0);
    expect(comparePositions('10', '10')).toBe(0);
  });
});
