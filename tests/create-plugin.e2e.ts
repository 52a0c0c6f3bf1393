import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plugin } from '@cppcc/plugin-sdk';
import { scaffoldPlugin } from '@cppcc/plugin-sdk/scaffold';
import { compose, installedModules } from '@cppcc/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('create-plugin', () => {
  const id = `scaffold-check-${process.pid}`;
  const dir = path.join(root, 'plugins', id);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a name that is not kebab-case, and a folder that is taken', () => {
    expect(() => scaffoldPlugin({ id: 'River_Chief', dir: path.join(root, 'plugins', 'x-never'), port: 4290 })).toThrow(/kebab-case/);
    expect(() => scaffoldPlugin({ id: 'sdk', dir: path.join(root, 'plugins', 'sdk'), port: 4290 })).toThrow(/not empty/);
  });

  it('scaffolds a plugin whose own test passes and which joins the graph', async () => {
    const files = scaffoldPlugin({ id, dir, port: 4290 });
    expect(files.map((f) => path.relative(dir, f))).toEqual(expect.arrayContaining(['src/manifest.ts', 'src/manifest.test.ts', 'src/migrations/0001-initial.ts']));

    // Its own test, run as an integrator would run it.
    const run = spawnSync('npx', ['vitest', 'run', `plugins/${id}`], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 240_000 });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+.*4 passed/);

    const manifest = (await import(path.join(dir, 'src/manifest.ts'))) as { default: Plugin };
    const { supergraph, api } = compose(installedModules([manifest.default]));
    const type = `ScaffoldCheck${process.pid}Item`;
    expect(supergraph).toMatch(new RegExp(`type ${type}[^{]*@tag\\(name: "plugin/${id}"\\)`));
    expect(api).toContain(`add${type}(`);
  }, 300_000);
});
