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
import type { GraphResponse } from '@cppcc/testing';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'cppcc-plugin-river-watch';

/**
 * A plugin that lives in its own package (tests/fixtures/river-watch, which imports
 * @cppcc/plugin-sdk alone, as a peer), installed as an integrator would: built and packed with
 * `npm pack` in its own folder; a fresh clone of this repository (its committed HEAD) installed
 * with `npm ci`; the tarball added with `npm install ./….tgz`; its id added to the clone's
 * plugins/installed.json; and the clone's `npm start` run as a real process.
 */
describe('a plugin installed from a packed tarball into a fresh clone', {
  timeout: 600_000,
}, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-external-'));
  const clone = path.join(tmp, 'platform');
  const installed = path.join(clone, 'node_modules', NAME);
  let child: ChildProcess;
  let graph = '';
  let output = '';
  const run = (command: string, args: string[], cwd: string) =>
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

  beforeAll(async () => {
    // The plugin's own repository: its source, built and packed there.
    const repo = path.join(tmp, 'river-watch');
    fs.cpSync(path.join(root, 'tests/fixtures/river-watch'), repo, { recursive: true });
    run(
      path.join(root, 'node_modules/.bin/esbuild'),
      ['src/index.ts', '--outdir=dist', '--format=esm', '--platform=node'],
      repo,
    );
    const tarball = path.join(
      tmp,
      run('npm', ['pack', '--silent', '--pack-destination', tmp], repo).trim().split('\n').pop()!,
    );
    expect(path.basename(tarball)).toBe(`${NAME}-1.0.0.tgz`);

    // The platform as a deployment gets it: a clone, its locked dependencies, then the plugin.
    run('git', ['clone', '--quiet', '--no-hardlinks', root, clone], tmp);
    const npm = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    run('npm', ['ci', ...npm], clone);
    run('npm', ['install', ...npm, tarball], clone);
    expect(fs.readdirSync(installed).sort()).toEqual(['dist', 'package.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8'));
    expect(manifest.dependencies[NAME]).toMatch(/river-watch-1\.0\.0\.tgz$/);

    // Installed by configuration: the clone's own list names it by package.
    const list = path.join(clone, INSTALLED_LIST.slice(root.length + 1));
    fs.writeFileSync(
      list,
      JSON.stringify({
        installed: [...readInstalledList(list), { id: 'river-watch', package: NAME }],
      }),
    );
    const ports = Object.fromEntries(
      [
        'ORGANIZATION',
        'MEMBERS',
        'PROPOSALS',
        'CONSULTATION',
        'PLATFORM',
        ...readInstalledList(list).map((id) => id.toUpperCase().replaceAll('-', '_')),
      ].map((m) => [`PORT_${m}`, '0']),
    );
    child = spawn('npm', ['start'], {
      cwd: clone,
      detached: true,
      env: childEnvironment({
        ...ports,
        PORT: '0',
        DATA_DIR: path.join(tmp, 'data'),
        DATABASE_URL: '',
        REDIS_URL: '',
        CPPCC_PLUGIN_LIST: '',
        LOG_LEVEL: 'warn',
        VITEST: '',
        NODE_ENV: 'development',
      }),
    });
    child.stderr!.on('data', (c) => (output += c));
    graph = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c) => {
        output += c;
        const match = /graph:\s+(\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
  }, 600_000);

  afterAll(async () => {
    // npm start runs the platform as its child: the process group gets the signal, as a
    // terminal's Ctrl-C would send it.
    if (child?.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const settings = readSettings({});
  /** Sends an operation with a token for `claims`; `TData` is the shape of the data it selects. */
  const post = async <TData = Record<string, unknown>>(
    query: string,
    claims: Parameters<typeof signDevToken>[1],
  ): Promise<GraphResponse<TData>> => {
    const response = await fetch(graph, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signDevToken(settings, claims)}`,
      },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as GraphResponse<TData>;
  };

  it('joins the graph, is enabled for a district by its operator and written through', async () => {
    const listed = await post<{ installedPlugins: { id: string; version: string }[] }>(
      '{ installedPlugins { id version } }',
      { roles: ['operator'], district: '341000' },
    );
    expect(listed.data!.installedPlugins).toContainEqual({ id: 'river-watch', version: '1.0.0' });
    // Off by default (it has no demo): refused, naming it.
    const write =
      'mutation { addRiverWatchPost(district: "341021", river: "新安江") { river district } }';
    const refused = await post(write, { roles: ['staff'], district: '341021' });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'PLUGIN_DISABLED',
      plugin: 'river-watch',
    });

    const enabled = await post(
      'mutation { enablePlugin(district: "341021", plugin: "river-watch", settings: { maxRiverLength: 10 }) { enabled } }',
      { roles: ['operator'], district: '341021' },
    );
    expect(enabled).toEqual({ data: { enablePlugin: { enabled: true } } });
    let added: GraphResponse<{ addRiverWatchPost: { river: string; district: string } | null }>;
    for (const deadline = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
      added = await post(write, { roles: ['staff'], district: '341021' });
      if (added.data?.addRiverWatchPost || Date.now() > deadline) break;
    }
    expect(added, output).toEqual({
      data: { addRiverWatchPost: { river: '新安江', district: '341021' } },
    });
    const read = await post<{ district: { riverWatchPosts: { river: string }[] } }>(
      '{ district(code: "341021") { name riverWatchPosts { river } } }',
      { roles: ['staff'], district: '341021' },
    );
    expect(read.data!.district.riverWatchPosts).toEqual([{ river: '新安江' }]);
    // Its settings hold, checked by its own code.
    const long = await post(
      'mutation { addRiverWatchPost(district: "341021", river: "一条名字很长很长的河流") { river } }',
      { roles: ['staff'], district: '341021' },
    );
    expect(long.errors?.[0].extensions).toMatchObject({
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
