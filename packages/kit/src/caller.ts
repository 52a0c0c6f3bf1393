import { createHmac, timingSafeEqual } from 'node:crypto';

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

export const ANONYMOUS: Caller = Object.freeze({ userId: null, memberId: null, district: null, roles: [], districts: [] }) as Caller;

export const CALLER_HEADER = 'x-cppcc-caller';
export const PROOF_HEADER = 'x-cppcc-proof';
const PROOF_TTL_MS = 60_000;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Headers the gateway adds to every subgraph call: the caller and an HMAC over it. */
export function signCaller(caller: Caller, secret: string, now = Date.now()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(caller)).toString('base64url');
  const expires = String(now + PROOF_TTL_MS);
  return { [CALLER_HEADER]: encoded, [PROOF_HEADER]: `${expires}.${mac(secret, `${encoded}.${expires}`)}` };
}

export type ProofResult = { ok: true; caller: Caller } | { ok: false; reason: string };

/** Subgraph side: accept the caller only when the gateway's proof holds. */
export function verifyCaller(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  now = Date.now(),
): ProofResult {
  const encoded = headers[CALLER_HEADER];
  const proof = headers[PROOF_HEADER];
  if (typeof encoded !== 'string' || typeof proof !== 'string') return { ok: false, reason: 'missing gateway proof' };
  const [expires, signature] = proof.split('.', 2);
  if (!expires || !signature) return { ok: false, reason: 'malformed gateway proof' };
  const expected = Buffer.from(mac(secret, `${encoded}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad gateway proof' };
  if (Number(expires) < now) return { ok: false, reason: 'expired gateway proof' };
  try {
    return { ok: true, caller: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Caller };
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
