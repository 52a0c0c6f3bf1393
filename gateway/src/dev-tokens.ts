import { SignJWT } from 'jose';
import type { Role, Settings } from '@cppcc/kit';

export interface DevTokenClaims {
  roles: Role[];
  district?: string | null;
  memberId?: string | null;
  unitId?: string | null;
  subject?: string;
  /** Seconds until it expires. */
  ttl?: number;
}

/**
 * An HS256 token signed with JWT_SECRET, for development and tests only: production refuses
 * to make one unless ALLOW_DEMO_TOKENS=true. Carries the configured issuer and audience.
 */
export async function signDevToken(settings: Settings, claims: DevTokenClaims): Promise<string> {
  if (!settings.allowDemoTokens)
    throw new Error(
      'development tokens are off in production (ALLOW_DEMO_TOKENS=true turns them on)',
    );
  const subject =
    claims.subject ??
    `dev:${claims.roles.join('+') || 'user'}:${claims.district ?? '-'}:${claims.memberId ?? '-'}`;
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({
    roles: claims.roles,
    district: claims.district ?? undefined,
    memberId: claims.memberId ?? undefined,
    unitId: claims.unitId ?? undefined,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.ttl ?? Math.min(12 * 3600, settings.tokenMaxLifetimeSeconds)));
  if (settings.jwtIssuer) jwt = jwt.setIssuer(settings.jwtIssuer);
  if (settings.jwtAudience) jwt = jwt.setAudience(settings.jwtAudience);
  return jwt.sign(new TextEncoder().encode(settings.jwtSecret));
}
