import { describe, expect, it } from 'vitest';
import type { Result } from './entities/result.entity.js';
import { treeProgress } from './progress.js';

const node = (id: number, parentId: number | null, weight: number, ownProgress: number) =>
  ({ id, parentId, weight, ownProgress }) as Result;

describe('results tree progress', () => {
  it('weights the children', () => {
    const p = treeProgress([
      node(1, null, 1, 0),
      node(2, 1, 3, 100),
      node(3, 1, 2, 60),
      node(4, 1, 1, 40),
    ]);
    expect(p.get(1)).toBe(Math.round(((3 * 100 + 2 * 60 + 40) / 6) * 100) / 100);
  });

  it('computes through every level', () => {
    const p = treeProgress([
      node(1, null, 1, 0),
      node(2, 1, 1, 0),
      node(3, 2, 1, 100),
      node(4, 2, 1, 0),
      node(5, 1, 1, 50),
    ]);
    expect(p.get(2)).toBe(50);
    expect(p.get(1)).toBe(50);
  });

  it('tracks a child of weight 0 without counting it', () => {
    const p = treeProgress([node(1, null, 1, 0), node(2, 1, 1, 80), node(3, 1, 0, 0)]);
    expect(p.get(1)).toBe(80);
    expect(p.get(3)).toBe(0);
  });

  it('falls back to its own progress when no child counts or none is left', () => {
    expect(treeProgress([node(1, null, 1, 25), node(2, 1, 0, 100)]).get(1)).toBe(25);
    expect(treeProgress([node(1, null, 1, 25)]).get(1)).toBe(25);
  });
});
