import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, appError, ErrorCode, ROLES, type Caller, type Role, type Settings } from '@cppcc/kit';
import type { GraphQLError } from 'graphql';

/** Claims a CPPCC Graph token carries besides `sub`. */
export interface CppccClaims extends JWTPayload {
  roles?: string[];
  district?: string;
  memberId?: string | number;
  unitId?: string | number;
}

export type TokenResult = { ok: true; caller: Omit<Caller, 'districts'> } | { ok: false; error: GraphQLError };

/**
 * Reads the bearer token: HS256 with a shared secret in development, keys from a JWKS URL in
 * production. No token means an anonymous caller; a bad one is refused, never downgraded.
 */
export function createTokenReader(settings: Settings) {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(settings.jwtSecret);
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];

  return async function readToken(authorization: string | undefined): Promise<TokenResult> {
    if (!authorization) return { ok: true, caller: ANONYMOUS };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { ok: false, error: appError(ErrorCode.UNAUTHENTICATED, 'Authorization header must be "Bearer <token>"') };
    try {
      const { payload } = await jwtVerify<CppccClaims>(match[1], key as any, {
        algorithms,
        issuer: settings.jwtIssuer,
        audience: settings.jwtAudience,
      });
      const roles = (payload.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      if (!payload.sub) return { ok: false, error: appError(ErrorCode.UNAUTHENTICATED, 'token has no subject') };
      return {
        ok: true,
        caller: {
          userId: payload.sub,
          memberId: payload.memberId != null ? String(payload.memberId) : null,
          unitId: payload.unitId != null ? String(payload.unitId) : null,
          district: payload.district ?? null,
          roles,
        },
      };
    } catch (err) {
      const reason = err instanceof errors.JWTExpired ? 'token has expired' : 'token is not valid';
      return { ok: false, error: appError(ErrorCode.UNAUTHENTICATED, reason) };
    }
  };
}
