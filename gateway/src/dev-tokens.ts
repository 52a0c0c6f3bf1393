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

/** An HS256 token signed with JWT_SECRET, for development and tests only. */
export async function signDevToken(settings: Settings, claims: DevTokenClaims): Promise<string> {
  const subject = claims.subject ?? `dev:${claims.roles.join('+') || 'user'}:${claims.district ?? '-'}:${claims.memberId ?? '-'}`;
  return new SignJWT({ roles: claims.roles, district: claims.district ?? undefined, memberId: claims.memberId ?? undefined, unitId: claims.unitId ?? undefined })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.ttl ?? 12 * 3600))
    .sign(new TextEncoder().encode(settings.jwtSecret));
}
