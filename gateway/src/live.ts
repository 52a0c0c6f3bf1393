import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  GraphQLError,
  parse,
  print,
  validate,
  visit,
} from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import {
  type BusEvent,
  comparePositions,
  ErrorCode,
  fromGlobalId,
  readBody,
  type Transport,
} from '@cppcc/kit';

type Logger = { warn: (message: string) => void };

/**
 * What feeds each live field (kit `liveField`, declared by the subgraph that owns the type):
 * the bus events that mean the record changed, which record an event names, and the query
 * field that shows that record. A change is delivered by running the subscriber's own selection
 * on that query field, as the subscriber, through this gateway: visibility is exactly the
 * query's (a record the subscriber may not see yields nothing), and no subgraph needs to know
 * about subscriptions. Written here rather than with an engine's subscription support because
 * neither engine's reaches our bus, and the stock router must be able to front the subgraphs.
 */
export const LIVE_FIELDS: Record<
  string,
  { events: string[]; record: (event: BusEvent) => string | undefined; query: string; arg: string }
> = {
  proposalChanged: {
    events: ['proposal.registered'],
    record: (e) => str(e.payload.proposalId),
    query: 'proposal',
    arg: 'id',
  },
  opinionItemAdopted: {
    events: ['opinion_item.adopted'],
    record: (e) => str(e.payload.itemId),
    query: 'opinionItem',
    arg: 'id',
  },
  consultationActivityChanged: {
    events: ['consultation_activity.registered'],
    record: (e) => str(e.payload.activityId),
    query: 'consultationActivity',
    arg: 'id',
  },
  // The inbox (platform): the caller's work on one record changed; `inboxChange` answers null
  // to anyone it does not wait for, or did not before.
  inboxChanged: {
    events: ['inbox.changed'],
    record: (e) => str(e.payload.id),
    query: 'inboxChange',
    arg: 'id',
  },
  pluginSwitched: {
    events: ['plugin.switched'],
    record: (e) => str(e.payload.district),
    query: 'district',
    arg: 'code',
  },
};

const str = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

const JSON_TYPE = 'application/graphql-response+json; charset=utf-8';

/** Events a slow subscriber may have waiting before it is ended (it resumes with `after`). */
const QUEUE_LIMIT = 1_000;
/** Records whose last view a subscriber remembers, so a repeated view is not sent again. */
const SENT_LIMIT = 1_000;
/** Events replayed per read when a subscriber resumes. */
const REPLAY_BATCH = 500;

type Listener = (event: BusEvent, position: string) => void;

/** One tail of the bus per gateway, fanned out to its subscribers. */
class LiveHub {
  private listeners = new Set<Listener>();
  private tail: Promise<{ stop(): Promise<void> }> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly log: Logger,
  ) {}

  async listen(listener: Listener): Promise<() => void> {
    this.tail ??= this.transport.tail(
      (event, position) => {
        for (const l of this.listeners) l(event, position);
      },
      () => this.log.warn('live updates: the bus tail reconnected; events in between may be late'),
    );
    await this.tail;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  history(after: string, limit: number) {
    return this.transport.history(after, limit);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    const tail = this.tail;
    this.tail = undefined;
    if (tail !== undefined) await (await tail).stop();
  }
}

/** What a live operation runs with: the subscriber's own headers, for its re-queries. */
export type LiveContext = {
  headers: Record<string, string>;
};

export type Requery = (
  headers: Record<string, string>,
  body: { query: string; variables: Record<string, unknown>; operationName?: string },
  /** The bus position the re-query shows: subscribers asking the same thing of it share one. */
  position?: string,
) => Promise<{ status: number; body: ExecutionResult }>;

/** How long a re-query's answer is shared with other subscribers of the same change. */
const SHARE_MS = 5_000;

/**
 * Subscribers with the same headers (the same caller), document and variables see the same
 * thing of one change: one re-query answers them all. A public portal's thousand anonymous
 * subscribers cost one query per change, not a thousand.
 */
