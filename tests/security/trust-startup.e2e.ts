import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings } from '@cppcc/kit';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 13, findings 2 and 10: production refuses weak secrets and demo credentials at start,
 * with one line naming the setting and exit code 1; production subgraphs load no demo data
 * unless asked.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-trust-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const strong = 'x'.repeat(40);
const good = {
  NODE_ENV: 'production',
  GATEWAY_SECRET: strong,
  JWT_SECRET: `j${strong}`,
  JWT_ISSUER: 'https://id.example',
  JWT_AUDIENCE: 'cppcc-graph',
};

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script as its own process; `until` ends it early (SIGTERM) once stdout+stderr match. */
function run(script: string, env: Record<string, string>, until?: RegExp): Promise<Exit> {
  return new Promise((resolve) => {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          !/^(GATEWAY_SECRET|JWT_|JWKS_URL|ROUTER_SECRET|SEED|ALLOW_DEMO|NODE_ENV|DATABASE_URL|REDIS_URL)/.test(
            k,
          ),
      ),
    );
    const child = spawn(tsx, ['--conditions=@cppcc/source', script], {
      cwd: root,
      env: { ...base, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const check = () => {
      if (until?.test(stdout + stderr)) child.kill('SIGTERM');
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      check();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      check();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('production settings', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing', { GATEWAY_SECRET: '' }, /GATEWAY_SECRET must be set in production/],
    [
      'one character',
      { GATEWAY_SECRET: 'x' },
      /GATEWAY_SECRET has 1 bytes; production needs at least 32/,
    ],
    [
      'the development default',
      { GATEWAY_SECRET: 'cppcc-dev-secret-change-me' },
      /GATEWAY_SECRET is the development default/,
    ],
    [
      'demo data without ALLOW_DEMO_DATA',
      { SEED: 'true' },
      /SEED=true loads demo data; in production that also needs ALLOW_DEMO_DATA=true/,
    ],
  ];
  it('the gateway refuses to start with weak secrets or demo data: exit 1 and one line each', async () => {
    // In parallel: each start loads the whole gateway before it reads its settings.
    const exits = await Promise.all(
      cases.map(([, change]) => run('gateway/src/main.ts', { ...good, ...change })),
    );
    exits.forEach((exit, i) => {
      const [label, , message] = cases[i];
      expect(exit.code, label).toBe(1);
      const lines = exit.stderr.trim().split('\n');
      expect(lines, label).toHaveLength(1);
      expect(lines[0], label).toMatch(message);
      expect(lines[0], label).toMatch(/^settings: /);
    });
  }, 200_000);

  it('refuses to sign a development token in production', async () => {
    const exit = await run('scripts/token.ts', good);
    expect(exit.code).toBe(1);
    expect(exit.stdout).not.toMatch(/eyJ/);
    expect(exit.stderr).toMatch(/development tokens are off in production/);
  }, 120_000);

  it('a production subgraph loads no demo data unless asked twice', async () => {
    const plain = await run('subgraphs/organization/src/index.ts', good, /subgraph listening/);
    expect(plain.stdout + plain.stderr).toMatch(/subgraph listening/);
    expect(plain.stdout + plain.stderr).not.toMatch(/demo data loaded/);
  }, 120_000);

  it('reads demo data and demo tokens as allowed only when asked for explicitly', () => {
    expect(readSettings({ ...good }).seedDemoData).toBe(false);
    expect(readSettings({ ...good }).allowDemoTokens).toBe(false);
    expect(readSettings({ ...good, ALLOW_DEMO_DATA: 'true' }).seedDemoData).toBe(true);
    expect(readSettings({ ...good, ALLOW_DEMO_DATA: 'true', SEED: 'false' }).seedDemoData).toBe(
      false,
    );
    expect(readSettings({ ...good, ALLOW_DEMO_TOKENS: 'true' }).allowDemoTokens).toBe(true);
    expect(readSettings({}).seedDemoData).toBe(true);
    expect(() => readSettings({ ...good, ROUTER_SECRET: 'short' })).toThrow(
      /ROUTER_SECRET has 5 bytes/,
    );
    expect(() => readSettings({ ...good, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET has 5 bytes/);
    expect(() =>
      readSettings({ ...good, JWT_SECRET: '', JWKS_URL: 'https://id.example/jwks' }),
    ).not.toThrow();
    expect(() => readSettings({ ...good, JWT_ISSUER: '' })).toThrow(
      /JWT_ISSUER must be set in production/,
    );
    expect(() => readSettings({ ...good, JWT_AUDIENCE: '' })).toThrow(
      /JWT_AUDIENCE must be set in production/,
    );
  });
});
