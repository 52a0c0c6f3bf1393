import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { GraphQLError } from 'graphql';
import { ANONYMOUS, ROLES, type Caller, type Role } from './caller.js';
import type { Settings } from './config.js';
import { appError, ErrorCode } from './errors.js';

/** Claims a CPPCC Graph token carries besides `sub`. */
export interface CppccClaims extends JWTPayload {
  roles?: string[];
  district?: string;
  memberId?: string | number;
  unitId?: string | number;
}

type TokenCaller = Omit<Caller, 'districts'>;

export type TokenResult = { ok: true; caller: TokenCaller } | { ok: false; error: GraphQLError };

/** How long an accepted token is believed without verifying it again (never past its `exp`). */
export const VERIFIED_TOKEN_MS = 60_000;
/** Accepted tokens remembered at once; past this the oldest is forgotten. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** How far a token's `iat` may lie ahead of this clock (clocks of issuers drift a little). */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

function refuse(reason: string): { ok: false; error: GraphQLError } {
  return { ok: false, error: appError(ErrorCode.UNAUTHENTICATED, reason) };
}

/**
 * Reads the bearer token: HS256 with a shared secret in development, keys from a JWKS URL in
 * production. No token means an anonymous caller; a bad one is refused, never downgraded.
 * Used by our gateway, and by every subgraph for calls that come through a stock router.
 *
 * A token must expire (`exp`, at most `tokenMaxLifetimeSeconds` after `iat`), must not be
 * issued in the future, and names the issuer and audience configured (production requires both
 * settings). A unit token must name its unit.
 */
export function createTokenReader(settings: Settings) {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(settings.jwtSecret);
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];
  // A client sends its token with every request; verifying it (WebCrypto, the key imported
  // each time) was the gateway's largest own cost per request. The same bytes verify the same
  // way, so an accepted token is believed again until it expires — at most VERIFIED_TOKEN_MS,
  // which bounds how long a key withdrawn from the JWKS keeps working. Refusals are not kept.
  const verified = new Map<string, { caller: TokenCaller; exp: number; at: number }>();

  return async function readToken(
    authorization: string | undefined,
    now = Date.now(),
  ): Promise<TokenResult> {
    if (!authorization) return { ok: true, caller: ANONYMOUS };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return refuse('Authorization header must be "Bearer <token>"');
    const known = verified.get(match[1]);
    if (known && now >= known.at && now < known.at + VERIFIED_TOKEN_MS && now < known.exp)
      return { ok: true, caller: known.caller };
    if (known) verified.delete(match[1]);
    const result = await verify(match[1], now);
    if (result.ok) {
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
      verified.set(match[1], { ...result, at: now });
      return { ok: true, caller: result.caller };
    }
    return result;
  };

  async function verify(
    token: string,
    now: number,
  ): Promise<{ ok: true; caller: TokenCaller; exp: number } | { ok: false; error: GraphQLError }> {
    let payload: CppccClaims;
    try {
      ({ payload } = await jwtVerify<CppccClaims>(token, key as Uint8Array, {
        algorithms,
        issuer: settings.jwtIssuer,
        audience: settings.jwtAudience,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(now),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) return refuse('token has expired');
      if (err instanceof errors.JWTClaimValidationFailed)
        return refuse(
          `token is not valid: ${err.claim} ${err.reason === 'missing' ? 'is missing' : 'does not match'}`,
        );
      return refuse('token is not valid');
    }
    const nowSeconds = Math.floor(now / 1000);
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
    if (issuedAt > nowSeconds + TOKEN_CLOCK_SKEW_SECONDS)
      return refuse('token is not valid: iat is in the future');
    if ((payload.exp as number) - issuedAt > settings.tokenMaxLifetimeSeconds) {
      return refuse(
        `token is not valid: it lives longer than ${settings.tokenMaxLifetimeSeconds} s (exp - iat)`,
      );
    }
    if (!payload.sub) return refuse('token has no subject');
    if (payload.roles !== undefined && !Array.isArray(payload.roles))
      return refuse('token is not valid: roles must be a list');
    const roles = (payload.roles ?? []).filter((r): r is Role =>
      (ROLES as readonly string[]).includes(r),
    );
    const district =
      typeof payload.district === 'string' && payload.district ? payload.district : null;
    const memberId =
      payload.memberId != null && payload.memberId !== '' ? String(payload.memberId) : null;
    const unitId = payload.unitId != null && payload.unitId !== '' ? String(payload.unitId) : null;
    if (roles.includes('unit') && !unitId)
      return refuse('token is not valid: a unit token must name its unit (unitId)');
    // Frozen: the same object answers every later request with this token.
    const caller: TokenCaller = Object.freeze({
      userId: payload.sub,
      memberId,
      unitId,
      district,
      roles: Object.freeze(roles) as Role[],
    });
    return { ok: true, caller, exp: (payload.exp as number) * 1000 };
  }
}
