import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import {
  memoryNonceStore,
  PROOF_HEADER,
  seesDistrictRows,
  verifyCaller,
  type Caller,
  type NonceStore,
} from './caller.js';
import type { Settings } from './config.js';
import { systemEm, type Orm } from './db.js';
import { DistrictRefSchema } from './districts.js';
import { ErrorCode } from './errors.js';
import { readBody } from './http.js';
import { moduleLogger } from './log.js';
import { createTokenReader } from './token.js';
import { connectRedis, resilientRedisClient } from './bus/redis.js';
import { traceRedis } from './tracing.js';

/** The header a stock router inserts (by configuration) to show a call came through it. */
export const ROUTER_SECRET_HEADER = 'x-cppcc-router-secret';
/** An anonymous client names the district whose view (plugins) it wants; stock routers pass it on. */
export const SITE_HEADER = 'x-cppcc-district';

export type TrustResult =
  | { ok: true; caller: Caller; via: 'gateway' | 'router' }
  | { ok: false; status: number; code: string; reason: string };

export interface CallTrust {
  /** Decides who is calling this subgraph, or why the call is refused. Reads (and keeps) the body. */
  check(req: IncomingMessage): Promise<TrustResult>;
  close(): Promise<void>;
}

/**
 * Nonces in Redis (shared by every replica of the subgraph): SET NX PX, so the first use wins.
 * While Redis is away the nonces are kept in this process instead (a proof lives 30 s, so a
 * replay is then caught by the replica that saw it), so that calls are still served.
 */
async function redisNonceStore(url: string): Promise<NonceStore> {
  const log = moduleLogger('call-trust');
  const client = resilientRedisClient(url, 'gateway-proof nonces', log);
  await connectRedis(client);
  const local = memoryNonceStore();
  return {
    async remember(key, ttlMs) {
      if (!client.isReady) return local.remember(key, ttlMs);
      try {
        const set = await traceRedis('SET', () =>
          client.set(`cppcc:nonce:${key}`, '1', {
            condition: 'NX',
            expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
          }),
        );
        return set === 'OK';
      } catch {
        return local.remember(key, ttlMs);
      }
    },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * How a subgraph trusts a call. Two ways in:
 *  (a) our gateway's proof: an HMAC binding the caller to this exact request (audience = this
 *      subgraph's name, method, path, body hash), short-lived, its nonce used once;
 *  (b) a stock router (ROUTER_SECRET set): the router's shared secret header, and the client's
 *      own bearer token, verified here with the gateway's rules; the districts the caller may
 *      see come from this subgraph's replica of the district tree. No body binding or replay
 *      protection on this path — the network must keep others off it (mTLS, NetworkPolicy).
 */
export async function createCallTrust(
  settings: Settings,
  audience: string,
  orm: Orm,
): Promise<CallTrust> {
  const nonces = settings.redisUrl ? await redisNonceStore(settings.redisUrl) : memoryNonceStore();
  const readToken = createTokenReader(settings);
  const log = moduleLogger(audience);
  let tree: { at: number; parents: Map<string, string | null> } | null = null;

  async function districtTree(): Promise<Map<string, string | null>> {
    // The replica changes only when a district is registered; a few seconds of staleness is fine.
    if (tree && Date.now() - tree.at < 5_000) return tree.parents;
    const rows = await systemEm(orm).find(DistrictRefSchema, {}, { filters: false });
    tree = { at: Date.now(), parents: new Map(rows.map((r) => [r.code, r.parentCode ?? null])) };
    return tree.parents;
  }

  async function viaRouter(req: IncomingMessage): Promise<TrustResult> {
    const token = await readToken(
      typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
    );
    if (!token.ok)
      return {
        ok: false,
        status: 401,
        code: String(token.error.extensions.code),
        reason: token.error.message,
      };
    const base = token.caller;
    const parents = await districtTree();
    if (base.district && !parents.has(base.district)) {
      return {
        ok: false,
        status: 403,
        code: ErrorCode.UNKNOWN_DISTRICT,
        reason: `token names district ${base.district}, which does not exist`,
      };
    }
    const districts: string[] = [];
    if (base.district && seesDistrictRows(base.roles)) {
      districts.push(base.district);
      for (let i = 0; i < districts.length; i++)
        for (const [child, parent] of parents) if (parent === districts[i]) districts.push(child);
    }
    // The same rule as our gateway's for whose plugins the request sees (gateway.ts identify).
    const named = req.headers[SITE_HEADER];
    let site = base.district;
    if (typeof named === 'string' && named && named !== site) {
      if (!parents.has(named))
        return {
          ok: false,
          status: 400,
          code: ErrorCode.UNKNOWN_DISTRICT,
          reason: `${SITE_HEADER} names district ${named}, which does not exist`,
        };
      if (districts.length > 0 && !districts.includes(named)) {
        return {
          ok: false,
          status: 403,
          code: ErrorCode.CROSS_DISTRICT,
          reason: `${SITE_HEADER} names district ${named}, which you do not work for`,
        };
      }
      site = named;
    }
    site ??= [...parents].find(([, parent]) => parent === null)?.[0] ?? null;
    return { ok: true, via: 'router', caller: { ...base, site, districts } };
  }

  return {
    async check(req) {
      const routerSecret = req.headers[ROUTER_SECRET_HEADER];
      if (
        req.headers[PROOF_HEADER] === undefined &&
        settings.routerSecret &&
        typeof routerSecret === 'string'
      ) {
        if (!sameSecret(routerSecret, settings.routerSecret))
          return {
            ok: false,
            status: 401,
            code: ErrorCode.GATEWAY_PROOF_REQUIRED,
            reason: 'bad router secret',
          };
        return viaRouter(req);
      }
      let body = '';
      try {
        if (req.method !== 'GET' && req.method !== 'HEAD') body = await readBody(req);
      } catch (err) {
        if ((err as { status?: number }).status === 413)
          return {
            ok: false,
            status: 413,
            code: ErrorCode.BAD_REQUEST,
            reason: 'request body too large',
          };
        throw err;
      }
      const target = { audience, method: req.method ?? 'GET', path: req.url ?? '/', body };
      let proof: Awaited<ReturnType<typeof verifyCaller>>;
      try {
        proof = await verifyCaller(req.headers, settings.gatewaySecret, target, nonces);
      } catch (err) {
        // The nonce store (Redis) is down: without it a replay cannot be told apart, so refuse.
        log.error({ err }, 'gateway proof could not be checked');
        return {
          ok: false,
          status: 503,
          code: ErrorCode.PROOF_UNVERIFIABLE,
          reason: 'the gateway proof cannot be checked right now; try again shortly',
        };
      }
      if (!proof.ok)
        return {
          ok: false,
          status: 401,
          code: ErrorCode.GATEWAY_PROOF_REQUIRED,
          reason: proof.reason,
        };
      return { ok: true, via: 'gateway', caller: proof.caller };
    },
    close: () => nonces.close(),
  };
}
