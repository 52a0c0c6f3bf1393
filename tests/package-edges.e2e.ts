import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../scripts/check-packages.js';

/** A throwaway monorepo with the workspaces given as name → { deps, files }. */
function monorepo(
  workspaces: Record<
    string,
    { dir: string; dependencies?: string[]; files: Record<string, string> }
  >,
) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-edges-'));
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ workspaces: ['packages/*', 'plugins/*'] }),
  );
  for (const dir of ['packages', 'plugins']) fs.mkdirSync(path.join(root, dir));
  for (const [name, w] of Object.entries(workspaces)) {
    const dir = path.join(root, w.dir);
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name,
        dependencies: Object.fromEntries((w.dependencies ?? []).map((d) => [d, '*'])),
      }),
    );
    for (const [file, text] of Object.entries(w.files))
      fs.writeFileSync(path.join(dir, 'src', file), text);
  }
  return root;
}

describe('package edges (npm run lint)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('holds for this repository', () => {
    expect(check()).toEqual([]);
  });

  it("refuses a plugin's code importing anything but the SDK, and allows its tests more", () => {
    const root = monorepo({
      '@cppcc/kit': { dir: 'packages/kit', files: { 'index.ts': 'export const a = 1;\n' } },
      '@cppcc/plugin-sdk': {
        dir: 'plugins/sdk',
        dependencies: ['@cppcc/kit'],
        files: { 'index.ts': "export * from '@cppcc/kit';\n" },
      },
      'river-watch': {
        dir: 'plugins/river-watch',
        dependencies: ['@cppcc/plugin-sdk', '@cppcc/kit'],
        files: {
          'index.ts':
            "import { a } from '@cppcc/kit';\nimport { z } from 'zod';\nexport { a, z };\n",
          'seed.ts': "import { a } from '@cppcc/plugin-sdk/demo';\nexport { a };\n",
          'index.test.ts': "import { a } from '@cppcc/kit';\nexport { a };\n",
        },
      },
    });
    roots.push(root);
    expect(check(root)).toEqual([
      "plugins/river-watch/src/index.ts imports @cppcc/kit: a plugin's code imports @cppcc/plugin-sdk alone (tests may use more)",
      "plugins/river-watch/src/index.ts imports zod: a plugin's code imports @cppcc/plugin-sdk alone (tests may use more)",
    ]);
  });

  it('names an undeclared import and a cycle between packages', () => {
    const root = monorepo({
      '@cppcc/a': {
        dir: 'packages/a',
        dependencies: ['@cppcc/b'],
        files: { 'index.ts': "import '@cppcc/b';\nimport '@cppcc/c';\n" },
      },
      '@cppcc/b': { dir: 'packages/b', dependencies: ['@cppcc/a'], files: {} },
      '@cppcc/c': { dir: 'packages/c', files: {} },
    });
    roots.push(root);
    expect(check(root)).toEqual([
      'packages/a/src/index.ts imports @cppcc/c, which packages/a/package.json does not declare in dependencies',
      'package cycle: @cppcc/a → @cppcc/b → @cppcc/a',
    ]);
  });
});
