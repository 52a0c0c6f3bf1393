import {
  ErrorCode,
  inSpan,
  isMutation,
  SpanKind,
  SpanStatusCode,
  tracingOn,
  withTraceHeaders,
  type Logger,
  type Settings,
} from '@cppcc/kit';
import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { Kind, parse, type FieldNode, type SelectionSetNode } from 'graphql';
import { Agent } from 'undici';

export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string> | Iterable<[string, string]>;
  body?: string | Buffer | null;
  signal?: AbortSignal | null;
}

/** Signs one outgoing call (a proof is good for one call, so a retry is signed again). */
export type Sign = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) => { headers?: unknown };

/**
 * A subgraph's answer, as much of a fetch Response as both engines read (status, headers,
 * text/json; a stream only for event streams and multipart answers).
 */
export interface SubgraphResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: AnswerHeaders;
  readonly body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface SubgraphFetch {
  (url: string, init?: SubgraphRequestInit, sign?: Sign): Promise<SubgraphResponse>;
  close(): Promise<void>;
}

type RawHeaders = Record<string, string | string[] | undefined>;

/** The read-only part of fetch's Headers, over the plain object undici's request gives. */
class AnswerHeaders {
  constructor(private raw: RawHeaders) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const v = this.get(name);
      if (v !== null) yield [name, v];
    }
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  forEach(each: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) each(value, name);
  }
}

/** An answer read whole (JSON, the usual case) or left a stream (SSE, multipart). */
class Answer implements SubgraphResponse {
  readonly headers: AnswerHeaders;
  private stream: Readable | null;
  private webStream: ReadableStream<Uint8Array> | null = null;
  constructor(
    readonly url: string,
    readonly status: number,
    raw: RawHeaders,
    private whole: string | null,
    stream: Readable | null = null,
  ) {
    this.headers = new AnswerHeaders(raw);
    this.stream = stream;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream && !this.webStream)
      this.webStream = Readable.toWeb(this.stream) as ReadableStream<Uint8Array>;
    return this.webStream;
  }
  async text(): Promise<string> {
    if (this.whole !== null) return this.whole;
    return new Response(this.body).text();
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

/** Answers streamed to the engine as they come: everything else is read whole here. */
const STREAMED = /text\/event-stream|multipart\/mixed/;

/** What a socket error looks like when the peer closed a connection under a request. */
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function causeCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (err as { code?: string })?.code ?? (err as Error)?.name ?? 'unknown';
}

function responseKeys(selections: SelectionSetNode | undefined): string[] {
  return (selections?.selections ?? [])
    .filter((s): s is FieldNode => s.kind === Kind.FIELD)
    .map((f) => f.alias?.value ?? f.name.value);
}

/**
 * Where the missing data belongs, in the subgraph operation's own terms, so that the engine
 * puts the error on the client's fields: each root field, or each entity of an `_entities` call
 * and the fields asked of it (the engine maps `_entities[i]` to the entity's place in the answer).
 */
export function failurePaths(body: unknown): (string | number)[][] {
  const { query, variables } = (body ?? {}) as {
    query?: unknown;
    variables?: { representations?: unknown[] };
  };
  if (typeof query !== 'string') return [];
  let roots: FieldNode[];
  try {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    roots = (
      operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections : []
    ).filter((s): s is FieldNode => s.kind === Kind.FIELD);
  } catch {
    return [];
  }
  const entities = roots.find((r) => r.name.value === '_entities');
  if (entities && Array.isArray(variables?.representations)) {
    const fields = (entities.selectionSet?.selections ?? []).flatMap((s) =>
      s.kind === Kind.INLINE_FRAGMENT ? responseKeys(s.selectionSet) : [],
    );
    const named = fields.filter((f) => f !== '__typename');
    return variables.representations.flatMap((_, i) =>
      named.length > 0 ? named.map((f) => ['_entities', i, f]) : [['_entities', i]],
    );
  }
  return roots.map((r) => [r.alias?.value ?? r.name.value]);
}

/** An answer in the subgraph's own shape saying its fields could not be had, and why (no address in it). */
function failed(code: string, subgraph: string, body: unknown): SubgraphResponse {
  const message =
    code === ErrorCode.SUBGRAPH_TIMEOUT
      ? `the ${subgraph} service did not answer in time; its fields are missing from this answer`
      : `the ${subgraph} service is unavailable; its fields are missing from this answer`;
  const paths = failurePaths(body);
  const errors = (paths.length > 0 ? paths : [undefined]).map((path) => ({
    message,
    ...(path ? { path } : {}),
    extensions: { code, subgraph },
  }));
  return new Answer(
    '',
    200,
    { 'content-type': 'application/json' },
    JSON.stringify({ data: null, errors }),
  );
}

function headerRecord(headers: SubgraphRequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (Symbol.iterator in headers) return Object.fromEntries(headers as Iterable<[string, string]>);
  return headers as Record<string, string>;
}