export function sharedRequery(requery: Requery): Requery {
  const answers = new Map<string, { at: number; answer: ReturnType<Requery> }>();
  return (headers, body, position) => {
    if (position === undefined) return requery(headers, body);
    const now = Date.now();
    for (const [key, entry] of answers) {
      if (now - entry.at <= SHARE_MS) break;
      answers.delete(key);
    }
    const key = JSON.stringify([position, headers, body]);
    const shared = answers.get(key);
    if (shared) return shared.answer;
    const answer = requery(headers, body);
    answers.set(key, { at: now, answer });
    answer.catch(() => answers.delete(key));
    return answer;
  };
}

const FORWARDED = ['authorization', 'x-cppcc-district', 'accept-language'];

export function forwardedHeaders(headers: IncomingHttpHeaders | Record<string, unknown>) {
  const out: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = headers[name];
    if (typeof value === 'string' && value) out[name] = value;
  }
  return out;
}

/**
 * The query that shows a subscriber one change: the subscription's selection under the query
 * field, for the record the event names (variable `$liveRecord`), keeping the subscriber's
 * alias, fragments and the variables the selection still uses.
 */
export function requeryDocument(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  field: FieldNode,
  spec: { query: string; arg: string },
): string {
  const root: FieldNode = {
    ...field,
    alias: field.alias ?? { kind: Kind.NAME, value: field.name.value },
    name: { kind: Kind.NAME, value: spec.query },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: spec.arg },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'liveRecord' } },
      },
    ],
  };
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const used = new Set<string>();
  for (const node of [root.selectionSet, ...fragments])
    if (node)
      visit(node, {
        Variable: (v) => {
          used.add(v.name.value);
        },
      });
  const query: OperationDefinitionNode = {
    ...operation,
    operation: 'query' as OperationDefinitionNode['operation'],
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'liveRecord' } },
        type: {
          kind: Kind.NON_NULL_TYPE,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } },
        },
      },
    ],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [root] },
  };
  return print({ kind: Kind.DOCUMENT, definitions: [query, ...fragments] });
}

