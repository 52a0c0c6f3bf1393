import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partOf, profileTables, summariseFolder, type ProfileWindow } from './cpu-profile.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-cpu-profile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A real `node --cpu-prof` run: 300 ms of sleeping (idle), then ~400 ms spinning in `spin`, with
 * the monotonic clock read at each phase's edges, as the bench records its windows.
 */
function profiledRun(folder: string): { idle: [number, number]; busy: [number, number] } {
  const script = `
    const now = () => Number(process.hrtime.bigint() / 1000n);
    const marks = [now()];
    setTimeout(() => {
      marks.push(now());
      function spin(until) {
        let x = 0;
        while (now() < until) for (let i = 0; i < 1e6; i++) x += Math.sqrt(x + i);
        return x;
      }
      spin(now() + 400000);
      marks.push(now());
      console.log(JSON.stringify(marks));
    }, 300);`;
  const out = execFileSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, folder)}`, '-e', script],
    { encoding: 'utf8' },
  );
  const [a, b, c] = JSON.parse(out) as number[];
  return { idle: [a, b], busy: [b, c] };
}

describe('cpu profile summary', () => {
  it('names the part a frame belongs to', () => {
    expect(partOf('file:///app/node_modules/@mikro-orm/core/EntityManager.js', 'find')).toBe(
      '@mikro-orm/core',
    );
    expect(partOf('file:///app/node_modules/a/node_modules/knex/lib/x.js', 'q')).toBe('knex');
    expect(partOf('file:///app/packages/kit/dist/runtime.js', 'serve')).toBe('packages/kit');
    expect(partOf('file:///app/gateway/dist/gateway.js', 'handle')).toBe('gateway');
    expect(partOf('node:events', 'emit')).toBe('(node)');
    expect(partOf('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it("counts a real profile's samples in the measured windows only, busy work by function", () => {
    const { idle, busy } = profiledRun('spinner, test');
    const windows: ProfileWindow[] = [
      { label: 'test', target: 'a', from: busy[0], to: busy[1], requests: 4 },
    ];
    fs.writeFileSync(path.join(dir, 'windows.json'), JSON.stringify(windows));
    const spinning = summariseFolder(dir).get('spinner, test')!;
    // Nearly all of the 400 ms spinning is counted, and it is `spin`'s.
    expect(spinning.busyMs).toBeGreaterThan(250);
    expect(spinning.busyMs).toBeLessThan(600);
    expect(spinning.functions[0][0]).toMatch(/^spin /);
    expect(spinning.requests).toBe(4);
    expect(profileTables(summariseFolder(dir)).join('\n')).toMatch(/ms per request/);

    // The sleeping window holds (almost) no busy time.
    fs.writeFileSync(
      path.join(dir, 'windows.json'),
      JSON.stringify([{ ...windows[0], from: idle[0] + 50_000, to: idle[1] - 50_000 }]),
    );
    expect(summariseFolder(dir).get('spinner, test')!.busyMs).toBeLessThan(50);
  });
});
