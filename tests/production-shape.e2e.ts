import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment } from '@cppcc/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopChild } from './faults/harness.js';
import { freeModulePorts } from './module-ports.js';

/**
 * The built output as production runs it: `node <package>/dist/...`, no tsx and no @cppcc/source
 * condition, so workspace packages resolve to each other's dist/ and runtime files (the
 * supergraph, the plugin list) are found from there. Startup failures are one line and exit 1.
 */
const root = path.resolve(__dirname, '..');
const built = [
  'dist/scripts/start.js',
  'gateway/dist/main.js',
  'subgraphs/members/dist/index.js',
  'plugins/host/dist/index.js',
];

beforeAll(() => {
  // CI builds before testing; a checkout that never built gets one here (turbo caches it).
  if (built.every((f) => fs.existsSync(path.join(root, f)))) return;
  const run = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`npm run build failed:\n${run.stdout.slice(-2000)}${run.stderr.slice(-2000)}`);
}, 900_000);

function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], {
      cwd: root,
      env: childEnvironment({ LOG_LEVEL: 'warn', NODE_ENV: 'development', VITEST: '', ...env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Node's own process warnings are not ours: @apollo/gateway's OpenTelemetry GCP detector warns
      // when this machine's closed network answers its metadata probe.
      const ours = stderr
        .split('\n')
        .filter((l) => !/^\(node:\d+\) \w*Warning: |^\(Use `node --trace-warnings/.test(l))
        .join('\n');
      resolve({ code, stderr: ours, stdout });
    });
  });
}

async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Generous timeouts: each case starts a real process, slow on a loaded two-core machine.
describe('a process that cannot start says why in one line and exits 1', {
  timeout: 180_000,
}, () => {
  it.each([
    ['gateway', 'gateway/dist/main.js'],
    ['a subgraph', 'subgraphs/members/dist/index.js'],
    ['the plugin host', 'plugins/host/dist/index.js'],
  ])('%s with bad settings', async (_name, file) => {
    const { code, stderr } = await run(file, { PORT: 'eighty', GATEWAY_ENGINE: 'nginx' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'settings: PORT="eighty": must be a port number; GATEWAY_ENGINE="nginx": must be one of hive, apollo\n',
    );
  });

  it('the gateway on a busy port', async () => {
    const busy = await busyPort();
    try {
      const { code, stderr } = await run('gateway/dist/main.js', {
        PORT: String(busy.port),
        HOST: '127.0.0.1',
      });
      expect(code).toBe(1);
      expect(stderr).toBe(
        `gateway did not start: cannot listen on 127.0.0.1:${busy.port}: the port is in use (set PORT)\n`,
      );
    } finally {
      await busy.close();
    }
  });

  it('a subgraph on a busy port', async () => {
    const busy = await busyPort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-busy-'));
    try {
      const { code, stderr } = await run('subgraphs/members/dist/index.js', {
        PORT: String(busy.port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        SEED: 'false',
      });
      expect(code).toBe(1);
      expect(stderr).toBe(
        `members did not start: cannot listen on 127.0.0.1:${busy.port}: the port is in use (set PORT or PORT_MEMBERS)\n`,
      );
    } finally {
      await busy.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a subgraph whose schema is behind the code, when it must not migrate', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-unmigrated-'));
    try {
      const { code, stderr } = await run('subgraphs/members/dist/index.js', {
        PORT: '0',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        MIGRATE_ON_START: 'false',
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^members did not start: members: \d+ migration\(s\) pending \(.+\); run `npm run migrate` first \(or MIGRATE_ON_START=true\)\n$/,
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the embedded platform from dist/ (npm run start:prod)', { timeout: 120_000 }, () => {
  let child: ChildProcess;
  let url = '';
  let output = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-built-'));

  beforeAll(async () => {
    // Every port free, HOST and GATEWAY_ENGINE as an operator would set them.
    const ports = freeModulePorts();
    // `npm run migrate` first, as a deployment does; then the platform with migrating on start off.
    const migrate = spawnSync(process.execPath, ['dist/scripts/migrate.js'], {
      cwd: root,
      encoding: 'utf8',
      env: childEnvironment({
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_LEVEL: 'warn',
        VITEST: '',
      }),
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    child = spawn(process.execPath, ['dist/scripts/start.js'], {
      cwd: root,
      env: childEnvironment({
        ...ports,
        PORT: '0',
        HOST: '0.0.0.0',
        GATEWAY_ENGINE: 'hive',
        MIGRATE_ON_START: 'false',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_LEVEL: 'info',
        VITEST: '',
        NODE_ENV: 'development',
      }),
    });
    child.stderr!.on('data', (c) => (output += c));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c) => {
        output += c;
        const match = /graph:\s+(\S+)\s+\(engine: (\w+)\)/.exec(output);
        if (match) resolve(`${match[1]} ${match[2]}`);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
  }, 600_000);

  afterAll(async () => {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('honours HOST and GATEWAY_ENGINE and answers the README query', async () => {
    const [graph, engine] = url.split(' ');
    expect(engine).toBe('hive');
    expect(graph).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/graphql$/);
    const port = new URL(graph).port;
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const query = /```graphql\n([\s\S]*?)```/.exec(readme)![1];
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as {
      data?: { district: { name: string; members: { totalCount: number } } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.district.name).toBe('黄山市政协');
    expect(body.data!.district.members.totalCount).toBeGreaterThan(0);
  });

  it('logs one access line per request and counts it on /metrics', async () => {
    const port = new URL(url.split(' ')[0]).port;
    // The README query ran in the test before; the access line names it, the caller and the outcome.
    // The line is written as the response goes out, so it may reach this process just after it.
    const accessLines = () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{') && l.endsWith('}'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request' && l.module === 'gateway');
    for (let i = 0; i < 100 && accessLines().length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const access = accessLines();
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'info',
      operation: 'FirstLook',
      role: 'anonymous',
      district: '341000',
      status: 200,
    });
    expect(access[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof access[0].ms).toBe('number');

    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(
      'cppcc_graphql_requests_total{module="gateway",operation="FirstLook",code="200"} 1',
    );
    expect(text).toMatch(
      /cppcc_graphql_request_duration_seconds_count\{module="gateway",operation="FirstLook"\} 1/,
    );
    for (const subgraph of ['organization', 'members', 'proposals', 'consultation']) {
      expect(text).toMatch(
        new RegExp(`cppcc_subgraph_fetches_total\\{subgraph="${subgraph}",outcome="ok"\\} [1-9]`),
      );
      // The embedded platform's modules share the registry: each subgraph's own requests are there too.
      expect(text).toMatch(
        new RegExp(
          `cppcc_graphql_requests_total\\{module="${subgraph}",operation="[^"]+",code="200"\\} [1-9]`,
        ),
      );
      expect(text).toContain(`cppcc_outbox_backlog{module="${subgraph}"} 0`);
    }
    for (const family of [
      'cppcc_consumer_lag',
      'cppcc_db_pool_connections',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${family} gauge`);
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
