import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { variableField, variablePlaces } from './variable-errors.js';

describe('a refused variable names its argument', () => {
  const document = parse(
    'mutation($i: X!, $d: Date!, $f: F) { a(input: $i, on: $d) { id } b(filter: { range: $f }) { id } }',
  );

  it('finds where each variable is used', () => {
    expect(variablePlaces(document)).toEqual(
      new Map([
        ['i', 'input'],
        ['d', 'on'],
        ['f', 'filter.range'],
      ]),
    );
  });

  it("reads the variable and the path from graphql-js's message", () => {
    const places = variablePlaces(document);
    expect(
      variableField(
        'Variable "$i" got invalid value "2026-02-30" at "i.heldOn"; Date must be …',
        places,
      ),
    ).toBe('input.heldOn');
    expect(variableField('Variable "$d" got invalid value "x"; Date must be …', places)).toBe('on');
    expect(
      variableField(
        'Variable "$f" got invalid value { from: "x" } at "f.from"; Date must be …',
        places,
      ),
    ).toBe('filter.range.from');
    expect(
      variableField(
        'Variable "$i" got invalid value "2099-02-30" at "i.deadlines[0].dueOn"; Date must be …',
        places,
      ),
    ).toBe('input.deadlines.0.dueOn');
    expect(variableField('Variable "$other" got invalid value 1; Int cannot represent …')).toBe(
      'other',
    );
    expect(variableField('Cannot query field "x"')).toBeNull();
  });
});
