import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@cppcc/kit';

/**
 * scripts/launch.mjs (`npm start`) in a repository of its own: a workspace package and a root
 * script, both TypeScript, run as the JavaScript it writes into dist/ — and written again only
 * when the source is newer.
 */
describe('scripts/launch.mjs', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-launch-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  write('package.json', JSON.stringify({ type: 'module', workspaces: ['packages/*'] }));
  write('scripts/launch.mjs', fs.readFileSync(path.join(REPO_ROOT, 'scripts/launch.mjs'), 'utf8'));
  write('packages/a/package.json', JSON.stringify({ type: 'module' }));
  write('packages/a/tsconfig.build.json', '{}');
  write(
    'packages/a/src/greet.ts',
    "export const greet = (who: string): string => 'hello ' + who;\n",
  );
  write('packages/a/src/greet.test.ts', 'throw new Error("a test is not built");\n');
  // Imported as the built file sees it from dist/scripts/ (the repository imports by package name).
  write(
    'scripts/hello.ts',
    "import { greet } from '../../packages/a/dist/greet.js';\nconst who: string = process.argv[2];\nconsole.log(greet(who));\n",
  );
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  const launch = () => {
    const stderr = path.join(repo, 'stderr');
    const stdout = execFileSync(
      process.execPath,
      ['scripts/launch.mjs', 'scripts/hello.ts', 'world'],
      { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', fs.openSync(stderr, 'w')] },
    );
    return { stdout, stderr: fs.readFileSync(stderr, 'utf8') };
  };

  it('transpiles what has no output, runs the script with its arguments, and leaves tests out', () => {
    const run = launch();
    expect(run.stdout).toBe('hello world\n');
    expect(run.stderr).toMatch(/transpiled 2 changed TypeScript file\(s\)/);
    expect(fs.existsSync(path.join(repo, 'packages/a/dist/greet.js'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'packages/a/dist/greet.test.js'))).toBe(false);
  });

  it('runs dist/ as it is when it is newer than the source, and again once the source changes', () => {
    expect(launch()).toEqual({ stdout: 'hello world\n', stderr: '' });
    write(
      'packages/a/src/greet.ts',
      "export const greet = (who: string): string => '你好 ' + who;\n",
    );
    const later = new Date(Date.now() + 2_000);
    fs.utimesSync(path.join(repo, 'packages/a/src/greet.ts'), later, later);
    const run = launch();
    expect(run.stdout).toBe('你好 world\n');
    expect(run.stderr).toMatch(/transpiled 1 changed TypeScript file\(s\)/);
  });
});
