import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ENGINES, FIRST_QUERY } from '@cppcc/gateway';
import { processSettings, startTracing, stopTracing, tracingOn } from '@cppcc/kit';
import { databases } from '@cppcc/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, type Stack } from './harness.js';

/**
 * The README's first query, traced end to end in one process (the harness runs the gateway and
 * every module together, so one in-memory exporter sees all their spans): one trace from the
 * gateway's request through a fetch span per subgraph the plan touches, each subgraph's request
 * span a child of its fetch, and the SQL (and, with Redis, the proof's nonce) under those.
 */

/** What each module's server received, seen by Node itself as requests arrive. */
interface Received {
  port: number;
  headers: IncomingMessage['headers'];
}
const received: Received[] = [];
const onRequest = (message: unknown) => {
  const { request, server } = message as { request: IncomingMessage; server: Server };
  const address = server.address() as AddressInfo | null;
  if (address && request.url?.startsWith('/graphql'))
    received.push({ port: address.port, headers: { ...request.headers } });
};

/** The subgraphs' requests: those that arrived on a module's port (not the gateway's). */
function subgraphRequests(stack: Stack): (Received & { module: string })[] {
  const byPort = new Map(
    [...stack.modules].map(([name, m]) => [Number(new URL(m.url).port), name]),
  );
  return received
    .filter((r) => byPort.has(r.port))
    .map((r) => ({ ...r, module: byPort.get(r.port)! }));
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

function descendsFrom(span: ReadableSpan, ancestor: ReadableSpan, trace: ReadableSpan[]): boolean {
  const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
  for (let at: ReadableSpan | undefined = span; at; at = byId.get(parentOf(at) ?? ''))
    if (at === ancestor) return true;
  return false;
}

// The database the CI run uses (PostgreSQL where DATABASE_URL is set), and Redis for the proofs' nonces where REDIS_URL is.
const database = databases().at(-1)!;
const redisUrl = processSettings().redisUrl;

beforeAll(() => diagnostics.subscribe('http.server.request.start', onRequest));
afterAll(() => diagnostics.unsubscribe('http.server.request.start', onRequest));
afterEach(() => void received.splice(0));

describe.each(ENGINES)('tracing off (the default), %s engine', (engine) => {
  let stack: Stack;
  beforeAll(async () => {
    expect(settings.tracesExporter).toBe('none');
    expect(startTracing(settings, 'gateway')).toBe(false);
    // SQLite: what is checked here is the headers, whatever the database.
    stack = await startStack({ engine });
  }, 300_000);
  afterAll(async () => stack?.stop(), 120_000);

  it("records nothing and sends no traceparent to the subgraphs, not even the client's", async () => {
    received.splice(0);
    const { status, body } = await stack.post(
      { query: FIRST_QUERY },
      { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(tracingOn()).toBe(false);
    const calls = subgraphRequests(stack);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const call of calls) {
      expect(call.headers.traceparent).toBeUndefined();
      expect(call.headers.tracestate).toBeUndefined();
    }
  });
});

describe('tracing on', () => {
  // Started once for both engines: a tracer provider is registered for the life of a process
  // (libraries such as @apollo/gateway keep the tracer they got when loaded), as in production.
  const exporter = new InMemorySpanExporter();
  beforeAll(() =>
    expect(startTracing(settings, 'cppcc-test', { spanExporter: exporter })).toBe(true),
  );
  afterAll(stopTracing);

  describe.each(ENGINES)('the README query traced through the %s engine', (engine) => {
    let stack: Stack;
    beforeAll(async () => {
      // PostgreSQL and seeding: minutes on a loaded 2-core machine.
      stack = await startStack({ engine, databaseUrl: database.url, settings: { redisUrl } });
    }, 300_000);
    afterAll(async () => stack?.stop(), 120_000);

    it('is one trace: gateway request → a fetch per subgraph → each subgraph request → its SQL', async () => {
      exporter.reset();
      received.splice(0);
      const { status, body } = await stack.post<{
        district: { members: { nodes: unknown[] } };
      }>({ query: FIRST_QUERY });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.district.members.nodes).toHaveLength(3);
      // Server spans end when their response has gone out; give the last one a moment.
      await expect
        .poll(
          () =>
            exporter
              .getFinishedSpans()
              .filter(
                (s) => s.kind === SpanKind.SERVER && s.attributes['cppcc.module'] === 'gateway',
              ).length,
        )
        .toBe(1);

      const spans = exporter.getFinishedSpans();
      const root = spans.find(
        (s) => s.kind === SpanKind.SERVER && s.attributes['cppcc.module'] === 'gateway',
      )!;
      expect(root.name).toBe('POST /graphql');
      expect(parentOf(root)).toBeUndefined();
      expect(root.attributes['graphql.operation.name']).toBe('FirstLook');
      expect(root.attributes['http.response.status_code']).toBe(200);
      const traceId = root.spanContext().traceId;
      const trace = spans.filter((s) => s.spanContext().traceId === traceId);

      // Every subgraph call of this request, as the subgraphs received it.
      const calls = subgraphRequests(stack);
      const modules = new Set(calls.map((c) => c.module));
      // The README query reads a district (organization), its members, their proposals and consultations.
      for (const module of ['organization', 'members', 'proposals', 'consultation'])
        expect(modules).toContain(module);

      const fetches = trace.filter(
        (s) => s.kind === SpanKind.CLIENT && s.attributes['cppcc.subgraph'] !== undefined,
      );
      expect(fetches.length).toBe(calls.length);
      for (const call of calls) {
        // W3C traceparent: version-traceid-spanid-flags; the span id is the gateway's fetch span.
        const [version, callTrace, callParent, flags] = String(call.headers.traceparent).split('-');
        expect([version, callTrace, flags]).toEqual(['00', traceId, '01']);
        const fetch = fetches.find((s) => s.spanContext().spanId === callParent);
        expect(fetch, `the fetch span behind a call to ${call.module}`).toBeDefined();
        expect(fetch!.attributes['cppcc.subgraph']).toBe(call.module);
        // Under the request span: directly (Hive), or beneath @apollo/gateway's own plan/execute/fetch spans, which it writes to the same API.
        expect(descendsFrom(fetch!, root, trace)).toBe(true);
        const served = trace.find((s) => s.kind === SpanKind.SERVER && parentOf(s) === callParent);
        expect(served, `${call.module}'s request span under its fetch`).toBeDefined();
        expect(served!.attributes['cppcc.module']).toBe(call.module);
      }
      for (const module of modules)
        expect(fetches.some((f) => f.attributes['cppcc.subgraph'] === module)).toBe(true);

      // SQL under the subgraphs' request spans (directly, or under a span of their own beneath them).
      const servedIds = new Set(
        trace
          .filter((s) => s.kind === SpanKind.SERVER && s.attributes['cppcc.module'] !== 'gateway')
          .map((s) => s.spanContext().spanId),
      );
      const sql = trace.filter(
        (s) => s.attributes['db.system.name'] === (database.url ? 'postgresql' : 'sqlite'),
      );
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.some((s) => servedIds.has(parentOf(s)!))).toBe(true);
      for (const s of sql) {
        expect(s.name).toBe(`${s.attributes['db.operation.name']} ${s.attributes['cppcc.module']}`);
        expect(
          String(s.attributes['db.query.text'])
            .toLowerCase()
            .startsWith(String(s.attributes['db.operation.name'])),
        ).toBe(true);
      }
      // The README query only reads.
      expect(new Set(sql.map((s) => s.attributes['db.operation.name']))).toEqual(
        new Set(['select']),
      );
      const sqlModules = new Set(sql.map((s) => s.attributes['cppcc.module']));
      for (const module of ['members', 'proposals']) expect(sqlModules).toContain(module);

      if (redisUrl) {
        // Each subgraph spends the proof's nonce in Redis under its request span.
        const nonces = trace.filter((s) => s.name === 'redis SET');
        expect(nonces.length).toBe(calls.length);
        for (const n of nonces) expect(servedIds.has(parentOf(n)!)).toBe(true);
      }
      // Nothing of this request escaped into another trace.
      const strays = spans.filter(
        (s) =>
          s.spanContext().traceId !== traceId &&
          (s.attributes['cppcc.subgraph'] !== undefined || s.kind === SpanKind.SERVER),
      );
      expect(strays).toEqual([]);
    });

    it('continues a trace the client started', async () => {
      exporter.reset();
      const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
      const { status } = await stack.post(
        { query: '{ __typename }' },
        { headers: { traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` } },
      );
      expect(status).toBe(200);
      await expect
        .poll(() => exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER).length)
        .toBeGreaterThan(0);
      const root = exporter
        .getFinishedSpans()
        .find((s) => s.kind === SpanKind.SERVER && s.attributes['cppcc.module'] === 'gateway')!;
      expect(root.spanContext().traceId).toBe(clientTrace);
      expect(parentOf(root)).toBe('00f067aa0ba902b7');
    });
  });
});
