import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * Runs one HTTP request through an Apollo Server (subgraph or gateway engine): body parsing,
 * a plain 400 for a body that is not JSON, and the response streamed back.
 */
export async function serveApollo<C extends object>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<C>,
): Promise<void> {
  let body: unknown;
  if (req.method === 'POST') {
    const parsed = parseJsonBody(await readBody(req));
    if (!parsed.ok) return sendError(res, 400, ErrorCode.BAD_REQUEST, parsed.error.message);
    body = parsed.value;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: new URL(req.url ?? '/', 'http://x').search, body },
    context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
