import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from './config.js';
import {
  currentTraceId,
  inChildSpan,
  inSpan,
  SpanKind,
  startTracing,
  stopTracing,
  tracingOn,
  withTraceHeaders,
} from './tracing.js';

/** A stand-in OTLP/HTTP collector: it keeps what the exporter posts to /v1/traces. */
interface Received {
  path: string;
  contentType: string;
  body: string;
}

describe('TRACES_EXPORTER=otlp', () => {
  const received: Received[] = [];
  let collector: http.Server;
  let endpoint: string;

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          contentType: String(req.headers['content-type']),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stopTracing();
    await new Promise((resolve) => collector.close(resolve));
  });

  it('sends the spans to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT, as OTEL_SERVICE_NAME', async () => {
    const settings = readSettings({
      TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'members-eu-1',
    });
    expect(tracingOn()).toBe(false);
    // Off until started: no header, no span.
    expect(withTraceHeaders({ a: '1' })).toEqual({ a: '1' });
    expect(startTracing(settings, 'members')).toBe(true);

    let traceparent = '';
    expect(currentTraceId()).toBeUndefined();
    await inSpan('POST /graphql', SpanKind.SERVER, { 'cppcc.module': 'members' }, async () => {
      traceparent = withTraceHeaders({}).traceparent;
      // The id the access log carries is the trace's.
      expect(traceparent.split('-')[1]).toBe(currentTraceId());
      await inChildSpan('redis SET', SpanKind.CLIENT, {}, async () => undefined);
    });
    // Outside any request a child span is not started (timers and pollers would each make a trace).
    await inChildSpan('redis EVAL', SpanKind.CLIENT, {}, async () => undefined);
    // Batched: stopping flushes what is buffered.
    await stopTracing();

    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const posts = received.filter((r) => r.path === '/v1/traces');
    expect(posts.length).toBeGreaterThan(0);
    const text = posts.map((p) => p.body).join('\n');
    expect(text).toContain('members-eu-1');
    expect(text).toContain('POST /graphql');
    expect(text).toContain('redis SET');
    expect(text).not.toContain('redis EVAL');
    // The span the header named is the one the collector got.
    expect(text).toContain(traceparent.split('-')[1]);
  });
});
