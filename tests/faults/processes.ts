import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import { freePort, root } from './harness.js';

export { freePort, root };

/** One process of the production shape, started from its own entry file as deployed. */
export class Proc {
  child!: ChildProcess;
  output = '';
  exit!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  constructor(
    readonly name: string,
    readonly entry: string,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(extra: Record<string, string> = {}, readyPath = '/readyz'): Promise<number> {
    const started = performance.now();
    this.output = '';
    this.child = spawn(
      process.execPath,
      ['--conditions=@cppcc/source', '--import', 'tsx', this.entry],
      {
        cwd: root,
        env: { ...process.env, ...this.env, ...extra, PORT: String(this.port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout!.on('data', (chunk) => (this.output += chunk));
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exit = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    for (const deadline = Date.now() + 120_000; ; ) {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`${this.name} exited while starting: ${this.output.slice(-3000)}`);
      const ready = await fetch(`${this.base}${readyPath}`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return (performance.now() - started) / 1000;
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not become ready: ${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exit;
  }
}

/**
 * Sits between the gateway and a subgraph and holds each answer `delayMs` (0: passes straight
 * through), and until `held` settles, so that requests are surely in flight when a signal
 * arrives: a test that must look at the gateway while they are in flight holds them until it
 * has looked, however slow the machine.
 */
export async function slowProxy(target: string): Promise<{
  url: string;
  delayMs: number;
  held: Promise<void>;
  seen: number;
  close: () => Promise<void>;
}> {
  const goal = new URL(target);
  const state = {
    url: '',
    delayMs: 0,
    held: Promise.resolve(),
    seen: 0,
    close: async () => undefined as void,
  };
  const server = http.createServer((req, res) => {
    state.seen += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(
        {
          host: goal.hostname,
          port: goal.port,
          path: goal.pathname,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c) => body.push(c));
          answer.on('end', () => {
            const held = state.held;
            setTimeout(() => {
              void held.then(() => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                res.end(Buffer.concat(body));
              });
            }, state.delayMs);
          });
        },
      );
      upstream.on('error', () => {
        res.statusCode = 502;
        res.end();
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${goal.pathname}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

export interface Tally {
  sent: number;
  /** HTTP 200 with every field. */
  answered: number;
  /** HTTP 200 with data and errors: what a subgraph owns is missing. */
  partial: number;
  /** Everything else, by error code, HTTP status (`http 503`) or socket error (`cut ECONNRESET`). */
  failed: Record<string, number>;
}

export function tally(): Tally {
  return { sent: 0, answered: 0, partial: 0, failed: {} };
}

/** Sends `count` requests, `concurrency` at a time, and counts how each ended. */
export async function load(
  url: string,
  body: unknown,
  {
    count,
    concurrency,
    headers = {},
    onAnswer,
  }: {
    count: number;
    concurrency: number;
    headers?: Record<string, string>;
    onAnswer?: (done: number) => void;
  },
): Promise<Tally & { errors: unknown[] }> {
  const t = { ...tally(), errors: [] as unknown[] };
  let next = 0;
  let done = 0;
  const fail = (key: string) => (t.failed[key] = (t.failed[key] ?? 0) + 1);
  const worker = async () => {
    while (next < count) {
      next += 1;
      t.sent += 1;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status !== 200) fail(`http ${response.status}`);
        else {
          const parsed = JSON.parse(text) as {
            data?: unknown;
            errors?: { extensions?: { code?: string } }[];
          };
          if (!parsed.errors?.length) t.answered += 1;
          else if (parsed.data) {
            t.partial += 1;
            for (const e of parsed.errors) t.errors.push(e);
          } else {
            fail(parsed.errors[0].extensions?.code ?? 'no code');
            t.errors.push(parsed.errors[0]);
          }
        }
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        fail(cause === 'ECONNREFUSED' ? 'refused ECONNREFUSED' : `cut ${cause}`);
      }
      done += 1;
      onAnswer?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return t;
}
