import { describe, expect, it } from 'vitest';
import { describedValues } from './enum-values.js';

describe('describedValues', () => {
  it('names each value in upper case and keeps the value as stored', () => {
    expect(
      describedValues(['in_force', 'SIGNED'] as const, {
        in_force: '生效 In force.',
        SIGNED: '已签署 Signed.',
      }),
    ).toEqual({
      IN_FORCE: { value: 'in_force', description: '生效 In force.' },
      SIGNED: { value: 'SIGNED', description: '已签署 Signed.' },
    });
  });

  it('refuses a mixed-case value, whose word breaks the upper-case name would lose', () => {
    expect(() => describedValues(['inForce'] as const, { inForce: 'In force.' })).toThrow(
      /inForce: use snake_case or UPPER_CASE/,
    );
  });
});
