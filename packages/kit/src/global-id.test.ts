import { describe, expect, it } from 'vitest';
import { parseId } from './errors.js';
import { asGlobalId, fromGlobalId, keyOf, toGlobalId } from './global-id.js';

describe('global ids', () => {
  it('encode a type and key opaquely, and decode only their own canonical form', () => {
    const id = toGlobalId('Proposal', 12);
    expect(id).toBe('UHJvcG9zYWw6MTI');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromGlobalId(id)).toEqual({ type: 'Proposal', key: '12' });
    // Bare keys, codes and other strings are never taken for a global id.
    for (const other of ['12', '0', 'river-chief', 'HandlingTask:12', 'abcd', '', 12, null])
      expect(fromGlobalId(other)).toBeNull();
    // Padding or another spelling of the same bytes is not the canonical form.
    expect(fromGlobalId(`${id}=`)).toBeNull();
  });

  it('leave an id of the type as it is, and read its key', () => {
    const id = toGlobalId('Member', 7);
    expect(asGlobalId('Member', id)).toBe(id);
    expect(asGlobalId('Member', 7)).toBe(id);
    expect(keyOf('Member', id)).toBe('7');
    expect(keyOf('Proposal', id)).toBe(id);
    expect(keyOf('Member', '7')).toBe('7');
  });

  it('are what parseId reads, refusing another type and anything that is not an id', () => {
    expect(parseId(toGlobalId('Proposal', 5), 'id', 'Proposal')).toBe(5);
    expect(parseId(toGlobalId('Proposal', 5))).toBe(5);
    // The bare key, for one release.
    expect(parseId('5', 'id', 'Proposal')).toBe(5);
    expect(() => parseId(toGlobalId('Member', 5), 'input.id', 'Proposal')).toThrow(
      /input\.id.*Member, not of a Proposal/,
    );
    expect(() => parseId(toGlobalId('Proposal', 'x'), 'id', 'Proposal')).toThrow(/not an id/);
    expect(() => parseId('abc')).toThrow(/not an id/);
  });
});
