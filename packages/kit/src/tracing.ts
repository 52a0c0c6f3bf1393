import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Settings } from './config.js';

/**
 * OpenTelemetry traces: gateway request → one span per subgraph fetch → the subgraph's request →
 * its SQL statements and Redis commands, joined by W3C `traceparent` headers.
 *
 * The spans are written here by hand rather than by the auto-instrumentations: those patch
 * modules as they are required, which under ESM (this project, under tsx and compiled) needs a
 * loader hook registered before anything is imported (`--import` with import-in-the-middle) in
 * every process and test runner, and silently records nothing when it is missed. The places
 * that matter are few and all in our code (the servers' request handlers, the gateway's one
 * subgraph fetch, knex's query events, the kit's Redis calls), so explicit spans are reliable
 * on every start path and cost nothing when tracing is off: nothing is registered then, the
 * API hands out its no-op tracer, and the helpers below return before touching it.
 */

const TRACER = 'cppcc';
let provider: BasicTracerProvider | undefined;

/** Whether this process records spans (TRACES_EXPORTER is not `none`, or a test exporter is set). */
export function tracingOn(): boolean {
  return provider !== undefined;
}

export interface TracingOptions {
  /** Sends spans here as each ends, whatever TRACES_EXPORTER says (tests: an InMemorySpanExporter). */
  spanExporter?: SpanExporter;
}

/**
 * Starts recording spans for this process as `role` (service.name unless OTEL_SERVICE_NAME says
 * otherwise) when TRACES_EXPORTER asks for it; does nothing with `none`. Call it once, before
 * serving: spans started earlier are not recorded.
 */
export function startTracing(
  settings: Pick<Settings, 'tracesExporter' | 'otlpEndpoint' | 'serviceName'>,
  role: string,
  options: TracingOptions = {},
): boolean {
  if (provider) return true;
  const processors: SpanProcessor[] = [];
  if (options.spanExporter) processors.push(new SimpleSpanProcessor(options.spanExporter));
  else if (settings.tracesExporter === 'console')
    processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  else if (settings.tracesExporter === 'otlp') {
    // Batched: a collector that is slow or away must not hold up requests.
    processors.push(
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${settings.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }),
      ),
    );
  }
  if (processors.length === 0) return false;
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName ?? role }),
    // Every request is traced, or none: given here so the SDK does not pick a sampler from
    // OTEL_TRACES_SAMPLER behind the settings module's back. Thin traffic out in the collector.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return true;
}

/**
 * Sends the spans still buffered and stops recording: for a process that is ending. Libraries
 * keep the tracer they were given when loaded (@apollo/gateway does), so tracing started again
 * in the same process would not reach them.
 */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  if (!stopping) return;
  provider = undefined;
  await stopping.forceFlush().catch(() => undefined);
  await stopping.shutdown().catch(() => undefined);
  trace.disable();
  propagation.disable();
  context.disable();
}

const tracer = () => trace.getTracer(TRACER);

/**
 * Runs a server's handling of one request inside a SERVER span that continues the caller's
 * trace (its `traceparent`), so every span started while handling it is its child. The span
 * ends when the response is sent (or the connection drops), with the status and operation name.
 */
export function traceRequest<T>(
  module: string,
  req: IncomingMessage,
  res: ServerResponse,
  describe: () => Attributes,
  handle: () => Promise<T>,
): Promise<T> {
  if (!provider) return handle();
  const parent = propagation.extract(context.active(), req.headers);
  const path = (req.url ?? '/').split('?')[0];
  const span = tracer().startSpan(
    `${req.method ?? 'GET'} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'cppcc.module': module,
        'http.request.method': req.method ?? 'GET',
        'url.path': path,
      },
    },
    parent,
  );
  const end = () => {
    span.setAttributes({ 'http.response.status_code': res.statusCode, ...describe() });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('close', end);
  return context.with(trace.setSpan(parent, span), handle);
}

/** Runs `work` in a span of its own, a child of whatever span is current; records a failure. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!provider) return work(undefined);
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The trace the current request belongs to, for its log lines (undefined with tracing off). */
export function currentTraceId(): string | undefined {
  if (!provider) return undefined;
  return trace.getSpan(context.active())?.spanContext().traceId;
}

/** Adds `traceparent` (and `tracestate`) for the current span to outgoing headers; with tracing off, the headers as they are. */
export function withTraceHeaders(headers: Record<string, string>): Record<string, string> {
  if (!provider) return headers;
  const out = { ...headers };
  propagation.inject(context.active(), out);
  return out;
}

/**
 * Like `inSpan`, but only under a current span (a request): work a process does on its own
 * timer (the bus's reads, the gateway's polling of plugin switches) would otherwise start a
 * trace of one span each, burying the traces that matter.
 */
export function inChildSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!provider || !trace.getSpan(context.active())) return work(undefined);
  return inSpan(name, kind, attributes, work);
}

/** A Redis command, as a CLIENT span under the current request. */
export function traceRedis<T>(command: string, work: () => Promise<T>): Promise<T> {
  return inChildSpan(
    `redis ${command}`,
    SpanKind.CLIENT,
    { 'db.system.name': 'redis', 'db.operation.name': command },
    work,
  );
}

interface KnexQuery {
  __knexQueryUid?: string;
  sql?: string;
  method?: string;
}

interface KnexEvents {
  on(event: 'query', listener: (query: KnexQuery) => void): unknown;
  on(event: 'query-response', listener: (response: unknown, query: KnexQuery) => void): unknown;
  on(event: 'query-error', listener: (error: Error, query: KnexQuery) => void): unknown;
}

/**
 * A CLIENT span per SQL statement, from knex's query events (both drivers, PostgreSQL and
 * SQLite/libSQL, run their SQL through knex under MikroORM). Only statements run under a
 * request are traced: the outbox relay and the consumers poll on their own, and a root span per
 * poll would bury the traces that matter. The statement text is recorded (it carries `?`
 * placeholders, never the values).
 */
export function traceSql(knex: KnexEvents, system: 'postgresql' | 'sqlite', module: string): void {
  const open = new Map<string, Span>();
  knex.on('query', (query) => {
    if (!provider || !query.__knexQueryUid || !trace.getSpan(context.active())) return;
    // MikroORM hands knex finished SQL (`raw`), so the statement's first word names it.
    const operation = (query.sql?.trim().split(/\s+/)[0] || query.method || 'query').toLowerCase();
    open.set(
      query.__knexQueryUid,
      tracer().startSpan(`${operation} ${module}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'cppcc.module': module,
          'db.system.name': system,
          'db.operation.name': operation,
          'db.query.text': (query.sql ?? '').slice(0, 2000),
        },
      }),
    );
  });
  const finish = (query: KnexQuery, error?: Error) => {
    const span = query.__knexQueryUid ? open.get(query.__knexQueryUid) : undefined;
    if (!span) return;
    open.delete(query.__knexQueryUid!);
    if (error) {
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    span.end();
  };
  knex.on('query-response', (_response, query) => finish(query));
  knex.on('query-error', (error, query) => finish(query, error));
}

export { SpanKind, SpanStatusCode };
