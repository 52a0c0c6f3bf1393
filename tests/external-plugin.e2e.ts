import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '@cppcc/gateway';
import { childEnvironment, readSettings } from '@cppcc/kit';
import { SDK_VERSION } from '@cppcc/plugin-sdk';
import { INSTALLED_LIST, readInstalledList } from '@cppcc/installation';
import { stopChild } from './faults/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'cppcc-plugin-river-watch';

/**
 * A plugin that lives in its own package (tests/fixtures/river-watch, which imports
 * @cppcc/plugin-sdk alone, as a peer): built, packed with `npm pack`, the tarball unpacked into
 * node_modules the way npm installs a package without dependencies, named in an installed list
 * of the deployment's own (CPPCC_PLUGIN_LIST), and run by `npm start` as a real process.
 */
describe('a plugin installed from a packed tarball by configuration', { timeout: 240_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-external-'));
  const installed = path.join(root, 'node_modules', NAME);
  let child: ChildProcess;
  let graph = '';
  let output = '';

  beforeAll(async () => {
    // The plugin's own repository: its source, built and packed there.
    const repo = path.join(tmp, 'river-watch');
    fs.cpSync(path.join(root, 'tests/fixtures/river-watch'), repo, { recursive: true });
    execFileSync(
      path.join(root, 'node_modules/.bin/esbuild'),
      ['src/index.ts', '--outdir=dist', '--format=esm', '--platform=node'],
      { cwd: repo, stdio: 'pipe' },
    );
    const tarball = path.join(
      tmp,
      execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], {
        cwd: repo,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop()!,
    );
    expect(path.basename(tarball)).toBe(`${NAME}-1.0.0.tgz`);
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    expect(fs.readdirSync(installed).sort()).toEqual(['dist', 'package.json']);

    // The deployment's list: the repository's plugins and the new one, by package name.
    const list = path.join(tmp, 'installed.json');
    fs.writeFileSync(
      list,
      JSON.stringify({
        installed: [...readInstalledList(INSTALLED_LIST), { id: 'river-watch', package: NAME }],
      }),
    );
    const ports = Object.fromEntries(
      [
        'ORGANIZATION',
        'MEMBERS',
        'PROPOSALS',
        'CONSULTATION',
        'PLATFORM',
        'INTER_CITY_EXCHANGE',
        'ECO_COMPENSATION',
        'RIVER_WATCH',
      ].map((m) => [`PORT_${m}`, '0']),
    );
    child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--conditions=@cppcc/source', 'scripts/start.ts'],
      {
        cwd: root,
        env: childEnvironment({
          ...ports,
          PORT: '0',
          CPPCC_PLUGIN_LIST: list,
          DATA_DIR: path.join(tmp, 'data'),
          DATABASE_URL: '',
          REDIS_URL: '',
          LOG_LEVEL: 'warn',
          VITEST: '',
          NODE_ENV: 'development',
        }),
      },
    );
    child.stderr!.on('data', (c) => (output += c));
    graph = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c) => {
        output += c;
        const match = /graph:\s+(\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
  }, 240_000);

  afterAll(async () => {
    await stopChild(child);
    fs.rmSync(installed, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const settings = readSettings({});
  const post = async (query: string, claims: Parameters<typeof signDevToken>[1]) => {
    const response = await fetch(graph, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signDevToken(settings, claims)}`,
      },
      body: JSON.stringify({ query }),
    });
    return response.json();
  };

  it('joins the graph, is enabled for a district by its operator and written through', async () => {
    const listed = await post('{ installedPlugins { id version } }', {
      roles: ['operator'],
      district: '341000',
    });
    expect(listed.data.installedPlugins).toContainEqual({ id: 'river-watch', version: '1.0.0' });
    // Off by default (it has no demo): refused, naming it.
    const write =
      'mutation { addRiverWatchPost(district: "341021", river: "新安江") { river district } }';
    const refused = await post(write, { roles: ['staff'], district: '341021' });
    expect(refused.errors[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'river-watch',
    });

    const enabled = await post(
      'mutation { enablePlugin(district: "341021", plugin: "river-watch", settings: { maxRiverLength: 10 }) { enabled } }',
      { roles: ['operator'], district: '341021' },
    );
    expect(enabled).toEqual({ data: { enablePlugin: { enabled: true } } });
    let added: any;
    for (const deadline = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
      added = await post(write, { roles: ['staff'], district: '341021' });
      if (added.data?.addRiverWatchPost || Date.now() > deadline) break;
    }
    expect(added, output).toEqual({
      data: { addRiverWatchPost: { river: '新安江', district: '341021' } },
    });
    const read = await post('{ district(code: "341021") { name riverWatchPosts { river } } }', {
      roles: ['staff'],
      district: '341021',
    });
    expect(read.data.district.riverWatchPosts).toEqual([{ river: '新安江' }]);
    // Its settings hold, checked by its own code.
    const long = await post(
      'mutation { addRiverWatchPost(district: "341021", river: "一条名字很长很长的河流") { river } }',
      { roles: ['staff'], district: '341021' },
    );
    expect(long.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'river',
      rule: 'max-length',
    });
  });

  it('was written for this SDK: its manifest and peer range hold the version it runs with', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies['@cppcc/plugin-sdk']).toBe('^1.0.0');
    expect(SDK_VERSION).toMatch(/^1\./);
  });
});
