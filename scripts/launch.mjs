// `npm start` (and the other dev scripts that call it): runs a script as compiled JavaScript, as
// production does, instead of through tsx. tsx transpiles in module-loader hooks on a thread of
// their own in every thread that loads code (the workers too) and keeps the results in memory;
// measured in docs/benchmarks.md ("Start-up"), plain node on dist/ starts faster and idles at
// about half the memory. dist/ is what `npm run build` emits; the TypeScript files newer than
// their output (a fresh clone, an edit) are transpiled here first with esbuild — per file, types
// stripped, no type check, as tsx itself does — so a start never runs code older than the source.
//
//   node scripts/launch.mjs scripts/start.ts [args…]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each TypeScript source that `npm run build` compiles, with the file it emits. */
function sources() {
  const pairs = [];
  const walk = (dir, out) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file, path.join(out, entry.name));
      else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.test.ts') &&
        !entry.name.endsWith('.d.ts')
      )
        pairs.push([file, path.join(out, entry.name.replace(/\.ts$/, '.js'))]);
    }
  };
  // Every workspace builds src/ into dist/ (its tsconfig.build.json); the root builds scripts/.
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const pattern of workspaces) {
    const dirs = pattern.endsWith('/*')
      ? fs
          .readdirSync(path.join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => path.join(root, pattern.slice(0, -2), d.name))
      : [path.join(root, pattern)];
    for (const dir of dirs)
      if (fs.existsSync(path.join(dir, 'tsconfig.build.json')))
        walk(path.join(dir, 'src'), path.join(dir, 'dist'));
  }
  for (const entry of fs.readdirSync(path.join(root, 'scripts'), { withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      pairs.push([
        path.join(root, 'scripts', entry.name),
        path.join(root, 'dist/scripts', entry.name.replace(/\.ts$/, '.js')),
      ]);
  return pairs;
}

const mtime = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const stale = sources().filter(([source, output]) => mtime(output) < mtime(source));
if (stale.length > 0) {
  const began = performance.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: stale.map(([source, output]) => ({ in: source, out: output.slice(0, -3) })),
    outdir: root,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    logLevel: 'error',
  });
  // Written whole under another name and renamed: a second start at the same moment never
  // imports half a file.
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
  }
  process.stderr.write(
    `transpiled ${stale.length} changed TypeScript file(s) to dist/ in ${((performance.now() - began) / 1000).toFixed(1)} s\n`,
  );
}

const [script, ...rest] = process.argv.slice(2);
if (!script?.startsWith('scripts/') || !script.endsWith('.ts'))
  throw new Error('usage: node scripts/launch.mjs scripts/<name>.ts [args…]');
const built = path.join(root, 'dist', script.replace(/\.ts$/, '.js'));
// The script sees its own arguments, as when node runs it.
process.argv = [process.argv[0], built, ...rest];
await import(pathToFileURL(built).href);
