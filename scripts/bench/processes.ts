import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment } from '@cppcc/kit';
import { root } from '../platform.js';

/** The processes and scratch folders a bench started, stopped and removed by cleanUp(). */
const children: ChildProcess[] = [];
const temps: string[] = [];

/** Stops what the bench started and removes its scratch folders. */
export function cleanUp() {
  for (const c of children)
    if (c.exitCode === null)
      try {
        process.kill(-c.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A scratch folder, removed when the bench ends however it ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A child stopped by cleanUp() if the bench ends before it does. */
export function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

/** Starts a process (its own process group) and waits for a line matching readyPattern; `output` is its stdout until then. */
export function start(
  args: string[],
  env: Record<string, string>,
  readyPattern: RegExp,
): Promise<{ child: ChildProcess; line: string; ms: number; output: string }> {
  const began = performance.now();
  // Its own process group, so stopping `npm start` also stops the node process npm started.
  const child = track(
    spawn(args[0], args.slice(1), {
      cwd: root,
      env: childEnvironment({ LOG_LEVEL: 'warn', ...env }),
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    }),
  );
  return new Promise((resolve, reject) => {
    let buffer: string | undefined = '';
    child.stdout!.on('data', (chunk) => {
      // Once ready, the output (access logs under load) is read and dropped.
      if (buffer === undefined) return;
      buffer += chunk;
      const line = buffer.split('\n').find((l) => readyPattern.test(l));
      if (line) {
        const output = buffer;
        buffer = undefined;
        resolve({ child, line, ms: performance.now() - began, output });
      }
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

// What a process tree costs lives beside measure-workers.ts, which reads it too.
export { treeCpuMs, treeRss } from '../process-tree.js';

/**
 * The environment benchmarked processes run with: as in production (NODE_ENV=production), with
 * secrets of this run, and the demo data with dev tokens (which production allows only when asked).
 */
export function productionEnvironment() {
  return {
    NODE_ENV: 'production',
    GATEWAY_SECRET: randomBytes(24).toString('hex'),
    JWT_SECRET: randomBytes(24).toString('hex'),
    ROUTER_SECRET: randomBytes(24).toString('hex'),
    JWT_ISSUER: 'cppcc-bench',
    JWT_AUDIENCE: 'cppcc-graph',
    ALLOW_DEMO_DATA: 'true',
    ALLOW_DEMO_TOKENS: 'true',
  };
}
