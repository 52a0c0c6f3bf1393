import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installPlugin, scaffoldPlugin } from '@cppcc/plugin-sdk/scaffold';
import { INSTALLED_LIST, loadPlugins, readInstalledList } from '@cppcc/installation';
import { installedModules } from '@cppcc/platform';
import { compose } from '@cppcc/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What git sees changed outside plugins/: adding a plugin must leave it as it was. */
function coreChanges(): string {
  return execFileSync(
    'git',
    ['status', '--porcelain', '--untracked-files=all', '--', '.', ':(exclude)plugins/'],
    { cwd: root, encoding: 'utf8' },
  );
}

describe('create-plugin', () => {
  const id = `scaffold-check-${process.pid}`;
  const dir = path.join(root, 'plugins', id);
  const link = path.join(root, 'node_modules', '@cppcc', `plugin-${id}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-create-plugin-'));
  afterAll(() => {
    fs.rmSync(link, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a name that is not kebab-case, and a folder that is taken', () => {
    expect(() =>
      scaffoldPlugin({ id: 'River_Chief', dir: path.join(root, 'plugins', 'x-never'), port: 4290 }),
    ).toThrow(/kebab-case/);
    expect(() =>
      scaffoldPlugin({ id: 'sdk', dir: path.join(root, 'plugins', 'sdk'), port: 4290 }),
    ).toThrow(/not empty/);
    expect(() => installPlugin(INSTALLED_LIST, 'Not_Kebab')).toThrow(/kebab-case/);
  });

  it('refuses an installed list that is malformed or names a plugin whose package does not load', async () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ installed: ['eco-compensation', 'eco-compensation'] }));
    expect(() => readInstalledList(bad)).toThrow(/"eco-compensation" is listed twice/);
    fs.writeFileSync(bad, JSON.stringify({ installed: 'eco-compensation' }));
    expect(() => readInstalledList(bad)).toThrow(
      /"installed" must be a list of kebab-case plugin ids/,
    );
    fs.writeFileSync(bad, JSON.stringify({ installed: ['never-linked'] }));
    await expect(loadPlugins(bad)).rejects.toThrow(
      /lists "never-linked", but @cppcc\/plugin-never-linked does not load/,
    );
  });

  it('scaffolds a plugin whose own test passes, and installs it by configuration alone: it joins the graph and no core file changes', async () => {
    const before = coreChanges();
    const files = scaffoldPlugin({ id, dir, port: 4290 });
    expect(files.map((f) => path.relative(dir, f))).toEqual(
      expect.arrayContaining([
        'src/manifest.ts',
        'src/manifest.test.ts',
        'src/migrations/0001-initial.ts',
      ]),
    );
    expect(files.every((f) => f.startsWith(dir + path.sep))).toBe(true);

    // Its own test, run as an integrator would run it.
    const run = spawnSync('npx', ['vitest', 'run', `plugins/${id}`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
      timeout: 240_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+.*4 passed/);

    // Installing is one line in the list (here a copy, so tests running beside this one keep
    // the real list) and the link npm install makes for a new workspace package.
    const list = path.join(tmp, 'installed.json');
    fs.copyFileSync(INSTALLED_LIST, list);
    expect(installPlugin(list, id)).toBe(true);
    expect(installPlugin(list, id)).toBe(false);
    expect(readInstalledList(list)).toEqual([...readInstalledList(INSTALLED_LIST), id]);
    fs.symlinkSync(dir, link, 'dir');

    const installed = await loadPlugins(list);
    expect(installed.map((p) => p.manifest.id)).toEqual(readInstalledList(list));
    const { supergraph, api } = compose(installedModules(installed));
    const type = `ScaffoldCheck${process.pid}Item`;
    expect(supergraph).toMatch(new RegExp(`type ${type}[^{]*@tag\\(name: "plugin/${id}"\\)`));
    // The field it adds to District carries its tag too.
    expect(supergraph).toMatch(
      new RegExp(
        `scaffoldCheck${process.pid}Items: \\[${type}!\\][^!][^\\n]*@tag\\(name: "plugin/${id}"\\)`,
      ),
    );
    expect(api).toContain(`add${type}(`);

    // Every core test on installed plugins passes with it installed, as generated.
    const core = spawnSync(
      'npx',
      ['vitest', 'run', '--reporter=verbose', 'schema/src/plugins.test.ts'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', CPPCC_PLUGIN_LIST: list },
        timeout: 240_000,
      },
    );
    expect(core.status, core.stdout + core.stderr).toBe(0);
    expect(core.stdout).toContain(`composes ${id} alone`);

    expect(coreChanges()).toBe(before);
  }, 300_000);
});
