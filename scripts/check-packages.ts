// Package edges, checked in CI (`npm run lint`): every import of another package is declared in
// the importing workspace's package.json (runtime code in `dependencies`, tests in either), and
// the workspaces' declared dependencies form no cycle. Written here rather than with
// dependency-cruiser or madge because those see files: a cycle between packages (platform's
// entry importing the composer that imports platform) is not a cycle between files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Workspace {
  name: string;
  dir: string;
  dependencies: Set<string>;
  devDependencies: Set<string>;
}

/** The workspace folders package.json's globs name (one level of `*`, as ours use). */
function workspaces(root: string): Workspace[] {
  const globs: string[] = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  ).workspaces;
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const parent = glob.slice(0, -2);
    return fs
      .readdirSync(path.join(root, parent), { withFileTypes: true })
      .filter(
        (e) => e.isDirectory() && fs.existsSync(path.join(root, parent, e.name, 'package.json')),
      )
      .map((e) => `${parent}/${e.name}`);
  });
  return dirs.map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    return {
      name: pkg.name,
      dir,
      dependencies: new Set([
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ]),
      devDependencies: new Set(Object.keys(pkg.devDependencies ?? {})),
    };
  });
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.turbo'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Bare specifiers a file imports statically or dynamically with a literal, reduced to the package. */
function importedPackages(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = new Set<string>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"./][^'"]*)['"]/g;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1];
    if (spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    found.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return [...found];
}

const isTest = (file: string) =>
  /(\.(test|e2e)\.ts|test-support\.ts)$/.test(file) || file.includes(`${path.sep}tests${path.sep}`);

/** A plugin's workspace: everything under plugins/ except the SDK and the host that runs plugins. */
const isPlugin = (dir: string) =>
  dir.startsWith('plugins/') && !['plugins/sdk', 'plugins/host'].includes(dir);

export function check(root = repositoryRoot): string[] {
  const all = workspaces(root);
  const names = new Set(all.map((w) => w.name));
  const problems: string[] = [];
  for (const w of all) {
    const testPackage = w.dir === 'tests';
    for (const file of sourceFiles(path.join(root, w.dir))) {
      const relative = path.relative(root, file);
      for (const name of importedPackages(file)) {
        if (name === w.name) continue;
        if (isPlugin(w.dir) && !isTest(relative) && !name.startsWith('@cppcc/plugin-sdk'))
          problems.push(
            `${relative} imports ${name}: a plugin's code imports @cppcc/plugin-sdk alone (tests may use more)`,
          );
        if (!names.has(name)) continue;
        const declared =
          isTest(relative) || testPackage
            ? w.dependencies.has(name) || w.devDependencies.has(name)
            : w.dependencies.has(name);
        if (!declared)
          problems.push(
            `${relative} imports ${name}, which ${w.dir}/package.json does not declare in ${isTest(relative) || testPackage ? 'dependencies or devDependencies' : 'dependencies'}`,
          );
      }
    }
  }
  // Cycles over runtime dependencies between workspaces (depth-first, reporting each cycle once).
  const edges = new Map(all.map((w) => [w.name, [...w.dependencies].filter((d) => names.has(d))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string) => {
    state.set(name, 'open');
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      if (state.get(next) === 'open')
        problems.push(`package cycle: ${[...stack.slice(stack.indexOf(next)), next].join(' → ')}`);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const w of all) if (!state.has(w.name)) visit(w.name);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const problems = check();
  for (const p of problems) console.error(p);
  console.log(
    problems.length
      ? `package edges: ${problems.length} problem(s)`
      : 'package edges: every import declared, no cycle',
  );
  process.exit(problems.length ? 1 : 0);
}
