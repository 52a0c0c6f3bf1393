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

export type TokenResult =
  | { ok: true; caller: Omit<Caller, 'districts'> }
  | { ok: false; error: GraphQLError };

/** How far a token's `iat` may lie ahead of this clock (clocks of issuers drift a little). */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

function refuse(reason: string): TokenResult {
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

  return async function readToken(
    authorization: string | undefined,
    now = Date.now(),
  ): Promise<TokenResult> {
    if (!authorization) return { ok: true, caller: ANONYMOUS };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return refuse('Authorization header must be "Bearer <token>"');
    let payload: CppccClaims;
    try {
      ({ payload } = await jwtVerify<CppccClaims>(match[1], key as Uint8Array, {
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
    return { ok: true, caller: { userId: payload.sub, memberId, unitId, district, roles } };
  };
}
