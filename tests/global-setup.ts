import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropTemplates, SNAPSHOTS_ENV } from './stack-snapshot.js';

/**
 * Names the run's directory of stack snapshots (./stack-snapshot.ts) for the test workers, which
 * inherit the environment, and removes it and the run's template databases when the run ends.
 */
export default function setup(): () => Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-snapshots-'));
  process.env[SNAPSHOTS_ENV] = directory;
  return async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    if (process.env.DATABASE_URL) await dropTemplates(process.env.DATABASE_URL, directory);
  };
}
