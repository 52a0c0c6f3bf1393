import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMetrics, subscribeReportingLag } from '../metrics.js';
import type { BusEvent, Transport } from './event.js';
import { redisTransport } from './redis.js';

const url = process.env.REDIS_URL;

function lagOf(metrics: string, group: string): number | undefined {
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`cppcc_consumer_lag{group="${group}"}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const event = (n: number): BusEvent => ({
  id: randomUUID(),
  type: 'test.lagged',
  source: 'test',
  district: null,
  occurredAt: new Date().toISOString(),
  payload: { n },
});

describe.runIf(!!url)('consumer lag on /metrics (Redis Streams)', () => {
  const stream = `test:lag:${randomUUID()}`;
  const group = `lag-${randomUUID().slice(0, 8)}`;
  let transport: Transport;
  let server: http.Server;
  let metricsUrl: string;
  const scrape = async () => (await fetch(metricsUrl)).text();

  beforeAll(async () => {
    transport = await redisTransport({ url: url!, stream, blockMs: 50 });
    server = http.createServer((_req, res) => void serveMetrics(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    metricsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });

  afterAll(async () => {
    await transport?.close();
    await new Promise((resolve) => server?.close(resolve));
    const client = createClient({ url });
    await client.connect();
    await client.del(stream);
    await client.close();
  });

  it('reports the events a slow group has not been handed yet, and 0 once it caught up', async () => {
    // The consumer takes 50 events a read; holding the first batch leaves the rest undelivered.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let handled = 0;
    const subscription = await subscribeReportingLag(transport, {
      group,
      consumer: 'slow',
      handle: async (events) => {
        await held;
        handled += events.length;
      },
    });
    try {
      await transport.publish(Array.from({ length: 120 }, (_, n) => event(n)));
      await until(async () => lagOf(await scrape(), group) === 70, 'a lag of 70 on /metrics');
      release();
      await until(async () => handled === 120, 'the group to handle all 120 events');
      await until(async () => lagOf(await scrape(), group) === 0, 'a lag of 0 on /metrics');
    } finally {
      release();
      await subscription.stop();
    }
    // A stopped subscription is no longer reported.
    expect(lagOf(await scrape(), group)).toBeUndefined();
  });
});
