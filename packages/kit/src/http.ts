import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

/** Subgraphs read bodies up to this (the gateway's own limit is the MAX_BODY_BYTES setting). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`);
  }
}

const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/** The request body, read once: the gateway-proof check hashes it before GraphQL parses it. */
export function readBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  let body = bodies.get(req);
  if (!body) {
    body = readBodyOnce(req, maxBytes);
    bodies.set(req, body);
  }
  return body;
}

/**
 * What later readers of the body get instead of what the client sent: the gateway swaps a
 * trusted document's id for its text before the engine parses the request.
 */
export function replaceBody(req: IncomingMessage, text: string): void {
  bodies.set(req, Promise.resolve(text));
  req.headers['content-length'] = String(Buffer.byteLength(text));
}

async function readBodyOnce(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Listens on host:port, rejecting (instead of an unhandled 'error' event) when it cannot, with a
 * message an operator can act on.
 */
export async function listen(
  server: Server,
  port: number,
  host: string,
  setting = 'PORT',
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'is in use'
          : err.code === 'EACCES'
            ? 'needs privileges'
            : err.code === 'EADDRNOTAVAIL'
              ? 'is not an address of this machine'
              : err.message;
      reject(
        Object.assign(
          new Error(
            `cannot listen on ${host}:${port}: ${err.code === 'EADDRNOTAVAIL' ? `${host} ${why}` : `the port ${why}`} (set ${err.code === 'EADDRNOTAVAIL' ? 'HOST' : setting})`,
          ),
          { code: err.code },
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * The body, or null after answering 413 itself. The rest of an oversized body is read and
 * dropped (so the client gets the answer rather than a reset connection) and the
 * connection closed after it.
 */
export async function readBodyOrRefuse(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<string | null> {
  try {
    return await readBody(req, maxBytes);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    res.setHeader('connection', 'close');
    sendError(
      res,
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      `${err.message}; send at most ${maxBytes} bytes`,
    );
    req.on('error', () => undefined);
    req.resume();
    return null;
  }
}

/** Writes a GraphQL-shaped error response (for failures before GraphQL execution starts). */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
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
export function parseJsonBody(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: GraphQLError } {
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
  /** Largest body read (413 past it); default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

/** Reads and parses a POST body; null (after answering 413 or 400) when it is too large or not JSON. */
export async function readJsonRequest(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<{ body: unknown } | null> {
  if (req.method !== 'POST') return { body: undefined };
  const text = await readBodyOrRefuse(req, res, maxBodyBytes);
  if (text === null) return null;
  const parsed = parseJsonBody(text);
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
    const read = await readJsonRequest(req, res, options.maxBodyBytes);
    if (!read) return;
    body = read.body;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'GET',
      headers,
      search: new URL(req.url ?? '/', 'http://x').search,
      body,
    },
    context,
  });
  if (response.body.kind === 'complete' && options.beforeSend) {
    await options.beforeSend({
      status: response.status ?? 200,
      headers: [...response.headers],
      body: response.body.string,
    });
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
