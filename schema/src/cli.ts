import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedModules } from '@cppcc/platform';
import { compose, CompositionError, undeclaredBreakingChanges } from './compose.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = (name: string) => path.join(dir, name);
const read = (name: string) =>
  fs.existsSync(file(name)) ? fs.readFileSync(file(name), 'utf8') : null;
/** The file as the last commit has it, or null outside a git checkout (or before its first commit). */
function committed(name: string): string | null {
  try {
    return execFileSync('git', ['show', `HEAD:./${name}`], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

/**
 * `compose` writes schema/<subgraph>.graphql, supergraph.graphql and api.graphql.
 * `check` fails when those are stale, when composition fails, or when the API schema breaks
 * existing clients without the change being declared in breaking-changes.json.
 */
function main(command: string): number {
  let composition: ReturnType<typeof compose>;
  try {
    composition = compose(installedModules());
  } catch (err) {
    if (err instanceof CompositionError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const outputs = new Map<string, string>([
    ...[...composition.subgraphs].map(
      ([name, sdl]) => [`subgraphs/${name}.graphql`, sdl] as [string, string],
    ),
    ['supergraph.graphql', composition.supergraph],
    ['api.graphql', composition.api],
  ]);

  const previousApi = read('api.graphql');
  const declared: string[] = JSON.parse(read('breaking-changes.json') ?? '[]');
  const undeclared = undeclaredBreakingChanges({
    previous: previousApi,
    committed: committed('api.graphql'),
    next: composition.api,
    declared,
  });

  if (command === 'compose') {
    if (undeclared.length) {
      console.error(
        'These changes break existing clients. Declare each in schema/breaking-changes.json to go ahead:',
      );
      for (const b of undeclared) console.error(`  ${JSON.stringify(b)}`);
      return 1;
    }
    fs.mkdirSync(file('subgraphs'), { recursive: true });
    for (const [name, content] of outputs) fs.writeFileSync(file(name), content);
    // Declarations are spent once the new schema is the committed one.
    fs.writeFileSync(file('breaking-changes.json'), '[]\n');
    console.log(`composed ${composition.subgraphs.size} subgraphs into schema/supergraph.graphql`);
    return 0;
  }

  let failed = false;
  for (const [name, content] of outputs) {
    if (read(name) !== content) {
      console.error(`schema/${name} is stale: run npm run schema:compose and commit the result`);
      failed = true;
    }
  }
  if (undeclared.length) {
    console.error('Undeclared breaking changes against the committed schema:');
    for (const b of undeclared) console.error(`  ${JSON.stringify(b)}`);
    failed = true;
  }
  if (!failed)
    console.log(
      `schema is up to date: ${composition.subgraphs.size} subgraphs compose, no undeclared breaking change`,
    );
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv[2] ?? 'check');
