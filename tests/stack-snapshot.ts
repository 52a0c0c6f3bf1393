import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * Most stacks the suite starts are the same: every installed module, migrated and seeded with
 * the demo data, the events of the seeding consumed. Building one takes about 12 s on an idle
 * machine (migrations, seeding, every projection), so the suite builds each kind once per run and
 * starts the others from a copy of its databases: an SQLite file per module (copied into
 * /dev/shm, so the tests' writes are not fsynced to a disk), or a PostgreSQL database per module
 * made with `create database … template`. A copy is exactly what a restart of the seeded stack
 * would find: demo data present (not seeded twice), announcements and first-start requests
 * marked done, projections filled. What it does not carry is the bus: each stack still gets a
 * transport of its own, empty, as after a restart with every event consumed.
 *
 * `tests/global-setup.ts` names a directory for the run (`CPPCC_STACK_SNAPSHOTS`) and removes
 * it, and the run's template databases, at the end. Without it (a test file run by another
 * tool) every stack is built from nothing, as before.
 */
export const SNAPSHOTS_ENV = 'CPPCC_STACK_SNAPSHOTS';

export type Snapshot =
  | { kind: 'sqlite'; files: Record<string, string> }
  | { kind: 'postgresql'; templates: Record<string, string> };

/** What a builder gets: where to put each module's copy (pure: the same name for the same module). */
export interface SnapshotTarget {
  /** SQLite: the file a module's database is written to (`vacuum into`). */
  file(module: string): string;
  /** PostgreSQL: the name the module's stopped database is renamed to. */
  template(module: string): string;
}

/** The run's template databases are named with this, then the run's id. */
export const TEMPLATE_PREFIX = 'snap_';

/** The name of a run's directory, which its template databases carry too. */
export function runId(directory: string): string {
  return path
    .basename(directory)
    .replace(/[^a-z0-9]/gi, '')
    .slice(-10)
    .toLowerCase();
}

/** Where the snapshot `hash` of the run in `root` keeps each module's copy. */
export function snapshotTarget(dir: string, root: string, hash: string): SnapshotTarget {
  return {
    file: (module) => path.join(dir, `${module}.sqlite`),
    template: (module) => `${TEMPLATE_PREFIX}${runId(root)}_${hash}_${module.replace(/-/g, '_')}`,
  };
}

/**
 * The snapshot for `key` (what makes two stacks' data the same), built by `build` once per run:
 * the first worker to ask builds it, the others wait for it. Answers undefined when the run has
 * no snapshot directory or the build failed (the caller then starts from nothing).
 */
export async function snapshotFor(
  key: unknown,
  postgresql: boolean,
  /** Writes each module's copy where `target` says; answers the modules it wrote. */
  build: (target: SnapshotTarget) => Promise<string[]>,
): Promise<Snapshot | undefined> {
  const root = process.env[SNAPSHOTS_ENV];
  if (!root || !fs.existsSync(root)) return undefined;
  const hash = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 10);
  const dir = path.join(root, hash);
  const manifest = path.join(dir, 'snapshot.json');
  const failed = path.join(dir, 'failed');
  let building = false;
  try {
    fs.mkdirSync(dir);
    building = true;
  } catch {
    /* another worker builds it */
  }
  if (building) {
    const target = snapshotTarget(dir, root, hash);
    let modules: string[];
    try {
      modules = await build(target);
    } catch (error) {
      fs.writeFileSync(failed, String(error));
      return undefined;
    }
    const snapshot: Snapshot = postgresql
      ? {
          kind: 'postgresql',
          templates: Object.fromEntries(modules.map((m) => [m, target.template(m)])),
        }
      : { kind: 'sqlite', files: Object.fromEntries(modules.map((m) => [m, target.file(m)])) };
    fs.writeFileSync(manifest, JSON.stringify(snapshot));
    return snapshot;
  }
  // The builder may be in the middle of a 12 s build on a loaded machine.
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, 'utf8')) as Snapshot;
    if (fs.existsSync(failed)) return undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

/** A module's SQLite copy for one stack, in memory-backed storage where the machine has it. */
export function copySqlite(file: string): { file: string; remove: () => void } {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : path.dirname(file);
  const dir = fs.mkdtempSync(path.join(base, 'cppcc-stack-'));
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  return { file: copy, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Renames a stopped module's database to the template name (no one may be connected to it). */
export async function keepAsTemplate(
  url: string,
  database: string,
  template: string,
): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`alter database "${database}" rename to "${template}"`);
  } finally {
    await admin.end();
  }
}

/** Drops the template databases of the run whose directory is `directory`. */
export async function dropTemplates(url: string, directory: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${TEMPLATE_PREFIX}${runId(directory)}\\_%`],
    );
    for (const { datname } of rows)
      await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
