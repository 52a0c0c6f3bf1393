import { expect, it } from 'vitest';
import { runNpmScript } from './harness.js';
import { KINDS } from '../scripts/bench/mix.js';

/**
 * The client mix benchmark (issue 16, item 1) as a smoke test of the bench itself, not a
 * measurement: `npm run bench -- mix --quick` runs the mix for two seconds at 1× demo data on
 * SQLite through the platform as shipped (without and with the response cache), the stock @apollo/gateway and the replayed query plan.
 * Every kind (reads and the whole write pipeline) must answer without errors through every
 * target, and each target must carry load without errors. No timing is asserted.
 */

interface Summary {
  [data: string]: Record<
    'a' | 'cached' | 'b' | 'c',
    {
      rps: number;
      errors: number;
      checked: string[];
      kinds: Record<string, { requests: number; errors: number; firstError?: string }>;
    }
  >;
}

it('runs every kind of the client mix through (a) without and with the response cache, (b) and (c) without errors', async () => {
  const run = await runNpmScript(['bench', '--', 'mix', '--quick'], 420_000);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  const line = run.stdout.split('\n').find((l) => l.startsWith('MIX_SUMMARY '));
  expect(line, run.stdout.slice(-2000)).toBeDefined();
  const summary: Summary = JSON.parse(line!.slice('MIX_SUMMARY '.length));
  const runs = Object.values(summary);
  expect(runs).toHaveLength(1);
  for (const target of ['a', 'cached', 'b', 'c'] as const) {
    const result = runs[0][target];
    expect(result.checked, target).toEqual(Object.keys(KINDS));
    const failing = Object.entries(result.kinds).filter(([, t]) => t.errors > 0);
    expect(failing, target).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.rps, target).toBeGreaterThan(0);
    // The mix's largest share goes first, whatever the machine's speed.
    expect(result.kinds['public: district page']?.requests, target).toBeGreaterThan(0);
  }
  // The report's table carries the three targets and the ratios.
  expect(run.stdout).toContain('| SQLite, 1× demo data | (a)/(b) |');
  expect(run.stdout).toContain('| SQLite, 1× demo data | (a) cached/(a) |');
}, 480_000);
