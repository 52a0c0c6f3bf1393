import { createHash, createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';

export const ROLES = ['member', 'staff', 'operator', 'leader', 'unit', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as the gateway established it from the bearer token. */
export interface Caller {
  /** Token subject; null for an anonymous caller. */
  userId: string | null;
  /** The member this user is, if any. */
  memberId: string | null;
  /**
   * The government unit (承办单位, department) this user works for, for callers with the
   * `unit` role: handling units reply to proposals and departments report on their tasks.
   */
  unitId?: string | null;
  /**
   * The district whose view of the graph this request uses: which plugins it has enabled and
   * with which settings. The caller's own district, or for an anonymous caller the district
   * the client names (header x-cppcc-district), or the city.
   */
  site?: string | null;
  /** Home district code of the caller. */
  district: string | null;
  roles: Role[];
  /**
   * Districts whose non-public rows this caller may read: the home district and, for
   * city staff, every district below it. Computed once by the gateway from the district
   * tree so that subgraphs need not know the tree.
   */
  districts: string[];
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  memberId: null,
  district: null,
  roles: [],
  districts: [],
}) as Caller;

export const CALLER_HEADER = 'x-cppcc-caller';
export const PROOF_HEADER = 'x-cppcc-proof';
/**
 * How long a gateway proof is good for. Short, because a subgraph remembers every nonce for
 * this long to refuse replays; the gateway signs each subgraph fetch as it goes out, so a long
 * request still sends fresh proofs.
 */
export const PROOF_TTL_MS = 30_000;
/** Allowed difference between the gateway's clock and a subgraph's. */
export const PROOF_CLOCK_SKEW_MS = 5_000;
const PROOF_VERSION = 'v2';

/** What one subgraph request a proof is good for: the subgraph (its name), the method, the path and the exact body. */
export interface ProofTarget {
  /** The subgraph's name in the supergraph (its join__graph name). */
  audience: string;
  method: string;
  /** Path and query string of the request, e.g. `/graphql`. */
  path: string;
  /** The request body exactly as sent ('' for none). */
  body: string | Uint8Array;
}

export function encodeCaller(caller: Caller): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

function sha256(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

function mac(
  secret: string,
  encodedCaller: string,
  target: ProofTarget,
  expires: string,
  nonce: string,
): string {
  const payload = [
    PROOF_VERSION,
    target.audience,
    target.method.toUpperCase(),
    target.path,
    sha256(target.body),
    encodedCaller,
    expires,
    nonce,
  ].join('\n');
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * 18 random bytes for a proof's nonce, cut from a pool filled from the CSPRNG a few KB at a
 * time: the gateway signs every subgraph call, and asking the CSPRNG for each was a measurable
 * part of that. Each nonce's bytes are used once.
 */
const NONCE_BYTES = 18;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceAt = noncePool.length;
function nonceBytes(): Buffer {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    randomFillSync(noncePool);
    nonceAt = 0;
  }
  nonceAt += NONCE_BYTES;
  return noncePool.subarray(nonceAt - NONCE_BYTES, nonceAt);
}

/**
 * The proof header for one subgraph request by the caller encoded as `encodedCaller`:
 * `v2.<expires ms>.<nonce>.<HMAC>`, the HMAC over the audience, method, path, SHA-256 of
 * the body, the caller, the expiry and the nonce.
 */
export function proveRequest(
  encodedCaller: string,
  secret: string,
  target: ProofTarget,
  now = Date.now(),
): string {
  const expires = String(now + PROOF_TTL_MS);
  const nonce = nonceBytes().toString('base64url');
  return `${PROOF_VERSION}.${expires}.${nonce}.${mac(secret, encodedCaller, target, expires, nonce)}`;
}

/** Both headers for one subgraph request: the caller and the proof binding it to this request. */
export function signCaller(
  caller: Caller,
  secret: string,
  target: ProofTarget,
  now = Date.now(),
): Record<string, string> {
  const encoded = encodeCaller(caller);
  return { [CALLER_HEADER]: encoded, [PROOF_HEADER]: proveRequest(encoded, secret, target, now) };
}

/**
 * Remembers the nonces of proofs already accepted, each until its proof expires: true the
 * first time a nonce is seen, false for a replay.
 */
export interface NonceStore {
  remember(key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * In-process nonce memory (one subgraph process; with several replicas use Redis, or a proof
 * could be replayed once against each replica). Bounded: past `max` live entries the oldest go
 * first, which a flood of accepted proofs — only the gateway can make them — would need.
 */
export function memoryNonceStore(max = 200_000): NonceStore {
  const seen = new Map<string, number>();
  return {
    async remember(key, ttlMs) {
      const now = Date.now();
      const until = seen.get(key);
      if (until !== undefined && until > now) return false;
      if (seen.size >= max) {
        for (const [k, expiry] of seen) {
          if (seen.size < max && expiry > now) break;
          seen.delete(k);
        }
      }
      seen.set(key, now + ttlMs);
      return true;
    },
    async close() {
      seen.clear();
    },
  };
}

export type ProofResult = { ok: true; caller: Caller } | { ok: false; reason: string };

const EXPIRES = /^[0-9]{1,15}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Subgraph side: accept the caller only when the gateway's proof holds for exactly this
 * request (audience, method, path, body), has not expired, and was not seen before.
 */
export async function verifyCaller(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  target: ProofTarget,
  nonces: NonceStore,
  now = Date.now(),
): Promise<ProofResult> {
  const encoded = headers[CALLER_HEADER];
  const proof = headers[PROOF_HEADER];
  if (typeof encoded !== 'string' || typeof proof !== 'string')
    return { ok: false, reason: 'missing gateway proof' };
  const parts = proof.split('.');
  if (parts.length !== 4 || parts[0] !== PROOF_VERSION)
    return { ok: false, reason: 'malformed gateway proof' };
  const [, expires, nonce, signature] = parts;
  // Strict: whole milliseconds only, so NaN, Infinity, 1e99 or " 1" never reach the comparison.
  if (!EXPIRES.test(expires) || !NONCE.test(nonce))
    return { ok: false, reason: 'malformed gateway proof' };
  const expected = Buffer.from(mac(secret, encoded, target, expires, nonce));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad gateway proof' };
  const expiresAt = Number(expires);
  if (expiresAt < now) return { ok: false, reason: 'expired gateway proof' };
  // A proof living longer than the nonce memory could be replayed after its nonce is forgotten.
  if (expiresAt > now + PROOF_TTL_MS + PROOF_CLOCK_SKEW_MS)
    return { ok: false, reason: 'gateway proof expires too late' };
  if (
    !(await nonces.remember(`${target.audience}:${nonce}`, expiresAt - now + PROOF_CLOCK_SKEW_MS))
  ) {
    return { ok: false, reason: 'replayed gateway proof' };
  }
  try {
    return {
      ok: true,
      caller: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Caller,
    };
  } catch {
    return { ok: false, reason: 'malformed caller' };
  }
}

/**
 * Roles that work for a committee body and so see their district's non-public rows (and, in
 * the city, those of the districts below). A plain member sees public rows and their own.
 */
export const DISTRICT_ROLES: readonly Role[] = ['staff', 'leader', 'operator', 'unit', 'admin'];

export function seesDistrictRows(roles: readonly Role[]): boolean {
  return roles.some((r) => DISTRICT_ROLES.includes(r));
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.roles.includes('admin') || roles.some((r) => caller.roles.includes(r));
}

/** May this caller see the non-public rows of `district`? */
export function canSeeDistrict(caller: Caller, district: string): boolean {
  return caller.districts.includes(district);
}

/** May this caller write rows of `district`? Staff of that district or of a district above it. */
export function canWriteDistrict(caller: Caller, district: string): boolean {
  return hasRole(caller, 'staff', 'admin') && caller.districts.includes(district);
}
