import { installedModules } from '@cppcc/platform';
import { describe, expect, it } from 'vitest';
import { spreadModules } from './workers.js';

describe('spreading the modules over worker threads', () => {
  const names = installedModules().map((m) => m.name);

  it.each([1, 2, 3, 4])('runs every installed module exactly once on %i worker(s)', (count) => {
    const spread = spreadModules(names, count);
    expect(spread).toHaveLength(count);
    expect(spread.flat().sort()).toEqual([...names].sort());
    expect(spread.every((w) => w.length > 0)).toBe(true);
  });

  it('keeps the two busiest modules apart once there are two workers', () => {
    const spread = spreadModules(names, 2);
    const home = (name: string) => spread.findIndex((w) => w.includes(name));
    expect(home('members')).not.toBe(home('proposals'));
  });

  it('starts no idle worker when there are more workers than modules', () => {
    expect(spreadModules(['members', 'proposals'], 8)).toEqual([['members'], ['proposals']]);
  });
});
