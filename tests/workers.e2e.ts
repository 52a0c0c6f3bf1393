import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signDevToken } from '@cppcc/gateway';
import { CITY } from '@cppcc/demo';
import { childEnvironment, fromGlobalId, readSettings } from '@cppcc/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, stopChild } from './faults/harness.js';
import { freeModulePorts } from './module-ports.js';

/**
 * `npm run start:source` (`npm start` under tsx) with its modules in worker threads (WORKERS=2), as a real process from source:
 * the proposals and members modules land in different workers, so a proposal submitted through the
 * gateway is in the member's duty record on the next read only if the answer waited for the other
 * worker's consumer (read-your-writes across threads). SIGTERM lets the requests in flight answer
 * and the process exits 0.
 */
describe('the embedded platform with its modules in worker threads', { timeout: 120_000 }, () => {
  let child: ChildProcess;
  let output = '';
  let graph = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-workers-'));
  const env = {
    ...freeModulePorts(),
    PORT: '0',
    WORKERS: '2',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    VITEST: '',
  };
  const settings = readSettings(childEnvironment(env));

  beforeAll(async () => {
    // What `npm start` runs, without tsx's command-line wrapper: the signal reaches our process
    // itself (the wrapper gives up relaying it to a child that is busy for 30 ms, and exits 143).
    child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@cppcc/source', 'scripts/start.ts'],
      { cwd: root, env: childEnvironment(env) },
    );
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    graph = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const match = /graph:\s+(\S+)/.exec(output);
        if (match && /storage:/.test(output)) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output.slice(-3000)}`)));
    });
  }, 600_000);

  afterAll(async () => {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async <T>(body: object, token?: string) => {
    const response = await fetch(graph, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: T; errors?: { message: string }[] },
    };
  };

  it('runs every module in the workers, each logging under its name, and is ready', async () => {
    expect(output).toMatch(/modules:\s+8, in 2 worker threads/);
    const listening = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { module?: string; msg?: string })
      .filter((l) => l.msg === 'subgraph listening')
      .map((l) => l.module)
      .sort();
    expect(listening).toEqual([
      'consultation',
      'eco-compensation',
      'inter-city-exchange',
      'members',
      'organization',
      'platform',
      'proposals',
      'river-chief',
    ]);
    const ready = await fetch(graph.replace(/\/graphql$/, '/readyz'));
    const body = (await ready.json()) as { subgraphs: Record<string, string> };
    expect(ready.status, JSON.stringify(body)).toBe(200);
    expect(Object.values(body.subgraphs)).toEqual(Array(8).fill('up'));
  });

  it("puts a submitted proposal into the member's record on the next read, across workers", async () => {
    const memberId = '7';
    const token = await signDevToken(settings, { roles: ['member'], district: CITY, memberId });
    const submitted = await post<{ submitProposal: { id: string } }>(
      {
        query: 'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id } }',
        variables: {
          i: {
            title: '关于在工作线程间保持读己之写的建议',
            category: 'CULTURE_TOURISM',
            situation: '现状',
            analysis: '分析',
            suggestions: '建议',
          },
        },
      },
      token,
    );
    expect(submitted.body.errors).toBeUndefined();
    // No waiting: the answer came once the members worker had applied the event.
    const record = await post<{ member: { dutyEvents: { kind: string; sourceId: string }[] } }>(
      { query: `{ member(id: "${memberId}") { dutyEvents { kind sourceId } } }` },
      token,
    );
    expect(record.body.errors).toBeUndefined();
    expect(record.body.data!.member.dutyEvents).toContainEqual({
      kind: 'proposal.submitted',
      // A duty event names its source by key (docs/architecture.md, Ids).
      sourceId: fromGlobalId(submitted.body.data!.submitProposal.id)!.key,
    });
  });

  it('answers the requests in flight at SIGTERM, then exits 0', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const query = /```graphql\n([\s\S]*?)```/.exec(readme)![1];
    let signalled = 0;
    const answers: { status: number; after: boolean; ok: boolean; error?: string }[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // A bounded burst; the signal goes once the first answer is back, so the rest are in flight.
    const burst = Array.from({ length: 24 }, () =>
      post<{ district: { name: string } }>({ query }).then(
        (r) => {
          if (!signalled) {
            signalled = Date.now();
            child.kill('SIGTERM');
          }
          answers.push({
            status: r.status,
            after: answers.length > 0,
            ok: r.body.data?.district.name === '黄山市政协',
          });
        },
        (err: Error) =>
          answers.push({ status: -1, after: true, ok: false, error: String(err.cause ?? err) }),
      ),
    );
    await Promise.all(burst);
    expect(await exited).toBe(0);
    expect(answers).toHaveLength(24);
    // Admitted before the drain began: answered in full. Arrived after it: a clean 503 to retry.
    for (const a of answers) expect(a.ok || a.status === 503, JSON.stringify(a)).toBe(true);
    expect(answers.filter((a) => a.after && a.ok).length).toBeGreaterThan(0);
    expect(output).toMatch(/"msg":"stopped"/);
  });
});
