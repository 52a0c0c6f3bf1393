import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** CI has PostgreSQL and redis-server: there the suite fails rather than skips without them. */
export const faultsRun =
  !!process.env.CI || (!!process.env.DATABASE_URL && fs.existsSync('/usr/bin/redis-server'));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Stops a child process (SIGTERM, as an orchestrator would) and waits until it has exited. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * A redis-server of the test's own on a free port, without persistence: stopping it loses
 * everything, as a restart without persistence or a failover to an empty replica does.
 */
export class RedisServer {
  private constructor(
    readonly port: number,
    private dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(
      await freePort(),
      fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-redis-')),
    );
    await server.up();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    await run('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--dir',
      this.dir,
      '--pidfile',
      path.join(this.dir, 'redis.pid'),
      '--logfile',
      path.join(this.dir, 'redis.log'),
    ]);
    await until(
      async () => (await this.cli('ping').catch(() => '')) === 'PONG',
      'redis-server to answer',
      10_000,
    );
  }

  /** Stops it and drops everything it held. */
  async down(): Promise<void> {
    await this.cli('shutdown', 'nosave').catch(() => undefined);
    await until(
      async () => (await this.cli('ping').catch(() => 'down')) === 'down',
      'redis-server to stop',
      10_000,
    );
  }

  async cli(...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), ...args]);
    return stdout.trim();
  }
}

/** One module of tally-modules.ts in a process of its own, started and signalled for real. */
/** What a module's /readyz answers, as far as the fault tests read it. */
export interface Readiness {
  status: string;
  degraded?: Record<string, string>;
  bus: { transport: string; status: string; outboxBacklog: number; replays?: number };
}

export class ModuleProcess {
  child: ChildProcess | null = null;
  output = '';
  exits: (number | string)[] = [];

  constructor(
    readonly which: 'producer' | 'consumer',
    readonly port: number,
    private env: Record<string, string>,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--conditions=@cppcc/source', '--import', 'tsx', 'tests/faults/serve-tally.ts', this.which],
      {
        cwd: root,
        env: {
          ...process.env,
          ...this.env,
          PORT: String(this.port),
          HOST: '127.0.0.1',
          SEED: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    child.once('exit', (code, signal) => this.exits.push(code ?? signal ?? 'unknown'));
    await until(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${this.which} exited: ${this.output.slice(-2000)}`);
        return (await fetch(`${this.base}/healthz`)).ok;
      },
      `${this.which} to listen`,
      120_000,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n${this.output.slice(-2000)}`);
    });
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a real signal; for SIGKILL/SIGTERM waits for the process to be gone. */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child!;
    if (signal === 'SIGSTOP' || signal === 'SIGCONT') {
      child.kill(signal);
      return;
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  async readyz(): Promise<Readiness> {
    return (await (await fetch(`${this.base}/readyz`)).json()) as Readiness;
  }
}