/** Parse and validation errors, with the codes a POST gets for them. */
export function checkDocument(schema: GraphQLSchema, query: unknown): GraphQLError[] {
  if (typeof query !== 'string' || !query)
    return [
      new GraphQLError('query: a GraphQL document is required', {
        extensions: { code: ErrorCode.BAD_REQUEST },
      }),
    ];
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (err) {
    return [
      new GraphQLError((err as GraphQLError).message, {
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ];
  }
  return validate(schema, document).map(
    (e) =>
      new GraphQLError(e.message, {
        nodes: e.nodes,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
  );
}

function failure(code: string, message: string): ExecutionResult {
  return {
    errors: [{ message, extensions: { code } }] as unknown as ExecutionResult['errors'],
  };
}

/**
 * Runs one operation that arrived over SSE or WebSocket: a subscription as a stream of changes,
 * anything else once, through the gateway as a POST would.
 */
async function* run(
  args: ExecutionArgs,
  hub: LiveHub,
  requery: Requery,
  signal: AbortSignal,
): AsyncGenerator<ExecutionResult> {
  const ctx = args.contextValue as LiveContext;
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return yield failure(ErrorCode.BAD_REQUEST, 'no operation to run');
  if (operation.operation !== 'subscription') {
    const answer = await requery(ctx.headers, {
      query: print(args.document),
      variables,
      ...(args.operationName ? { operationName: args.operationName } : {}),
    });
    return yield answer.body;
  }
  const field = operation.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1)
    return yield failure(ErrorCode.BAD_REQUEST, 'a subscription selects exactly one field');
  const spec = LIVE_FIELDS[field.name.value];
  if (!spec)
    return yield failure(ErrorCode.BAD_REQUEST, `${field.name.value}: not a live field here`);
  const argument = (name: string) => {
    const node = field.arguments?.find((a) => a.name.value === name)?.value;
    if (!node) return undefined;
    if (node.kind === Kind.VARIABLE) return str(variables[node.name.value]);
    return node.kind === Kind.STRING || node.kind === Kind.INT ? node.value : undefined;
  };
  // Events name records by their key; a subscriber names one by its global id (or, for one
  // release, its bare key).
  const wantedId = argument('id');
  const only = {
    id: wantedId === undefined ? undefined : (fromGlobalId(wantedId)?.key ?? wantedId),
    district: argument('district'),
  };
  const after = argument('after');
  const key = field.alias?.value ?? field.name.value;
  const text = requeryDocument(args.document, operation, field, spec);
  const wanted = (event: BusEvent) => {
    if (!spec.events.includes(event.type)) return undefined;
    const record = spec.record(event);
    if (!record || (only.id !== undefined && record !== only.id)) return undefined;
    const district = event.district ?? str(event.payload.district);
    if (only.district !== undefined && district !== only.district) return undefined;
    return record;
  };

  /** What this subscriber was last sent of each record (the newest records kept). */
  const sent = new Map<string, string>();
  // Listen first, then replay what the subscriber missed: nothing falls between the two.
  const queue: { event: BusEvent; position: string }[] = [];
  let wake: (() => void) | undefined;
  let overflow = false;
  const unlisten = await hub.listen((event, position) => {
    if (!wanted(event)) return;
    if (queue.length >= QUEUE_LIMIT) overflow = true;
    else queue.push({ event, position });
    wake?.();
  });
  try {
    let last = after;
    if (after !== undefined) {
      for (;;) {
        const { events, gone } = await hub.history(last!, REPLAY_BATCH);
        if (gone)
          return yield failure(
            ErrorCode.CURSOR_EXPIRED,
            `after: changes since ${after} are no longer kept; read the records again and subscribe without after`,
          );
        for (const { event, position } of events) {
          last = position;
          const record = wanted(event);
          if (record) {
            const result = await show(record, position);
            if (result === 'end') return;
            if (result) yield result;
          }
        }
        if (events.length < REPLAY_BATCH) break;
      }
    }
    const aborted = () => wake?.();
    signal.addEventListener('abort', aborted);
    for (;;) {
      if (signal.aborted) return;
      if (overflow)
        return yield failure(
          ErrorCode.SUBSCRIBER_TOO_SLOW,
          `more than ${QUEUE_LIMIT} changes waited for this subscriber; resubscribe with after set to the last cursor received`,
        );
      const next = queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      // Already sent by the replay.
      if (last !== undefined && comparePositions(next.position, last) <= 0) continue;
      last = next.position;
      const result = await show(wanted(next.event)!, next.position);
      if (result === 'end') return;
      if (result) yield result;
    }
  } finally {
    unlisten();
  }

  /** The record as the subscriber may see it, or nothing; 'end' when its token no longer holds. */
  async function show(record: string, position: string): Promise<ExecutionResult | 'end' | null> {
    const answer = await requery(
      ctx.headers,
      {
        query: text,
        variables: { ...variables, liveRecord: record },
        ...(operation!.name ? { operationName: operation!.name.value } : {}),
      },
      position,
    );
    if (answer.status === 401) return 'end';
    const value = (answer.body.data as Record<string, unknown> | null | undefined)?.[key];
    if (value === null || value === undefined) return null;
    // The record as it now stands: an earlier event re-queried late shows what a later one will,
    // so the same view is sent once.
    const seen = JSON.stringify(value);
    if (sent.get(record) === seen) return null;
    sent.delete(record);
    sent.set(record, seen);
    if (sent.size > SENT_LIMIT) sent.delete(sent.keys().next().value!);
    return { data: { [key]: value }, extensions: { cursor: position } };
  }
}

export interface Live {
  /** Serves a GraphQL-over-SSE request (the caller already identified by the gateway). */
  serveSse(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** graphql-ws on the server's /graphql (WebSocket upgrade). */
  attach(server: Server, authorize: (headers: Record<string, string>) => Promise<boolean>): void;
  readonly subscribers: number;
  stop(): Promise<void>;
}

export function createLive(options: {
  transport: Transport;
  schema: () => GraphQLSchema;
  requery: Requery;
  log: Logger;
  maxBodyBytes: number;
}): Live {
  const hub = new LiveHub(options.transport, options.log);
  const requery = sharedRequery(options.requery);
  const streams = new Set<AbortController>();
  /** A stream whose `return` (client gone, gateway stopping) also wakes it from its wait. */
  const start = (args: ExecutionArgs): AsyncGenerator<ExecutionResult> => {
    const controller = new AbortController();
    streams.add(controller);
    const stream = run(args, hub, requery, controller.signal);
    const end = () => {
      controller.abort();
      streams.delete(controller);
    };
    return {
      next: async () => {
        const step = await stream.next();
        if (step.done) end();
        return step;
      },
      return: (value) => {
        end();
        return stream.return(value);
      },
      throw: (err) => {
        end();
        return stream.throw(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  };

  const sse = createSseHandler<IncomingMessage, undefined, LiveContext>({
    schema: () => options.schema(),
    // Distinct connections only: each subscription is its own request, identified like any other.
    authenticate: () => null,
    context: (req) => ({ headers: forwardedHeaders(req.raw.headers) }),
    // A document that does not parse or validate is a 400 with the codes a POST gets.
    onSubscribe: (_req, params) => {
      const errors = checkDocument(options.schema(), params.query);
      if (errors.length === 0) return;
      return [
        JSON.stringify({ errors: errors.map((e) => e.toJSON()) }),
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': JSON_TYPE } },
      ];
    },
    execute: start,
    subscribe: start,
  });

  const wss = new WebSocketServer({ noServer: true });
  return {
    async serveSse(req, res) {
      const [body, init] = await sse({
        method: req.method ?? 'GET',
        url: req.url ?? '/graphql',
        headers: { get: (name) => (req.headers[name.toLowerCase()] as string | undefined) ?? null },
        body: () => readBody(req, options.maxBodyBytes),
        raw: req,
        context: undefined,
      });
      res.writeHead(init.status, init.statusText, init.headers);
      if (!body || typeof body === 'string') return void res.end(body);
      res.once('close', () => void body.return(undefined));
      for await (const chunk of body) {
        if (res.writableEnded || res.destroyed) break;
        res.write(chunk);
      }
      res.end();
    },
    attach(server, authorize) {
      useServer<Record<string, unknown>, { headers?: Record<string, string> }>(
        {
          schema: () => options.schema(),
          // Browsers cannot set headers on a WebSocket: the token comes in connectionParams.
          onConnect: async (ctx) => {
            const headers = {
              ...forwardedHeaders(ctx.extra.request.headers),
              ...forwardedHeaders(lowerKeys(ctx.connectionParams ?? {})),
            };
            ctx.extra.headers = headers;
            return authorize(headers);
          },
          context: (ctx): LiveContext => ({ headers: ctx.extra.headers ?? {} }),
          onSubscribe: (_ctx, _id, payload) => {
            const errors = checkDocument(options.schema(), payload.query);
            return errors.length ? errors : undefined;
          },
          execute: start,
          subscribe: start,
        },
        wss,
      );
      server.on('upgrade', (req, socket, head) => {
        if ((req.url ?? '').split('?')[0] !== '/graphql') return void socket.destroy();
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      });
    },
    get subscribers() {
      return hub.subscribers;
    },
    async stop() {
      for (const client of wss.clients) client.close(1001, 'gateway stopping');
      for (const controller of streams) controller.abort();
      await hub.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function lowerKeys(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
}

/** An SSE request (GraphQL over SSE), as opposed to a plain POST or a browser's page. */
export function wantsEventStream(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

/** A secret that marks the gateway's own re-queries (they skip the trusted-documents check). */
export const LIVE_SECRET = randomUUID();
export const LIVE_HEADER = 'x-cppcc-live';
