import { afterEach, expect, it } from 'vitest';
import { createBuilder } from './builder.js';
import { memoryTransport } from './bus/memory.js';
import { OutboxEventSchema } from './bus/outbox.js';
import { readSettings } from './config.js';
import { systemEm } from './db.js';
import { defineModule } from './module.js';
import { type RunningModule, startModule } from './runtime.js';

/*
 * A module's jobs: run once as it starts (before it serves), then on their interval, each run in
 * a transaction of its own; a failing run is logged and the next one runs; stopping ends them.
 */

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

function clockModule(jobs: Parameters<typeof defineModule>[0]['jobs']) {
  const builder = createBuilder();
  builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) });
  return defineModule({
    name: 'clock',
    port: 0,
    schema: builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
    entities: [],
    migrations: [],
    jobs,
  });
}

async function start(definition: ReturnType<typeof clockModule>): Promise<RunningModule> {
  const transport = memoryTransport();
  const running = await startModule(definition, {
    settings: { ...readSettings({}), inboxTickSeconds: 1 },
    transport,
    file: ':memory:',
    listen: false,
  });
  stops.push(async () => {
    await running.stop();
    await transport.close();
  });
  return running;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits (up to 10 s: a loaded machine's timers run late) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 10_000) throw new Error('timed out');
    await wait(20);
  }
}

it('runs each job as the module starts, then every interval, until it stops', async () => {
  const runs: string[] = [];
  await start(
    clockModule([
      { name: 'once', run: async () => void runs.push('once') },
      {
        name: 'ticking',
        everyMs: (s) => s.inboxTickSeconds * 100,
        run: async () => void runs.push('tick'),
      },
    ]),
  );
  // Both ran before the module was handed back (it serves after its first runs).
  expect(runs.slice(0, 2)).toEqual(['once', 'tick']);
  await until(() => runs.filter((r) => r === 'tick').length >= 3);
  expect(runs.filter((r) => r === 'once')).toHaveLength(1);
  await stops.pop()!();
  const after = runs.length;
  await wait(300);
  expect(runs.length).toBe(after);
});

it('rolls back a failed run, and runs the job again on its next turn', async () => {
  let turn = 0;
  const m = await start(
    clockModule([
      {
        name: 'flaky',
        everyMs: () => 100,
        run: async (em) => {
          turn++;
          // Written in the run's transaction: kept only when the run succeeds.
          em.create(OutboxEventSchema, {
            id: `00000000-0000-7000-8000-${String(turn).padStart(12, '0')}`,
            type: 'clock.turned',
            source: 'clock',
            district: null,
            payload: { turn },
            occurredAt: new Date(),
            publishedAt: null,
          });
          if (turn === 1) throw new Error('the first run fails');
        },
      },
    ]),
  );
  await until(() => turn >= 3);
  // The first run's row was rolled back with it; later runs' rows are kept.
  const em = systemEm(m.orm);
  expect(
    await em.findOne(OutboxEventSchema, { id: '00000000-0000-7000-8000-000000000001' }),
  ).toBeNull();
  expect(
    await em.findOne(OutboxEventSchema, { id: '00000000-0000-7000-8000-000000000002' }),
  ).toMatchObject({ type: 'clock.turned' });
});
