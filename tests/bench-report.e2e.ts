import { expect, it } from 'vitest';
import type { ReportRun } from '../scripts/bench/report-section.js';
import { runNpmScript } from './harness.js';

/**
 * The work report benchmark (`npm run bench -- report --quick`) as a smoke test of the bench
 * itself, not a measurement: at 1× demo data it gathers the city's yearly report through the
 * gateway twice, counting what each subgraph received. No timing is asserted; the request count
 * is: a report costs the same requests whatever is cached, one per section or so, never one per
 * record.
 */

it('gathers the city report at 1× and counts the subgraph requests it made', async () => {
  const run = await runNpmScript(['bench', '--', 'report', '--quick'], 420_000);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT_SUMMARY '));
  expect(line, run.stdout.slice(-2000)).toBeDefined();
  const [one]: ReportRun[] = JSON.parse(line!.slice('REPORT_SUMMARY '.length));
  expect(one.scale).toBe(1);
  // Seven core sections and the plugins' the city has on.
  expect(one.sections).toBeGreaterThanOrEqual(7);
  expect(one.figures).toBeGreaterThan(20);
  const requests = Object.values(one.requests).reduce((a, b) => a + b, 0);
  // Each core module answered its sections; the whole report stays a few dozen requests.
  for (const module of ['organization', 'members', 'proposals', 'consultation', 'platform'])
    expect(one.requests[module], module).toBeGreaterThan(0);
  expect(requests).toBeLessThan(60);
  expect(run.stdout).toContain('| 1× |');
}, 480_000);
