import type { IncomingMessage } from 'node:http';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { getOperationAST, GraphQLError, type DocumentNode } from 'graphql';
import { ErrorCode, resilientRedisClient, type Logger } from '@cppcc/kit';
import { callerFromHeader } from './engines/gating.js';
import { rootFieldCount } from './engines/limits.js';

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
export function clientAddress(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  trustProxy: boolean,
): string {
  const forwarded = req.headers['x-forwarded-for'];
  const hops =
    typeof forwarded === 'string'
      ? forwarded
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean)
      : [];
  return (trustProxy && hops.at(-1)) || req.socket.remoteAddress || 'unknown';
}

/** Mutation fields a minute: anonymous callers per address, signed-in ones per user by their roles. */
export interface WriteBudgets {
  anonymous: number;
  signedIn: number;
  byRole: Record<string, number>;
}

export type Admission =
  | { ok: true }
  | { ok: false; retryAfterSeconds: number }
  | { ok: false; unavailable: true };

/** Counts mutation fields per key in one-minute windows; 0 points of budget means no limit. */
export interface WriteLimiter {
  readonly budgets: WriteBudgets;
  take(key: string, points: number, budget: number): Promise<Admission>;
  close(): Promise<void>;
}

const WINDOW_SECONDS = 60;

function limiterSet(make: (points: number) => RateLimiterAbstract) {
  // rate-limiter-flexible budgets per instance; one per distinct budget (a handful: anonymous and each role's).
  const byBudget = new Map<number, RateLimiterAbstract>();
  return (budget: number) => {
    let limiter = byBudget.get(budget);
    if (!limiter) {
      limiter = make(budget);
      byBudget.set(budget, limiter);
    }
    return limiter;
  };
}

async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  points: number,
): Promise<Admission> {
  try {
    await limiter.consume(key, points);
    return { ok: true };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    // The store failed and no insurance was configured (WRITE_LIMIT_ON_REDIS_FAILURE=closed).
    return { ok: false, unavailable: true };
  }
}

/** One gateway process (the embedded platform): counts in memory. */
export function memoryWriteLimiter(budgets: WriteBudgets): WriteLimiter {
  const limiter = limiterSet(
    (points) =>
      new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: `writes:${points}` }),
  );
  return {
    budgets,
    take: (key, points, budget) => consume(limiter(budget), key, points),
    async close() {},
  };
}

/**
 * Every gateway replica sharing one Redis shares one budget per caller. The client never
 * queues commands while disconnected (a write is answered at once, not held), reconnects with
 * backoff, and its errors are logged, never thrown: losing Redis must not end the gateway.
 * Meanwhile `onFailure` decides: `open` counts in this process (rate-limiter-flexible's
 * insurance limiter), `closed` refuses budgeted writes.
 */
export function redisWriteLimiter(
  url: string,
  budgets: WriteBudgets,
  onFailure: 'open' | 'closed',
  log: Logger,
  prefix = 'cppcc:writes',
): WriteLimiter {
  const client = resilientRedisClient(url, `write limiter (on failure: ${onFailure})`, log);
  // Not awaited: a gateway starts (and serves) while Redis is still away.
  client.connect().catch(() => undefined);
  const limiter = limiterSet(
    (points) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${prefix}:${points}`,
        points,
        duration: WINDOW_SECONDS,
        insuranceLimiter:
          onFailure === 'open'
            ? new RateLimiterMemory({ points, duration: WINDOW_SECONDS })
            : undefined,
      }),
  );
  return {
    budgets,
    take: (key, points, budget) => consume(limiter(budget), key, points),
    async close() {
      client.destroy();
    },
  };
}

/** The budget of a caller: anonymous, or the largest of their roles' (a role not listed has the signed-in default). */
export function budgetOf(
  budgets: WriteBudgets,
  caller: { userId: string | null; roles?: readonly string[] } | null,
): number {
  if (!caller?.userId) return budgets.anonymous;
  const perRole = (caller.roles ?? []).map((r) => budgets.byRole[r] ?? budgets.signedIn);
  return perRole.length ? Math.max(...perRole) : budgets.signedIn;
}

/**
 * Every mutation field — aliased ones too — spends one unit of the caller's budget for the
 * minute: an anonymous caller's per client address, a signed-in one's per user.
 */
export async function admitWrite(
  limiter: WriteLimiter | null,
  document: DocumentNode,
  operationName: string | null | undefined,
  callerHeader: string | null | undefined,
  client: string | null | undefined,
): Promise<GraphQLError | null> {
  if (!limiter) return null;
  if (getOperationAST(document, operationName ?? undefined)?.operation !== 'mutation') return null;
  const caller = callerFromHeader(callerHeader);
  const budget = budgetOf(limiter.budgets, caller);
  if (budget === 0) return null;
  const points = Math.max(1, rootFieldCount(document, operationName));
  const key = caller?.userId ? `user:${caller.userId}` : `addr:${client || 'unknown'}`;
  const admission = await limiter.take(key, points, budget);
  if (admission.ok) return null;
  if ('unavailable' in admission) {
    return new GraphQLError(
      'writes are paused: the write budget cannot be checked right now; try again shortly',
      {
        extensions: { code: ErrorCode.WRITE_LIMIT_UNAVAILABLE, retryAfterSeconds: 5 },
      },
    );
  }
  const who = caller?.userId ? 'you' : 'this address';
  return new GraphQLError(
    `too many writes from ${who}: at most ${budget} mutation fields a minute (this operation has ${points}); try again in ${admission.retryAfterSeconds} s${caller?.userId ? '' : ', or sign in'}`,
    {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        retryAfterSeconds: admission.retryAfterSeconds,
        limit: budget,
      },
    },
  );
}