/**
 * The gateway's calls to subgraphs, for either engine: keep-alive sockets dropped after
 * `subgraphIdleSocketMs` idle (below the subgraphs' keep-alive timeout, so a socket the subgraph
 * closed is never picked), a timeout per call, one retry of a query (never a mutation, which may
 * have committed) when the connection was reset under it, and one retry of any operation that a
 * stopping subgraph refused with 503 (it ran nothing). A call that still fails answers with
 * SUBGRAPH_UNAVAILABLE / SUBGRAPH_TIMEOUT on the paths it would have filled; the log keeps the URL.
 */
export function subgraphFetch(
  settings: Settings,
  log: Logger,
  nameOf: (url: string) => string,
): SubgraphFetch {
  const agent = new Agent({
    keepAliveTimeout: settings.subgraphIdleSocketMs,
    keepAliveMaxTimeout: settings.subgraphIdleSocketMs,
    connect: { timeout: Math.min(settings.subgraphTimeoutMs, 5_000) },
  });

  // The subgraphs' few URLs, parsed once.
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const u = new URL(url);
      target = { origin: u.origin, path: `${u.pathname}${u.search}` };
      targets.set(url, target);
    }
    return target;
  };

  const call = async (
    url: string,
    init: SubgraphRequestInit = {},
    sign?: Sign,
  ): Promise<SubgraphResponse> => {
    const given = headerRecord(init.headers);
    const text =
      typeof init.body === 'string'
        ? init.body
        : init.body
          ? init.body.toString('utf8')
          : undefined;
    // The body is read only when a call fails (or is traced): what the error paths and the
    // retry rule need. Parsing every call's body cost more than the call's own bookkeeping.
    let parsed: { body: unknown } | undefined;
    const bodyOf = () => {
      if (!parsed) {
        try {
          parsed = { body: text ? JSON.parse(text) : undefined };
        } catch {
          parsed = { body: undefined };
        }
      }
      return parsed.body;
    };
    const mutation = () => isMutation(bodyOf());
    const subgraph = nameOf(url);
    const requestId = given['x-request-id'];
    const target = targetOf(url);
    // One CLIENT span per call (retries included), whichever engine planned it; its traceparent
    // goes on each attempt, after signing: the proof binds audience, method, path and body, not
    // the other headers, so the header changes nothing the subgraph verifies.
    return inSpan(
      `POST ${subgraph}`,
      SpanKind.CLIENT,
      tracingOn()
        ? {
            'cppcc.subgraph': subgraph,
            'http.request.method': init.method ?? 'POST',
            'url.full': url,
            'graphql.operation.type': mutation() ? 'mutation' : 'query',
          }
        : {},
      async (span) => {
        const fail = (code: string) => {
          span?.setStatus({ code: SpanStatusCode.ERROR, message: code });
          return failed(code, subgraph, bodyOf());
        };
        for (let attempt = 1; ; attempt += 1) {
          span?.setAttribute('cppcc.attempts', attempt);
          const signed =
            attempt > 1 && sign
              ? headerRecord(
                  sign(url, { method: init.method ?? 'POST', headers: given, body: text })
                    .headers as Record<string, string>,
                )
              : given;
          const headers = withTraceHeaders(signed);
          const timeout = AbortSignal.timeout(settings.subgraphTimeoutMs);
          const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
          try {
            // undici's request, not its fetch: the engines read status, headers and the text,
            // and fetch's web streams and objects around that cost more than the HTTP itself.
            const response = await agent.request({
              origin: target.origin,
              path: target.path,
              method: (init.method ?? 'POST') as 'POST',
              headers,
              body: text,
              signal,
            });
            const status = response.statusCode;
            if (status === 503 && attempt === 1) {
              // A stopping subgraph refuses before it runs anything: safe to send again, to a replica or the restarted one.
              await response.body.dump();
              log.info(
                { subgraph, url, requestId },
                'subgraph is stopping (503); sending the call again',
              );
              continue;
            }
            if (status === 503) {
              await response.body.dump();
              log.warn({ subgraph, url, requestId }, 'subgraph call refused: stopping');
              return fail(ErrorCode.SUBGRAPH_UNAVAILABLE);
            }
            span?.setAttribute('http.response.status_code', status);
            const type = response.headers['content-type'];
            if (STREAMED.test(Array.isArray(type) ? type.join(',') : (type ?? '')))
              return new Answer(url, status, response.headers, null, response.body);
            // Read whole here, within the call's timeout and its retry on a reset.
            return new Answer(url, status, response.headers, await response.body.text());
          } catch (err) {
            const code = causeCode(err);
            if (timeout.aborted) {
              log.warn(
                { subgraph, url, requestId, timeoutMs: settings.subgraphTimeoutMs },
                'subgraph call timed out',
              );
              return fail(ErrorCode.SUBGRAPH_TIMEOUT);
            }
            if (init.signal?.aborted) throw err;
            if (attempt === 1 && RESET.has(code) && !mutation()) {
              log.info(
                { subgraph, url, requestId, cause: code },
                'subgraph connection reset; sending the query again',
              );
              continue;
            }
            log.warn(
              { subgraph, url, requestId, cause: code, mutation: mutation(), attempt },
              'subgraph call failed',
            );
            return fail(ErrorCode.SUBGRAPH_UNAVAILABLE);
          }
        }
      },
    );
  };
  return Object.assign(call, {
    close: () => agent.close(),
  });
}
