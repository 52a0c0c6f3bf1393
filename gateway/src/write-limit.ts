import type { IncomingMessage } from 'node:http';
import { createClient, type RedisClientType } from 'redis';
import { getOperationAST, GraphQLError, type DocumentNode } from 'graphql';
import { ErrorCode } from '@cppcc/kit';
import { callerFromHeader } from './engines/gating.js';

/**
 * The client address the gateway sets on each request for the engines (never forwarded to
 * subgraphs; whatever a client sent in it is dropped first).
 */
export const CLIENT_HEADER = 'x-cppcc-client';

/**
 * The address a request came from. Behind a trusted reverse proxy, the last X-Forwarded-For hop:
 * the one the proxy itself appended (earlier hops are whatever the client sent). Else the
 * connection's peer.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const hops = typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()).filter(Boolean) : [];
  return (trustProxy && hops.at(-1)) || req.socket.remoteAddress || 'unknown';
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts a client's writes in fixed one-minute windows. */
export interface WriteLimiter {
  readonly perMinute: number;
  take(client: string): Promise<Admission>;
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;

function windowOf(now: number): { window: number; retryAfterSeconds: number } {
  const window = Math.floor(now / WINDOW_MS);
  return { window, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)) };
}

/** One gateway process (the embedded platform): a map of this minute's counts. */
export function memoryWriteLimiter(perMinute: number, now: () => number = Date.now): WriteLimiter {
  let current = -1;
  const counts = new Map<string, number>();
  return {
    perMinute,
    async take(client) {
      const { window, retryAfterSeconds } = windowOf(now());
      if (window !== current) {
        current = window;
        counts.clear();
      }
      const used = (counts.get(client) ?? 0) + 1;
      counts.set(client, used);
      return used <= perMinute ? { ok: true } : { ok: false, retryAfterSeconds };
    },
    async close() {},
  };
}

/** Every gateway instance sharing one Redis shares one budget per client. */
export async function redisWriteLimiter(url: string, perMinute: number, prefix = 'cppcc:writes'): Promise<WriteLimiter> {
  const client = createClient({ url }) as RedisClientType;
  await client.connect();
  return {
    perMinute,
    async take(address) {
      const { window, retryAfterSeconds } = windowOf(Date.now());
      const key = `${prefix}:${window}:${address}`;
      const [used] = (await client.multi().incr(key).pExpire(key, WINDOW_MS * 2).exec()) as unknown as [number];
      return Number(used) <= perMinute ? { ok: true } : { ok: false, retryAfterSeconds };
    },
    async close() {
      await client.quit();
    },
  };
}

/**
 * Anonymous writes — answers to a public questionnaire, say — are the only ones anyone can send
 * without an account, so they are the ones budgeted, per client address. Reads and signed-in
 * callers pass (their tokens already name who is answerable).
 */
export async function admitWrite(limiter: WriteLimiter | null, document: DocumentNode, operationName: string | null | undefined, callerHeader: string | null | undefined, client: string | null | undefined): Promise<GraphQLError | null> {
  if (!limiter) return null;
  if (getOperationAST(document, operationName ?? undefined)?.operation !== 'mutation') return null;
  if (callerFromHeader(callerHeader)?.userId) return null;
  const admission = await limiter.take(client || 'unknown');
  if (admission.ok) return null;
  return new GraphQLError(`too many anonymous writes from this address: at most ${limiter.perMinute} a minute; try again in ${admission.retryAfterSeconds} s, or sign in`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: admission.retryAfterSeconds, limit: limiter.perMinute },
  });
}
