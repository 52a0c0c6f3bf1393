import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

const MAX_BODY = 5 * 1024 * 1024;

const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/** The request body, read once: the gateway-proof check hashes it before GraphQL parses it. */
export function readBody(req: IncomingMessage): Promise<string> {
  let body = bodies.get(req);
  if (!body) bodies.set(req, (body = readBodyOnce(req)));
  return body;
}

async function readBodyOnce(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Listens on host:port, rejecting (instead of an unhandled 'error' event) when it cannot, with a
 * message an operator can act on.
 */
export async function listen(server: Server, port: number, host: string, setting = 'PORT'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is in use' : err.code === 'EACCES' ? 'needs privileges' : err.code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : err.message;
      reject(Object.assign(new Error(`cannot listen on ${host}:${port}: ${err.code === 'EADDRNOTAVAIL' ? `${host} ${why}` : `the port ${why}`} (set ${err.code === 'EADDRNOTAVAIL' ? 'HOST' : setting})`), { code: err.code }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Writes a GraphQL-shaped error response (for failures before GraphQL execution starts). */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Parses a JSON request body; a body that is not JSON is the client's error, said plainly. */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; error: GraphQLError } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return {
      ok: false,
      error: new GraphQLError(`request body is not valid JSON: ${(err as Error).message}`, {
        extensions: { code: ErrorCode.BAD_REQUEST },
      }),
    };
  }
}

/** A complete answer, as a hook sees it before it is sent. */
export interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface ServeOptions {
  /** The request body, when the caller already read and parsed it. */
  body?: unknown;
  /** Runs once the answer is complete and before any of it is sent (an idempotent write commits here). */
  beforeSend?: (answer: Answer) => Promise<void>;
}

/** Reads and parses a POST body; null (after answering 400) when it is not JSON. */
export async function readJsonRequest(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown } | null> {
  if (req.method !== 'POST') return { body: undefined };
  const parsed = parseJsonBody(await readBody(req));
  if (parsed.ok) return { body: parsed.value };
  sendError(res, 400, ErrorCode.BAD_REQUEST, parsed.error.message);
  return null;
}

/**
 * Runs one HTTP request through an Apollo Server (subgraph or gateway engine): body parsing,
 * a plain 400 for a body that is not JSON, and the response streamed back.
 */
export async function serveApollo<C extends object>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<C>,
  options: ServeOptions = {},
): Promise<void> {
  let body = options.body;
  if (!('body' in options)) {
    const read = await readJsonRequest(req, res);
    if (!read) return;
    body = read.body;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: new URL(req.url ?? '/', 'http://x').search, body },
    context,
  });
  if (response.body.kind === 'complete' && options.beforeSend) {
    await options.beforeSend({ status: response.status ?? 200, headers: [...response.headers], body: response.body.string });
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
