import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installPlugin, scaffoldPlugin } from '@cppcc/plugin-sdk/scaffold';
import { root } from './platform.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'no-install': { type: 'boolean' }, port: { type: 'string' } },
});
const id = positionals[0];
if (!id) {
  console.error(
    'npm run create-plugin -- NAME [--port N] [--no-install]   (NAME in kebab-case, e.g. river-chief)',
  );
  process.exit(2);
}
const dir = path.join(root, 'plugins', id);
const taken = fs
  .readdirSync(path.join(root, 'plugins'), { withFileTypes: true })
  .filter((e) => e.isDirectory()).length;
try {
  const files = scaffoldPlugin({ id, dir, port: values.port ? Number(values.port) : 4200 + taken });
  console.log(`wrote ${files.length} files to plugins/${id}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
if (!values['no-install']) {
  installPlugin(path.join(root, 'plugins', 'installed.json'), id);
  // Links the new workspace package (and records it in package-lock.json).
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync('npm', ['run', 'schema:compose'], { cwd: root, stdio: 'inherit' });
  console.log(
    `installed: listed in plugins/installed.json and composed into schema/supergraph.graphql`,
  );
}
console.log(
  `next: npx vitest run plugins/${id}   then enable it for a district with enablePlugin (docs/plugins.md)`,
);
